// Cassandra: CQL through cqlsh.

import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { clientSources, sqlHits } from '../rules/sql-findings.js';
import { type TargetSpec, names } from '../rules/targets.js';

export const cqlsh = rule({
  id: 'cassandra/cqlsh',
  effect: 'destroy',
  severity: 'critical',
  programs: ['cqlsh'],
  summary: 'cqlsh runs destructive CQL',
  consequence: 'Keyspaces or tables are dropped, or emptied by TRUNCATE.',
  alternatives: ['nodetool snapshot first', 'DESCRIBE the keyspace and show a human'],
  match(inv, ctx) {
    const parsed = parseOptions(inv.argv.slice(1), {
      value: ['-e', '--execute', '-f', '--file', '-u', '--username', '-p', '--password', '-k', '--keyspace', '--cqlshrc', '--request-timeout', '--connect-timeout'],
    });
    const sources = clientSources(inv, ctx, 'cqlsh', parsed.values('-e', '--execute'), parsed.values('-f', '--file'));
    return sqlHits(sources, 'generic', ctx, parsed.positionals[0]?.text);
  },
});

export const pack = [cqlsh];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['database'], options: { '-u': names.name, '-e': names.name, '-f': names.file, '--file': names.file } };
