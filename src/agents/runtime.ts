// The hook the agents run must not depend on the checkout it was built in: a `rm -rf dist`, a moved
// clone or a rebuild would otherwise leave a hook that can't start, and most agents let a command run
// when its hook can't start. So `airlock init` copies the hook bundle, with the few packages it loads
// lazily, into airlock's own data directory (which self-protection covers), one folder per content
// hash so that a running hook is never changed under it. The command the agents run wraps node in
// /bin/sh so that any failure to start, a crash or a kill becomes exit 2, which blocks in every agent.

import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { isObject, parseJson } from '../core/shape.js';

/** What dist/hook.cjs loads from node_modules, only when needed (SQL, a policy file, a held command). */
const LAZY_PACKAGES = ['yaml', 'valibot', 'libpg-query', '@pgsql/types', 'better-sqlite3', 'bindings', 'file-uri-to-path'];

/** Parts of better-sqlite3 that only its build needs: its C sources and object files (~20 MB). */
const BUILD_ONLY = /(^|\/)(deps|src|obj|obj\.target|test_extension\.node|sqlite3\.a|\.deps)(\/|$)/;

export interface Runtime {
  /** The folder holding hook.cjs and its node_modules. */
  dir: string;
  bundle: string;
  /** The node binary the hook runs under. */
  node: string;
}

const COMPLETE = '.complete';
const CODE_CACHE = 'hook-code.cache';
/** The hook's files in dist/: its entry, the bundle it runs, the code cache made for the bundle, the deliverer it starts, and the Prisma probe's child with its engine. */
const HOOK_FILES = ['hook.cjs', 'hook-code.cjs', CODE_CACHE, 'notify.cjs', 'prisma-diff.cjs', 'prisma-schema-engine.wasm'];
/** The rule packs the bundle loads as commands name their programs, one file each (scripts/hook-packs.mjs). */
const PACKS = 'packs';

/** A field of the package.json in `dir` when it is text; undefined when there is none, it is not JSON, or the field is not text. */
function packageField(dir: string, field: 'name' | 'version'): string | undefined {
  const file = join(dir, 'package.json');
  const manifest = existsSync(file) ? parseJson(readFileSync(file, 'utf8')) : undefined;
  const value = isObject(manifest) ? manifest[field] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** A package's folder, found from its entry point (some packages don't export their package.json). */
