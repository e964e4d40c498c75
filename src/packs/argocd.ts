// Argo CD: deleting an application deletes the resources it manages (with --cascade).

import { subcommandRule } from '../rules/subcommands.js';
import { type TargetSpec } from '../rules/targets.js';

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

export const pack = [appDelete];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['kube'] };
