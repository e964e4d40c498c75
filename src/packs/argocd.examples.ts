// Evidence for the rules in ./argocd.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'argocd/app-delete': {
    catches: [
      'argocd app delete prod-api --cascade -y',
      'argocd app delete api',
      'argocd --server argocd.prod.acme.com app delete payments --yes',
      'argocd proj delete payments',
      'argocd appset delete payments-envs -y',
      'argocd app delete-resource payments --kind Deployment --resource-name api',
      'argocd cluster rm https://prod.k8s.acme.com',
    ],
    passes: ['argocd app list', 'argocd app sync api', 'argocd app get api', 'argocd app delete api --cascade=false', 'argocd appset list', 'argocd app delete --help'],
  },
  'argocd/config-remove': {
    catches: ['argocd repo rm https://github.com/acme/deploy.git', 'argocd repocreds rm https://github.com/acme', 'argocd proj windows delete payments 0'],
    passes: ['argocd repo list', 'argocd repo add https://github.com/acme/deploy.git', 'argocd proj windows list payments'],
  },
  'argocd/sync-prune': {
    catches: ['argocd app sync payments --prune', 'argocd app sync payments --prune --force --server argocd.prod.acme.com', 'argocd app sync -l team=payments --prune'],
    passes: ['argocd app sync payments', 'argocd app sync payments --prune --dry-run', 'argocd app sync payments --prune --preview-changes', 'argocd app diff payments'],
  },
  'argocd/sync': {
    catches: ['argocd app sync web-prod', 'argocd app sync api --prune --project production', 'argocd app rollback web-prod 12', 'argocd app set web-prod --revision v2'],
    passes: ['argocd app get web-prod', 'argocd app diff web-prod', 'argocd app sync web-prod --dry-run', 'argocd app sync web-prod --preview-changes', 'argocd app list'],
  },
};
