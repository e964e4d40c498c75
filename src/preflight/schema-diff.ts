// What a schema tool's own diff says a push or a migration would run, shared by the drizzle-kit and
// Prisma probes: the child process that asks the tool, and the tables and columns its SQL drops
// (a SQLite table rebuild's own losses are read in sqlite-rebuild.ts).

import { spawn } from 'node:child_process';
import type { DatabaseCopy } from '../core/copy.js';
import { IDENT, qualified, statementsOf, unquote } from './sql-script.js';
import { rebuildLosses, rebuildsAt, type TableNow } from './sqlite-rebuild.js';

/** The SQL a diff is written in. */
export type DiffDialect = 'postgres' | 'mysql' | 'sqlite';

/** What the tool would run, and what it warns would lose data. */
export interface SchemaDiff {
  statements: string[];
  warnings: string[];
  dataLoss: boolean;
  /** PostgreSQL when not given. */
  dialect?: DiffDialect;
  /** Rows held by what is dropped, where the probe counted them (`column age of users` → 2). */
  rows?: Record<string, number>;
  /** Each table a SQLite diff rebuilds, as it is now (see rebuildsIn): what the copy must carry, and what its drop may cascade to. */
  rebuilt?: Record<string, TableNow>;
  /** The database it acts on, without a password, where the probe knows it: a safety copy's target. */
  database?: DatabaseCopy;
  /** The folder in which the tool finds no schema at all: it would stop with an error, and change nothing. */
  noSchema?: string;
  /** Why the statements may not be all the command runs (it diffs again after applying them): unless they already lose data, the command is held as unknown. */
  unsure?: string;
}

/** A table or column the SQL drops: the table's name with its schema when given, the column when one is dropped. */
export interface Dropped {
  table: string[];
  column?: string;
  /** Rows deleted through a foreign key (`column` of `table` references a dropped table): what it references, and how. */
  cascade?: string;
}

const QUALIFIED = String.raw`${IDENT}(?:\s*\.\s*${IDENT})?`;
const TABLE = new RegExp(String.raw`^\s*DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?(${QUALIFIED}(?:\s*,\s*${QUALIFIED})*)`, 'i');
const ALTER = new RegExp(String.raw`^\s*ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(${QUALIFIED})\s+(.*)$`, 'is');
const COLUMN = new RegExp(String.raw`DROP\s+(?:COLUMN\s+)?(?:IF\s+EXISTS\s+)?(${IDENT})`, 'gi');

/**
 * The tables and columns the statements drop. A rebuilt table (see Rebuild) is not dropped: the
 * columns it has now (`rebuilt`, as the probe read it from the database) that its copy doesn't carry
 * are, and, unless foreign keys were turned off first, the rows other tables' foreign keys delete or
 * change with it; without what it has now, the whole table counts as dropped.
 */
export function dropsIn(statements: readonly string[], rebuilt: Readonly<Record<string, TableNow>> = {}): Dropped[] {
  const out: Dropped[] = [];
  const rebuilds = rebuildsAt(statements);
  for (const [i, sql] of statements.flatMap(statementsOf).entries()) {
    const rebuild = rebuilds.get(i);
    if (rebuild && Object.hasOwn(rebuilt, rebuild.table)) {
      out.push(...rebuildLosses(rebuild, rebuilt[rebuild.table]!));
      continue;
    }
    const table = TABLE.exec(sql);
    if (table) for (const name of table[1]!.split(/\s*,\s*/)) out.push({ table: qualified(name) });
    const alter = ALTER.exec(sql);
    if (!alter) continue;
    // `DROP CONSTRAINT x` and `DROP DEFAULT` drop no data; `DROP x` alone is a column.
    for (const m of alter[2]!.matchAll(COLUMN)) if (!/^(constraint|default|not|identity|expression)$/i.test(m[1]!)) out.push({ table: qualified(alter[1]!), column: unquote(m[1]!) });
  }
  return out;
}

/** A column whose type the statements change (`ALTER COLUMN "at" SET DATA TYPE DATE`): the values it holds may be cut or rounded. */
export interface TypeChange {
  table: string[];
  column: string;
  type: string;
}

