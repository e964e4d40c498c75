// Before `drizzle-kit push` runs, ask drizzle-kit itself what it would do to the database: its own
// `pushSchema` or `pushSQLiteSchema` (drizzle-kit/api) compares the project's schema with the live
// database and returns the statements it would run and its data-loss warnings (with row counts),
// without applying them. The diff runs in a child node process in the project, with the project's own
// drizzle-kit and drizzle-orm (and pg or postgres for PostgreSQL; a SQLite file is opened read-only with
// airlock's better-sqlite3), loading the drizzle config and schema files as the push itself would.

import { access } from 'node:fs/promises';
import { posix } from 'node:path';
import { databaseFromUrl } from '../core/copy.js';
import type { Invocation } from '../core/invocation.js';
import { DRIZZLE_KIT_VALUE_OPTIONS, parseOptions } from '../rules/argv.js';
import { runDiffChild, type SchemaDiff } from './schema-diff.js';
import { sqliteDriverPath } from './sqlite-facts.js';

/** The config files drizzle-kit looks for by itself, in its own order. */
const CONFIG_NAMES = ['drizzle.config.ts', 'drizzle.config.js', 'drizzle.config.json'];

/** Variables drizzle-kit reads to find its config elsewhere: with one set, the probe would read another file. */
const CONFIG_VARIABLES = /^(TEST_CONFIG_PATH_PREFIX|DRIZZLE_.*)$/;

/** The drizzle config the command uses: `--config FILE`, else the first drizzle.config.* in its folder. */
export async function drizzleConfigFor(inv: Invocation, env: Readonly<Record<string, string>>): Promise<string | { why: string }> {
  const dir = inv.cwd as string;
  const variable = [...Object.keys(inv.env), ...Object.keys(env)].find((name) => CONFIG_VARIABLES.test(name));
  if (variable) return { why: `${variable} changes where drizzle-kit finds its config` };
  const given = parseOptions(inv.argv.slice(1), { value: DRIZZLE_KIT_VALUE_OPTIONS });
  for (const option of ['--dialect', '--schema', '--url']) if (given.has(option)) return { why: `${option} on the command line is not read by the probe` };
  const named = given.value('--config');
  if (named) return posix.resolve(dir, named);
  for (const name of CONFIG_NAMES) {
    const path = posix.join(dir, name);
    if (
      await access(path).then(
        () => true,
        () => false,
      )
    )
      return path;
  }
  return { why: `there is no drizzle.config file in ${dir}` };
}

/**
 * The child's program (CommonJS, run with `node -e`): resolves drizzle-kit from the project, loads
 * TypeScript through the tsx drizzle-kit itself depends on, reads the config and schema, connects as
 * drizzle-kit would for the config's dialect, asks drizzle-kit/api for the diff and prints it on one
 * marked line. `apply` is never called. A SQLite file is opened read-only with airlock's own
 * better-sqlite3 (its path is the second argument).
 */
