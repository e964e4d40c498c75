// Barman (PostgreSQL backups): deleting backups on the Barman server and in cloud storage.

import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

const VALUES = [
  '-c',
  '--config',
  '-f',
  '--format',
  '--cloud-provider',
  '--endpoint-url',
  '-r',
  '--retention-policy',
  '-m',
  '--minimum-redundancy',
  '-b',
  '--backup-id',
  '-P',
  '--aws-profile',
  '--profile',
  '--read-timeout',
  '--azure-credential',
  '--credential',
  '--batch-size',
];

export const barmanDelete = rule({
  id: 'barman/delete',
  effect: 'destroy',
  severity: 'critical',
  programs: ['barman', 'barman-cloud-backup-delete'],
  summary: 'deletes Barman backups',
  consequence: 'The backup and the WAL only it needed are deleted: the database can no longer be restored to those points in time.',
  alternatives: ['barman list-backups <server> to show a human what exists', 'barman-cloud-backup-delete --dry-run'],
  match(inv) {
    const p = parseOptions(inv.argv.slice(1), { value: VALUES });
    if (p.has('--help', '-h', '--dry-run', '-t', '--test')) return null;
    const words = p.positionals.map((a) => a.text);
    if (inv.program === 'barman-cloud-backup-delete') {
      const [source, server] = words;
      const which = p.value('-b', '--backup-id') ?? (p.value('-r', '--retention-policy') ? `those outside ${p.value('-r', '--retention-policy')}` : 'backups');
      return { target: server ?? source, summary: `barman-cloud-backup-delete ${which} of ${server ?? ''} in ${source ?? ''}` };
    }
    if (words[0] !== 'delete') return null;
    return { target: words[1], summary: `barman delete ${words.slice(1).join(' ')}` };
  },
});

export const pack = [barmanDelete];

/** What its commands act on (src/rules/targets.ts): the PostgreSQL server's backups, named by argument, and where they are kept. */
export const targets: TargetSpec = {
  acts: ['database'],
  options: { '-c': names.config, '--config': names.config, '--endpoint-url': names.url, '-P': names.profile, '--aws-profile': names.profile, '--profile': names.profile },
};
