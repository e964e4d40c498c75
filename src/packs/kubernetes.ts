// Kubernetes: deleting namespaces, volumes, configuration and CRDs (anything but what a controller recreates); scaling stateful sets to zero;
// draining nodes with emptyDir data. The namespace and context come from -n/--namespace/--context anywhere.

import type { Invocation } from '../core/invocation.js';
import { parseOptions, type ParsedOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';
import { perInvocation } from '../rules/memo.js';

const VALUE_OPTIONS = [
  '-n',
  '--namespace',
  '--context',
  '--kubeconfig',
  '--cluster',
  '--user',
  '-s',
  '--server',
  '-f',
  '--filename',
  '-l',
  '--selector',
  '-o',
  '--output',
  '--field-selector',
  '--grace-period',
  '--timeout',
  '--replicas',
  '-c',
  '--container',
  '--cascade',
  '--as',
  '--token',
  '-k',
  '--kustomize',
  '--current-replicas',
  '--for',
  '--chunk-size',
];

interface Kubectl {
  words: string[];
  parsed: ParsedOptions;
  where: string;
}

/** `kubectl`, read once for all of this pack's rules to share (see perInvocation). */
const kubectl = perInvocation(readKubectl);

function readKubectl(inv: Invocation): Kubectl | null {
  const parsed = parseOptions(inv.argv.slice(1), { value: VALUE_OPTIONS });
  if (parsed.has('--help', '-h') || parsed.options.some(([n, v]) => n === '--dry-run' && v !== 'none')) return null;
  const ns = parsed.value('-n', '--namespace');
  const context = parsed.value('--context');
  const where = [context && `context ${context}`, ns && `namespace ${ns}`, parsed.has('-A', '--all-namespaces') && 'all namespaces'].filter(Boolean).join(', ');
  return { words: parsed.positionals.map((a) => a.text), parsed, where };
}

/**
 * Kinds a controller or the cluster recreates by design, so deleting one loses nothing: a pod owned by a
 * ReplicaSet, Job or StatefulSet is started again, a ReplicaSet by its Deployment, a ControllerRevision by
 * its owner, Endpoints and EndpointSlices by their Service, Leases by whoever holds them, Events are a log
 * the cluster keeps for an hour anyway. Every other kind is data or configuration someone wrote (an
 * Ingress, IngressRoute, ConfigMap, Secret, PVC, Service, Deployment, Namespace, CRD or any custom
 * resource): deleting even one is a destroy, since nothing brings it back but whoever wrote it.
 */
const REGENERABLE_KINDS = new Set([
  'pod',
  'pods',
  'po',
  'replicaset',
  'replicasets',
  'rs',
  'event',
  'events',
  'ev',
  'lease',
  'leases',
  'endpoints',
  'ep',
  'endpointslice',
  'endpointslices',
  'controllerrevision',
  'controllerrevisions',
]);

/** The kinds a `kubectl delete` names: `pod x`, `pod,svc x`, `pod/x svc/y`, `ingressroutes.traefik.io x`. */
function deletedKinds(words: readonly string[]): string[] {
  const kinds = words[0]?.includes('/') ? words.map((w) => w.split('/')[0]!) : (words[0]?.split(',') ?? []);
  // The API group after the first dot (`ingressroutes.traefik.io`, `leases.coordination.k8s.io`) doesn't change what it is.
  return kinds.filter(Boolean).map((k) => k.toLowerCase().split('.')[0]!);
}

export const deleteResources = rule({
  id: 'kubernetes/delete',
  effect: 'destroy',
  severity: 'critical',
  programs: ['kubectl', 'oc', 'k'],
  summary: 'kubectl delete of resources that hold data or configuration',
  consequence:
    'Namespaces take every resource in them along; deleted volumes and claims take their data; a deleted CRD deletes every custom resource of its kind; a deleted Secret, ConfigMap, Ingress or Service is gone until someone writes it again.',
  alternatives: ['kubectl get <same arguments> to show a human what would go', 'kubectl delete --dry-run=server first'],
  match(inv) {
    const k = kubectl(inv);
    if (!k || k.words[0] !== 'delete') return null;
    const targets = k.words.slice(1);
    const where = k.where ? ` (${k.where})` : '';
    if (k.parsed.has('--all', '-A', '--all-namespaces')) return { target: `${targets.join(' ')}${where}`, summary: `kubectl delete ${targets[0] ?? ''} --all deletes every one of them${where}` };
    const files = k.parsed.values('-f', '--filename', '-k', '--kustomize');
    if (files.some((f) => !/\.(ya?ml|json)$/.test(f)) || k.parsed.has('-R', '--recursive'))
      return { target: files.join(' '), summary: `kubectl delete -f ${files.join(' ')} deletes everything defined in a directory${where}` };
    const kinds = deletedKinds(targets);
    if (kinds.some((kind) => !REGENERABLE_KINDS.has(kind))) return { target: `${targets.join(' ')}${where}`, summary: `kubectl delete ${targets.join(' ')}${where}` };
    // A manifest file (its definitions stay in the file to apply again) or a kind recreated by its controller.
    return targets.length || files.length ? { effect: 'write', severity: 'low', summary: `kubectl delete ${targets.join(' ') || files.join(' ')}${where}` } : null;
  },
});

export const scaleToZero = rule({
  id: 'kubernetes/scale-to-zero',
  effect: 'destroy',
  severity: 'high',
  programs: ['kubectl', 'oc', 'k'],
  summary: 'scales a stateful workload to zero replicas',
  consequence: 'The database or queue stops serving; with ephemeral storage its data goes with the pods.',
  alternatives: ['kubectl rollout restart for a restart instead', 'ask the human'],
  match(inv) {
    const k = kubectl(inv);
    if (!k || k.words[0] !== 'scale' || k.parsed.value('--replicas') !== '0') return null;
    const target = k.words.slice(1).join(' ');
    return /^(statefulsets?|sts)(\/|$)/.test(k.words[1] ?? '') ? { target } : null;
  },
});

export const drain = rule({
  id: 'kubernetes/drain-emptydir',
  effect: 'destroy',
  severity: 'high',
  programs: ['kubectl', 'oc', 'k'],
  summary: 'drains a node and deletes pods with emptyDir data',
  consequence: 'Data in emptyDir volumes of the evicted pods is deleted.',
  alternatives: ['kubectl drain --dry-run=server first', 'cordon the node and move workloads deliberately'],
  match(inv) {
    const k = kubectl(inv);
    return !!k && k.words[0] === 'drain' && k.parsed.has('--delete-emptydir-data', '--delete-local-data') ? { target: k.words[1] } : null;
  },
});

const WRITES = new Set(['apply', 'create', 'patch', 'replace', 'edit', 'set', 'label', 'annotate', 'rollout', 'scale', 'autoscale', 'expose', 'run', 'cp', 'taint', 'cordon', 'uncordon', 'drain']);

export const change = rule({
  id: 'kubernetes/change',
  effect: 'write',
  severity: 'medium',
  programs: ['kubectl', 'oc', 'k'],
  summary: 'changes resources in a cluster',
  consequence: 'Running workloads and configuration in the cluster change.',
  alternatives: ['kubectl diff first, and show it to a human'],
  match(inv) {
    const k = kubectl(inv);
    if (!k || !WRITES.has(k.words[0] ?? '') || (k.words[0] === 'replace' && k.parsed.has('--force'))) return null;
    if (k.words[0] === 'rollout' && ['status', 'history'].includes(k.words[1] ?? '')) return null;
    return { summary: `kubectl ${k.words.slice(0, 3).join(' ')}${k.where ? ` (${k.where})` : ''}`, target: k.where || undefined };
  },
});

/** The kinds a manifest declares, from its `kind:` lines. */
const kindsIn = (text: string) => [...text.matchAll(/^kind:\s*["']?(\w+)/gm)].map((m) => m[1]!.toLowerCase());

export const replaceForce = rule({
  id: 'kubernetes/replace-force',
  effect: 'destroy',
  severity: 'high',
  programs: ['kubectl', 'oc', 'k'],
  summary: 'kubectl replace --force deletes each object and creates it again',
  consequence: 'Deleting is real: a namespace takes everything in it, a claim or volume its data, a CRD every resource of its kind; the new objects start empty.',
  alternatives: ['kubectl apply, which changes the objects in place', 'kubectl diff first, and show it to a human'],
  match(inv, ctx) {
    const k = kubectl(inv);
    if (!k || k.words[0] !== 'replace' || !k.parsed.has('--force')) return null;
    const files = k.parsed.values('-f', '--filename');
    const kinds = files.flatMap((f) => (f === '-' ? (inv.stdin.kind === 'text' ? kindsIn(inv.stdin.text) : []) : kindsIn(ctx.readFile(f, inv) ?? '')));
    // Only kinds a controller recreates anyway lose nothing by being deleted first.
    const holdsData = kinds.some((kind) => !REGENERABLE_KINDS.has(kind));
    return { severity: holdsData || !kinds.length ? 'high' : 'medium', target: `${files.join(' ') || k.words.slice(1).join(' ')}${k.where ? ` (${k.where})` : ''}` };
  },
});

export const pack = [deleteResources, scaleToZero, drain, change, replaceForce];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = {
  acts: ['kube'],
  options: { '--context': names.kubeContext, '-n': names.namespace, '--namespace': names.namespace, '--cluster': names.cluster, '-s': names.url, '--server': names.url, '-f': names.file },
};
