// The Prisma probe's child process (see prisma.ts): reads its request on stdin, asks Prisma's schema
// engine (WebAssembly, through Prisma's PostgreSQL driver adapter) for the SQL that would bring the live
// database to the schema, reads the migrations the database has not applied, counts the rows in what
// they drop, and prints the answer after the marker. It never applies anything, and runs no project code.

import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseEnv } from 'node:util';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as engineModule from '@prisma/schema-engine-wasm/schema_engine_bg';
import pg from 'pg';
import type { DiffRequest } from './prisma.js';
import { databaseFromUrl, type DatabaseCopy } from '../core/copy.js';
import { DIFF_MARKER, describeDrop, dropsIn, typeChangesIn, type SchemaDiff } from './schema-diff.js';

const fail = (message: string): never => {
  process.stderr.write(`${message.split('\n')[0]}\n`);
  process.exit(3);
};

/** The schema's .prisma files: the file given, or every one under the folder given (a multi-file schema). */
function schemaFiles(path: string): { path: string; content: string }[] {
  if (!existsSync(path)) fail(`there is no Prisma schema at ${path}`);
  if (!statSync(path).isDirectory()) return [{ path, content: readFileSync(path, 'utf8') }];
  // Prisma keeps a linked file by where the link leads (its real name must end in .prisma): rather than
  // follow its rules for links, a folder with one is not read.
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      if (e.isSymbolicLink()) return fail(`${join(dir, e.name)} is a symbolic link in the schema folder, which Prisma reads by where it leads`);
      return e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.prisma') ? [join(dir, e.name)] : [];
    });
  const files = walk(path).sort();
  if (!files.length) fail(`there is no .prisma file under ${path}`);
  return files.map((p) => ({ path: p, content: readFileSync(p, 'utf8') }));
}

/**
 * Where Prisma may find the schema when neither the command nor the config names it: Prisma 7 looks for
 * schema.prisma, then prisma/schema.prisma, in the config file's folder (else the working one); Prisma 6
 * reads package.json's `prisma.schema` first and then prisma/schema.prisma, schema.prisma or a
 * prisma/schema folder. Every place that has one, in either folder.
 */
function schemaCandidates(dirs: readonly string[]): string[] {
  const found = new Set<string>();
  for (const dir of dirs) {
    try {
      const named = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { prisma?: { schema?: unknown } }).prisma?.schema;
      if (typeof named === 'string' && existsSync(join(dir, named))) found.add(join(dir, named));
    } catch {
      // No package.json, or not JSON: Prisma goes on to its default places too.
    }
    for (const candidate of ['schema.prisma', 'prisma/schema.prisma', 'prisma/schema']) if (existsSync(join(dir, candidate))) found.add(join(dir, candidate));
  }
  return [...found];
}

/** The schema the command uses: the one named, else the only one where Prisma looks, else none; never a guess between two. */
function schemaFor(request: DiffRequest): string | null {
  if (request.schema) return request.schema;
  const candidates = schemaCandidates([...new Set([request.base, request.dir])]);
  if (candidates.length > 1)
    fail(`Prisma could read any of ${candidates.join(', ')} (which one depends on its version and where it runs), so the probe does not choose; name one with --schema or in prisma.config`);
  return candidates[0] ?? null;
}

/** Where the migrations may be: the config's folder, else beside the schema (and, for a schema folder, in it). */
function migrationFolders(request: DiffRequest, schemaPath: string): string[] {
  if (request.migrations) return [request.migrations];
  const folders = [join(dirname(schemaPath), 'migrations')];
  if (statSync(schemaPath).isDirectory()) folders.push(join(schemaPath, 'migrations'));
  return folders;
}

/** The datasource block's provider and url (`"…"` or `env("NAME")`). */
function datasourceOf(files: { content: string }[]): { provider: string; url?: { value: string } | { env: string } } {
  for (const { content } of files) {
    // Whole-line comments only: a `//` inside a line may be a URL's.
    const block = /^\s*datasource\s+\w+\s*\{([^}]*)\}/m.exec(content.replace(/^\s*\/\/[^\n]*$/gm, ''))?.[1];
    if (!block) continue;
    const provider = /^\s*provider\s*=\s*"([^"]*)"/m.exec(block)?.[1] ?? fail('the datasource block names no provider');
    // directUrl, where there is one, is what Migrate and db push connect to (Prisma 6).
    const key = /^\s*directUrl\s*=/m.test(block) ? 'directUrl' : 'url';
    const literal = new RegExp(String.raw`^\s*${key}\s*=\s*"([^"]*)"`, 'm').exec(block)?.[1];
    const variable = new RegExp(String.raw`^\s*${key}\s*=\s*env\(\s*"([^"]+)"\s*\)`, 'm').exec(block)?.[1];
    return { provider, ...(literal !== undefined ? { url: { value: literal } } : variable ? { url: { env: variable } } : {}) };
  }
  return fail('the schema has no datasource block');
}

