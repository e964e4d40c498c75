// Evidence for the rules in ./weaviate.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'weaviate/cli': {
    catches: ['weaviate-cli delete collection --collection Movies', 'weaviate-cli delete data --collection Movies --limit 100', 'weaviate schema delete', 'weaviate data delete'],
    passes: [
      'weaviate-cli get collection --collection Movies',
      'weaviate-cli create collection --collection Movies',
      'weaviate-cli query data --collection Movies --search-type fetch',
      'weaviate-cli delete collection --help',
    ],
  },
  'weaviate/http': {
    catches: [
      'curl -X DELETE http://localhost:8080/v1/schema/Article',
      'curl -X DELETE https://my-cluster.weaviate.network/v1/schema/Article -H "Authorization: Bearer $WEAVIATE_API_KEY"',
      'curl -X DELETE http://localhost:8080/v1/objects/Article/36ddd591-2dee-4e7e-a3cc-eb86d30a4303',
      'curl -X DELETE http://localhost:8080/v1/batch/objects -H \'Content-Type: application/json\' -d \'{"match":{"class":"Article","where":{"path":["id"],"operator":"Like","valueText":"*"}}}\'',
      'curl -X DELETE http://localhost:8080/v1/schema/Article/tenants -d \'["tenantA"]\'',
    ],
    passes: [
      'curl http://localhost:8080/v1/schema',
      'curl http://localhost:8080/v1/objects?class=Article',
      'curl -X POST http://localhost:8080/v1/graphql -d \'{"query":"{ Get { Article { title } } }"}\'',
      'curl -X DELETE http://localhost:8080/v1/batch/objects -d \'{"match":{"class":"Article","where":{"path":["id"],"operator":"Like","valueText":"*"}},"dryRun":true}\'',
      'curl -X POST http://localhost:8080/v1/backups/filesystem -d \'{"id":"before-cleanup"}\'',
    ],
  },
};
