// DuckDB: SQL given as arguments, -c, or stdin, against a database file.

import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { clientSources, sqlHits } from '../rules/sql-findings.js';
import { type TargetSpec, names } from '../rules/targets.js';

export const duckdb = rule({
  id: 'duckdb/sql',
  effect: 'destroy',
  severity: 'high',
  programs: ['duckdb'],
  summary: 'duckdb runs destructive SQL',
  consequence: 'Tables in the database file are dropped or emptied.',
  alternatives: ['copy the database file first', 'EXPORT DATABASE first'],
  match(inv, ctx) {
    const parsed = parseOptions(inv.argv.slice(1), { singleDashWords: true, value: ['-c', '-cmd', '-s', '-init', '-separator', '-nullvalue'] });
    const [, ...statements] = parsed.positionals.map((a) => a.text);
    const sources = clientSources(inv, ctx, 'duckdb', [...parsed.values('-c', '-cmd', '-s'), ...statements], []);
    return sqlHits(sources, 'generic', ctx, parsed.positionals[0]?.text);
  },
});

export const pack = [duckdb];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['database'], options: { '-c': names.name } };