const TYPE_CHANGE = new RegExp(String.raw`ALTER\s+(?:COLUMN\s+)?(${IDENT})\s+(?:SET\s+DATA\s+)?TYPE\s+((?:[^,;(]|\([^)]*\))+)`, 'gi');

/** The columns whose type the statements change, with the new type as written (without any USING). */
export function typeChangesIn(statements: readonly string[]): TypeChange[] {
  const out: TypeChange[] = [];
  for (const sql of statements.flatMap(statementsOf)) {
    const alter = ALTER.exec(sql);
    if (!alter) continue;
    for (const m of alter[2]!.matchAll(TYPE_CHANGE)) out.push({ table: qualified(alter[1]!), column: unquote(m[1]!), type: m[2]!.replace(/\s+USING\b[\s\S]*$/i, '').trim() });
  }
  return out;
}

/** A drop in words: `column age of users`, `table public.sessions`, `rows of posts whose authorId references users (ON DELETE CASCADE)`. */
export function describeDrop(d: Dropped): string {
  if (d.cascade) return `rows of ${d.table.join('.')} whose ${d.column} references ${d.cascade}`;
  return d.column === undefined ? `table ${d.table.join('.')}` : `column ${d.column} of ${d.table.join('.')}`;
}

/** The tables and columns the statements drop, in words. */
export const droppedBy = (statements: readonly string[], rebuilt?: Readonly<Record<string, TableNow>>) => dropsIn(statements, rebuilt).map(describeDrop);

/** The marker the child prints its answer after, on a line of its own. */
export const DIFF_MARKER = 'AIRLOCK_DIFF';

/** The JSON after the last marked line (lines split at \n only: JSON text never holds one, but may hold U+2028). */
function markedAnswer(stdout: string): string | undefined {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith(`${DIFF_MARKER} `))
    .at(-1)
    ?.slice(DIFF_MARKER.length + 1);
}

/** The last line of a child's error output, without colours. */
const lastLine = (stderr: string) =>
  stderr
    .replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')
    .trim()
    .split('\n')
    .filter(Boolean)
    .slice(-1)[0];

const MAX_OUTPUT = 64 * 1024 * 1024;

/**
 * Runs a child node process that asks a schema tool, and reads the JSON it prints after the marker.
 * Rejects with the child's last line of error output (or how it ended) under `label`. The child has a
 * process group of its own, killed whole with SIGKILL when the budget runs out: neither it nor anything
 * the project's config started may outlive the hook by ignoring SIGTERM or holding the output open.
 */
export function runDiffChild<T>(args: readonly string[], options: { cwd: string; env: Readonly<Record<string, string>>; signal: AbortSignal; input?: string; label: string }): Promise<T> {
  return new Promise((resolve, reject) => {
    const fail = (why: string) => reject(new Error(`${options.label} failed: ${why}`));
    if (options.signal.aborted) return reject(options.signal.reason);
    const child = spawn(process.execPath, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    const kill = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
      // Something that left the group may still hold the pipes: stop reading, so 'close' comes.
      child.stdout.destroy();
      child.stderr.destroy();
    };
    options.signal.addEventListener('abort', kill, { once: true });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.length > MAX_OUTPUT) kill();
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-64 * 1024);
    });
    child.on('error', (error) => {
      options.signal.removeEventListener('abort', kill);
      fail(error.message);
    });
    child.on('close', (code, signal) => {
      options.signal.removeEventListener('abort', kill);
      if (options.signal.aborted) return reject(options.signal.reason);
      const marked = markedAnswer(stdout);
      if (code === 0 && marked) {
        try {
          return resolve(JSON.parse(marked) as T);
        } catch {
          return fail('it printed an answer that is not JSON');
        }
      }
      fail(lastLine(stderr) || (code !== 0 ? `it exited with ${code ?? signal}` : 'it printed no diff'));
    });
    // The request goes in on stdin: a database URL with its password is not shown to `ps`.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}
