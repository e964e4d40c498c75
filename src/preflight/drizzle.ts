// Before `drizzle-kit push` runs, ask drizzle-kit itself what it would do to the database: its own
// `pushSchema` (drizzle-kit/api) compares the project's schema with the live database and returns the
// statements it would run and its data-loss warnings (with row counts), without applying them. The
// diff runs in a child node process in the project, with the project's own drizzle-kit, drizzle-orm
// and pg, loading the drizzle config and schema files as the push itself would.

import { access } from 'node:fs/promises';
import { posix } from 'node:path';
import type { Invocation } from '../core/invocation.js';
import { DRIZZLE_KIT_VALUE_OPTIONS, parseOptions } from '../rules/argv.js';
import { runDiffChild, type SchemaDiff } from './schema-diff.js';

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
 * TypeScript through the tsx drizzle-kit itself depends on, reads the config and schema, connects with
 * the project's pg, asks pushSchema for the diff and prints it on one marked line. `apply` is never called.
 */
const CHILD = String.raw`
const path = require('path'), fs = require('fs');
const [config_path] = process.argv.slice(1);
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
if (config.dialect !== 'postgresql') fail('the probe asks drizzle-kit only about PostgreSQL; this config says ' + config.dialect);
const schemaFiles = [].concat(config.schema || []).flatMap((entry) => {
  if (/[*?{[]/.test(entry)) fail('the schema is given as a pattern (' + entry + ')');
  // drizzle-kit resolves the schema from the folder it runs in, not the config's.
  const full = path.resolve(entry);
  if (!fs.statSync(full).isDirectory()) return [full];
  return fs.readdirSync(full).filter((n) => /\.(c|m)?(t|j)s$/.test(n)).map((n) => path.join(full, n));
});
if (!schemaFiles.length) fail('the config names no schema file');
const imports = Object.assign({}, ...schemaFiles.map((f) => require(f)));
const credentials = config.dbCredentials || {};
const here = process.cwd();
let db, close, ping;
try {
  const { Pool } = require(from('pg', here));
  const pool = new Pool(credentials.url ? { connectionString: credentials.url } : credentials);
  db = require(from('drizzle-orm/node-postgres', here)).drizzle(pool);
  close = () => pool.end();
  ping = () => pool.query('SELECT 1');
} catch {
  try {
    const sql = require(from('postgres', here))(credentials.url || credentials, { max: 1, onnotice() {} });
    db = require(from('drizzle-orm/postgres-js', here)).drizzle(sql);
    close = () => sql.end();
    ping = () => sql.unsafe('SELECT 1');
  } catch { fail('neither pg nor postgres (with drizzle-orm) is installed in this project'); }
}
(async () => {
  // drizzle-kit exits without a word when it can't connect: connecting first gives the reason.
  await ping();
  const list = (v) => (v === undefined ? undefined : [].concat(v));
  const diff = await require(api).pushSchema(imports, db, list(config.schemaFilter), list(config.tablesFilter), config.extensionsFilters);
  process.stdout.write('\nAIRLOCK_DIFF ' + JSON.stringify({ statements: diff.statementsToExecute, warnings: diff.warnings, dataLoss: diff.hasDataLoss }) + '\n');
  await close();
  // A refused connection is an AggregateError with no message of its own: its code says it.
})().catch((e) => fail(String((e && (e.message || e.code || (e.errors && e.errors[0] && e.errors[0].message))) || e)));
`;

/** Runs drizzle-kit's own diff in `dir` with the agent's environment; rejects with the reason it could not. */
export function probeDrizzle(dir: string, config: string, env: Readonly<Record<string, string>>, signal: AbortSignal): Promise<SchemaDiff> {
  return runDiffChild<SchemaDiff>(['-e', CHILD, config], { cwd: dir, env, signal, label: "drizzle-kit's diff" });
}
