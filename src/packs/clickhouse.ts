// ClickHouse: SQL through clickhouse-client (or `clickhouse client`).

import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { clientSources, sqlHits } from '../rules/sql-findings.js';
import { type TargetSpec, names } from '../rules/targets.js';

export const client = rule({
  id: 'clickhouse/client',
  effect: 'destroy',
  severity: 'critical',
  programs: ['clickhouse-client', 'clickhouse'],
  summary: 'clickhouse-client runs destructive SQL',
  consequence: 'Tables or databases are dropped or emptied; ALTER TABLE … DELETE removes rows in the background.',
  alternatives: ['BACKUP TABLE … first', 'SELECT count() with the same condition and show a human'],
  match(inv, ctx) {
    const args = inv.program === 'clickhouse' ? (inv.argv[1]?.text === 'client' ? inv.argv.slice(2) : null) : inv.argv.slice(1);
    if (!args) return null;
    const parsed = parseOptions(args, { value: ['-q', '--query', '--queries-file', '-h', '--host', '--port', '-u', '--user', '--password', '-d', '--database', '--format', '-f'] });
    const sources = clientSources(inv, ctx, 'clickhouse-client', parsed.values('-q', '--query'), parsed.values('--queries-file'));
    return sqlHits(sources, 'generic', ctx, parsed.value('-h', '--host'));
  },
});

export const pack = [client];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['database'], options: { '-h': names.host, '--host': names.host, '-d': names.name, '-u': names.name, '-f': names.file } };
