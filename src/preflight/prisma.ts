// Before `prisma db push`, `prisma migrate dev` or `prisma migrate deploy` runs, ask Prisma's own schema
// engine what it would do to the database. Prisma's CLI runs its diff only with a native engine it
// downloads at first use; the same engine is published on npm as WebAssembly (@prisma/schema-engine-wasm),
// which talks to the database through Prisma's own driver adapters (PostgreSQL, better-sqlite3). So:
//  1. the project's own Prisma config loader (@prisma/config, in a child node process in the project,
//     since the config is the project's code) says where the schema, the migrations and the database are;
//  2. airlock's child (prisma-diff.ts, without any project code) asks the engine for the SQL from the live
//     database to the schema (push, dev) and reads the migrations the database has not applied (deploy, dev).
// Nothing is applied: the engine's diff only reads the database's catalog.

import { existsSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Invocation } from '../core/invocation.js';
import { parseOptions, PRISMA_VALUE_OPTIONS } from '../rules/argv.js';
import { runDiffChild, type SchemaDiff } from './schema-diff.js';

/** What the probe asks about: a push diffs the schema, deploy applies pending migrations, dev does both. */
export type PrismaMode = 'push' | 'dev' | 'deploy';

/** The command's own choices, as literal words. */
export interface PrismaRequest {
  mode: PrismaMode;
  /** `--schema`, `--config`, `--url` as given (relative to the command's folder). */
  schema?: string;
  config?: string;
  url?: string;
}

/** What the project's Prisma config says (absolute paths), or nothing when there is no config file. */
export interface PrismaConfig {
  file: string | null;
  /** Variables the config set while it loaded (a dotenv file it reads): Prisma runs with them. */
  env?: Record<string, string>;
  schema?: string;
  url?: string;
  migrations?: string;
}

/** What the diff child is asked: everything resolved, so it runs no project code. */
export interface DiffRequest {
  mode: PrismaMode;
  dir: string;
  /** Where Prisma 7 looks for a schema the config doesn't name: the config file's folder, else `dir`. */
  base: string;
  /** Where Prisma 7 runs its schema engine, which reads a relative SQLite path from there: `--config`'s folder, else `dir`. */
  engineDir: string;
  schema?: string;
  url?: string;
  migrations?: string;
  /** True when a config file was read: Prisma then loads no .env file by itself. */
  configured: boolean;
}

/** What the probe asks for this prisma invocation, or why it can't. */
export function prismaRequestFor(inv: Invocation): PrismaRequest | { why: string } {
  const parsed = parseOptions(inv.argv.slice(1), { value: PRISMA_VALUE_OPTIONS });
  const [a, b] = parsed.positionals.map((p) => p.text);
  // `migrate dev --create-only` applies what the database lacks, then only writes the new migration: a deploy.
  const dev = a === 'migrate' && b === 'dev' ? (parsed.has('--create-only') ? 'deploy' : 'dev') : null;
  const mode: PrismaMode | null = a === 'db' && b === 'push' ? 'push' : a === 'migrate' && b === 'deploy' ? 'deploy' : dev;
  if (!mode) return { why: `prisma ${[a, b].filter(Boolean).join(' ')} is not a push or a migration the probe knows` };
  const request: PrismaRequest = { mode };
  for (const option of ['--schema', '--config', '--url'] as const) {
    const value = parsed.value(option);
    if (value !== undefined) request[option.slice(2) as 'schema' | 'config' | 'url'] = value;
  }
  return request;
}

/**
 * The child that loads the project's Prisma config with the project's own @prisma/config (CommonJS,
 * run with `node -e` in the project): the config file Prisma itself would find, or the one given.
 */