/**
 * The schema as the engine reads it: Prisma 7's engine refuses connection URLs in the datasource block
 * (Prisma 6 kept them there); the probe has already read the URL, so the block keeps only the rest.
 */
const withoutUrls = (content: string) =>
  content.replace(/^(\s*datasource\s+\w+\s*\{)([^}]*)\}/m, (_, head: string, body: string) => `${head}${body.replace(/^\s*(url|directUrl|shadowDatabaseUrl)\s*=[^\n]*$/gm, '')}}`);

/** Variables from the .env files Prisma (before its config files) loaded: the project's, then the schema's folder's. */
function dotEnv(dir: string, schemaDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of [join(schemaDir, '.env'), join(dir, '.env')]) if (existsSync(file)) Object.assign(out, parseEnv(readFileSync(file, 'utf8')));
  return out;
}

/** A pg client that reads PostgreSQL's one-byte `"char"` as text, which Prisma's adapter can't map (the engine's catalog queries return it). */
class CharAsTextClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query has many overloads; this only looks at results.
  override query(...args: any[]): any {
    const fix = (res: pg.QueryResult | undefined) => {
      for (const f of res?.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25;
      return res;
    };
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const callback = args[last];
      args[last] = (error: Error | null, res: pg.QueryResult) => callback(error, error ? res : fix(res));
      // biome-ignore lint/suspicious/noExplicitAny: as above.
      return (super.query as any)(...args);
    }
    // biome-ignore lint/suspicious/noExplicitAny: as above.
    const result = (super.query as any)(...args);
    return result && typeof result.then === 'function' ? result.then(fix) : result;
  }
}