function packageDir(require: NodeRequire, name: string): string {
  let dir = dirname(require.resolve(name));
  for (;;) {
    if (packageField(dir, 'name') === name) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json for ${name}`);
    dir = up;
  }
}

/**
 * Installs (or finds already installed) a runtime built from the checkout at `sourceRoot` into
 * `<dataDir>/runtime/<hash>`. Throws with a clear message when the checkout is incomplete.
 */
export function installRuntime(sourceRoot: string, dataDir: string, node: string): Runtime {
  // hook.cjs runs hook-code.cjs, with hook-code.cache (V8's compiled code for it) when there is one.
  const files = HOOK_FILES.filter((name) => name !== CODE_CACHE || existsSync(join(sourceRoot, 'dist', name)));
  for (const name of files) if (!existsSync(join(sourceRoot, 'dist', name))) throw new Error(`the hook bundle is missing at ${join(sourceRoot, 'dist', name)}; run npm run build`);
  const packFiles = existsSync(join(sourceRoot, 'dist', PACKS))
    ? readdirSync(join(sourceRoot, 'dist', PACKS))
        .filter((name) => name.endsWith('.cjs'))
        .sort()
    : [];
  if (packFiles.length === 0) throw new Error(`the hook's rule packs are missing from ${join(sourceRoot, 'dist', PACKS)}; run npm run build`);
  const require = createRequire(join(sourceRoot, 'package.json'));
  const packages = LAZY_PACKAGES.map((name) => {
    try {
      return { name, dir: packageDir(require, name) };
    } catch {
      throw new Error(`the package ${name}, which the hook loads, is not installed in ${sourceRoot}; run npm ci there`);
    }
  });
  const hash = createHash('sha256');
  for (const name of files) hash.update(readFileSync(join(sourceRoot, 'dist', name)));
  for (const name of packFiles) hash.update(name).update(readFileSync(join(sourceRoot, 'dist', PACKS, name)));
  for (const p of packages) {
    const version = packageField(p.dir, 'version');
    if (!version) throw new Error(`${join(p.dir, 'package.json')} names no version of ${p.name}, which the hook loads; reinstall it (npm ci in ${sourceRoot})`);
    hash.update(`${p.name}@${version}`);
  }
  const dir = join(dataDir, 'runtime', hash.digest('hex').slice(0, 16));
  const runtime = { dir, bundle: join(dir, 'hook.cjs'), node };
  if (existsSync(join(dir, COMPLETE))) return runtime;

  // Built beside its final place and renamed into it, so no hook ever sees half a runtime.
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(join(building, 'node_modules'), { recursive: true, mode: 0o755 });
  for (const name of files) cpSync(join(sourceRoot, 'dist', name), join(building, name));
  mkdirSync(join(building, PACKS), { mode: 0o755 });
  for (const name of packFiles) cpSync(join(sourceRoot, 'dist', PACKS, name), join(building, PACKS, name));
  for (const p of packages) {
    cpSync(p.dir, join(building, 'node_modules', p.name), {
      recursive: true,
      dereference: true,
      filter: (from) => p.name !== 'better-sqlite3' || !BUILD_ONLY.test(relative(p.dir, from).split(sep).join('/')),
    });
  }
  writeFileSync(join(building, COMPLETE), `${new Date().toISOString()}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  return runtime;
}

const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/**
 * The wrapper. The hook says it answered by writing `answered` to fd 3 (`--answer-fd=3`), which the
 * wrapper reads while the hook's stdout goes straight through to the agent. Exit 2 (blocked, with the
 * reason on stderr) passes through; exit 0 passes only with that word, so an empty, truncated or
 * replaced bundle that exits 0 without deciding blocks too; every other status (node missing: 127, a
 * crash: 1, SIGKILL: 137) becomes exit 2 with a reason. It has no single quotes, so it can stand inside them.
 */
const WRAPPER = [
  // The usual ways a hook goes missing get a plain message instead of node's stack trace.
  '[ -x "$0" ] || { echo "airlock: the node binary its hook runs with, $0, is gone, so this tool call is blocked; run airlock init again" >&2; exit 2; }',
  '[ -f "$1" ] || { echo "airlock: its hook, $1, is gone, so this tool call is blocked; run airlock init again" >&2; exit 2; }',
  // Variables an agent's environment (a .env it loads) could use to load code into node.
  'unset NODE_OPTIONS NODE_PATH NODE_REPL_EXTERNAL_MODULE LD_PRELOAD LD_LIBRARY_PATH LD_AUDIT',
  '{ said=$("$0" "$@" --answer-fd=3 3>&1 1>&4); s=$?; } 4>&1',
  '[ $s -eq 2 ] && exit 2',
  '[ $s -eq 0 ] && [ "$said" = answered ] && exit 0',
  '[ $s -eq 0 ] && s="0 without an answer"',
  'echo "airlock: its hook could not run (exit status $s), so this tool call is blocked; run airlock doctor" >&2',
  'exit 2',
].join('; ');

/** The shell command an agent runs for its hook: it blocks whenever the hook can't answer. */
export function hookCommand(runtime: Runtime, agent: string, timeoutMs: number): string {
  return `/bin/sh -c '${WRAPPER}' ${quote(runtime.node)} ${quote(runtime.bundle)} ${agent} --timeout-ms=${timeoutMs}`;
}

/** The node binary and hook bundle an installed hook command runs, to check that they exist. */
export function filesOfHookCommand(command: string): string[] {
  const words = [...command.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]!));
  const at = words.findIndex((w) => /hook\.cjs$/.test(w));
  if (at < 1) return [];
  return [words[at - 1]!, words[at]!];
}

/** The hook commands written in an installed file: JSON strings that run hook.cjs (the OpenCode plugin holds one too). */
export function hookCommandsIn(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/"((?:[^"\\]|\\.)*hook\.cjs(?:[^"\\]|\\.)*)"/g)) {
    try {
      found.add(JSON.parse(`"${m[1]}"`) as string);
    } catch {
      // not a JSON string after all
    }
  }
  return [...found];
}
