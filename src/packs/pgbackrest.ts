// pgBackRest: expiring backups, deleting a stanza, retention given on the command line (a backup
// expires older ones by it), and restores that write over the existing data directory.

import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names, variableTargets } from '../rules/targets.js';

const COMMANDS = new Set([
  'annotate',
  'archive-get',
  'archive-push',
  'backup',
  'check',
  'expire',
  'help',
  'info',
  'repo-get',
  'repo-ls',
  'restore',
  'server',
  'server-ping',
  'stanza-create',
  'stanza-delete',
  'stanza-upgrade',
  'start',
  'stop',
  'verify',
  'version',
]);
/** Its options are usually written `--stanza=main`; these are the ones also seen as `--stanza main`. */
const VALUES = ['--stanza', '--config', '--config-path', '--repo', '--set', '--type', '--target', '--pg1-path', '--pg1-host', '--repo1-host', '--repo1-path', '--log-level-console', '--process-max'];
const RETENTION = /^--repo\d*-retention-(full|diff|archive)/;

export const pgbackrest = rule({
  id: 'pgbackrest/expire',
  effect: 'destroy',
  severity: 'critical',
  programs: ['pgbackrest'],
  summary: 'deletes pgBackRest backups',
  consequence: 'Expired backups and the WAL only they needed are deleted from the repository; stanza-delete deletes every backup and archive of the stanza.',
  alternatives: ['pgbackrest expire --dry-run, and show a human what it would remove', 'pgbackrest info to list the backups'],
  match(inv) {
    const p = parseOptions(inv.argv.slice(1), { value: VALUES });
    const command = p.positionals.map((a) => a.text).find((w) => COMMANDS.has(w));
    const stanza = p.value('--stanza');
    if (!command || p.has('--help', '--dry-run')) return null;
    if (command === 'stanza-delete') return { target: stanza, summary: `pgbackrest stanza-delete deletes every backup and archive of stanza ${stanza ?? ''}`.trim() };
    if (command === 'expire') return { target: stanza, summary: `pgbackrest expire${p.value('--set') ? ` --set=${p.value('--set')}` : ''} deletes backups of stanza ${stanza ?? ''}`.trim() };
    const retention = p.options.find(([name]) => RETENTION.test(name));
    if (command === 'backup' && retention) return { severity: 'high', target: stanza, summary: `pgbackrest backup with ${retention[0]} on the command line expires older backups by that retention` };
    return null;
  },
});

export const restoreOver = rule({
  id: 'pgbackrest/restore-over',
  effect: 'destroy',
  severity: 'high',
  programs: ['pgbackrest'],
  summary: 'restores a pgBackRest backup over an existing PostgreSQL data directory',
  consequence: 'With --delta or --force the data directory is made to match the backup: whatever the database holds now that the backup lacks is lost.',
  alternatives: ['restore into a new, empty directory (--pg1-path) and compare first'],
  match(inv) {
    const p = parseOptions(inv.argv.slice(1), { value: VALUES });
    if (!p.positionals.some((a) => a.text === 'restore') || p.has('--help')) return null;
    return p.has('--delta', '--force') ? { target: p.value('--pg1-path') ?? p.value('--stanza') } : null;
  },
});

export const pack = [pgbackrest, restoreOver];

/** What its commands act on (src/rules/targets.ts): the database cluster's backups, by stanza and host. */
export const targets: TargetSpec = {
  acts: ['database'],
  options: { '--stanza': names.name, '--pg1-host': names.host, '--repo1-host': names.host, '--config': names.config, '--repo1-s3-bucket': names.name },
  // Every option can be set as PGBACKREST_<OPTION>.
  of: (inv) => variableTargets(inv, { PGBACKREST_STANZA: names.name, PGBACKREST_PG1_HOST: names.host, PGBACKREST_REPO1_HOST: names.host, PGBACKREST_REPO1_S3_BUCKET: names.name }),
};
