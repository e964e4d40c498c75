// Evidence for the rules in ./http-api.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'http-api/delete': {
    catches: [
      'curl -X DELETE \'https://es-prod.internal:9200/logs-*\' -u elastic:"$ES_PASS"',
      'curl -X DELETE https://api.stripe.com/v1/customers/cus_Q1w2e3 -u "$STRIPE_LIVE_KEY:"',
      "curl -X POST -H 'X-HTTP-Method-Override: DELETE' https://api.example.com/v1/users/42",
      "curl -H 'X-HTTP-Method: DELETE' -d '' https://api.example.com/v1/users/42",
      'http POST api.example.com/v1/users/42 X-HTTP-Method-Override:DELETE',
      "curl -K - https://api.example.com/v1/users/42 <<< 'request = DELETE'",
      'printf \'url = "https://api.example.com/v1/users/42"\\nrequest = "DELETE"\\n\' > req.cfg && curl -K req.cfg',
      'curl --config missing-request.cfg',
      'curl -X DELETE localhost:8001/api/v1/namespaces/payments',
      'kubectl proxy & curl -X DELETE http://127.0.0.1:8001/apis/apps/v1/namespaces/prod/deployments/api',
      'curl -s -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $T" -d \'{"query":"mutation { volumeDelete(volumeId: \\"v1\\") }"}\'',
      'http DELETE https://api.example.com/users/1',
      'wget --method=DELETE https://api.example.com/x',
      'curl -XPOST \'https://es.internal:9200/logs/_delete_by_query\' -d \'{"query":{"match_all":{}}}\'',
    ],
    passes: [
      'curl -X DELETE localhost:3000/api/v1/users/1',
      "curl -H 'X-HTTP-Method-Override: GET' https://api.example.com/x",
      'curl -X GET localhost:8001/api/v1/namespaces',
      'curl -s https://api.example.com/users',
      'curl -X DELETE http://localhost:3000/api/todos/1',
      'curl -d \'{"query":"{ volumes { id } }"}\' https://backboard.railway.app/graphql/v2',
      'http GET https://api.example.com',
    ],
  },
};
