// The facts port on the agent's own machine: files, symlinks and directories read from the disk at
// once, so the analysis never has to ask twice. Never throws.

import { existsSync, lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import type { FileLookup } from '../analyze/files.js';

/** Scripts and SQL files bigger than this are held unread rather than parsed. */
const MAX_FILE_BYTES = 256 * 1024;

export const diskLookup: FileLookup = {
  file(full) {
    let st;
    try {
      st = statSync(full, { throwIfNoEntry: false });
    } catch (error) {
      // A file may be there, behind a directory airlock may not search; anything else (a NUL byte, a
      // file where a directory should be) means there is none.
      const code = (error as NodeJS.ErrnoException).code;
      return code === 'EACCES' || code === 'EPERM' ? 'unread' : null;
    }
    if (!st?.isFile()) return null;
    if (st.size > MAX_FILE_BYTES) return 'unread';
    try {
      return readFileSync(full);
    } catch {
      return 'unread';
    }
  },
  realpath: followLinks,
  entry(full) {
    try {
      // One system call for every path but links, which are rare: their target is stat()ed too.
      const st = lstatSync(full, { throwIfNoEntry: false });
      if (st === undefined) return 'missing';
      if (st.isSymbolicLink()) return statSync(full, { throwIfNoEntry: false })?.isDirectory() ? 'directory-link' : 'link';
      return st.isDirectory() ? 'directory' : 'other';
    } catch {
      // A name no file can have (a NUL byte), or a folder airlock may not search: no directory, and
      // its real path is asked of followLinks, which says what it can.
      return 'link';
    }
  },
};

/** Follows symlinks in the part of `absolute` that exists; the rest is appended as written. */
function followLinks(absolute: string): string | null {
  // Devices and the proc filesystem are never airlock's or an agent's settings (and `2>/dev/null` is everywhere).
  if (/^\/(dev|proc)\//.test(absolute)) return absolute;
  let head = absolute;
  const tail: string[] = [];
  // existsSync never throws, so a new file costs no exception on the way up (this runs for every path a command changes).
  if (absolute.includes('\0')) return null;
  while (head !== '/' && !existsSync(head)) {
    tail.unshift(posix.basename(head));
    head = posix.dirname(head);
  }
  try {
    // The native call is one system call; the JS one lstat()s every component.
    return posix.join(head === '/' ? '/' : realpathSync.native(head), ...tail);
  } catch {
    return null;
  }
}

/**
 * The folder of the bundle this process runs from (the hook's installed runtime with its packs, or the
 * dist/ folder the CLI runs from), as named and with symlinks followed: airlock's own program files,
 * wherever the request's HOME says airlock's folders are. None when the code runs unbundled (the tests'
 * one-to-one build, where `__dirname` is not defined).
 */
let bundle: string[] | undefined;
export function runningBundle(): string[] {
  if (!bundle) {
    const dir = typeof __dirname === 'string' && __dirname.startsWith('/') ? __dirname : undefined;
    bundle = dir ? [...new Set([dir, followLinks(dir) ?? dir])] : [];
  }
  return bundle;
}

/** The node binary this process runs under, as named and with symlinks followed: it can't change while the process runs. */
let node: string[] | undefined;
export function runningNode(): string[] {
  return (node ??= [...new Set([process.execPath, followLinks(process.execPath) ?? process.execPath])]);
}
