// The embedded audit store: SQLite through better-sqlite3, in WAL mode with synchronous=FULL, so an
// entry is on disk before the command it records runs.
//
// Every write follows one order, so no two writers can wait on each other in a circle: the audit lock
// file first (shared with the hook's spool), then SQLite's write lock (BEGIN IMMEDIATE). Inside that one
// transaction the spool's entries are moved in, anything found missing is recorded as a gap entry, and
// the caller's work runs. The head anchor is marked "pending" just before COMMIT and settled just after;
// the spool is emptied only once the commit has happened. A process killed at any point leaves either
// the old state or the new one, and a mark that tells the next writer which.

import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { isBusy, permissionDenied, unwritable } from './failure.js';
import { DEFAULT_LOCK_WAIT_MS, MAX_SQLITE_WAIT_MS, auditPaths, clearSpool, readHead, readSpool, sleepMs, withAuditLock, writeHead, type AuditPaths, type Head } from './spool.js';
import { type AuditEntry, type AuditFilter, type AuditRecord, type AuditStore, type AuditWriter, type VerifyReport, matches } from '../audit.js';
import { entryOf, keyChange, keyFingerprint, seal, verifyRows, type Row, type SealedEntry } from '../chain.js';

/** better-sqlite3 is native CommonJS; load it only when the log is actually opened. */
function loadDriver(): typeof BetterSqlite3 {
  const load = typeof require === 'function' ? require : createRequire(import.meta.url);
  return load('better-sqlite3') as typeof BetterSqlite3;
}

export interface SqliteAuditOptions {
  /** HMAC key; when set, every entry carries an HMAC of its hash. */
  key?: Buffer | null;
  /**
   * Give up waiting for a lock at this time (ms since the epoch): the hook passes the end of its budget,
   * so a busy log makes it block in time rather than overrun the agent's limit. Without it, each
   * operation waits up to DEFAULT_LOCK_WAIT_MS.
   */
  deadline?: number;
}

/** How long `verify` waits for a busy log before saying it could not check. */
const VERIFY_WAIT_MS = 10_000;

type Tail = { seq: number; hash: string };

export class SqliteAuditStore implements AuditStore {
  /** The connection, shared with the approvals table so both change in one transaction. */
  readonly db: BetterSqlite3.Database;
  readonly key: Buffer | null;
  private readonly paths: AuditPaths;
  private readonly deadline: number | undefined;
  /** The open write, while `write` runs: nested writes join it rather than lock again. */
  private current: AuditWriter | null = null;

