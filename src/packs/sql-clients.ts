// Command-line SQL clients and database admin tools: psql, mysql, sqlite3, dropdb, mysqladmin, pg_restore.

import { SQL_PROGRAM, type Invocation } from '../core/invocation.js';
import type { Dialect } from '../sql/types.js';
import { parseOptions, PSQL_VALUE_OPTIONS } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { clientSources, fileSource, sqlHits, stdinSource, withIncludes, type SqlSource } from '../rules/sql-findings.js';
import { type TargetSpec, names } from '../rules/targets.js';

const SQL_ALTERNATIVES = ['run the same statement inside BEGIN; … ROLLBACK; and show the row counts to a human', 'take a backup first (pg_dump / mysqldump)', 'add a WHERE clause that names the rows'];

export const psql = rule({
  id: 'postgres/psql',
  effect: 'destroy',
  severity: 'critical',
  programs: ['psql'],
  summary: 'psql runs destructive SQL',
  consequence: 'Rows, tables or whole databases are deleted; only a backup brings them back.',
  alternatives: SQL_ALTERNATIVES,
  match(inv, ctx) {
    const parsed = parseOptions(inv.argv.slice(1), { value: PSQL_VALUE_OPTIONS });
    const sources: SqlSource[] = [];
    for (const [name, value] of parsed.options) {
      if (value === true) continue;
      if (name === '-c' || name === '--command') sources.push({ label: 'psql -c', text: value });
      if (name === '-f' || name === '--file') sources.push(value === '-' ? (stdinSource(inv, 'psql -f -') ?? { label: 'psql -f -', text: '' }) : fileSource(value, ctx, 'psql -f', inv));
    }
    if (sources.length === 0 && !parsed.has('--version', '-V', '--help', '-l', '--list')) {
      const stdin = stdinSource(inv, 'psql');
      if (stdin) sources.push(stdin);
    }
    return sqlHits(withIncludes(sources, 'postgres', ctx, inv), 'postgres', ctx, parsed.value('-h', '--host') ?? parsed.value('-d', '--dbname') ?? parsed.positionals[0]?.text);
  },
});

export const mysql = rule({
  id: 'mysql/mysql',
  effect: 'destroy',
  severity: 'critical',
  programs: ['mysql', 'mariadb'],
  summary: 'mysql runs destructive SQL',
  consequence: 'Rows, tables or whole databases are deleted; only a backup brings them back.',
  alternatives: SQL_ALTERNATIVES,
  match(inv, ctx) {
    // -pSECRET carries the password attached; it is not a cluster of flags.
    const args = inv.argv.slice(1).filter((a) => !/^-p/.test(a.text) && a.text !== '--password' && !a.text.startsWith('--password='));
    const parsed = parseOptions(args, {
      value: ['-e', '--execute', '-h', '--host', '-u', '--user', '-P', '--port', '-D', '--database', '-S', '--socket', '--defaults-file', '--default-character-set', '--init-command'],
    });
    if (parsed.has('--version', '-V', '--help')) return null;
    // --init-command's SQL runs first, on connecting, whatever else the command runs.
    const init = parsed.values('--init-command').map((text) => ({ label: 'mysql --init-command', text }));
    const sources = [...init, ...clientSources(inv, ctx, 'mysql', parsed.values('-e', '--execute'), [])];
    return sqlHits(withIncludes(sources, 'mysql', ctx, inv), 'mysql', ctx, parsed.value('-h', '--host') ?? parsed.value('-D', '--database') ?? parsed.positionals[0]?.text);
  },
});

export const sqlite = rule({
  id: 'sqlite/sqlite3',
  effect: 'destroy',
  severity: 'critical',
  programs: ['sqlite3', 'sqlite', 'litecli'],
  summary: 'sqlite3 runs destructive SQL',
  consequence: 'Rows or tables in the database file are deleted; only a copy of the file brings them back.',
  alternatives: ['cp the database file first', ...SQL_ALTERNATIVES],
  match(inv, ctx) {
    const parsed = parseOptions(inv.argv.slice(1), {
      singleDashWords: true,
      value: ['-cmd', '-separator', '-nullvalue', '-newline', '-init', '-vfs', '-maxsize', '-mmap', '-pagecache', '-lookaside', '-heap'],
    });
    const [db, ...statements] = parsed.positionals.map((a) => a.text);
    const sources: SqlSource[] = [...parsed.values('-cmd'), ...statements].map((text) => ({ label: 'sqlite3', text }));
    const init = parsed.value('-init');
    if (init) sources.push(fileSource(init, ctx, 'sqlite3 -init', inv));
    if (statements.length === 0 && !parsed.has('-version', '-help')) {
      const stdin = stdinSource(inv, 'sqlite3');
      if (stdin) sources.push(stdin);
    }
    return sqlHits(withIncludes(sources, 'sqlite', ctx, inv), 'sqlite', ctx, db);
  },
});

