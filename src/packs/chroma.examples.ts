// Evidence for the rules in ./chroma.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'chroma/cli': {
    catches: ['chroma db delete my-db', 'chroma db delete prod-embeddings'],
    passes: ['chroma db list', 'chroma db create my-new-db', 'chroma db connect my-db --env-file', 'chroma run --path ./chroma_data', 'chroma db delete --help'],
  },
  'chroma/http': {
    catches: [
      'curl -X POST http://localhost:8000/api/v1/reset',
      'curl -X DELETE http://localhost:8000/api/v2/tenants/default_tenant/databases/default_database/collections/docs',
      'curl -X POST http://localhost:8000/api/v2/tenants/default_tenant/databases/default_database/collections/3f2c/delete -d \'{"where":{"source":"wiki"}}\'',
      'curl -X DELETE https://api.trychroma.com/api/v1/collections/docs -H "x-chroma-token: $CHROMA_API_KEY"',
      'curl -X POST http://chroma:8000/api/v1/collections/3f2c/delete -d \'{"ids":["a","b"]}\'',
    ],
    passes: [
      'curl http://localhost:8000/api/v2/heartbeat',
      'curl http://localhost:8000/api/v2/tenants/default_tenant/databases/default_database/collections',
      'curl -X POST http://localhost:8000/api/v2/tenants/default_tenant/databases/default_database/collections/3f2c/query -d \'{"query_texts":["hi"],"n_results":2}\'',
      'curl -X DELETE http://localhost:3000/api/v1/collections/5',
    ],
  },
};
