// Evidence for the rules in ./algolia.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'algolia/cli': {
    catches: [
      'algolia indices delete MOVIES --confirm',
      'algolia index clear MOVIES -y',
      'algolia indices clear products',
      'algolia objects delete MOVIES --object-ids 1,2 --confirm',
      'algolia rules delete MOVIES --rule-ids rule-1',
      'algolia --profile prod synonyms delete MOVIES --synonym-ids s1',
    ],
    passes: ['algolia indices list', 'algolia objects browse MOVIES > movies.ndjson', 'algolia indices delete --help', 'algolia rules browse MOVIES', 'algolia search MOVIES --query "toy story"'],
  },
  'algolia/http': {
    catches: [
      'curl -X DELETE https://$ALGOLIA_APP_ID.algolia.net/1/indexes/products -H "x-algolia-api-key: $ALGOLIA_ADMIN_KEY" -H "x-algolia-application-id: $ALGOLIA_APP_ID"',
      'curl --request POST --url https://latency-dsn.algolia.net/1/indexes/products/clear -H "x-algolia-api-key: $KEY"',
      'curl -X POST https://ABC123.algolia.net/1/indexes/products/deleteByQuery -d \'{"filters":"category:books"}\'',
      'curl -X POST https://ABC123-1.algolianet.com/1/indexes/products/batch -d \'{"requests":[{"action":"deleteObject","body":{"objectID":"1"}}]}\'',
      'curl -X DELETE https://ABC123.algolia.net/1/indexes/products/myID',
    ],
    passes: [
      'curl -X POST https://ABC123-dsn.algolia.net/1/indexes/products/query -d \'{"params":"query=shoes"}\'',
      'curl https://ABC123.algolia.net/1/indexes',
      'curl -X POST https://ABC123.algolia.net/1/indexes/products/browse',
      'curl -X POST https://ABC123.algolia.net/1/indexes/products/batch -d \'{"requests":[{"action":"addObject","body":{"name":"x"}}]}\'',
    ],
  },
};
