// The analysis reads files (scripts, SQL files, package.json) through one port. This turns a lookup
// of absolute paths into what the walker asks for (paths relative to where a command runs, package
// scripts), and remembers what it found in each file, or that there was none, for an approval to bind to.

import { isAbsolute } from 'node:path';
import type { PathEntry } from '../core/facts.js';
import type { FileRead } from '../core/finding.js';
import { isObject, parseJson } from '../core/shape.js';
import { table } from '../core/table.js';
import { resolveIn, type Directory } from './cwd.js';
import type { FileSource } from './walk.js';

/**
 * Answers for absolute paths. `undefined` means "not known yet": a lookup that can't answer at once
 * (facts gathered from elsewhere) says what it needs through its own channel and answers next round.
 */
export interface FileLookup {
  /** The bytes, null when there is no regular file, 'unread' when one is there but can't or won't be read. */
  file(absolute: string): Uint8Array | null | 'unread' | undefined;
  realpath(absolute: string): string | null | undefined;
  /** What is there, symlinks not followed. */
  entry(absolute: string): PathEntry | undefined;
}

export function fileSource(lookup: FileLookup, cwd: string | undefined, home: string | undefined): FileSource {
  const found = new Map<string, FileRead>();
  const absolute = (path: string, dir?: Directory): string | null => {
    const full = resolveIn(dir === undefined ? (cwd ?? null) : dir, path, home);
    // A relative result means the request named no directory: nothing on disk to read it from.
    return full && isAbsolute(full) ? full : null;
  };
  // The first look at a file is what the verdict was reached on.
  const note = (entry: FileRead) => {
    if (!found.has(entry.path)) found.set(entry.path, entry);
  };
  const read = (path: string, dir?: Directory): string | null => {
    const full = absolute(path, dir);
    if (!full) return null;
    const bytes = lookup.file(full);
    if (bytes === undefined) return null;
    if (bytes === 'unread') {
      note({ path: full, bytes: null, unread: true });
      return null;
    }
    note({ path: full, bytes });
    return bytes === null ? null : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  };
  const scripts = new Map<Directory | undefined, Record<string, string> | null>();
  return {
    read,
    reads: () => [...found.values()],
    unread: (path, dir) => {
      const full = absolute(path, dir);
      if (full) note({ path: full, bytes: null, unread: true });
    },
    realpath: (path) => lookup.realpath(path) ?? null,
    // Unknown when it can't be told yet: a `cd` into it then goes where the command says, and its real path is asked for.
    entry: (path) => lookup.entry(path) ?? 'unknown',
    packageScripts: (dir) => {
      if (scripts.has(dir)) return scripts.get(dir)!;
      const found = scriptsOf(read('package.json', dir));
      scripts.set(dir, found);
      return found;
    },
  };
}

/**
 * package.json's scripts, names to command lines; those that are not text are left out. An array is
 * read as npm reads it, by index: `npm run 0` runs its first line.
 */
export function scriptsOf(text: string | null): Record<string, string> | null {
  const parsed = text ? parseJson(text) : undefined;
  const scripts = isObject(parsed) ? parsed.scripts : undefined;
  if (typeof scripts !== 'object' || scripts === null) return null;
  return table(Object.fromEntries(Object.entries(scripts).filter((entry): entry is [string, string] => typeof entry[1] === 'string')));
}
