// Helm: uninstalling releases, and rolling back in production.

import type { Invocation } from '../core/invocation.js';
import { parseOptions, type ParsedOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

const PRODUCTION = /prod|prd|live/i;

const helmOptions = (inv: Invocation) => parseOptions(inv.argv.slice(1), { value: ['-n', '--namespace', '--kube-context', '--kubeconfig', '--timeout', '-f', '--values', '--set', '--version'] });

/** The cluster and namespace it names, as `context/namespace`; '' when it names neither. */
const whereOf = (p: ParsedOptions) => [p.value('--kube-context'), p.value('-n', '--namespace')].filter(Boolean).join('/');

export const helm = rule({
  id: 'helm/uninstall-or-rollback',
  effect: 'destroy',
  severity: 'high',
  programs: ['helm'],
  summary: 'removes a Helm release, or rolls one back in production',
  consequence: 'Uninstalling deletes every resource of the release, volumes claimed by it included; a production rollback may run down-migration hooks.',
  alternatives: ['helm get manifest <release> to show a human what would go', 'helm uninstall --dry-run first'],
  match(inv) {
    const p = helmOptions(inv);
    if (p.has('--dry-run', '--help', '-h')) return null;
    const words = p.positionals.map((a) => a.text);
    const where = whereOf(p);
    if (['uninstall', 'delete', 'del', 'un'].includes(words[0] ?? '')) return { target: `${words[1] ?? ''}${where ? ` in ${where}` : ''}` };
    if (words[0] === 'rollback') {
      return PRODUCTION.test(where)
        ? { target: `${words[1]} in ${where}`, summary: `helm rollback of ${words[1]} in ${where}` }
        : { effect: 'write', severity: 'medium', summary: `helm rollback of ${words[1]}${where ? ` in ${where}` : ''}` };
    }
    return null;
  },
});

export const release = rule({
  id: 'helm/release-change',
  effect: 'write',
  severity: 'medium',
  programs: ['helm'],
  summary: 'installs or upgrades a Helm release',
  consequence: "The release's resources in the cluster change.",
  alternatives: ['helm diff upgrade (plugin) or --dry-run first, and show it to a human'],
  match(inv) {
    const p = helmOptions(inv);
    if (p.has('--dry-run', '--help', '-h')) return null;
    const words = p.positionals.map((a) => a.text);
    return words[0] === 'upgrade' || words[0] === 'install' ? { target: whereOf(p) || undefined } : null;
  },
});

export const pack = [helm, release];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['kube'], options: { '--kube-context': names.kubeContext, '-n': names.namespace, '--namespace': names.namespace, '-f': names.file } };
