// The Prisma probe's child process (see prisma.ts): reads its request on stdin, asks Prisma's schema
// engine (WebAssembly, through Prisma's PostgreSQL or better-sqlite3 driver adapter) for the SQL that
// would bring the live database to the schema, reads the migrations the database has not applied, counts
// the rows in what they drop, and prints the answer after the marker. It never applies anything, and
// runs no project code: a PostgreSQL session is read-only, a SQLite file is opened read-only.

import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import * as engineModule from '@prisma/schema-engine-wasm/schema_engine_bg';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { DiffRequest } from './prisma.js';
import { databaseFromUrl, type DatabaseCopy } from '../core/copy.js';
import { DIFF_MARKER, describeDrop, dropsIn, typeChangesIn, type DiffDialect, type SchemaDiff } from './schema-diff.js';

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

/** The datasource block's provider and url (`"…"` or `env("NAME")`), and the file it is in. */
function datasourceOf(files: { path: string; content: string }[]): { provider: string; file: string; url?: { value: string } | { env: string } } {
  for (const { path, content } of files) {
    // Whole-line comments only: a `//` inside a line may be a URL's.
    const block = /^\s*datasource\s+\w+\s*\{([^}]*)\}/m.exec(content.replace(/^\s*\/\/[^\n]*$/gm, ''))?.[1];
    if (!block) continue;
    const provider = /^\s*provider\s*=\s*"([^"]*)"/m.exec(block)?.[1] ?? fail('the datasource block names no provider');
    // directUrl, where there is one, is what Migrate and db push connect to (Prisma 6).
    const key = /^\s*directUrl\s*=/m.test(block) ? 'directUrl' : 'url';
    const literal = new RegExp(String.raw`^\s*${key}\s*=\s*"([^"]*)"`, 'm').exec(block)?.[1];
    const variable = new RegExp(String.raw`^\s*${key}\s*=\s*env\(\s*"([^"]+)"\s*\)`, 'm').exec(block)?.[1];
    return { provider, file: path, ...(literal !== undefined ? { url: { value: literal } } : variable ? { url: { env: variable } } : {}) };
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

/** How many rows a table holds, or values a column does; rejects when it can't be counted. */
type Count = (table: readonly string[], column?: string) => Promise<number>;

/** The live database, as the probe reads it: the engine's adapter, and the few questions the probe asks itself. */
interface LiveDatabase {
  dialect: DiffDialect;
  adapter: SqlMigrationAwareDriverAdapterFactory;
  /** The migrations `_prisma_migrations` records as applied (none when there is no such table). */
  applied(): Promise<Set<string>>;
  /** Where the probe counts here (PostgreSQL); a SQLite file is read by the hook itself (sqlite-facts.ts). */
  count?: Count;
  /** Why it is not what the command would change as it is, to say with the answer (a file not there yet). */
  note?: string;
  /** Where it is, for a safety copy; none for a database that isn't there yet. */
  at?: DatabaseCopy;
  close(): Promise<void>;
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

/** PostgreSQL at `url`: every session read-only, and no statement running on after the probe's budget. */
async function postgresDatabase(url: string): Promise<LiveDatabase> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail('the database URL is not a URL');
  }
  const schema = parsed.searchParams.get('schema') ?? 'public';
  parsed.searchParams.delete('schema');
  const pool = new pg.Pool({ connectionString: parsed.toString(), Client: CharAsTextClient, max: 2, options: '-c default_transaction_read_only=on -c statement_timeout=30000' });
  // A refused connection says why here, before the engine wraps it.
  await pool.query('SELECT 1');
  const quoted = (table: readonly string[]) => (table.length > 1 ? table : [schema, ...table]).map((n) => pg.escapeIdentifier(n)).join('.');
  return {
    dialect: 'postgres',
    adapter: new PrismaPg(pool, { schema }),
    async applied() {
      const migrations = `${pg.escapeIdentifier(schema)}._prisma_migrations`;
      if (!(await pool.query('SELECT to_regclass($1) AS t', [migrations])).rows[0]?.t) return new Set();
      const rows = await pool.query(`SELECT migration_name FROM ${migrations} WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`);
      return new Set(rows.rows.map((r) => r.migration_name as string));
    },
    count: async (table, column) => {
      const counted = column === undefined ? 'count(*)' : `count(${pg.escapeIdentifier(column)})`;
      return Number((await pool.query(`SELECT ${counted} AS n FROM ${quoted(table)}`)).rows[0].n);
    },
    at: { kind: 'postgres', ...databaseFromUrl(parsed.toString()) },
    close: () => pool.end(),
  };
}

