// Velero (Kubernetes backups): deleting backups, schedules and storage locations, uninstalling it, and
// restores told to overwrite what exists.

import { subcommandRule, subcommandWords } from '../rules/subcommands.js';
import { type TargetSpec, names } from '../rules/targets.js';

const VALUES = [
  '-n',
  '--namespace',
  '--kubeconfig',
  '--kubecontext',
  '-o',
  '--output',
  '-l',
  '--selector',
  '--from-backup',
  '--from-schedule',
  '--existing-resource-policy',
  '--include-namespaces',
  '--exclude-namespaces',
  '--include-resources',
  '--exclude-resources',
  '--namespace-mappings',
  '--features',
  '--colorized',
  '--wait-timeout',
];

export const veleroDelete = subcommandRule({
  id: 'velero/delete',
  effect: 'destroy',
  severity: 'critical',
  programs: ['velero'],
  // Velero takes both orders: `backup delete x` and `delete backup x`.
  paths: [
    'backup delete',
    'delete backup',
    'delete backups',
    'schedule delete',
    'delete schedule',
    'delete schedules',
    'backup-location delete',
    'delete backup-location',
    'snapshot-location delete',
    'delete snapshot-location',
    'uninstall',
  ],
  valueOptions: VALUES,
  summary: 'deletes Velero backups, schedules or locations',
  consequence:
    'A deleted backup is removed from object storage with its volume snapshots; a deleted schedule or location stops the backups that depend on it; uninstall removes Velero and every schedule with it.',
  alternatives: ['velero backup get / velero schedule get to show a human what exists', 'velero backup describe <name> --details'],
});

export const veleroRestore = subcommandRule({
  id: 'velero/restore',
  effect: 'write',
  severity: 'medium',
  programs: ['velero'],
  paths: ['restore create', 'create restore'],
  valueOptions: VALUES,
  when(rest, inv) {
    // By default a restore skips what exists; `update` overwrites live resources with the backup's copy.
    if (subcommandWords(inv, VALUES).value('--existing-resource-policy') === 'update')
      return { effect: 'destroy', severity: 'high', target: rest[0], summary: 'velero restore with --existing-resource-policy=update overwrites live resources with their backed-up state' };
    return { target: rest[0] };
  },
  summary: 'restores a Velero backup into the cluster',
  consequence: 'Resources from the backup are created in the cluster; with --existing-resource-policy=update, existing ones are overwritten and their current state is lost.',
  alternatives: ['velero backup describe <backup> --details to show a human what it would restore', 'restore into another namespace with --namespace-mappings'],
});

export const pack = [veleroDelete, veleroRestore];

/** What its commands act on (src/rules/targets.ts): the cluster, through the kube context and Velero's namespace. */
export const targets: TargetSpec = {
  acts: ['kube'],
  options: { '--kubecontext': names.kubeContext, '-n': names.namespace, '--namespace': names.namespace, '--kubeconfig': names.file },
};