  constructor(readonly file: string, options: SqliteAuditOptions = {}) {
    const Database = loadDriver();
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    this.deadline = options.deadline;
    this.db = new Database(file, { timeout: this.waitMs() });
    // Switching a new file to WAL needs a moment alone with it, and SQLite answers BUSY at once rather
    // than waiting when several processes open it together: try again until the deadline.
    const until = Date.now() + this.waitMs();
    for (;;) {
      try {
        this.db.pragma('journal_mode = WAL');
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > until) throw error;
        sleepMs(5);
      }
    }
    this.db.pragma('synchronous = FULL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS audit (
      seq INTEGER PRIMARY KEY,
      ts INTEGER NOT NULL,
      body TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL,
      hmac TEXT
    )`);
    this.paths = auditPaths(file);
    this.key = options.key ?? null;
  }

  /** How long the next wait for a lock may last. */
  private waitMs(): number {
    // better-sqlite3 takes whole, positive milliseconds.
    return this.deadline === undefined ? DEFAULT_LOCK_WAIT_MS : Math.max(1, Math.floor(this.deadline - Date.now()));
  }

  append(record: AuditRecord): AuditEntry {
    return this.write((w) => w.append(record));
  }

  write<T>(work: (writer: AuditWriter) => T, options: { deadline?: number } = {}): T {
    if (this.current) return work(this.current);
    const deadline = options.deadline ?? this.deadline ?? Date.now() + DEFAULT_LOCK_WAIT_MS;
    return withAuditLock(this.paths.lock, () => this.writeLocked(work, deadline), { deadline });
  }

  /** Settles a head anchor left "pending" by a writer that died around its commit (call holding the lock). */
  settleHead(): void {
    const head = readHead(this.paths.head);
    if (!head?.pending) return;
    const row = this.db.prepare('SELECT hash FROM audit WHERE seq = ?').get(head.pending.seq) as { hash: string } | undefined;
    const { pending, ...before } = head;
    writeHead(this.paths.head, row?.hash === pending.hash ? pending : before);
  }

  private writeLocked<T>(work: (writer: AuditWriter) => T, deadline: number): T {
    this.settleHead();
    const head = readHead(this.paths.head);
    // Capped, so the audit lock is never held past MAX_HOLD_MS and other processes never take it for stale.
    this.db.pragma(`busy_timeout = ${Math.max(1, Math.min(MAX_SQLITE_WAIT_MS, Math.floor(deadline - Date.now())))}`);
    this.db.exec('BEGIN IMMEDIATE');
    let committed = false;
    let marked = false;
    try {
      const now = Date.now();
      const before = this.tail();
      const drained = this.drain(before);
      let tail = drained.tail;
      let keyNow = head?.key;
      const insert = (record: AuditRecord, after: Tail = tail): AuditEntry => {
        const change = keyChange(keyNow, !head && tail.seq === 0, this.key);
        if (change) {
          const k = seal(change, after, Date.now(), this.key);
          this.insert(k);
          after = k;
        }
        keyNow = this.key ? keyFingerprint(this.key) : undefined;
        const entry = seal(record, after, Date.now(), this.key);
        this.insert(entry);
        tail = entry;
        return entryOf(entry);
      };
      // Whatever the anchor says was written and the log does not hold is recorded now, chained after
      // the anchor, so the head never moves backwards and the loss stays in the chain for good.
      const gap = gapBetween(head, tail, drained.moved, now);
      if (gap) insert(gap.record, gap.after);
      const writer: AuditWriter = { append: (record) => insert(record) };
      this.current = writer;
      const result = work(writer);
      this.current = null;
      if (tail.seq !== before.seq || tail.hash !== before.hash) {
        const next: Head = { seq: tail.seq, hash: tail.hash, ...(keyNow ? { key: keyNow } : {}) };
        writeHead(this.paths.head, { ...(head ?? before), pending: next });
        marked = true;
        this.db.exec('COMMIT');
        committed = true;
        // After the commit nothing may undo it: a failure here leaves the mark, settled by the next writer.
        try {
          writeHead(this.paths.head, next);
        } catch {
          // Settled later from the database.
        }
      } else {
        this.db.exec('COMMIT');
        committed = true;
      }
      if (drained.moved) {
        try {
          clearSpool(this.paths.spool);
        } catch {
          // The entries are in SQLite; the next drain recognises them by hash and skips them.
        }
      }
      return result;
    } catch (error) {
      this.current = null;
      if (!committed) {
        try {
          this.db.exec('ROLLBACK');
        } catch {
          // SQLite already rolled back (some errors do that themselves).
        }
        if (marked) {
          try {
            this.settleHead();
          } catch {
            // The mark stays and is settled by the next writer.
          }
        }
      }
      throw error;
    }
  }

  /** Moves the spool's entries into the open transaction, keeping their place in the chain. */
  private drain(start: Tail): { tail: Tail; moved: number } {
    const lines = readSpool(this.paths.spool);
    let tail = start;
    let moved = 0;
    if (lines.length === 0) return { tail, moved };
    const hashAt = this.db.prepare('SELECT hash FROM audit WHERE seq = ?');
    for (const l of lines) {
      if ('unreadable' in l) {
        // A torn or edited line: its text is kept in an entry of its own; verify reports it.
        const entry = seal(unreadableLine(l.unreadable), tail, Date.now(), this.key);
        this.insert(entry);
        tail = entry;
      } else if (l.seq > tail.seq) {
        this.insert(l);
        tail = l;
      } else if ((hashAt.get(l.seq) as { hash: string } | undefined)?.hash === l.hash) {
        // Already moved by a write that committed but died before emptying the spool.
        moved++;
        continue;
      } else {
        // Spooled while the head anchor was missing or rolled back, so its number is taken. Keep it,
        // sealed again after the newest entry and marked, rather than drop it.
        const entry = seal(relinked(l), tail, l.ts, this.key);
        this.insert(entry);
        tail = entry;
      }
      moved++;
    }
    return { tail, moved };
  }

  /** The newest stored entry's place in the chain (seq 0 and hash '' for an empty log). */
  private tail(): Tail {
    return (this.db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as Tail | undefined) ?? { seq: 0, hash: '' };
  }

  private insert(entry: SealedEntry): void {
    this.db.prepare('INSERT INTO audit (seq, ts, body, prev_hash, hash, hmac) VALUES (?, ?, ?, ?, ?, ?)').run(entry.seq, entry.ts, entry.body, entry.prevHash, entry.hash, entry.hmac ?? null);
  }

  /** Brings the spool in and records any gap: what every reader does first. */
  sync(options: { deadline?: number } = {}): void {
    this.write(() => undefined, options);
  }

  entries(filter: AuditFilter = {}): AuditEntry[] {
    this.sync();
    const rows = this.db.prepare('SELECT seq, ts, body, prev_hash, hash, hmac FROM audit WHERE ts >= ? ORDER BY seq').all(filter.since ?? 0) as Row[];
    const out = rows.map(toEntry).filter((e) => matches(e, filter));
    return filter.limit ? out.slice(-filter.limit) : out;
  }

  /** The newest entry's place in the chain, after bringing the spool in: what a checkpoint records. */
  newest(): Tail {
    this.sync();
    return this.tail();
  }

  /** Reads one stored entry by its number, for checks that need its exact bytes. */
  row(seq: number): Row | undefined {
    return this.db.prepare('SELECT seq, ts, body, prev_hash, hash, hmac FROM audit WHERE seq = ?').get(seq) as Row | undefined;
  }

  verify(): VerifyReport {
    try {
      this.sync({ deadline: Date.now() + (this.deadline === undefined ? VERIFY_WAIT_MS : this.waitMs()) });
    } catch (error) {
      if (isBusy(error)) return { ok: false, checked: false, entries: 0, problems: [{ seq: null, problem: `could not check the log: it is busy. ${(error as Error).message}. Try again when it is free.` }] };
      if (unwritable(error) || permissionDenied(error)) return { ok: false, checked: false, entries: 0, problems: [{ seq: null, problem: `could not check the log: entries waiting in the spool can't be moved into it (${(error as Error).message}). Free space or make the state directory writable, then try again.` }] };
      return { ok: false, checked: true, entries: 0, problems: [{ seq: null, problem: `the log cannot be read: ${(error as Error).message}` }] };
    }
    let rows: Row[];
    let approvals: { id: string; status: string; fingerprint: string; request: string }[] = [];
    try {
      rows = this.db.prepare('SELECT seq, ts, body, prev_hash, hash, hmac FROM audit ORDER BY seq').all() as Row[];
      if (this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'approvals'").get()) approvals = this.db.prepare('SELECT id, status, fingerprint, request FROM approvals').all() as { id: string; status: string; fingerprint: string; request: string }[];
    } catch (error) {
      if (isBusy(error)) return { ok: false, checked: false, entries: 0, problems: [{ seq: null, problem: `could not check the log: it is busy (${(error as Error).message})` }] };
      return { ok: false, checked: true, entries: 0, problems: [{ seq: null, problem: `the log cannot be read: ${(error as Error).message}` }] };
    }
    return verifyRows(rows, { key: this.key, head: readHead(this.paths.head), approvals });
  }

  close(): void {
    this.db.close();
  }
}

