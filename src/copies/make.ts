// Making the safety copies a plan names (plan.ts), in the approving human's own process: checking first
// that each can be made (the tool is installed, the size is within the policy's limit), then making it
// into airlock's data directory, outside what the command can reach, with the command that restores it.

import { execFile } from 'node:child_process';
import { copyFile, lstat, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { posix } from 'node:path';
import type { CopyPlan, MadeCopy } from '../core/copy.js';
import { hardenedGit, onPath, systemGitFor } from '../preflight/git.js';
import { megabytes } from './size.js';

type Env = Readonly<Record<string, string | undefined>>;

/** A copy is a human's wait, not the hook's: generous, but never unbounded. */
const COPY_TIMEOUT_MS = 30 * 60_000;

/** A word as the shell reads it back: bare when it is plain, else in single quotes. */
export const shellWord = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
const line = (words: readonly string[]) => words.map(shellWord).join(' ');

function run(program: string, args: readonly string[], options: { cwd?: string; env: Env }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(program, args, { cwd: options.cwd, env: options.env as NodeJS.ProcessEnv, timeout: COPY_TIMEOUT_MS, maxBuffer: 1024 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? `${program} is not installed` : (stderr || error.message).trim().split('\n').slice(-2).join(' ');
      reject(new Error(why));
    });
  });
}

/** Whether `program` is on the approver's PATH (the PATH lookup the git probe uses). */
const installed = async (program: string, env: Env) => (await onPath(program, env.PATH ?? '', '/')) !== null;

const TOOLS: Record<CopyPlan['kind'], string> = { postgres: 'pg_dump', mysql: 'mysqldump', sqlite: 'sqlite3', terraform: 'terraform', git: 'git', files: 'tar' };
const toolOf = (plan: CopyPlan) => (plan.kind === 'terraform' ? plan.program : TOOLS[plan.kind]);

const postgresArgs = (p: Extract<CopyPlan, { kind: 'postgres' }>) => [...(p.host ? ['-h', p.host] : []), ...(p.port ? ['-p', p.port] : []), ...(p.user ? ['-U', p.user] : [])];
const mysqlArgs = (p: Extract<CopyPlan, { kind: 'mysql' }>) => [...(p.host ? ['-h', p.host] : []), ...(p.port ? ['-P', p.port] : []), ...(p.user ? ['-u', p.user] : [])];

/** Bytes under `path` (not following symlinks); stops early past `limit`. */
async function sizeOf(path: string, limit: number): Promise<number> {
  const top = await lstat(path);
  if (!top.isDirectory()) return top.size;
  let total = 0;
  const pending = [path];
  while (pending.length && total <= limit) {
    const dir = pending.pop()!;
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = posix.join(dir, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else total += (await lstat(full)).size;
    }
  }
  return total;
}

/** How big the copy will be, as far as it can be known before making it. */
async function estimate(plan: CopyPlan, env: Env, limit: number): Promise<number | null> {
  switch (plan.kind) {
    case 'postgres':
      // -w: never ask for a password; the approver's own ~/.pgpass or PGPASSWORD applies.
      return Number(
        (await run('psql', [...postgresArgs(plan), '-X', '-w', '-A', '-t', '-d', plan.database ?? '', '-c', 'SELECT pg_catalog.pg_database_size(pg_catalog.current_database())'], { env })).trim(),
      );
    case 'mysql':
      return Number(
        (
          await run(
            'mysql',
            [
              ...mysqlArgs(plan),
              '-N',
              '-B',
              '-e',
              'SELECT COALESCE(SUM(data_length + index_length), 0) FROM information_schema.tables WHERE table_schema = DATABASE()',
              ...(plan.database ? [plan.database] : []),
            ],
            {
              env,
            },
          )
        ).trim(),
      );
    case 'sqlite':
      return (await stat(plan.file)).size;
    case 'files': {
      let total = 0;
      for (const p of plan.paths) total += await sizeOf(posix.resolve(plan.dir, p), limit).catch(() => 0);
      return total;
    }
    default:
      return null;
  }
}

export type Readiness = { ready: true; bytes: number | null } | { ready: false; why: string };

