// Evidence for the rules in ./http-api.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'http-api/delete': {
    catches: [
      'curl -X DELETE https://couch.prod.internal:5984/orders -u admin:"$COUCH_PASS"',
      'curl -X DELETE https://api.stripe.com/v1/customers/cus_Q1w2e3 -u "$STRIPE_LIVE_KEY:"',
      'curl -s -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $T" -d \'{"query":"mutation { volumeDelete(volumeId: \\"v1\\") }"}\'',
      'http DELETE https://api.example.com/users/1',
      'wget --method=DELETE https://api.example.com/x',
      // A data store on this machine: its data is as lost as a server's.
      'curl -X DELETE localhost:5984/sessions',
      'curl -X DELETE http://127.0.0.1:5984/orders',
      'http DELETE :8086/api/v2/buckets/0a1b2c',
      'curl -X POST -g \'http://localhost:9090/api/v1/admin/tsdb/delete_series?match[]={job="node"}\'',
      'curl -XPOST http://localhost:8086/query --data-urlencode "q=DROP DATABASE telegraf"',
      'curl -X POST \'https://influx.prod.internal/api/v2/delete?org=acme&bucket=metrics\' -d \'{"start":"1970-01-01T00:00:00Z","stop":"2030-01-01T00:00:00Z"}\'',
      'curl -X POST http://localhost:5984/orders/_purge -d \'{"c6114c65e295552ab1019e2b046b10e": ["3-b06fcd1c1c9e0ec7c480ee8aa467bf3b"]}\'',
    ],
    passes: [
      'curl -s https://api.example.com/users',
      'curl -X DELETE http://localhost:3000/api/todos/1',
      // Elasticsearch's own pack reports these, once, in its words.
      'curl -X DELETE localhost:9200/logs',
      'curl -X DELETE http://127.0.0.1:8000/api/sessions/current',
      "curl -g 'http://localhost:9090/api/v1/query?query=up'",
      'curl -G http://localhost:8086/query --data-urlencode "q=SELECT * FROM cpu LIMIT 5"',
      'curl -X POST http://localhost:9090/api/v1/admin/tsdb/snapshot',
      'curl -d \'{"query":"{ volumes { id } }"}\' https://backboard.railway.app/graphql/v2',
      'http GET https://api.example.com',
      'http --offline DELETE https://api.example.com/users/1',
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