/**
 * The entry to record when the head anchor and the log disagree, chained after the anchor (so the head
 * never moves back), or null when they agree.
 */
function gapBetween(head: Head | null, tail: Tail, movedFromSpool: number, now: number): { record: AuditRecord; after: Tail } | null {
  if (!head) {
    // No anchor and entries only from before: the anchor was deleted. (A new log has neither.)
    if (tail.seq > movedFromSpool) return { record: gapRecord('anchor-missing', `the head anchor was missing when entry ${tail.seq} was the newest; entries cut off the end before then can't be ruled out`, now), after: tail };
    return null;
  }
  if (head.seq > tail.seq) {
    const from = tail.seq + 1;
    return { record: gapRecord('lost', `entries ${from}${head.seq > from ? `–${head.seq}` : ''} were written but neither the database nor the spool holds them (the spool was deleted or truncated, or rows were cut off the end)`, now, { from, to: head.seq }), after: head };
  }
  if (head.seq === tail.seq && head.hash !== tail.hash) return { record: gapRecord('replaced', `entry ${head.seq} is not the entry that was written as ${head.seq}: it was replaced`, now, { from: head.seq, to: head.seq }), after: head };
  if (head.seq < tail.seq && movedFromSpool === 0) return { record: gapRecord('anchor-behind', `the head anchor said ${head.seq} when the log held ${tail.seq}: it was replaced with an older copy`, now), after: tail };
  return null;
}

function gapRecord(gap: string, reason: string, now: number, range: { from?: number; to?: number } = {}): AuditRecord {
  return { kind: 'gap', reason, detail: { gap, foundAt: now, ...range } };
}

/** A spooled line's record, to be sealed again under a new number, noting the number it was spooled as. */
function relinked(line: SealedEntry): AuditRecord {
  try {
    const { seq: _seq, ts: _ts, ...record } = JSON.parse(line.body) as AuditRecord & { seq: number; ts: number };
    return { ...record, detail: { ...record.detail, spooledAs: line.seq } };
  } catch {
    return unreadableLine(JSON.stringify(line));
  }
}

function unreadableLine(text: string): AuditRecord {
  return { kind: 'request', reason: '(a spool line that could not be read; its text is kept in detail.spoolLine)', detail: { spoolLine: text } };
}

function toEntry(row: Row): AuditEntry {
  let body: AuditRecord & { seq: number; ts: number };
  try {
    body = JSON.parse(row.body) as AuditRecord & { seq: number; ts: number };
  } catch {
    body = { kind: 'request', seq: row.seq, ts: row.ts, reason: '(unreadable entry)' };
  }
  return { ...body, seq: row.seq, ts: row.ts, prevHash: row.prev_hash, hash: row.hash, ...(row.hmac ? { hmac: row.hmac } : {}) };
}
