// Evidence for the rules in ./argocd.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'argocd/app-delete': {
    catches: ['argocd app delete prod-api --cascade -y', 'argocd app delete api'],
    passes: ['argocd app list', 'argocd app sync api', 'argocd app get api'],
  },
  'argocd/sync': {
    catches: ['argocd app sync web-prod', 'argocd app sync api --prune --project production', 'argocd app rollback web-prod 12', 'argocd app set web-prod --revision v2'],
    passes: ['argocd app get web-prod', 'argocd app diff web-prod', 'argocd app sync web-prod --dry-run', 'argocd app sync web-prod --preview-changes', 'argocd app list'],
  },
};