export const dropdb = rule({
  id: 'postgres/dropdb',
  effect: 'destroy',
  severity: 'critical',
  programs: ['dropdb'],
  summary: 'dropdb deletes a whole PostgreSQL database',
  consequence: 'Every table and row in it is gone; only a backup brings it back.',
  alternatives: ['pg_dump -Fc the database first', 'rename it instead (ALTER DATABASE … RENAME TO …) and drop it later'],
  match(inv) {
    const parsed = parseOptions(inv.argv.slice(1), { value: ['-h', '--host', '-p', '--port', '-U', '--username', '--maintenance-db'] });
    if (parsed.has('--help', '-?', '--version', '-V')) return null;
    const db = parsed.positionals[0]?.text;
    return db ? { target: db, summary: `dropdb deletes the database ${db}` } : null;
  },
});

export const mysqladmin = rule({
  id: 'mysql/mysqladmin-drop',
  effect: 'destroy',
  severity: 'critical',
  programs: ['mysqladmin', 'mariadb-admin'],
  summary: 'mysqladmin drop deletes a whole database',
  consequence: 'Every table and row in it is gone; only a backup brings it back.',
  alternatives: ['mysqldump the database first'],
  match(inv) {
    const args = inv.argv.slice(1).filter((a) => !/^-p/.test(a.text));
    const words = parseOptions(args, { value: ['-u', '--user', '-h', '--host', '-P', '--port', '-S', '--socket'] }).positionals.map((a) => a.text);
    const at = words.indexOf('drop');
    return at >= 0 ? { target: words[at + 1], summary: `mysqladmin drop deletes the database ${words[at + 1] ?? ''}`.trim() } : null;
  },
});

export const pgRestoreClean = rule({
  id: 'postgres/pg-restore-clean',
  effect: 'destroy',
  severity: 'high',
  programs: ['pg_restore'],
  summary: 'pg_restore --clean drops existing objects before restoring',
  consequence: 'Tables in the target database are dropped and replaced by the dump; rows added since the dump are lost.',
  alternatives: ['restore into a new, empty database and compare', 'pg_dump the target first'],
  match(inv) {
    const parsed = parseOptions(inv.argv.slice(1), {
      value: ['-d', '--dbname', '-h', '--host', '-p', '--port', '-U', '--username', '-f', '--file', '-j', '--jobs', '-n', '--schema', '-t', '--table', '-L', '--use-list', '-F', '--format'],
    });
    return parsed.has('-c', '--clean') ? { target: parsed.value('-d', '--dbname') ?? 'the target database' } : null;
  },
});

/** What an SQL request's database is called in messages: the MCP server, the URL or host, the name. */
function databaseOf(inv: Invocation): string | undefined {
  const db = inv.targets?.find((t) => t.type === 'database');
  if (!db || db.type !== 'database') return undefined;
  return db.server ? `MCP server ${db.server}` : (db.url ?? db.host ?? db.name);
}

export const statements = rule({
  id: 'sql/statements',
  effect: 'destroy',
  severity: 'critical',
  programs: [SQL_PROGRAM],
  summary: 'SQL sent straight to a database destroys data',
  consequence: 'Rows, tables or whole databases are deleted; only a backup brings them back.',
  alternatives: SQL_ALTERNATIVES,
  match(inv, ctx) {
    if (inv.stdin.kind !== 'text') return null;
    const dialect = (inv.argv[1]?.text ?? 'postgres') as Dialect;
    // Where it comes from is in the finding's `via` (`mcp prod_postgres query`).
    return sqlHits([{ label: 'SQL', text: inv.stdin.text }], dialect, ctx, databaseOf(inv));
  },
});

export const pack = [psql, mysql, sqlite, dropdb, mysqladmin, pgRestoreClean, statements];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = {
  acts: ['database'],
  options: { '-h': names.host, '--host': names.host, '--dbname': names.databaseName, '-d': names.name, '-u': names.name, '-c': names.name, '-e': names.name, '-f': names.file, '--file': names.file },
  // mysql's attached password (-pSECRET) is not a cluster of flags.
  ignore: /^-p./,
};
