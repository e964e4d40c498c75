// The embedded audit store: SQLite through better-sqlite3, in WAL mode with synchronous=FULL, so an
// entry is on disk before the command it records runs. Appends take SQLite's write lock (BEGIN
// IMMEDIATE), so many hook processes appending at once serialise and the chain stays whole.

import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { auditPaths, clearSpool, readHead, readSpool, withAuditLock, writeHead, type AuditPaths } from './spool.js';
import { chainHash, entryOf, hmacOf, matches, seal, type AuditEntry, type AuditFilter, type AuditRecord, type AuditStore, type SealedEntry, type VerifyProblem, type VerifyReport } from './store.js';

/** better-sqlite3 is native CommonJS; load it only when the log is actually opened. */
function loadDriver(): typeof BetterSqlite3 {
  const load = typeof require === 'function' ? require : createRequire(import.meta.url);
  return load('better-sqlite3') as typeof BetterSqlite3;
}

interface Row {
  seq: number;
  ts: number;
  body: string;
  prev_hash: string;
  hash: string;
  hmac: string | null;
}

export interface SqliteAuditOptions {
  /** How long to wait for another process's write lock before giving up (ms). */
  busyTimeoutMs?: number;
  /** HMAC key; when set, every entry carries an HMAC of its hash. */
  key?: Buffer | null;
}

export class SqliteAuditStore implements AuditStore {
  /** The connection, shared with the approvals table so both change in one transaction. */
  readonly db: BetterSqlite3.Database;
  private readonly paths: AuditPaths;
  private readonly key: Buffer | null;

