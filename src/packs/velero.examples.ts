// Evidence for the rules in ./velero.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'velero/delete': {
    catches: [
      'velero backup delete nightly-20240601 --confirm',
      'velero backup delete --all --confirm',
      'velero delete backup nightly-20240601',
      'velero schedule delete nightly',
      'velero --kubecontext prod-eu backup-location delete default',
      'velero snapshot-location delete aws-default',
      'velero uninstall --force',
      'velero -n velero backup delete --selector app=db --confirm',
    ],
    passes: [
      'velero backup get',
      'velero get backups',
      'velero backup describe nightly-20240601 --details',
      'velero backup logs nightly-20240601',
      'velero schedule get',
      'velero backup create pre-upgrade --include-namespaces app',
      'velero backup delete --help',
    ],
  },
  'velero/restore': {
    catches: [
      'velero restore create --from-backup nightly-20240601',
      'velero restore create --from-backup nightly-20240601 --existing-resource-policy update',
      'velero restore create r1 --from-backup nightly --existing-resource-policy=update',
      'velero create restore --from-backup nightly --existing-resource-policy update',
    ],
    passes: ['velero restore get', 'velero restore describe r1', 'velero restore logs r1', 'velero restore create --help'],
  },
};
