// Evidence for the rules in ./kong.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'kong/deck-sync': {
    catches: [
      'deck gateway sync kong.yaml',
      'deck gateway sync --kong-addr https://kong-admin.prod.example.com:8444 kong.yaml',
      'deck sync -s kong.yaml',
      'deck sync --state kong.yaml --select-tag billing',
      'deck gateway sync --konnect-control-plane-name prod-cp kong.yaml',
      'deck gateway reset --force',
      'deck reset -f --kong-addr http://kong:8001',
    ],
    passes: [
      'deck gateway diff kong.yaml',
      'deck diff -s kong.yaml',
      'deck gateway validate kong.yaml',
      'deck validate -s kong.yaml',
      'deck gateway dump -o kong.yaml',
      'deck dump --output-file kong.yaml',
      'deck gateway ping',
      'deck gateway apply kong.yaml',
      'deck file openapi2kong -s openapi.yaml',
      'deck gateway sync --help',
    ],
  },
  'kong/admin-api-delete': {
    catches: [
      'curl -X DELETE http://kong-admin.internal:8001/services/billing',
      'curl -i -X DELETE https://kong.example.com:8444/routes/0f6a1d2c-3b4e-4f5a-8b9c-1d2e3f4a5b6c',
      'http DELETE http://gateway.prod:8001/consumers/acme-mobile',
      'curl -sX DELETE http://10.0.3.7:8001/plugins/7c1e2b3a',
      'curl -X DELETE http://kong-admin.prod/default/certificates/api-cert',
      'curl -X POST http://kong-admin.internal:8001/config -F config=@kong.yml',
      'curl -X DELETE http://localhost:8001/services/demo',
      'http DELETE :8001/routes/demo',
    ],
    passes: [
      'curl http://kong-admin.internal:8001/services',
      'curl -s http://kong-admin.internal:8001/routes/billing',
      'http :8001/consumers',
      'curl -X POST http://kong-admin.internal:8001/services --data name=billing --data url=http://billing:8080',
      'curl -X PATCH http://kong-admin.internal:8001/routes/billing --data paths[]=/v2/billing',
      'curl -X POST http://kong-admin.internal:8001/config/validate -F config=@kong.yml',
    ],
  },
};