const CONFIG_CHILD = String.raw`
const fail = (message) => { process.stderr.write(String(message).split('\n')[0] + '\n'); process.exit(3); };
process.on('uncaughtException', (e) => fail((e && e.message) || e));
const [given, runsProjectCode] = process.argv.slice(1);
const fs = require('fs'), path = require('path');
const before = Object.assign({}, process.env);
let config;
try { config = require(require.resolve('@prisma/config', { paths: [process.cwd()] })); } catch { config = null; }
const print = (answer) => process.stdout.write('\nAIRLOCK_DIFF ' + JSON.stringify(answer) + '\n');
// The files Prisma 7 may take as its config, looked for by name in case its own finder can't be asked.
const CONFIG_FILE = /^prisma\.config\.(ts|mts|cts|js|mjs|cjs)$/;
const named = () => [...fs.readdirSync('.').filter((n) => CONFIG_FILE.test(n)), ...(fs.existsSync('.config') ? fs.readdirSync('.config').filter((n) => /^prisma\.(ts|mts|cts|js|mjs|cjs)$/.test(n)).map((n) => path.join('.config', n)) : [])];
(async () => {
  const found = given ? path.resolve(given) : config && config.findPrismaConfigFile ? config.findPrismaConfigFile(process.cwd()) : null;
  if (!found) {
    const present = named();
    if (present.length) fail('the project has a Prisma config (' + present.join(', ') + ') that Prisma\'s own loader here does not find');
    return print({ file: null });
  }
  if (!config) fail('the project has a Prisma config (' + found + ') but no @prisma/config to read it with');
  if (runsProjectCode !== 'yes') fail("under strictness: strict, airlock does not run the project's Prisma config (" + found + ') to ask');
  const loaded = await config.loadConfigFromFile({ configFile: found, configRoot: process.cwd() });
  if (loaded.error) fail('Prisma could not load its config ' + found + ': ' + (loaded.error._tag === 'ConfigFileNotFound' ? 'there is no such file' : (loaded.error.error && loaded.error.error.message) || loaded.error._tag));
  const c = loaded.config;
  // Variables the config set (a dotenv it loads) are the ones Prisma would then run with.
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (before[k] !== v && typeof v === 'string') env[k] = v;
  const ds = c.datasource || {};
  print({ file: found, schema: c.schema, url: ds.directUrl || ds.url, migrations: c.migrations && c.migrations.path, env });
})().catch((e) => fail((e && e.message) || e));
`;

/** The diff child: the bundle beside the running one (dist/ or the installed runtime), else the compiled source. */
function diffEntry(): string | null {
  // The hook and CLI bundles define __dirname; compiled tests run as ES modules.
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, 'prisma-diff.cjs'), join(here, 'prisma-diff.js')]) if (existsSync(candidate)) return candidate;
  return null;
}

/** Asks Prisma's engine what the command would run; rejects with the reason it could not. */
export async function probePrisma(dir: string, request: PrismaRequest, env: Readonly<Record<string, string>>, signal: AbortSignal, runsProjectCode: boolean): Promise<SchemaDiff> {
  const entry = diffEntry();
  if (!entry) throw new Error("airlock's Prisma probe (prisma-diff.cjs) is not installed beside it");
  const config = await runDiffChild<PrismaConfig>(['-e', CONFIG_CHILD, request.config ?? '', runsProjectCode ? 'yes' : 'no'], {
    cwd: dir,
    env,
    signal,
    label: "Prisma's config",
  });
  const ask: DiffRequest = {
    mode: request.mode,
    dir,
    base: config.file ? dirname(config.file) : dir,
    engineDir: request.config !== undefined ? dirname(posix.resolve(dir, request.config)) : dir,
    schema: request.schema !== undefined ? posix.resolve(dir, request.schema) : config.schema,
    url: request.url ?? config.url,
    migrations: config.migrations,
    configured: config.file !== null,
  };
  // airlock's own child: only the agent's PATH and variables a URL may name reach it, never NODE_OPTIONS.
  const { NODE_OPTIONS: _, ...childEnv } = { ...env, ...(config.env ?? {}) };
  return runDiffChild<SchemaDiff>([entry], { cwd: dir, env: childEnv, signal, input: JSON.stringify(ask), label: "Prisma's schema engine" });
}
