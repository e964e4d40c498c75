// Argo CD: deleting an application deletes the resources it manages (with --cascade, the default);
// deleting a project, cluster, repository or ApplicationSet takes the applications that depend on it;
// a sync with --prune deletes live resources that are no longer in Git. Syncing one is a production write
// when its name or project says production.

import { rule } from '../rules/rule.js';
import { subcommandRule, subcommandWords } from '../rules/subcommands.js';
import { type TargetSpec, names, variableTargets } from '../rules/targets.js';

const ARGOCD_VALUES = [
  '--server',
  '--auth-token',
  '-p',
  '--propagation-policy',
  '--selector',
  '-l',
  '--argocd-context',
  '--kube-context',
  '--grpc-web-root-path',
  '--config',
  '--resource',
  '--revision',
  '--project',
];

export const appDelete = subcommandRule({
  id: 'argocd/app-delete',
  effect: 'destroy',
  severity: 'critical',
  programs: ['argocd'],
  paths: ['app delete', 'proj delete', 'cluster rm', 'appset delete', 'app delete-resource'],
  valueOptions: ARGOCD_VALUES,
  summary: 'deletes an Argo CD application, project, ApplicationSet or cluster',
  consequence: 'With cascade (the default) every Kubernetes resource the application manages is deleted, volumes included; an ApplicationSet takes the applications it generated.',
  alternatives: ['argocd app get <app> to show a human what it manages', 'argocd app delete --cascade=false to stop managing without deleting'],
  when: (_rest, inv) => !inv.argv.some((a) => a.text === '--cascade=false'),
});

export const configRemove = subcommandRule({
  id: 'argocd/config-remove',
  effect: 'destroy',
  severity: 'high',
  programs: ['argocd'],
  paths: ['repo rm', 'repocreds rm', 'cert rm', 'gpg rm', 'proj role delete', 'proj windows delete', 'account delete-token'],
  valueOptions: ARGOCD_VALUES,
  summary: "removes a repository, credentials, certificate, key, role or sync window from Argo CD's configuration",
  consequence: 'Applications that use it stop syncing (or sync outside a window that protected them) until someone adds it back with the secret it held.',
  alternatives: ['argocd repo list / argocd proj get to show a human what uses it'],
});

export const syncPrune = rule({
  id: 'argocd/sync-prune',
  effect: 'destroy',
  severity: 'high',
  programs: ['argocd'],
  summary: 'syncs an Argo CD application with --prune: live resources that are no longer in Git are deleted',
  consequence: 'A resource removed from Git (or left out by a wrong path or revision) is deleted from the cluster with its data.',
  alternatives: ['argocd app diff <app> to show a human what would be pruned', 'argocd app sync --dry-run --prune'],
  match(inv) {
    const { words, has } = subcommandWords(inv, ARGOCD_VALUES);
    if (words[0] !== 'app' || words[1] !== 'sync' || !has('--prune') || has('--dry-run', '--preview-changes', '--help', '-h')) return null;
    return { target: words[2], summary: `${['argocd app sync', words[2], '--prune'].filter(Boolean).join(' ')}: deletes what Git no longer declares` };
  },
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

export const pack = [appDelete, configRemove, syncPrune, sync];

/** What its commands act on (src/rules/targets.ts): the Argo CD server, its named context and the kube context. */
export const targets: TargetSpec = {
  acts: ['kube'],
  options: {
    '--server': names.name,
    '--argocd-context': names.name,
    '--kube-context': names.kubeContext,
    '--project': names.project,
    '--dest-namespace': names.namespace,
    '--dest-server': names.url,
  },
  of: (inv) => variableTargets(inv, { ARGOCD_SERVER: names.name }),
};