const CHILD = String.raw`
const path = require('path'), fs = require('fs');
const [config_path, sqlite_driver] = process.argv.slice(1);
// The project's code sees the command line drizzle-kit's own push would give it.
process.argv = [process.argv[0], require('path').join(process.cwd(), 'node_modules/.bin/drizzle-kit'), 'push', '--config', config_path];
const from = (m, base) => require.resolve(m, { paths: [base] });
const fail = (message) => { process.stderr.write(String(message).split('\n')[0] + '\n'); process.exit(3); };
process.on('uncaughtException', (e) => fail((e && e.message) || e));
let api;
try { api = from('drizzle-kit/api', process.cwd()); } catch { fail('drizzle-kit is not installed in this project'); }
try { require(from('tsx/cjs/api', api)).register(); } catch { fail('drizzle-kit has no tsx here to load TypeScript with'); }
const load = (file) => { const m = require(file); return m && m.default !== undefined ? m.default : m; };
const config = load(config_path);
const here = process.cwd();
const credentials = config.dbCredentials || {};
const list = (v) => (v === undefined ? undefined : [].concat(v));
// Where the PostgreSQL database is, as a URL without its password: the parent reads it as it reads
// any connection URL (core/copy.ts) for a safety copy before the push.
const server = () => {
  try {
    const u = new URL(credentials.url || 'postgresql://localhost');
    if (!credentials.url) for (const [k, v] of [['hostname', credentials.host], ['port', credentials.port], ['username', credentials.user], ['pathname', credentials.database]]) if (v !== undefined) u[k] = String(v);
    u.password = '';
    return u.toString();
  } catch { return undefined; }
};
// Each dialect the probe asks about: how drizzle-kit connects for it, and which of drizzle-kit/api's diffs to ask.
const dialects = {
  postgresql() {
    try {
      const { Pool } = require(from('pg', here));
      const pool = new Pool(credentials.url ? { connectionString: credentials.url } : credentials);
      const db = require(from('drizzle-orm/node-postgres', here)).drizzle(pool);
      return { db, close: () => pool.end(), ping: () => pool.query('SELECT 1'), server: server(),
        diff: (imports) => require(api).pushSchema(imports, db, list(config.schemaFilter), list(config.tablesFilter), config.extensionsFilters) };
    } catch {
      let sql;
      try { sql = require(from('postgres', here))(credentials.url || credentials, { max: 1, onnotice() {} }); } catch { fail('neither pg nor postgres (with drizzle-orm) is installed in this project'); }
      const db = require(from('drizzle-orm/postgres-js', here)).drizzle(sql);
      return { db, close: () => sql.end(), ping: () => sql.unsafe('SELECT 1'), server: server(),
        diff: (imports) => require(api).pushSchema(imports, db, list(config.schemaFilter), list(config.tablesFilter), config.extensionsFilters) };
    }
  },
  sqlite() {
    if (config.driver) fail('the probe does not open a SQLite database through the ' + config.driver + ' driver');
    const url = String(credentials.url || '');
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !/^file:/i.test(url)) fail('the SQLite database at ' + url.split('?')[0] + ' is not a local file');
    // drizzle-kit's drivers read parameters and escapes in a URL each their own way: the probe would not know which file is meant.
    if (/[?%#]/.test(url)) fail('the SQLite URL ' + url + ' has parameters or escapes, which drizzle-kit\'s drivers read differently');
    // better-sqlite3 takes only a lower-case file: as the scheme (FILE:x.db is a file of that name); libsql reads it as a URL.
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) && !/^file:/.test(url)) fail('the SQLite URL ' + url + ' is written in a form drizzle-kit\'s drivers read differently');
    const file = url.replace(/^file:(\/\/(?=\/))?/, '');
    if (!file || file === ':memory:') fail('the config names no SQLite file');
    const Database = require(sqlite_driver);
    const full = path.resolve(file);
    // No file yet: the push creates it, so it starts from an empty database.
    const exists = fs.existsSync(full);
    const sqlite = exists ? new Database(full, { readonly: true, fileMustExist: true }) : new Database(':memory:');
    const db = require(from('drizzle-orm/better-sqlite3', here)).drizzle(sqlite);
    return { close: () => sqlite.close(), ping: () => sqlite.prepare('SELECT 1').get(), ...(exists ? { database: { kind: 'sqlite', file: full } } : { note: 'there is no SQLite file at ' + full + ' yet, so the push creates it' }),
      diff: (imports) => require(api).pushSQLiteSchema(imports, db) };
  },
};
// drizzle-kit/api's MySQL diff leaves out the DDL its push runs and judges loss apart from it (README, preflight).
if (config.dialect === 'mysql') fail("drizzle-kit's own MySQL diff (drizzle-kit/api) does not return the statements its push runs, so the probe cannot ask it what this push does");
const dialect = Object.hasOwn(dialects, config.dialect) ? dialects[config.dialect] : null;
if (!dialect) fail('the probe asks drizzle-kit only about PostgreSQL and SQLite; this config says ' + config.dialect);
// drizzle-kit/api's SQLite diff takes no table filter (it would read filtered-out tables as dropped), and none of its diffs a casing.
if (config.dialect === 'sqlite' && config.tablesFilter !== undefined) fail("drizzle-kit's own SQLite diff does not read tablesFilter, so the probe cannot ask it what this push does");
if (config.casing !== undefined) fail("drizzle-kit's own diff (drizzle-kit/api) does not read casing, so the probe cannot ask it what this push does");
const schemaFiles = [].concat(config.schema || []).flatMap((entry) => {
  if (/[*?{[]/.test(entry)) fail('the schema is given as a pattern (' + entry + ')');
  // drizzle-kit resolves the schema from the folder it runs in, not the config's.
  const full = path.resolve(entry);
  if (!fs.statSync(full).isDirectory()) return [full];
  return fs.readdirSync(full).filter((n) => /\.(c|m)?(t|j)s$/.test(n)).map((n) => path.join(full, n));
});
if (!schemaFiles.length) fail('the config names no schema file');
const imports = Object.assign({}, ...schemaFiles.map((f) => require(f)));
const db = dialect();
(async () => {
  // drizzle-kit exits without a word when it can't connect: connecting first gives the reason.
  await db.ping();
  const diff = await db.diff(imports);
  const answer = { statements: diff.statementsToExecute, warnings: diff.warnings, dataLoss: diff.hasDataLoss, dialect: config.dialect === 'postgresql' ? 'postgres' : config.dialect };
  if (db.note) answer.warnings = [...answer.warnings, db.note];
  if (db.database) answer.database = db.database;
  if (db.server) answer.server = db.server;
  process.stdout.write('\nAIRLOCK_DIFF ' + JSON.stringify(answer) + '\n');
  await db.close();
  // A refused connection is an AggregateError with no message of its own: its code says it.
})().catch((e) => fail(String((e && (e.message || e.code || (e.errors && e.errors[0] && e.errors[0].message))) || e)));
`;

/** Runs drizzle-kit's own diff in `dir` with the agent's environment; rejects with the reason it could not. */
export async function probeDrizzle(dir: string, config: string, env: Readonly<Record<string, string>>, signal: AbortSignal): Promise<SchemaDiff> {
  const { server, ...diff } = await runDiffChild<SchemaDiff & { server?: string }>(['-e', CHILD, config, sqliteDriverPath()], { cwd: dir, env, signal, label: "drizzle-kit's diff" });
  const at = server === undefined ? null : databaseFromUrl(server);
  return at ? { ...diff, database: { kind: 'postgres', ...at } } : diff;
}
