// The write-ahead spool: how the hook records an allowed command in a few milliseconds. Opening SQLite
// costs ~15 ms per process, more than the hook's whole latency budget, so the hook appends a chained
// JSON line here instead, fsync'd before it answers. Whatever opens the SQLite store next drains the
// spool into it first. One lock file guards the head anchor, the spool and SQLite appends alike, so
// every entry, wherever it is written, continues the same chain.

import { closeSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AuditEntry, AuditRecord } from '../audit.js';
import { entryOf, keyChange, keyFingerprint, seal, type Anchor, type SealedEntry } from '../chain.js';
import { isObject, parseJson } from '../../core/shape.js';

export interface AuditPaths {
  db: string;
  head: string;
  spool: string;
  lock: string;
  /** Rewritten after every commit that put events in the outbox: what other processes' feeds watch. */
  events: string;
}

export function auditPaths(db: string): AuditPaths {
  return { db, head: `${db}.head`, spool: `${db}.spool`, lock: `${db}.lock`, events: `${db}.events` };
}

/**
 * The head anchor: the newest entry anywhere (spool or SQLite). `pending` is set by a SQLite writer just
 * before it commits and cleared just after, so a writer killed in between leaves a mark that says the
 * anchor may be one commit behind; whoever takes the lock next settles it against the database before
 * anything else is chained (see SqliteAuditStore.settleHead). `key` is the fingerprint of the HMAC key
 * the newest entry was sealed with, so a key that goes missing or is swapped is noticed.
 */
export interface Head extends Anchor {
  pending?: { seq: number; hash: string; key?: string };
}

/**
 * The largest entry number airlock accepts: far beyond any real log, and far below where JavaScript's
 * numbers stop being exact. A larger one (or a fraction, or a negative) in the head or the spool was
 * written by hand; it is treated as damage, not followed.
 */
const MAX_SEQ = 2 ** 48;

function validSeq(seq: unknown): seq is number {
  return Number.isSafeInteger(seq) && (seq as number) >= 0 && (seq as number) <= MAX_SEQ;
}

const HASH = /^([0-9a-f]{64})?$/;

function validPlace(p: Record<string, unknown>): p is Record<string, unknown> & { seq: number; hash: string } {
  return validSeq(p.seq) && typeof p.hash === 'string' && HASH.test(p.hash);
}

/** The head anchor, or null when it is missing or can't be a real one (then writers record a gap). */
export function readHead(file: string): Head | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const h = parseJson(text);
  if (!isObject(h) || !validPlace(h)) return null;
  const { pending } = h;
  return {
    seq: h.seq,
    hash: h.hash,
    ...(isObject(pending) && validPlace(pending) ? { pending: { seq: pending.seq, hash: pending.hash, ...(typeof pending.key === 'string' ? { key: pending.key } : {}) } } : {}),
    ...(typeof h.key === 'string' ? { key: h.key } : {}),
  };
}

export function writeHead(file: string, head: Head): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify(head));
    renameSync(tmp, file);
  } catch (error) {
    try {
      unlinkSync(tmp);
    } catch {
      // Never written: nothing to remove.
    }
    throw error;
  }
}

/** How long to wait for the audit lock when the caller sets no deadline (the CLI; the hook sets its own). */
export const DEFAULT_LOCK_WAIT_MS = 30_000;
/** A lock file with no owner written in it this long after it was made was left by a writer that failed. */
const EMPTY_LOCK_GRACE_MS = 2_000;
/**
 * No writer holds the lock longer than this: they hold it for milliseconds, and a wait for SQLite's own
 * lock inside it is capped (MAX_SQLITE_WAIT_MS). A lock older than this is broken whoever it names, so
 * a pid written into the file by hand (a live process that is not a writer) can't stall every hook.
 */
const MAX_HOLD_MS = 20_000;
export const MAX_SQLITE_WAIT_MS = 10_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

