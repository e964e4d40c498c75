// CockroachDB: `cockroach sql -e` speaks PostgreSQL's dialect.

import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { clientSources, sqlHits } from '../rules/sql-findings.js';
import { type TargetSpec, names } from '../rules/targets.js';

export const sql = rule({
  id: 'cockroach/sql',
  effect: 'destroy',
  severity: 'critical',
  programs: ['cockroach'],
  summary: 'cockroach sql runs destructive SQL',
  consequence: 'Rows, tables or databases are deleted; only a backup brings them back.',
  alternatives: ['BACKUP first', 'run it inside BEGIN; … ROLLBACK; and show the counts to a human'],
  match(inv, ctx) {
    if (inv.argv[1]?.text !== 'sql') return null;
    const parsed = parseOptions(inv.argv.slice(2), { value: ['-e', '--execute', '-f', '--file', '--url', '--host', '-u', '--user', '-d', '--database', '--certs-dir', '--format'] });
    const sources = clientSources(inv, ctx, 'cockroach sql', parsed.values('-e', '--execute'), parsed.values('-f', '--file'));
    return sqlHits(sources, 'postgres', ctx, parsed.value('--url', '--host'));
  },
});

export const pack = [sql];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = {
  acts: ['database'],
  options: { '--url': names.databaseUrl, '--host': names.host, '-d': names.name, '-e': names.name, '-u': names.name, '-f': names.file, '--file': names.file },
};
