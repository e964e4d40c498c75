// Evidence for the rules in ./qdrant.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'qdrant/http': {
    catches: [
      'curl -X DELETE http://localhost:6333/collections/my_collection',
      'xh delete :6333/collections/docs',
      'curl -X DELETE "https://xyz-example.eu-central.aws.cloud.qdrant.io:6333/collections/docs" -H "api-key: $QDRANT_API_KEY"',
      'curl -X POST http://localhost:6333/collections/docs/points/delete -H \'Content-Type: application/json\' -d \'{"filter":{"must":[{"key":"color","match":{"value":"red"}}]}}\'',
      'curl -X POST http://vectors.internal:8080/collections/docs/points/delete -d \'{"points":[0,3,100]}\'',
      'curl -X POST http://localhost:6333/collections/docs/points/payload/clear -d \'{"points":[0,3]}\'',
      'curl -X DELETE http://localhost:6333/collections/docs/snapshots/docs-2024-06-01.snapshot',
    ],
    passes: [
      'curl http://localhost:6333/collections',
      'xh --offline delete :6333/collections/docs',
      'curl -X POST http://localhost:6333/collections/docs/points/search -d \'{"vector":[0.2,0.1],"limit":3}\'',
      'curl -X POST http://localhost:6333/collections/docs/points/count -d \'{"exact":true}\'',
      'curl -X PUT http://localhost:6333/collections/docs/points -d \'{"points":[]}\'',
      'curl -X POST http://localhost:6333/collections/docs/snapshots',
    ],
  },
};
