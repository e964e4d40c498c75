// Evidence for the rules in ./pinecone.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'pinecone/cli': {
    catches: ['pc index delete --name docs-example', 'pc index delete -n products', 'pc project delete --id proj-abc123', 'pc organization delete --id org-123'],
    passes: ['pc index list', 'pc index describe --name docs-example', 'pc index create --name docs --dimension 1536 --metric cosine --cloud aws --region us-east-1', 'pc index delete --help'],
  },
  'pinecone/http': {
    catches: [
      'curl -X DELETE "https://api.pinecone.io/indexes/docs-example" -H "Api-Key: $PINECONE_API_KEY" -H "X-Pinecone-API-Version: 2025-04"',
      'curl -X POST "https://docs-example-abc123.svc.aped-4627-b74a.pinecone.io/vectors/delete" -H "Api-Key: $PINECONE_API_KEY" -H \'Content-Type: application/json\' -d \'{"deleteAll": true, "namespace": "example-namespace"}\'',
      'curl -X POST "https://$INDEX_HOST/vectors/delete" -H "Api-Key: $PINECONE_API_KEY" -d \'{"ids": ["id-1", "id-2"]}\'',
      'curl -X DELETE https://api.pinecone.io/backups/bkp_123abc -H "Api-Key: $PINECONE_API_KEY"',
    ],
    passes: [
      'curl https://api.pinecone.io/indexes -H "Api-Key: $PINECONE_API_KEY"',
      'curl -X POST "https://docs-example-abc123.svc.aped-4627-b74a.pinecone.io/query" -H "Api-Key: $PINECONE_API_KEY" -d \'{"topK": 3, "vector": [0.1, 0.2]}\'',
      'curl -X POST "https://docs-example-abc123.svc.aped-4627-b74a.pinecone.io/describe_index_stats" -H "Api-Key: $PINECONE_API_KEY"',
      'curl -X POST "https://docs-example-abc123.svc.aped-4627-b74a.pinecone.io/vectors/upsert" -H "Api-Key: $PINECONE_API_KEY" -d \'{"vectors": []}\'',
    ],
  },
};
