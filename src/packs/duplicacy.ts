// Duplicacy: prune deletes snapshots (and, in its second step, the chunks only they used).

import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

export const duplicacyPrune = rule({
  id: 'duplicacy/prune',
  effect: 'destroy',
  severity: 'critical',
  programs: ['duplicacy'],
  summary: 'deletes Duplicacy snapshots',
  consequence: 'Pruned revisions can no longer be restored, and the chunks only they used are deleted.',
  alternatives: ['duplicacy prune -dry-run with the same options, and show a human what it would remove', 'duplicacy list'],
  match(inv) {
    // Duplicacy's options are single-dash words (-keep, -storage, -dry-run).
    const p = parseOptions(inv.argv.slice(1), { singleDashWords: true, value: ['-storage', '-keep', '-r', '-id', '-t', '-threads', '-key', '-pref-dir', '-repository'] });
    const words = p.positionals.map((a) => a.text);
    if (words[0] !== 'prune' || p.has('-dry-run', '-h', '-help', '--help')) return null;
    return {
      target: p.value('-storage'),
      summary: `duplicacy prune ${p
        .values('-keep')
        .map((k) => `-keep ${k}`)
        .join(' ')}${p.value('-r') ? ` -r ${p.value('-r')}` : ''}`.trim(),
    };
  },
});

export const pack = [duplicacyPrune];

/** What its commands act on (src/rules/targets.ts): the storage it names. */
export const targets: TargetSpec = { singleDashWords: true, options: { '-storage': names.name } };
