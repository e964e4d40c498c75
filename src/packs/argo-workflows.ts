// Argo Workflows through the `argo` CLI: deleting workflows (one, or every one a filter selects), cron
// workflows, workflow templates and archived workflows. A deleted workflow takes its record, its pods
// and their logs; a deleted template or cron workflow stops whatever submits from it.

import { rule, type Hit } from '../rules/rule.js';
import { subcommandWords } from '../rules/subcommands.js';
import { type TargetSpec, names, variableTargets } from '../rules/targets.js';

const ARGO_VALUES = [
  '-n',
  '--namespace',
  '--context',
  '--kubeconfig',
  '-s',
  '--argo-server',
  '--argo-base-href',
  '-l',
  '--selector',
  '--field-selector',
  '--older',
  '--prefix',
  '--status',
  '-o',
  '--output',
  '--instanceid',
  '--cluster',
  '--user',
  '--token',
  '--query-param',
];

/** The kinds `argo` deletes, by the words before `delete`. */
const KINDS: Readonly<Record<string, string>> = {
  '': 'workflows',
  cron: 'cron workflows',
  template: 'workflow templates',
  'cluster-template': 'cluster workflow templates',
  archive: 'archived workflows',
};

export const argoDelete = rule({
  id: 'argo-workflows/delete',
  effect: 'destroy',
  severity: 'high',
  programs: ['argo'],
  summary: 'deletes Argo workflows, cron workflows or workflow templates',
  consequence: 'A deleted workflow loses its record, pods and logs (unless archived); a deleted template or cron workflow breaks whatever submits from it.',
  alternatives: ['argo list / argo cron list to show a human what would go', 'argo delete --dry-run'],
  match(inv) {
    const { words, has } = subcommandWords(inv, ARGO_VALUES);
    if (has('--help', '-h', '--dry-run') || words.includes('help')) return null;
    const at = words.indexOf('delete');
    const kind = at === 0 ? '' : at === 1 ? (words[0] ?? '') : undefined;
    if (kind === undefined || !(kind in KINDS)) return null;
    const named = words.slice(at + 1);
    const bulk = has('--all', '--completed', '--older', '--prefix', '--status', '-l', '--selector', '--field-selector', '--resubmitted', '-A', '--all-namespaces');
    const what = ['argo', ...words.slice(0, at + 1), ...named.slice(0, 3)].join(' ');
    const hit: Hit = { target: named[0], summary: `${what}: deletes ${bulk ? `every one of the ${KINDS[kind]} it selects` : `the ${KINDS[kind]} named`}` };
    return bulk ? { ...hit, severity: 'critical' } : hit;
  },
});

const WRITES = /^(submit|resubmit|retry|stop|terminate|suspend|resume|set|create|update|lint-fix)$/;

export const argoChange = rule({
  id: 'argo-workflows/change',
  effect: 'write',
  severity: 'medium',
  programs: ['argo'],
  summary: 'submits, stops or changes Argo workflows',
  consequence: 'Workflows start, stop or change: they run real jobs against whatever they touch.',
  alternatives: ['argo lint the workflow and argo get it first'],
  match(inv) {
    const { words, has } = subcommandWords(inv, ARGO_VALUES);
    if (has('--help', '-h', '--dry-run', '--server-dry-run')) return null;
    const verb = words.find((w, i) => i < 2 && WRITES.test(w));
    return verb ? { target: words[words.indexOf(verb) + 1], summary: `argo ${words.slice(0, words.indexOf(verb) + 2).join(' ')}` } : null;
  },
});

export const pack = [argoDelete, argoChange];

/** What its commands act on (src/rules/targets.ts): the namespace, the kube context and the Argo server. */
export const targets: TargetSpec = {
  acts: ['kube'],
  options: { '-n': names.namespace, '--namespace': names.namespace, '--context': names.kubeContext, '-s': names.url, '--argo-server': names.url },
  of: (inv) => variableTargets(inv, { ARGO_SERVER: names.url, ARGO_NAMESPACE: names.namespace }),
};