/** Loads the engine: its glue module with the WebAssembly beside the bundle, or the package's own. */
async function schemaEngine() {
  // The engine reports a panic through this global before it traps: the message becomes the probe's reason.
  (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = { set_message: (message: string) => fail(`Prisma's schema engine stopped: ${message.replace(/\s+/g, ' ')}`) };
  const here = typeof __dirname === 'string' ? __dirname : dirname(new URL(import.meta.url).pathname);
  const bundled = join(here, 'prisma-schema-engine.wasm');
  const path = existsSync(bundled) ? bundled : join(dirname(createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg')), 'schema_engine_bg.wasm');
  const { instance } = await WebAssembly.instantiate(readFileSync(path), { './schema_engine_bg.js': engineModule as unknown as WebAssembly.ModuleImports });
  engineModule.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  return engineModule.SchemaEngine;
}

/** The migrations in `folder` the database has not applied (by `_prisma_migrations`), with their SQL. */
async function pendingMigrations(pool: pg.Pool, folder: string, schema: string): Promise<{ name: string; sql: string }[]> {
  if (!existsSync(folder)) return [];
  const names = readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(folder, e.name, 'migration.sql')))
    .map((e) => e.name)
    .sort();
  const table = await pool.query('SELECT to_regclass($1) AS t', [`${pg.escapeIdentifier(schema)}._prisma_migrations`]);
  const applied = new Set<string>();
  if (table.rows[0]?.t) {
    const rows = await pool.query(`SELECT migration_name FROM ${pg.escapeIdentifier(schema)}._prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`);
    for (const r of rows.rows) applied.add(r.migration_name);
  }
  return names.filter((n) => !applied.has(n)).map((name) => ({ name, sql: readFileSync(join(folder, name, 'migration.sql'), 'utf8') }));
}

/** A table the SQL names, quoted for a query: in the connection's schema unless the SQL gives one. */
const tableIn = (schema: string, table: readonly string[]) => (table.length > 1 ? table : [schema, ...table]).map((n) => pg.escapeIdentifier(n)).join('.');

/** Prints the answer after the marker, for the parent to read (schema-diff.ts). */
const printAnswer = (answer: SchemaDiff) => process.stdout.write(`\n${DIFF_MARKER} ${JSON.stringify(answer)}\n`);

/**
 * The type changes that may cut values: a column that holds any value and changes type (DATE from a
 * timestamp loses the time, INTEGER from a float rounds, a shorter VARCHAR fails or cuts). Prisma's own
 * guard misses some of these, so any change of a column with values in it counts; an empty one loses nothing.
 */
async function lossyTypeChanges(pool: pg.Pool, statements: string[], schema: string): Promise<string[]> {
  const out: string[] = [];
  for (const change of typeChangesIn(statements)) {
    const table = tableIn(schema, change.table);
    const what = `column ${change.column} of ${change.table.join('.')} changes type to ${change.type}`;
    // A count that fails (renamed earlier in the script, no permission, too slow) says nothing is safe.
    const values = await pool.query(`SELECT count(${pg.escapeIdentifier(change.column)}) AS n FROM ${table}`).then(
      (r) => Number(r.rows[0].n),
      (error: Error) => error,
    );
    if (values instanceof Error) out.push(`${what}, and its values could not be counted (${values.message.split('\n')[0]}), so they may be cut or rounded`);
    else if (values > 0) out.push(`${what} with ${values} value${values === 1 ? '' : 's'} in it, which may cut or round them`);
  }
  return out;
}

/** How many rows hold what each drop takes (a table's rows, a column's non-null values), read in a read-only transaction. */
async function rowCounts(pool: pg.Pool, statements: string[], schema: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const client = await pool.connect();
  try {
    await client.query('BEGIN READ ONLY');
    for (const drop of dropsIn(statements)) {
      const table = tableIn(schema, drop.table);
      const counted = drop.column === undefined ? 'count(*)' : `count(${pg.escapeIdentifier(drop.column)})`;
      try {
        await client.query('SAVEPOINT c');
        out[describeDrop(drop)] = Number((await client.query(`SELECT ${counted} AS n FROM ${table}`)).rows[0].n);
      } catch {
        // Created earlier in the same script, or already gone: nothing there now to count.
        await client.query('ROLLBACK TO SAVEPOINT c');
      }
    }
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
  return out;
}

/** Where the URL's database is, for a safety copy: no password. */
const databaseAt = (url: URL): DatabaseCopy => ({ kind: 'postgres', ...databaseFromUrl(url.toString()) });

async function main(): Promise<void> {
  const request = JSON.parse(readFileSync(0, 'utf8')) as DiffRequest;
  const schemaPath = schemaFor(request);
  // Nowhere Prisma looks has a schema: the command stops with an error, as a Terraform command does in a folder without configuration.
  if (schemaPath === null) {
    printAnswer({ statements: [], warnings: [], dataLoss: false, noSchema: request.dir });
    return process.exit(0);
  }
  const files = schemaFiles(schemaPath);
  const datasource = datasourceOf(files);
  if (!/^postgres(ql)?$/.test(datasource.provider)) fail(`the probe asks Prisma's engine only about PostgreSQL; this schema's provider is ${datasource.provider}`);
  const configDir = statSync(schemaPath).isDirectory() ? schemaPath : dirname(schemaPath);
  const env = { ...(request.configured ? {} : dotEnv(request.dir, configDir)), ...process.env };
  const fromSchema = datasource.url && ('value' in datasource.url ? datasource.url.value : env[datasource.url.env]);
  const url = request.url ?? fromSchema ?? fail('neither the command, the Prisma config nor the schema gives the database URL');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail('the database URL is not a URL');
  }
  const schema = parsed.searchParams.get('schema') ?? 'public';
  parsed.searchParams.delete('schema');
  // Every session read-only, and no statement running on after the probe's budget: the probe never changes the database.
  const pool = new pg.Pool({ connectionString: parsed.toString(), Client: CharAsTextClient, max: 2, options: '-c default_transaction_read_only=on -c statement_timeout=30000' });
  // A refused connection says why here, before the engine wraps it.
  await pool.query('SELECT 1');
  const SchemaEngine = await schemaEngine();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg(pool, { schema }));
  const datamodels = files.map((f) => ({ path: f.path, content: withoutUrls(f.content) }));
  const engine = await SchemaEngine.new({ datamodels: datamodels.map((f) => [f.path, f.content]) }, () => undefined, adapter);
  const filters = { externalTables: [], externalEnums: [] };
  const statements: string[] = [];
  const warnings: string[] = [];
  if (request.mode !== 'push') {
    const pending = (await Promise.all(migrationFolders(request, schemaPath).map((folder) => pendingMigrations(pool, folder, schema)))).flat();
    for (const m of pending) statements.push(m.sql.trim());
    if (pending.length) warnings.push(`migrations not yet applied: ${pending.map((m) => m.name).join(', ')}`);
  }
  if (request.mode !== 'deploy') {
    const diff = await engine.diff({ from: { tag: 'schemaDatasource', files: datamodels, configDir }, to: { tag: 'schemaDatamodel', files: datamodels }, script: true, exitCode: null, filters });
    const script = (diff.stdout ?? '').trim();
    // An empty diff is a comment saying so, not SQL.
    if (script && !/^--[^\n]*empty migration/i.test(script)) statements.push(script);
  }
  const rows = await rowCounts(pool, statements, schema);
  const lossy = await lossyTypeChanges(pool, statements, schema);
  printAnswer({ statements, warnings: [...warnings, ...lossy], dataLoss: lossy.length > 0, rows, database: databaseAt(parsed) });
  await pool.end();
  process.exit(0);
}

process.on('uncaughtException', (e) => fail(e?.message || String(e)));
main().catch((e: Error & { errors?: Error[]; code?: string }) => fail(String(e?.message || e?.code || e?.errors?.[0]?.message || e)));