/**
 * Connection details are the agent's words: each must be a plain name, so none can be read as an
 * option (`--execute=…`), a connection string (`dbname=x options=…`) or anything else by the tools
 * the approver's process runs with them.
 */
const PLAIN = { host: /^[A-Za-z0-9_][A-Za-z0-9_.:-]*$|^\/[\w./-]+$/, port: /^\d{1,5}$/, user: /^[A-Za-z0-9_][\w.@-]*$/, database: /^[A-Za-z0-9_][\w$-]*$/ } as const;

/** Why a database plan's details can't be passed to a tool, or null when they can. */
export function unplainConnection(plan: CopyPlan): string | null {
  if (plan.kind !== 'postgres' && plan.kind !== 'mysql') return null;
  for (const key of ['host', 'port', 'user', 'database'] as const) {
    const value = plan[key];
    if (value !== undefined && !PLAIN[key].test(value)) return `its ${key} (${JSON.stringify(value).slice(0, 60)}) is not a plain name, and airlock passes only plain names to ${TOOLS[plan.kind]}`;
  }
  return null;
}

/** Whether the copy can be made, said before the human decides. */
export async function readiness(plan: CopyPlan, env: Env, limitBytes: number): Promise<Readiness> {
  const unplain = unplainConnection(plan);
  if (unplain) return { ready: false, why: unplain };
  const tool = toolOf(plan);
  if (plan.kind !== 'sqlite' && !(await installed(tool, env))) return { ready: false, why: `${tool} is not installed here` };
  try {
    const bytes = await estimate(plan, env, limitBytes);
    if (bytes !== null && !Number.isFinite(bytes)) return { ready: false, why: 'its size could not be read' };
    if (bytes !== null && bytes > limitBytes) return { ready: false, why: `it is ${megabytes(bytes)}, over the policy's limit of ${megabytes(limitBytes)} (safety_copies.max_mb)` };
    return { ready: true, bytes };
  } catch (error) {
    return { ready: false, why: (error as Error).message };
  }
}

