// Before a recursive delete in a project is held, count what it would really take: how many files and
// bytes, and of those, which git can bring back (tracked and committed) and which nothing can
// (uncommitted changes, untracked files, ignored files that are not build output or dependencies, a
// repository's own history, anything outside a repository). A delete of only committed files loses
// nothing `git checkout` can't restore.

import { lstat, readdir } from 'node:fs/promises';
import { posix } from 'node:path';
import { literalWord } from '../core/invocation.js';
import { classifyPath } from '../rules/paths.js';
import { hiddenFiles, nameList, type RunGit, statusEntries } from './git.js';

/** What deleting one path would take. */
export interface DeletionLoss {
  files: number;
  bytes: number;
  /** Tracked files with uncommitted changes. */
  changed: string[];
  /** Untracked files and folders. */
  untracked: string[];
  /** Ignored files and folders that are not regenerable (build output, dependencies and caches are). */
  ignored: string[];
  /** Repositories (their .git) inside what is deleted: their whole history goes. */
  histories: string[];
  /** Set when the path is in no git repository: then every file counted is at stake. */
  outsideRepository: boolean;
}

/** More entries than this and the count stops: the probe says so and the delete stays held. */
const MAX_ENTRIES = 200_000;

/** Files, bytes and the .git entries under `path`, without following symlinks (rm -r doesn't). */
async function count(path: string, signal: AbortSignal): Promise<{ files: number; bytes: number; histories: string[] } | 'missing'> {
  const top = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (!top) return 'missing';
  // `rm -r link` takes the link, `rm -r link/` what it points to: which one runs depends on how the
  // command spells it, and a symlinked folder is not counted as either.
  if (top.isSymbolicLink()) throw new Error('it is a symbolic link, and rm may delete the link or what it points to');
  const found = { files: 0, bytes: 0, histories: [] as string[] };
  let entries = 0;
  const pending: string[] = [path];
  if (!top.isDirectory()) return { files: 1, bytes: top.size, histories: posix.basename(path) === '.git' ? [path] : [] };
  while (pending.length) {
    signal.throwIfAborted();
    const dir = pending.pop()!;
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (++entries > MAX_ENTRIES) throw new Error(`it holds more than ${MAX_ENTRIES.toLocaleString('en')} files and folders`);
      const full = posix.join(dir, entry.name);
      if (entry.name === '.git') found.histories.push(full);
      if (entry.isDirectory()) pending.push(full);
      else {
        found.files++;
        found.bytes += (await lstat(full)).size;
      }
    }
  }
  return found;
}

/**
 * Whether an ignored file is one a build or an install makes again. A tmp/ folder counts as
 * regenerable when a command deletes it by name, but nothing makes its files again: here, where each
 * file is seen, they are at stake.
 */
const regenerable = (path: string) => classifyPath(literalWord(path.replace(/\/$/, ''))).kind === 'regenerable' && !path.split('/').includes('tmp');

/**
 * What deleting `path` (absolute) would lose. git runs in the folder the path is in; a path in no
 * repository counts as outside one.
 */
export async function probeDeletion(path: string, gitIn: (dir: string) => RunGit, signal: AbortSignal): Promise<DeletionLoss | 'missing'> {
  const git = gitIn(posix.dirname(path));
  const counted = await count(path, signal);
  if (counted === 'missing') return 'missing';
  const loss: DeletionLoss = { ...counted, changed: [], untracked: [], ignored: [], outsideRepository: false };
  let top: string;
  try {
    top = (await git(['rev-parse', '--show-toplevel'], signal)).trim();
  } catch (error) {
    signal.throwIfAborted();
    if (/not a git repository/i.test((error as Error).message)) return { ...loss, outsideRepository: true };
    throw error;
  }
  // Deleting the repository itself, or a folder above it, takes its history with it.
  if (top === path || top.startsWith(`${path}/`)) loss.histories = [...new Set([...loss.histories, posix.join(top, '.git')])];
  // Ignored files one by one (traditional with all untracked files lists inside ignored folders), so a
  // database in an ignored tmp/ is not taken for the folder's regenerable name.
  const status = statusEntries(await git(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--ignored=traditional', '--ignore-submodules=all', '--', path], signal));
  for (const { code, path: p } of status) {
    if (code === '??') loss.untracked.push(p);
    else if (code === '!!') {
      if (!regenerable(p)) loss.ignored.push(p);
    } else if (code[1] !== 'D') loss.changed.push(p);
  }
  // Edits status does not show (assume-unchanged, skip-worktree) go with the files too; a submodule inside keeps it held.
  loss.changed.push(...(await hiddenFiles(git, signal, posix.dirname(path), [path])));
  return loss;
}

/** Whether git can bring back everything the delete takes. */
export const deletionRecoverable = (loss: DeletionLoss) => !loss.outsideRepository && loss.changed.length + loss.untracked.length + loss.ignored.length + loss.histories.length === 0;

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

function size(bytes: number): string {
  if (bytes < 1024) return plural(bytes, 'byte');
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** The delete in words: what goes, and what of it nothing can bring back. */
export function describeDeletion(loss: DeletionLoss, max = 10): string {
  const list = (items: readonly string[]) => nameList(items, max);
  const parts = [`${plural(loss.files, 'file')} (${size(loss.bytes)})`];
  if (loss.outsideRepository) parts.push('none of it in a git repository');
  if (loss.histories.length) parts.push(`the history of ${plural(loss.histories.length, 'git repository', 'git repositories')}: ${list(loss.histories)}`);
  if (loss.changed.length) parts.push(`uncommitted changes to ${plural(loss.changed.length, 'file')}: ${list(loss.changed)}`);
  if (loss.untracked.length) parts.push(`${plural(loss.untracked.length, 'untracked file')}: ${list(loss.untracked)}`);
  if (loss.ignored.length) parts.push(`${plural(loss.ignored.length, 'ignored file')} no build makes again: ${list(loss.ignored)}`);
  return parts.join('; ');
}
