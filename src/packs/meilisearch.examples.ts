// Evidence for the rules in ./meilisearch.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'meilisearch/http': {
    catches: [
      'curl -X DELETE http://localhost:7700/indexes/movies -H "Authorization: Bearer $MEILI_MASTER_KEY"',
      'curl -X DELETE \'https://ms-abc123.meilisearch.io/indexes/products/documents\' -H "Authorization: Bearer $KEY"',
      "curl -X POST http://127.0.0.1:7700/indexes/movies/documents/delete-batch -H 'Content-Type: application/json' --data-binary '[23488, 153738]'",
      'curl -X POST http://meili.internal/indexes/movies/documents/delete --data-binary \'{"filter":"genres = action"}\'',
      'http DELETE :7700/indexes/movies/documents/25684',
      'curl -X DELETE http://localhost:7700/keys/6062abda-a5aa-4414-ac91-ecd7944c0f8d -H "Authorization: Bearer $MEILI_MASTER_KEY"',
    ],
    passes: [
      'curl http://localhost:7700/indexes',
      'curl -X POST http://localhost:7700/indexes/movies/search --data-binary \'{"q":"botman"}\'',
      'curl -X POST http://localhost:7700/indexes/movies/documents --data-binary @movies.json',
      'curl -X GET http://localhost:7700/indexes/movies/stats',
      'curl -X DELETE http://localhost:7700/indexes/movies/settings',
      'curl -X POST http://localhost:7700/dumps',
    ],
  },
};