export function sleepMs(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/** The start time of a live process (Linux), so a pid reused by an unrelated process is not taken for the owner. */
function startTimeOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22, counted after the command name, which is in parentheses and may hold spaces.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** What a lock file says about its owner: `pid start-time`. */
function ownerText(): string {
  return `${process.pid} ${startTimeOf(process.pid) ?? '?'}`;
}

/** Who holds the lock, for messages, or why nobody really does. */
interface LockState {
  stale: boolean;
  owner: string;
}

function lockState(lock: string): LockState {
  let text: string;
  let age: number;
  try {
    text = readFileSync(lock, 'utf8').trim();
    age = Date.now() - statSync(lock).mtimeMs;
  } catch {
    return { stale: false, owner: 'nobody (it was just released)' };
  }
  const [pidText, start] = text.split(' ');
  const pid = Number(pidText);
  // An owner writes its pid right after creating the file; an empty or garbled one was left by a writer
  // that failed (a full disk) or died first.
  if (!Number.isInteger(pid) || pid <= 0) return { stale: age > EMPTY_LOCK_GRACE_MS, owner: 'no process (the lock file is empty)' };
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return { stale: true, owner: `process ${pid}, which has exited` };
  }
  const now = startTimeOf(pid);
  if (start && start !== '?' && now !== null && now !== start) return { stale: true, owner: `process ${pid}, which has exited (its pid is now another process's)` };
  if (age > MAX_HOLD_MS) return { stale: true, owner: `process ${pid}, which has held it for ${Math.round(age / 1000)}s, longer than any writer does` };
  return { stale: false, owner: `process ${pid}` };
}

/**
 * Removes a stale lock without removing a live one by mistake: two processes that both found it stale
 * must not both unlink, or the second would remove the lock the first had just taken. A short-lived
 * `.break` file, taken exclusively, lets one of them re-check and remove it.
 */
function breakStaleLock(lock: string): void {
  const breaker = `${lock}.break`;
  let fd: number;
  try {
    fd = openSync(breaker, 'wx', 0o600);
  } catch {
    // Someone else is breaking it. A breaker that died leaves its file: removed once clearly old.
    try {
      if (Date.now() - statSync(breaker).mtimeMs > EMPTY_LOCK_GRACE_MS) unlinkSync(breaker);
    } catch {
      // Gone already.
    }
    return;
  }
  try {
    if (lockState(lock).stale) unlinkSync(lock);
  } catch {
    // Released between the checks.
  } finally {
    closeSync(fd);
    try {
      unlinkSync(breaker);
    } catch {
      // Removed by a process that thought this breaker dead: harmless.
    }
  }
}

export interface LockOptions {
  /** Give up at this time (ms since the epoch): the hook passes the end of its budget. */
  deadline?: number;
}

/** The audit lock could not be had in time: the log is busy or held, not damaged. */
export class AuditLockTimeout extends Error {
  constructor(lock: string, owner: string, waitedMs: number) {
    super(`the audit log is locked by ${owner}; waited ${(waitedMs / 1000).toFixed(1)}s for it (${lock})`);
  }
}

/**
 * Runs `work` holding the audit lock: the one lock every writer takes first, before SQLite's own, so
 * writers never wait on each other in a circle.
 */
function withAuditLock<T>(lock: string, work: () => T, options: LockOptions = {}): T {
  const release = acquireAuditLock(lock, options);
  try {
    return work();
  } finally {
    release();
  }
}

/**
 * Takes the audit lock and returns what releases it. A lock whose owner is gone is broken at once, not
 * after a fixed delay; a live owner is waited for with growing pauses until the caller's deadline. The
 * lock is not re-entrant: within one process, callers take turns before they ask for it (see sqlite/index.ts).
 */
export function acquireAuditLock(lock: string, options: LockOptions = {}): () => void {
  const started = Date.now();
  const deadline = options.deadline ?? started + DEFAULT_LOCK_WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lock, 'wx', 0o600);
      try {
        writeSync(fd, ownerText());
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
      const state = lockState(lock);
      if (state.stale) {
        breakStaleLock(lock);
        continue;
      }
      if (Date.now() >= deadline) throw new AuditLockTimeout(lock, state.owner, Date.now() - started);
      // Writers hold the lock for a few ms: start with short pauses, back off under load, with jitter
      // so waiting processes don't wake in step.
      const pause = Math.min(2 ** Math.min(attempt, 5), 25) * (0.5 + Math.random());
      sleepMs(Math.max(1, Math.min(pause, deadline - Date.now())));
    }
  }
  return () => {
    try {
      unlinkSync(lock);
    } catch {
      // Already gone: nothing to release.
    }
  };
}

export interface SpoolOptions extends LockOptions {
  /**
   * Called, holding the lock, when the head anchor says a SQLite writer died between its commit and
   * clearing the mark: only the database can tell which side of the commit it died on.
   */
  settle?: () => void;
}

/**
 * Appends one record to the spool, chained after the newest entry anywhere; fsync'd before returning.
 * When the HMAC key differs from the one the newest entry was sealed with (first use, a new key, or a
 * key gone missing), an entry saying so goes first, so `verify` can tell a lost key from no key.
 */