/**
 * The SQLite file `url` names, opened read-only. A relative path is read from `base`: the schema's
 * folder when the URL is in the schema (Prisma 6), else where Prisma 7 runs its engine. No file yet is
 * an empty database: the push creates it.
 */
function sqliteDatabase(url: string, base: string): LiveDatabase {
  const path = url.replace(/^file:(\/\/(?=\/))?/, '').split('?')[0]!;
  // Prisma reads parameters after a ? (connection_limit=1) and nothing else: an escape would name another file.
  if (!/^file:/.test(url) || !path || path.includes('%')) fail(`the SQLite URL ${url.split('?')[0]} is not a file: URL with a plain path`);
  const file = path === ':memory:' ? path : resolve(base, path);
  const exists = file !== ':memory:' && existsSync(file);
  const options = { readonly: true, fileMustExist: true };
  const db = exists ? new Database(file, options) : new Database(':memory:');
  return {
    dialect: 'sqlite',
    adapter: new PrismaBetterSqlite3(exists ? { url: file, ...options } : { url: ':memory:' }),
    async applied() {
      if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get()) return new Set();
      const rows = db.prepare('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL').all() as { migration_name: string }[];
      return new Set(rows.map((r) => r.migration_name));
    },
    ...(exists ? { at: { kind: 'sqlite' as const, file } } : { note: `there is no SQLite file at ${file} yet, so the push creates it` }),
    close: async () => void db.close(),
  };
}

/** The migrations in `folder` the database has not applied, with their SQL. */
function pendingMigrations(folder: string, applied: ReadonlySet<string>): { name: string; sql: string }[] {
  if (!existsSync(folder)) return [];
  return (
    readdirSync(folder, { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(join(folder, e.name, 'migration.sql')) && !applied.has(e.name))
      .map((e) => e.name)
      // In the order Prisma runs them: it sorts the folders with localeCompare, not by code point (`_B` before `_a`).
      .sort((a, b) => a.localeCompare(b))
      .map((name) => ({ name, sql: readFileSync(join(folder, name, 'migration.sql'), 'utf8') }))
  );
}

/** Prints the answer after the marker, for the parent to read (schema-diff.ts), and exits once it is all written (a large one takes more than one write to a pipe). */
const printAnswer = (answer: SchemaDiff): Promise<never> => new Promise(() => process.stdout.write(`\n${DIFF_MARKER} ${JSON.stringify(answer)}\n`, () => process.exit(0)));

/**
 * The type changes that may cut values: a column that holds any value and changes type (DATE from a
 * timestamp loses the time, INTEGER from a float rounds, a shorter VARCHAR fails or cuts). Prisma's own
 * guard misses some of these, so any change of a column with values in it counts; an empty one loses nothing.
 */
async function lossyTypeChanges(count: Count, statements: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const change of typeChangesIn(statements)) {
    const what = `column ${change.column} of ${change.table.join('.')} changes type to ${change.type}`;
    // A count that fails (renamed earlier in the script, no permission, too slow) says nothing is safe.
    const values = await count(change.table, change.column).catch((error: Error) => error);
    if (values instanceof Error) out.push(`${what}, and its values could not be counted (${values.message.split('\n')[0]}), so they may be cut or rounded`);
    else if (values > 0) out.push(`${what} with ${values} value${values === 1 ? '' : 's'} in it, which may cut or round them`);
  }
  return out;
}

