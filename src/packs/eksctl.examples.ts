// Evidence for the rules in ./eksctl.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'eksctl/delete': {
    catches: ['eksctl delete cluster --name prod', 'eksctl delete nodegroup --cluster prod --name ng-1'],
    passes: ['eksctl get cluster', 'eksctl create cluster -f cluster.yaml', 'kind delete cluster --name dev'],
  },
};
