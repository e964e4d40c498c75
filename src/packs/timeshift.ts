// Timeshift (system snapshots): deleting snapshots, and restoring one over the running system.

import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import type { TargetSpec } from '../rules/targets.js';

export const timeshift = rule({
  id: 'timeshift/delete',
  effect: 'destroy',
  severity: 'critical',
  programs: ['timeshift'],
  summary: 'deletes Timeshift snapshots or restores one over the system',
  consequence: 'Deleted snapshots cannot be restored; a restore reverts the system files to the snapshot and what changed since is lost.',
  alternatives: ['timeshift --list to show a human the snapshots'],
  match(inv) {
    const p = parseOptions(inv.argv.slice(1), { value: ['--snapshot', '--target', '--target-device', '--comments', '--tags', '--snapshot-device'] });
    if (p.has('--help', '-h')) return null;
    const snapshot = p.value('--snapshot');
    if (p.has('--delete-all')) return { summary: 'timeshift --delete-all deletes every snapshot' };
    if (p.has('--delete')) return { target: snapshot, summary: `timeshift --delete ${snapshot ?? '(asks which snapshot)'}` };
    if (p.has('--restore')) return { severity: 'high', target: snapshot, summary: `timeshift --restore reverts the system to ${snapshot ?? 'a snapshot'}` };
    return null;
  },
});

export const pack = [timeshift];

/** What its commands act on (src/rules/targets.ts): the machine it runs on. */
export const targets: TargetSpec = {};
