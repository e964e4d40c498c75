// Where safety copies live and what is known about them: one folder per approved request under
// airlock's data directory (which the agent can't touch), each with a manifest of what was copied,
// when, for which command, and how to restore it. `airlock backups` lists and prunes them.

import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { posix } from 'node:path';
import type { MadeCopy } from '../core/copy.js';
import { isObject, parseJson } from '../core/shape.js';
import { dataDirectory } from '../runtime/locations.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface CopySet {
  /** The approval request the copies were made for. */
  id: string;
  command: string;
  cwd: string;
  createdAt: number;
  copies: MadeCopy[];
}

export const copiesDirectory = (env: Env) => posix.join(dataDirectory(env as Record<string, string>), 'copies');
export const copyFolder = (env: Env, id: string) => posix.join(copiesDirectory(env), id);
const MANIFEST = 'manifest.json';

export async function writeManifest(env: Env, set: CopySet): Promise<void> {
  await writeFile(posix.join(copyFolder(env, set.id), MANIFEST), `${JSON.stringify(set, null, 2)}\n`, { mode: 0o600 });
}

/** Every copy set, newest first; a folder whose manifest can't be read is listed as such, never skipped silently. */
export async function listCopySets(env: Env): Promise<(CopySet | { id: string; problem: string })[]> {
  const names = await readdir(copiesDirectory(env)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const sets = await Promise.all(
    names.map(async (id) => {
      try {
        const value = parseJson(await readFile(posix.join(copyFolder(env, id), MANIFEST), 'utf8'));
        if (!isObject(value) || typeof value.createdAt !== 'number' || !Array.isArray(value.copies)) return { id, problem: 'its manifest is not one airlock wrote' };
        return value as unknown as CopySet;
      } catch (error) {
        return { id, problem: `its manifest can't be read: ${(error as Error).message}` };
      }
    }),
  );
  return sets.sort((a, b) => ('createdAt' in b ? b.createdAt : 0) - ('createdAt' in a ? a.createdAt : 0));
}

/** Removes the folder of a copy set (git refs are removed by the caller, which runs git). */
export const removeCopySet = (env: Env, id: string) => rm(copyFolder(env, id), { recursive: true, force: true });
