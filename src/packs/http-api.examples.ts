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
  'http-api/write': {
    catches: [
      'curl -X POST https://api.prod.acme.com/v1/users -d \'{"name":"x"}\'',
      'curl -X PATCH https://prod-api.acme.com/v1/plans/1 --json \'{"price":10}\'',
      'curl https://api.stripe.com/v1/refunds -u sk_live_51Hx0abc: -d charge=ch_1',
      'curl -X POST https://api.stripe.com/v1/refunds -H "Authorization: Bearer sk_live_51Hx0abc" -d charge=ch_1',
      'http PUT api.prod.acme.com/users/1 name=x',
      "wget --post-data='a=1' https://api.acme.com/hooks",
    ],
    passes: [
      'curl -s https://api.prod.acme.com/health',
      'curl -X POST http://localhost:3000/api/users -d x=1',
      'http GET https://api.prod.acme.com/users/1',
      'curl -I https://prod-api.acme.com',
      "curl -X POST 'https://es-prod.internal:9200/logs-*/_search' -H 'Content-Type: application/json' -d '{\"query\":{\"match_all\":{}}}'",
      'curl -s https://api.prod.acme.com/graphql -d \'{"query":"{ users { id } }"}\'',
    ],
  },
};
