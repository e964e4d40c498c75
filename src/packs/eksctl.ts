// eksctl: deleting clusters and node groups. (kind, k3d and minikube clusters are local and disposable,
// so no pack holds their deletes, and the generic rule leaves them alone.)

import { subcommandRule } from '../rules/subcommands.js';
import { type TargetSpec, names } from '../rules/targets.js';

export const deleteCluster = subcommandRule({
  id: 'eksctl/delete',
  effect: 'destroy',
  severity: 'critical',
  programs: ['eksctl'],
  paths: ['delete cluster', 'delete nodegroup', 'delete fargateprofile', 'delete addon'],
  valueOptions: ['--name', '-n', '--region', '-r', '--cluster', '-f', '--config-file', '--profile'],
  summary: 'deletes an EKS cluster or its capacity',
  consequence: 'Every workload on the cluster stops; volumes provisioned by it may be deleted with it.',
  alternatives: ['eksctl get cluster to confirm which cluster this is, and ask the human'],
});

export const pack = [deleteCluster];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['aws'], options: { '--cluster': names.cluster, '-n': names.cluster, '--profile': names.profile, '--region': names.region, '-f': names.file } };