export function appendToSpool(paths: AuditPaths, record: AuditRecord, key: Buffer | null, options: SpoolOptions = {}): AuditEntry {
  return withAuditLock(
    paths.lock,
    () => {
      let head = readHead(paths.head);
      if (head?.pending && options.settle) {
        options.settle();
        head = readHead(paths.head);
      }
      const now = Date.now();
      // A hook killed between writing its line and moving the head leaves the head one behind its line:
      // chain after whichever is newer, or two lines would share a number.
      const last = lastSpooled(paths.spool);
      const previous = last && (!head || last.seq > head.seq) ? last : (head ?? { seq: 0, hash: '' });
      const sealed: SealedEntry[] = [];
      const change = keyChange(head?.key, !head, key);
      if (change) sealed.push(seal(change, previous, now, key));
      const entry = seal(record, sealed[0] ?? previous, now, key);
      sealed.push(entry);
      const fd = openSync(paths.spool, 'a', 0o600);
      const size = fstatSync(fd).size;
      try {
        const text = Buffer.from(sealed.map((e) => JSON.stringify(e) + '\n').join(''));
        try {
          // A nearly full disk can take part of a line without an error: that is a failed write too.
          if (writeSync(fd, text) !== text.length) throw new Error('the disk took only part of the audit entry (is it full?)');
          fsyncSync(fd);
          writeHead(paths.head, { seq: entry.seq, hash: entry.hash, ...(key ? { key: keyFingerprint(key) } : {}) });
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
    },
    options,
  );
}

/** The place in the chain of the spool's last whole line, read from its end; null when there is none. */
function lastSpooled(file: string): { seq: number; hash: string } | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return null;
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    const lines = buffer
      .toString('utf8')
      .split('\n')
      .filter((l) => l.trim());
    const line = lines[lines.length - 1];
    if (!line) return null;
    const entry = sealedOrUnreadable(line);
    return 'unreadable' in entry ? null : { seq: entry.seq, hash: entry.hash };
  } finally {
    closeSync(fd);
  }
}

/** A spool line: a sealed entry, or the text of one that can't be read (torn or edited), kept as evidence. */
export type SpoolLine = SealedEntry | { unreadable: string };

/** A spool line longer than this is not an entry airlock wrote; its start is kept as evidence. */
const MAX_LINE_BYTES = 1 << 20;
const CHUNK_BYTES = 1 << 20;

/**
 * The spool's lines in order. A missing spool is empty; one that can't be read is an error, not empty.
 * Read in chunks, so a spool of any size (one grown by hand past what a string can hold, say) is
 * still brought in rather than stopping every writer.
 */
export function readSpool(file: string): SpoolLine[] {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const out: SpoolLine[] = [];
  try {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let dropped = 0;
    const finish = () => {
      const line = Buffer.concat(pending).toString('utf8');
      if (dropped) out.push({ unreadable: `${line}… (${(pendingBytes + dropped).toLocaleString('en')} bytes in all; the rest was not kept)` });
      else if (line.trim()) out.push(sealedOrUnreadable(line));
      pending = [];
      pendingBytes = 0;
      dropped = 0;
    };
    const keep = (part: Buffer) => {
      const room = MAX_LINE_BYTES - pendingBytes;
      if (part.length > room) {
        if (room > 0) pending.push(Buffer.from(part.subarray(0, room)));
        dropped += part.length - Math.max(0, room);
        pendingBytes += Math.max(0, room);
      } else {
        pending.push(Buffer.from(part));
        pendingBytes += part.length;
      }
    };
    for (;;) {
      const n = readSync(fd, chunk, 0, CHUNK_BYTES, null);
      if (n === 0) break;
      let start = 0;
      for (let nl = chunk.indexOf(10, start); nl >= 0 && nl < n; nl = chunk.indexOf(10, start)) {
        keep(chunk.subarray(start, nl));
        finish();
        start = nl + 1;
      }
      if (start < n) keep(chunk.subarray(start, n));
    }
    if (pendingBytes || dropped) finish();
  } finally {
    closeSync(fd);
  }
  return out;
}

/** A spool line as the entry it holds, checked field by field; anything else is kept as text (verify reports it). */
function sealedOrUnreadable(line: string): SpoolLine {
  const l = parseJson(line);
  if (!isObject(l)) return { unreadable: line };
  const { seq, ts, body, prevHash, hash, hmac } = l;
  if (!validSeq(seq) || seq === 0 || typeof ts !== 'number' || !Number.isFinite(ts) || typeof body !== 'string' || typeof prevHash !== 'string' || typeof hash !== 'string')
    return { unreadable: line };
  if (hmac !== undefined && typeof hmac !== 'string') return { unreadable: line };
  return { seq, ts, body, prevHash, hash, ...(hmac !== undefined ? { hmac } : {}) };
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
