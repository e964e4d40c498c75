// Evidence for the rules in ./http-api.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'http-api/delete': {
    catches: [
      'curl -X DELETE \'https://es-prod.internal:9200/logs-*\' -u elastic:"$ES_PASS"',
      'curl -X DELETE https://api.stripe.com/v1/customers/cus_Q1w2e3 -u "$STRIPE_LIVE_KEY:"',
      'curl -s -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $T" -d \'{"query":"mutation { volumeDelete(volumeId: \\"v1\\") }"}\'',
      'http DELETE https://api.example.com/users/1',
      'wget --method=DELETE https://api.example.com/x',
      'curl -XPOST \'https://es.internal:9200/logs/_delete_by_query\' -d \'{"query":{"match_all":{}}}\'',
    ],
    passes: [
      'curl -s https://api.example.com/users',
      'curl -X DELETE http://localhost:3000/api/todos/1',
      'curl -d \'{"query":"{ volumes { id } }"}\' https://backboard.railway.app/graphql/v2',
      'http GET https://api.example.com',
    ],
  },
};