/** How many rows hold what each drop takes (a table's rows, a column's non-null values). */
async function rowCounts(count: Count, statements: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const drop of dropsIn(statements)) {
    // Created earlier in the same script, or already gone: nothing there now to count.
    const n = await count(drop.table, drop.column).catch(() => undefined);
    if (n !== undefined) out[describeDrop(drop)] = n;
  }
  return out;
}

async function main(): Promise<void> {
  const request = JSON.parse(readFileSync(0, 'utf8')) as DiffRequest;
  const schemaPath = schemaFor(request);
  // Nowhere Prisma looks has a schema: the command stops with an error, as a Terraform command does in a folder without configuration.
  if (schemaPath === null) {
    return printAnswer({ statements: [], warnings: [], dataLoss: false, noSchema: request.dir });
  }
  const files = schemaFiles(schemaPath);
  const datasource = datasourceOf(files);
  const sqlite = datasource.provider === 'sqlite';
  if (!sqlite && !/^postgres(ql)?$/.test(datasource.provider)) fail(`the probe asks Prisma's engine only about PostgreSQL and SQLite; this schema's provider is ${datasource.provider}`);
  const configDir = statSync(schemaPath).isDirectory() ? schemaPath : dirname(schemaPath);
  const env = { ...(request.configured ? {} : dotEnv(request.dir, configDir)), ...process.env };
  const fromSchema = datasource.url && ('value' in datasource.url ? datasource.url.value : env[datasource.url.env]);
  const url = request.url ?? fromSchema ?? fail('neither the command, the Prisma config nor the schema gives the database URL');
  // A URL in the schema is Prisma 6's, which reads a relative SQLite path from the schema's folder.
  const db = sqlite ? sqliteDatabase(url, request.url === undefined ? dirname(datasource.file) : request.engineDir) : await postgresDatabase(url);
  const SchemaEngine = await schemaEngine();
  const datamodels = files.map((f) => ({ path: f.path, content: withoutUrls(f.content) }));
  const engine = await SchemaEngine.new({ datamodels: datamodels.map((f) => [f.path, f.content]) }, () => undefined, bindMigrationAwareSqlAdapterFactory(db.adapter));
  const filters = { externalTables: [], externalEnums: [] };
  const statements: string[] = [];
  const warnings: string[] = [];
  if (request.mode !== 'push') {
    const applied = await db.applied();
    const pending = migrationFolders(request, schemaPath).flatMap((folder) => pendingMigrations(folder, applied));
    for (const m of pending) statements.push(m.sql.trim());
    if (pending.length) warnings.push(`migrations not yet applied: ${pending.map((m) => m.name).join(', ')}`);
  }
  // migrate dev diffs the schema against the database as the pending migrations leave it, which only applying them would show.
  const unsure =
    request.mode === 'dev' && statements.length
      ? `prisma migrate dev applies ${statements.length} pending migration${statements.length === 1 ? '' : 's'} first, and what it then diffs is not asked`
      : undefined;
  if (request.mode !== 'deploy') {
    const diff = await engine.diff({ from: { tag: 'schemaDatasource', files: datamodels, configDir }, to: { tag: 'schemaDatamodel', files: datamodels }, script: true, exitCode: null, filters });
    const script = (diff.stdout ?? '').trim();
    // An empty diff is a comment saying so, not SQL.
    if (script && !/^--[^\n]*empty migration/i.test(script)) statements.push(script);
  }
  const rows = db.count ? await rowCounts(db.count, statements) : {};
  const lossy = db.count ? await lossyTypeChanges(db.count, statements) : [];
  if (db.note) warnings.push(db.note);
  await db.close();
  return printAnswer({ statements, warnings: [...warnings, ...lossy], dataLoss: lossy.length > 0, dialect: db.dialect, rows, ...(db.at ? { database: db.at } : {}), ...(unsure ? { unsure } : {}) });
}

process.on('uncaughtException', (e) => fail(e?.message || String(e)));
main().catch((e: Error & { errors?: Error[]; code?: string }) => fail(String(e?.message || e?.code || e?.errors?.[0]?.message || e)));
