// Argo CD: deleting an application deletes the resources it manages (with --cascade); syncing one is a
// production write when its name or project says production.

import { subcommandRule } from '../rules/subcommands.js';
import { type TargetSpec, names } from '../rules/targets.js';

export const appDelete = subcommandRule({
  id: 'argocd/app-delete',
  effect: 'destroy',
  severity: 'critical',
  programs: ['argocd'],
  paths: ['app delete', 'proj delete', 'cluster rm'],
  valueOptions: ['--server', '--auth-token', '-p', '--propagation-policy', '--selector', '-l'],
  summary: 'deletes an Argo CD application or project',
  consequence: 'With cascade (the default) every Kubernetes resource the application manages is deleted, volumes included.',
  alternatives: ['argocd app get <app> to show a human what it manages', 'argocd app delete --cascade=false to stop managing without deleting'],
  when: (_rest, inv) => !inv.argv.some((a) => a.text === '--cascade=false'),
});

export const sync = subcommandRule({
  id: 'argocd/sync',
  effect: 'write',
  severity: 'medium',
  programs: ['argocd'],
  paths: ['app sync', 'app rollback', 'app set', 'app patch', 'app create', 'app actions run', 'app terminate-op'],
  valueOptions: ['--server', '--auth-token', '-p', '--parameter', '--selector', '-l', '--revision', '--resource', '--prune-propagation-policy', '--timeout', '--retry-limit', '--kind', '--patch'],
  unless: ['--dry-run', '--preview-changes'],
  summary: 'syncs or changes an Argo CD application',
  consequence: 'The cluster is changed to match the application: a production app gets the new manifests (and with --prune loses what they no longer list).',
  alternatives: ['argocd app diff <app> first, and show it to a human', 'argocd app sync --dry-run'],
});

export const pack = [appDelete, sync];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['kube'], options: { '--project': names.project, '--dest-namespace': names.namespace, '--dest-server': names.url } };
