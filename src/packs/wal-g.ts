// WAL-G: deleting backups and WAL from storage. `wal-g delete` only reports what it would delete
// unless --confirm is given; its storage tools (`st rm`) delete at once.

import { subcommandWords } from '../rules/subcommands.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names, variableTargets } from '../rules/targets.js';

const VALUES = ['--config', '--target-storage', '--turbo', '--target-user-data'];

export const walgDelete = rule({
  id: 'wal-g/delete',
  effect: 'destroy',
  severity: 'critical',
  programs: ['wal-g', 'wal-g-pg', 'wal-g-mysql', 'wal-g-mongo', 'wal-g-redis', 'wal-g-fdb', 'wal-g-gp', 'wal-g-sqlserver'],
  summary: 'deletes WAL-G backups or WAL from storage',
  consequence: 'Deleted base backups and WAL segments can no longer be restored from; `delete everything` leaves no backup at all.',
  alternatives: ['run the same wal-g delete without --confirm: it only lists what it would delete', 'wal-g backup-list --detail'],
  match(inv) {
    const { words, has } = subcommandWords(inv, VALUES);
    if (has('--help', '-h')) return null;
    const [command, mode, ...rest] = words;
    if (command === 'delete' && has('--confirm')) return { target: rest.join(' ') || undefined, summary: `wal-g delete ${[mode, ...rest].join(' ')} --confirm`.trim() };
    if (command === 'st' && (mode === 'rm' || mode === 'remove')) return { target: rest.join(' '), summary: `wal-g st ${mode} ${rest.join(' ')} deletes objects from backup storage` };
    return null;
  },
});

export const pack = [walgDelete];

/** What its commands act on (src/rules/targets.ts): the database's backups, where the storage prefix variables say. */
export const targets: TargetSpec = {
  acts: ['database'],
  options: { '--config': names.config },
  of: (inv) =>
    variableTargets(inv, {
      WALG_S3_PREFIX: names.url,
      WALE_S3_PREFIX: names.url,
      WALG_GS_PREFIX: names.url,
      WALG_AZ_PREFIX: names.url,
      WALG_FILE_PREFIX: names.url,
      WALG_SWIFT_PREFIX: names.url,
      WALG_SSH_PREFIX: names.url,
    }),
};