  constructor(readonly file: string, options: SqliteAuditOptions = {}) {
    const Database = loadDriver();
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const timeout = options.busyTimeoutMs ?? 5000;
    this.db = new Database(file, { timeout });
    // Switching a new file to WAL needs a moment alone with it, and SQLite answers BUSY at once rather
    // than waiting when several processes open it together: try again until the busy timeout.
    const deadline = Date.now() + timeout;
    for (;;) {
      try {
        this.db.pragma('journal_mode = WAL');
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
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

  /** Moves entries the hook wrote to the spool into SQLite, keeping their place in the chain. */
  drain(): number {
    return withAuditLock(this.paths.lock, () => this.drainLocked());
  }

  private drainLocked(): number {
    const lines = readSpool(this.paths.spool);
    if (lines.length === 0) return 0;
    const move = this.db.transaction(() => {
      let tail: { seq: number; hash: string } = this.tail();
      const hashAt = this.db.prepare('SELECT hash FROM audit WHERE seq = ?');
      let moved = 0;
      for (const l of lines) {
        if ('unreadable' in l) {
          // A torn or edited line: its text is kept in an entry of its own; verify reports the break
          // in the chain it leaves.
          const entry = seal(unreadableLine(l.unreadable), tail, Date.now(), this.key);
          this.insert(entry);
          tail = entry;
        } else if (l.seq > tail.seq) {
          this.insert(l);
          tail = l;
        } else if ((hashAt.get(l.seq) as { hash: string } | undefined)?.hash === l.hash) {
          // Already moved by a drain that stopped before emptying the spool.
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
      if (moved) writeHead(this.paths.head, { seq: tail.seq, hash: tail.hash });
      return moved;
    });
    const moved = move.immediate();
    clearSpool(this.paths.spool);
    return moved;
  }

  append(record: AuditRecord): AuditEntry {
    return withAuditLock(this.paths.lock, () => {
      this.drainLocked();
      return this.appendLocked(record);
    });
  }

  private appendLocked(record: AuditRecord): AuditEntry {
    const write = this.db.transaction((): AuditEntry => {
      const entry = seal(record, this.tail(), Date.now(), this.key);
      this.insert(entry);
      // Written while this process holds the audit lock, so heads never go backwards.
      writeHead(this.paths.head, { seq: entry.seq, hash: entry.hash });
      return entryOf(entry);
    });
    return write.immediate();
  }

  /** The newest stored entry's place in the chain (seq 0 and hash '' for an empty log). */
  private tail(): { seq: number; hash: string } {
    return (this.db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined) ?? { seq: 0, hash: '' };
  }

  private insert(entry: SealedEntry): void {
    this.db.prepare('INSERT INTO audit (seq, ts, body, prev_hash, hash, hmac) VALUES (?, ?, ?, ?, ?, ?)').run(entry.seq, entry.ts, entry.body, entry.prevHash, entry.hash, entry.hmac ?? null);
  }

  entries(filter: AuditFilter = {}): AuditEntry[] {
    this.drain();
    const rows = this.db.prepare('SELECT seq, ts, body, prev_hash, hash, hmac FROM audit WHERE ts >= ? ORDER BY seq').all(filter.since ?? 0) as Row[];
    const out = rows.map(toEntry).filter((e) => matches(e, filter));
    return filter.limit ? out.slice(-filter.limit) : out;
  }

  verify(): VerifyReport {
    const problems: VerifyProblem[] = [];
    let rows: Row[];
    try {
      this.drain();
      rows = this.db.prepare('SELECT seq, ts, body, prev_hash, hash, hmac FROM audit ORDER BY seq').all() as Row[];
    } catch (error) {
      return { ok: false, entries: 0, problems: [{ seq: null, problem: `the log cannot be read: ${(error as Error).message}` }] };
    }
    let prevHash = '';
    let expected = 1;
    for (const row of rows) {
      if (row.seq !== expected) {
        problems.push({ seq: expected, problem: row.seq > expected ? `entry ${expected}${row.seq - 1 > expected ? `–${row.seq - 1}` : ''} missing: entry ${row.seq} follows entry ${expected - 1}` : `entry ${row.seq} is out of order` });
      }
      if (row.prev_hash !== prevHash) problems.push({ seq: row.seq, problem: `entry ${row.seq} does not link to the entry before it (its previous-hash is not that entry's hash)` });
      if (chainHash(row.prev_hash, row.body) !== row.hash) problems.push({ seq: row.seq, problem: `entry ${row.seq} was changed: its contents no longer match its hash` });
      else if (bodySeq(row.body) !== row.seq) problems.push({ seq: row.seq, problem: `entry ${row.seq} was renumbered: its contents say ${bodySeq(row.body)}` });
      if (this.key && row.hmac !== hmacOf(this.key, row.hash)) problems.push({ seq: row.seq, problem: `entry ${row.seq} has no valid HMAC for this key` });
      const drained = drainProblem(row.seq, row.body);
      if (drained) problems.push({ seq: row.seq, problem: drained });
      prevHash = row.hash;
      expected = row.seq + 1;
    }
    const head = readHead(this.paths.head);
    const last = rows[rows.length - 1];
    if (head && (!last || head.seq > last.seq)) problems.push({ seq: (last?.seq ?? 0) + 1, problem: `entries ${(last?.seq ?? 0) + 1}–${head.seq} missing: the log ends at ${last?.seq ?? 0} but was written up to ${head.seq}` });
    else if (head && last && head.seq === last.seq && head.hash !== last.hash) problems.push({ seq: last.seq, problem: `entry ${last.seq} differs from the one recorded when it was written` });
    return { ok: problems.length === 0, entries: rows.length, problems: problems.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0)) };
  }

  close(): void {
    this.db.close();
  }

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

/** Entries the drain had to repair are kept, and verify still reports what went wrong to need them. */
function drainProblem(seq: number, body: string): string | null {
  let detail: Record<string, unknown> | undefined;
  try {
    detail = (JSON.parse(body) as AuditRecord).detail;
  } catch {
    return null;
  }
  if (detail?.spoolLine !== undefined) return `entry ${seq} holds a spool line that could not be read (a torn write or an edit); its text is kept in the entry`;
  if (typeof detail?.spooledAs === 'number') return `entry ${seq} was spooled as entry ${detail.spooledAs} while the head anchor was missing or rolled back; it was renumbered, not lost`;
  return null;
}

function bodySeq(body: string): number | undefined {
  try {
    return (JSON.parse(body) as { seq?: number }).seq;
  } catch {
    return undefined;
  }
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