/** Makes the copy into `dest` (a folder of its own for this request), and says how to restore it. */
export async function makeCopy(plan: CopyPlan, dest: string, requestId: string, env: Env): Promise<MadeCopy> {
  const unplain = unplainConnection(plan);
  if (unplain) throw new Error(unplain);
  await mkdir(dest, { recursive: true, mode: 0o700 });
  const made = async (path: string, restore: string, note?: string): Promise<MadeCopy> => ({ kind: plan.kind, path, bytes: (await stat(path)).size, restore, ...(note ? { note } : {}) });
  switch (plan.kind) {
    case 'postgres': {
      const path = posix.join(dest, `postgres-${plan.database ?? 'default'}.dump`);
      await run('pg_dump', [...postgresArgs(plan), '-w', '-Fc', '-f', path, ...(plan.database ? ['-d', plan.database] : [])], { env });
      return made(
        path,
        line(['pg_restore', ...postgresArgs(plan), '-d', plan.database ?? 'postgres', '--clean', '--if-exists', path]),
        'puts the database back as it was when the copy was made; add -t TABLE to restore one table',
      );
    }
    case 'mysql': {
      const path = posix.join(dest, `mysql-${plan.database ?? 'default'}.sql`);
      await run('mysqldump', [...mysqlArgs(plan), '--single-transaction', '--routines', '--triggers', `--result-file=${path}`, ...(plan.database ? [plan.database] : ['--all-databases'])], { env });
      return made(path, `${line(['mysql', ...mysqlArgs(plan), ...(plan.database ? [plan.database] : [])])} < ${shellWord(path)}`);
    }
    case 'sqlite': {
      const path = posix.join(dest, posix.basename(plan.file));
      // sqlite3's .backup reads a consistent copy even while another process writes; without it, the file as it is.
      if (await installed('sqlite3', env)) await run('sqlite3', [plan.file, `.backup ${JSON.stringify(path)}`], { env });
      else await copyFile(plan.file, path);
      return made(path, line(['cp', path, plan.file]));
    }
    case 'terraform': {
      const path = posix.join(dest, 'terraform.tfstate');
      const tfEnv = { ...env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', ...(plan.workspace ? { TF_WORKSPACE: plan.workspace } : {}) };
      await writeFile(path, await run(plan.program, ['state', 'pull'], { cwd: plan.dir, env: tfEnv }), { mode: 0o600 });
      return made(
        path,
        line([plan.program, `-chdir=${plan.dir}`, 'state', 'push', '-force', path]),
        'restores the record of what existed; resources the destroy deleted stay deleted, and their data comes back only from their own backups',
      );
    }
    case 'git': {
      // The system's git, hardened as the probe runs it: the repository's hooks, filters and fsmonitor stay off.
      const program = await systemGitFor(null, env as Record<string, string>);
      if (typeof program !== 'string') throw new Error(program.why);
      const git = hardenedGit(plan.dir, COPY_TIMEOUT_MS, program);
      const signal = new AbortController().signal;
      const resolve = async (rev: string) => (await git(['rev-parse', '--verify', '-q', '--end-of-options', `${rev}^{commit}`], signal).catch(() => '')).trim();
      const head = await resolve('HEAD');
      // The stash commit needs an author; the user's configuration is not read, so airlock names itself.
      const identity = ['-c', 'user.name=airlock', '-c', 'user.email=airlock@localhost'];
      const work = (await git([...identity, 'stash', 'create', `airlock ${requestId}: uncommitted work before an approved command`], signal)).trim();
      const ref = `refs/airlock/${requestId}`;
      const refs: [name: string, id: string][] = [];
      if (head) refs.push([`${ref}/head`, head]);
      if (work) refs.push([`${ref}/work`, work]);
      for (const [i, rev] of (plan.keep ?? []).entries()) {
        const id = await resolve(rev);
        if (!id) throw new Error(`git can't find ${rev}, which the command would drop`);
        refs.push([`${ref}/kept-${i + 1}`, id]);
      }
      for (const [name, id] of refs) await git(['update-ref', name, id], signal);
      // Refs in the repository are within the agent's reach: a bundle in airlock's data directory is not.
      // It holds what no remote-tracking branch or tag reaches; the rest the repository keeps itself.
      const bundle = posix.join(dest, 'git.bundle');
      const bundled = refs.length
        ? await git(['bundle', 'create', bundle, ...refs.map(([name]) => name), '--not', '--remotes', '--tags'], signal).then(
            () => true,
            (error: Error) => {
              if (/empty bundle/i.test(error.message)) return false;
              throw error;
            },
          )
        : false;
      const g = (...args: string[]) => line(['git', '-C', plan.dir, ...args]);
      const restore = [
        ...(bundled ? [g('fetch', bundle, `+${ref}/*:${ref}/*`)] : []),
        ...(work ? [g('stash', 'apply', `${ref}/work`)] : []),
        ...refs.filter(([name]) => name !== `${ref}/work`).map(([name]) => g('branch', `airlock-${requestId}-${name.split('/').pop()}`, name)),
      ].join(' && ');
      return {
        kind: 'git',
        path: bundled ? bundle : plan.dir,
        bytes: bundled ? (await stat(bundle)).size : 0,
        restore: restore || '(nothing to restore: no commits and no uncommitted changes)',
        note: `kept as ${refs.map(([name]) => name).join(', ') || 'nothing'}${bundled ? ', and in a bundle outside the repository (the fetch puts the refs back if they are gone)' : ' (every commit is also on a remote-tracking branch or tag)'}; ${work ? 'the stash apply brings back uncommitted changes to tracked files' : 'there were no uncommitted changes'}; each branch airlock-… keeps commits the command drops`,
      };
    }
    case 'files': {
      // Stored from / with absolute names, so `../x` and `/abs/x` come back where they were.
      const path = posix.join(dest, 'files.tar.gz');
      await run('tar', ['-czf', path, '-C', '/', '--', ...plan.paths.map((p) => posix.resolve(plan.dir, p).slice(1) || '.')], { env });
      return made(path, line(['tar', '-xzf', path, '-C', '/']));
    }
  }
}
