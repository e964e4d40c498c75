// Kopia: deleting and expiring snapshots (which Kopia does only with --delete), deleting contents and
// blobs underneath them, and maintenance told to skip its safety margins.

import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

const VALUES = ['--config-file', '--password', '-p', '--log-level', '--file-log-level', '--log-dir', '--cache-directory', '--safety', '--owner', '--prefix'];

export const kopiaDelete = rule({
  id: 'kopia/delete',
  effect: 'destroy',
  severity: 'critical',
  programs: ['kopia'],
  summary: 'deletes snapshots or repository data with Kopia',
  consequence: 'Deleted snapshots can no longer be restored, and the next maintenance frees the data only they referenced.',
  alternatives: ['run it without --delete: Kopia then only lists what it would delete', 'kopia snapshot list to show a human what the repository holds'],
  match(inv) {
    const p = parseOptions(inv.argv.slice(1), { value: VALUES });
    if (p.has('--help', '-h', '--help-full')) return null;
    const [group, command, ...rest] = p.positionals.map((a) => a.text);
    const target = rest.join(' ');
    // snapshot delete and expire only list their victims unless --delete confirms them.
    if ((group === 'snapshot' || group === 'snap') && (command === 'delete' || command === 'expire') && p.has('--delete') && p.value('--delete') !== 'false')
      return { target, summary: `kopia snapshot ${command} ${target}`.trim() };
    if ((group === 'content' || group === 'blob') && (command === 'delete' || command === 'rm' || command === 'remove'))
      return { target, summary: `kopia ${group} ${command} deletes repository ${group}s that snapshots may still need` };
    // Maintenance waits before deleting what looks unused, in case a snapshot still being written needs it; --safety=none does not.
    if (group === 'maintenance' && command === 'run' && p.value('--safety') === 'none')
      return { severity: 'high', summary: 'kopia maintenance run --safety=none deletes unreferenced data at once, even what a running snapshot is still writing' };
    return null;
  },
});

export const pack = [kopiaDelete];

/** What its commands act on (src/rules/targets.ts): the repository, through the config file that connects to it. */
export const targets: TargetSpec = { options: { '--config-file': names.config } };
