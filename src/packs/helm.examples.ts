// Evidence for the rules in ./helm.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'helm/uninstall-or-rollback': {
    catches: ['helm uninstall api -n production', 'helm delete api', 'helm rollback api 3 -n production', 'helm --kube-context prod-eks rollback api 2'],
    passes: ['helm upgrade --install api ./chart -n staging --dry-run', 'helm template ./chart', 'helm rollback api 3 -n staging', 'helm uninstall api --dry-run', 'helm list -A'],
  },
  'helm/release-change': {
    catches: ['helm upgrade --install api ./chart -n production', 'helm install api ./chart'],
    passes: ['helm upgrade --install api ./chart -n staging --dry-run', 'helm list', 'helm template ./chart'],
  },
};
