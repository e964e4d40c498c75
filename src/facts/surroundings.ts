// Gathers where a command runs from the disk: the directory's real name, and the files that set its
// environment (.env files, kubeconfig, the Terraform workspace, the git branch). Never throws.
// The files are small and few, so they are read synchronously: the thread pool's round trips would
// cost the hook more than the reads.

import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { surroundingFiles, type Surroundings } from '../context/targets.js';

/** Bigger files are not environment settings; they are not read. */
const MAX_BYTES = 1 << 20;

export function gatherSurroundings(cwd: string | undefined, env: Record<string, string>): Surroundings {
  const wanted = surroundingFiles(env);
  const files = new Map<string, string | null>();
  for (const name of [...wanted.dotenv, ...(wanted.kubeconfig ? [wanted.kubeconfig] : []), wanted.workspace, wanted.head]) files.set(name, readSmall(name, cwd));
  // The directory's real name counts too: a symlink `deploy -> infra/prod` is production.
  let realCwd: string | undefined;
  try {
    realCwd = cwd && isAbsolute(cwd) ? realpathSync.native(cwd) : undefined;
  } catch {
    realCwd = undefined;
  }
  return { ...(cwd ? { cwd } : {}), ...(realCwd && realCwd !== cwd ? { realCwd } : {}), env, files };
}

function readSmall(path: string, cwd: string | undefined): string | null {
  // Relative paths are read only from a directory known on disk, never from airlock's own.
  const full = isAbsolute(path) ? path : cwd && isAbsolute(cwd) ? join(cwd, path) : null;
  if (!full) return null;
  try {
    const st = statSync(full, { throwIfNoEntry: false });
    // Only regular files: a FIFO planted as .env would block the hook.
    if (!st?.isFile() || st.size > MAX_BYTES) return null;
    return readFileSync(full, 'utf8');
  } catch {
    return null;
  }
}
