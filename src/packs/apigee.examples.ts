// Evidence for the rules in ./apigee.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'apigee/delete': {
    catches: [
      'apigeecli apis undeploy -n orders -e prod -v 3 -o acme-apigee -t "$TOKEN"',
      'apigeecli apis delete --name orders --org acme-apigee',
      'apigeecli sharedflows undeploy -n auth-flow -e test -v 2 -o acme',
      'apigeecli products delete -n gold-plan -o acme',
      'apigeecli kvms delete -n feature-flags -e prod -o acme',
      'apigeecli apis clean -n orders -o acme',
    ],
    passes: [
      'apigeecli apis list -o acme',
      'apigeecli apis get -n orders -o acme',
      'apigeecli apis export -o acme -f ./proxies',
      'apigeecli apis deploy -n orders -e prod -v 4 -o acme',
      'apigeecli apis delete --help',
    ],
  },
};
