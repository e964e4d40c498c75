// Tarsnap: deleting archives (-d) and every archive at once (--nuke).

import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

export const tarsnapDelete = rule({
  id: 'tarsnap/delete',
  effect: 'destroy',
  severity: 'critical',
  programs: ['tarsnap'],
  summary: 'deletes Tarsnap archives',
  consequence: 'Deleted archives cannot be restored; --nuke deletes every archive the key can reach.',
  alternatives: ['tarsnap --list-archives to show a human what exists'],
  match(inv) {
    const p = parseOptions(inv.argv.slice(1), { value: ['-f', '--keyfile', '--cachedir', '--configfile', '-C', '--archive-names', '--creationtime', '-T', '-X', '--exclude', '--include'] });
    if (p.has('--help', '--dry-run')) return null;
    if (p.has('--nuke')) return { summary: 'tarsnap --nuke deletes every archive' };
    if (!p.has('-d')) return null;
    const archives = [...p.values('-f'), ...p.values('--archive-names')].join(' ');
    return { target: archives, summary: `tarsnap -d deletes ${archives || 'archives'}` };
  },
});

export const pack = [tarsnapDelete];

/** What its commands act on (src/rules/targets.ts): the archives, and the key that reaches the account. */
export const targets: TargetSpec = { options: { '-f': names.name, '--keyfile': names.file } };
