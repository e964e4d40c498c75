// Evidence for the rules in ./argocd.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'argocd/app-delete': {
    catches: ['argocd app delete prod-api --cascade -y', 'argocd app delete api'],
    passes: ['argocd app list', 'argocd app sync api', 'argocd app get api'],
  },
};
