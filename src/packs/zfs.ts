// ZFS: destroying snapshots, datasets and pools, and rolling back (which discards everything written
// since the snapshot, and with -r the later snapshots too).

import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import type { TargetSpec } from '../rules/targets.js';

export const zfsDestroy = rule({
  id: 'zfs/destroy',
  effect: 'destroy',
  severity: 'critical',
  programs: ['zfs', 'zpool'],
  summary: 'destroys ZFS snapshots, datasets or pools, or rolls a dataset back',
  consequence: 'A destroyed snapshot, dataset or pool is gone with its data; a rollback discards everything written since the snapshot, and -r deletes the snapshots taken after it.',
  alternatives: ['zfs destroy -nv shows what it would destroy', 'zfs list -t snapshot to show a human what exists', 'zfs snapshot first'],
  match(inv) {
    const p = parseOptions(inv.argv.slice(1), { value: ['-o', '-t', '-s', '-S'] });
    const [command, ...rest] = p.positionals.map((a) => a.text);
    const target = rest.join(' ');
    if (p.has('-?', '--help')) return null;
    // -n is a dry run for zfs destroy (and zpool labelclear has none).
    if (command === 'destroy' && !p.has('-n')) {
      const kind = inv.program === 'zpool' ? 'pool' : target.includes('@') ? 'snapshot' : 'dataset';
      return { target, summary: `${inv.program} destroy ${target}: the ${kind}${p.has('-r', '-R') ? ' and everything under it' : ''} is gone` };
    }
    if (inv.program === 'zpool' && command === 'labelclear') return { target, summary: `zpool labelclear ${target}: the device no longer belongs to its pool` };
    if (inv.program === 'zfs' && command === 'rollback') return { target, summary: `zfs rollback ${target}${p.has('-r', '-R') ? ' (and deletes every later snapshot)' : ''}` };
    return null;
  },
});

export const pack = [zfsDestroy];

/** What its commands act on (src/rules/targets.ts): the pool, dataset or snapshot, an argument. */
export const targets: TargetSpec = {};
