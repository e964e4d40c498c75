// The write-ahead spool: how the hook records an allowed command in a few milliseconds. Opening SQLite
// costs ~15 ms per process, more than the hook's whole latency budget, so the hook appends a chained
// JSON line here instead, fsync'd before it answers. Whatever opens the SQLite store next drains the
// spool into it first. One lock file guards the head anchor, the spool and SQLite appends alike, so
// every entry, wherever it is written, continues the same chain.

import { closeSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { entryOf, seal, type AuditEntry, type AuditRecord, type SealedEntry } from './store.js';

export interface AuditPaths {
  db: string;
  head: string;
  spool: string;
  lock: string;
}

export function auditPaths(db: string): AuditPaths {
  return { db, head: `${db}.head`, spool: `${db}.spool`, lock: `${db}.lock` };
}

export interface Head {
  seq: number;
  hash: string;
}

export function readHead(file: string): Head | null {
  try {
    const h = JSON.parse(readFileSync(file, 'utf8')) as Head;
    return typeof h.seq === 'number' && typeof h.hash === 'string' ? h : null;
  } catch {
    return null;
  }
}

export function writeHead(file: string, head: Head): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(head));
  renameSync(tmp, file);
}

const STALE_MS = 10_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

function ownerAlive(lock: string): boolean {
  try {
    const pid = Number(readFileSync(lock, 'utf8'));
    // No pid in a lock older than STALE_MS: its owner died (or a full disk stopped it) before writing one.
    if (!pid) return false;
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs `work` holding the audit lock. A lock left by a process that died is broken after 10 s. */
export function withAuditLock<T>(lock: string, work: () => T, timeoutMs = 5000): T {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(lock, 'wx', 0o600);
      try {
        writeSync(fd, String(process.pid));
      } catch (error) {
        // A full disk: don't leave a lock with no owner behind for every later hook to wait on.
        closeSync(fd);
        unlinkSync(lock);
        throw error;
      }
      closeSync(fd);
      break;
    } catch (error) {
      // The state directory is created the first time it is needed, not checked on every append.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        mkdirSync(dirname(lock), { recursive: true, mode: 0o700 });
        continue;
      }
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(lock).mtimeMs > STALE_MS && !ownerAlive(lock)) unlinkSync(lock);
      } catch {
        // It went away between the checks: just try again.
      }
      if (Date.now() > deadline) throw new Error(`the audit log is locked by another process for more than ${timeoutMs / 1000}s (${lock})`);
      Atomics.wait(sleeper, 0, 0, 2);
    }
  }
  try {
    return work();
  } finally {
    try {
      unlinkSync(lock);
    } catch {
      // Already gone: nothing to release.
    }
  }
}

/** Appends one record to the spool, chained after the newest entry anywhere; fsync'd before returning. */
export function appendToSpool(paths: AuditPaths, record: AuditRecord, key: Buffer | null): AuditEntry {
  return withAuditLock(paths.lock, () => {
    const entry = seal(record, readHead(paths.head) ?? { seq: 0, hash: '' }, Date.now(), key);
    const fd = openSync(paths.spool, 'a', 0o600);
    const size = fstatSync(fd).size;
    try {
      const line = Buffer.from(JSON.stringify(entry) + '\n');
      try {
        // A nearly full disk can take part of a line without an error: that is a failed write too.
        if (writeSync(fd, line) !== line.length) throw new Error('the disk took only part of the audit entry (is it full?)');
        fsyncSync(fd);
        writeHead(paths.head, { seq: entry.seq, hash: entry.hash });
      } catch (error) {
        // The caller is told this failed (and the hook blocks), so no part of the line may stay as if it had happened.
        ftruncateSync(fd, size);
        fsyncSync(fd);
        throw error;
      }
    } finally {
      closeSync(fd);
    }
    return entryOf(entry);
  });
}

/** A spool line: a sealed entry, or the text of one that can't be read (torn or edited), kept as evidence. */
export type SpoolLine = SealedEntry | { unreadable: string };

/** The spool's lines in order. A missing spool is empty; one that can't be read is an error, not empty. */
export function readSpool(file: string): SpoolLine[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const out: SpoolLine[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    out.push(sealedOrUnreadable(line));
  }
  return out;
}

function sealedOrUnreadable(line: string): SpoolLine {
  try {
    const l = JSON.parse(line) as SealedEntry;
    if (typeof l.seq === 'number' && typeof l.ts === 'number' && typeof l.body === 'string' && typeof l.prevHash === 'string' && typeof l.hash === 'string') return l;
  } catch {
    // Falls through: kept as text.
  }
  return { unreadable: line };
}

/** Empties the spool once its entries are safely in SQLite (called holding the lock). */
export function clearSpool(file: string): void {
  try {
    const fd = openSync(file, 'r+');
    try {
      ftruncateSync(fd, 0);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
