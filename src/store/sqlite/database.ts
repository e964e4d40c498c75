// The SQLite store's engine: better-sqlite3, in WAL mode with synchronous=FULL, so an entry is on disk
// before the command it records runs. It holds the audit log, the approvals, the grants and the outbox of
// domain events in one database, so a change and the entries recording it commit together.
//
// Every write follows one order, so no two writers can wait on each other in a circle: the audit lock
// file first (shared with the hook's spool), then SQLite's write lock (BEGIN IMMEDIATE). Inside that one
// transaction the spool's entries are moved in, anything found missing is recorded as a gap entry, and
// the caller's work runs. The head anchor is marked "pending" just before COMMIT and settled just after;
// the spool is emptied only once the commit has happened. A process killed at any point leaves either
// the old state or the new one, and a mark that tells the next writer which. After a commit that put
// events in the outbox, the events file beside the database is rewritten, so feeds in other processes
// wake up (see sqlite/index.ts).
//
// Loaded only when something needs the database: the hook's allowed path appends through the spool.

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { Approval } from '../../core/approval.js';
import type { Grant } from '../../core/grant.js';
import { matches, type AuditEntry, type AuditFilter, type AuditRecord, type VerifyReport } from '../audit.js';
import { chainHash, entryOf, hmacOf, keyChange, keyFingerprint, readBody, recordOf, seal, verifyRows, type Row, type SealedEntry, type VerifyContext } from '../chain.js';
import { auditRow, eventOf, textOrEmpty, toApproval } from './rows.js';
import { TransactionAborted, type ApprovalQuery, type Delivered, type DomainEvent, type Place, type StoreView, type Transaction } from '../store.js';
import { isBusy, permissionDenied, unwritable } from './failure.js';
import { parseJson } from '../../core/shape.js';
import { LEGACY_GRANTS_FILE, isGrant, legacyGrants } from './legacy-grants.js';
import { DEFAULT_LOCK_WAIT_MS, MAX_SQLITE_WAIT_MS, acquireAuditLock, auditPaths, clearSpool, readHead, readSpool, sleepMs, writeHead, type AuditPaths, type Head } from './spool.js';

/** better-sqlite3 is native CommonJS; load it only when the database is actually opened. */
export function loadDriver(): typeof BetterSqlite3 {
  const load = typeof require === 'function' ? require : createRequire(import.meta.url);
  return load('better-sqlite3') as typeof BetterSqlite3;
}

export interface SqliteOptions {
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
/** Events are kept in the outbox this long for feeds that fell behind; a subscriber reads from where it was. */
const OUTBOX_KEEP_MS = 7 * 24 * 3_600_000;

export class SqliteDatabase {
  readonly db: BetterSqlite3.Database;
  readonly key: Buffer | null;
  readonly paths: AuditPaths;
  private readonly deadline: number | undefined;
  private writing = false;

  constructor(
    readonly file: string,
    options: SqliteOptions = {},
  ) {
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
    this.db.exec(`CREATE TABLE IF NOT EXISTS approvals (
      id TEXT PRIMARY KEY,
      fingerprint TEXT NOT NULL,
      status TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      decided_at INTEGER,
      decided_by TEXT,
      decision_reason TEXT,
      request TEXT NOT NULL,
      approved_seq INTEGER,
      requested_seq INTEGER
    )`);
    // Tables made before these columns existed get them. Many hooks may open the store for the first
    // time at once: one adds the column, and the others' "duplicate column" is the same outcome.
    const columns = this.db.prepare('PRAGMA table_info(approvals)').all() as { name: string }[];
    for (const column of ['approved_seq', 'requested_seq']) {
      if (columns.some((c) => c.name === column)) continue;
      try {
        this.db.exec(`ALTER TABLE approvals ADD COLUMN ${column} INTEGER`);
      } catch (error) {
        if (!/duplicate column/i.test((error as Error).message)) throw error;
      }
    }
    this.db.exec('CREATE INDEX IF NOT EXISTS approvals_by_fingerprint ON approvals (fingerprint)');
    this.db.exec('CREATE INDEX IF NOT EXISTS approvals_by_status ON approvals (status)');
    this.db.exec('CREATE TABLE IF NOT EXISTS grants (id TEXT PRIMARY KEY, body TEXT NOT NULL)');
    // AUTOINCREMENT: a position is never used twice, even after old events are pruned.
    this.db.exec('CREATE TABLE IF NOT EXISTS outbox (position INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, event TEXT NOT NULL)');
    this.paths = auditPaths(file);
    this.key = options.key ?? null;
  }

  /** How long the next wait for a lock may last. */
  private waitMs(): number {
    // better-sqlite3 takes whole, positive milliseconds.
    return this.deadline === undefined ? DEFAULT_LOCK_WAIT_MS : Math.max(1, Math.floor(this.deadline - Date.now()));
  }

  /** Settles a head anchor left "pending" by a writer that died around its commit (call holding the lock). */
  settleHead(): void {
    const head = readHead(this.paths.head);
    if (!head?.pending) return;
    const row = this.db.prepare('SELECT hash FROM audit WHERE seq = ?').get(head.pending.seq) as { hash: string } | undefined;
    const { pending, ...before } = head;
    writeHead(this.paths.head, row?.hash === pending.hash ? pending : before);
  }

  /**
   * Runs `work` as one transaction holding the audit lock, then SQLite's: what it appends and changes
   * commits together or not at all, and the head anchor and spool are updated only after the commit.
   * Returns what `work` returned and the events it put in the outbox, as committed. The caller makes
   * sure one write at a time runs in this process (the lock is not re-entrant).
   */
  async write<T>(work: (tx: Transaction) => Promise<T>, options: { deadline?: number; signal?: AbortSignal } = {}): Promise<{ result: T; delivered: Delivered[] }> {
    if (this.writing) throw new Error('a store transaction was started inside another one');
    if (options.signal?.aborted) throw new TransactionAborted();
    const deadline = options.deadline ?? this.deadline ?? Date.now() + DEFAULT_LOCK_WAIT_MS;
    const release = acquireAuditLock(this.paths.lock, { deadline });
    this.writing = true;
    try {
      return await this.writeLocked(work, deadline, options.signal);
    } finally {
      this.writing = false;
      release();
    }
  }

  private async writeLocked<T>(work: (tx: Transaction) => Promise<T>, deadline: number, signal: AbortSignal | undefined): Promise<{ result: T; delivered: Delivered[] }> {
    this.settleHead();
    const head = readHead(this.paths.head);
    // Capped, so the audit lock is never held past MAX_HOLD_MS and other processes never take it for stale.
    this.db.pragma(`busy_timeout = ${Math.max(1, Math.min(MAX_SQLITE_WAIT_MS, Math.floor(deadline - Date.now())))}`);
    this.db.exec('BEGIN IMMEDIATE');
    let committed = false;
    let marked = false;
    let open = true;
    try {
      const now = Date.now();
      const before = this.tail();
      const drained = this.drain(before);
      let tail = drained.tail;
      let keyNow = head?.key;
      const insert = (record: AuditRecord, after: Place = tail): AuditEntry => {
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
      const legacy = this.importLegacyGrants();
      const events: DomainEvent[] = [];
      // The transaction's operations are synchronous underneath; `open` makes a late call (work that
      // kept a reference past its end) fail rather than write outside the transaction.
      const live =
        <A extends unknown[], R>(op: (...args: A) => R) =>
        async (...args: A): Promise<R> => {
          if (!open) throw new Error('this store transaction has ended');
          return op(...args);
        };
      const reads = this.reads(live);
      const tx: Transaction = {
        ...reads,
        append: live((record: AuditRecord) => insert(record)),
        putApproval: live((approval: Approval) => this.putApproval(approval)),
        putGrant: live((grant: Grant) => this.putGrant(grant)),
        emit: (event) => {
          if (!open) throw new Error('this store transaction has ended');
          events.push(event);
        },
      };
      const result = await work(tx);
      open = false;
      // The caller stopped waiting (its time ran out): what it did must not take effect.
      if (signal?.aborted) throw new TransactionAborted();
      const delivered = this.enqueue(events);
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
      if (legacy) {
        try {
          renameSync(legacy, `${legacy}.imported`);
        } catch {
          // Imported again by the next write: the same grants, already there, change nothing.
        }
      }
      if (delivered.length) this.ringOthers(delivered.at(-1)!.position);
      return { result, delivered };
    } catch (error) {
      open = false;
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

  /** Puts the events in the outbox (inside the open transaction) and prunes what every feed has long had. */
  private enqueue(events: DomainEvent[]): Delivered[] {
    if (events.length === 0) return [];
    const at = Date.now();
    const insert = this.db.prepare('INSERT INTO outbox (at, event) VALUES (?, ?)');
    const delivered = events.map((event) => ({ position: Number(insert.run(at, JSON.stringify(event)).lastInsertRowid), at, event }));
    this.db.prepare('DELETE FROM outbox WHERE at < ?').run(at - OUTBOX_KEEP_MS);
    return delivered;
  }

  /**
   * Tells feeds in other processes that something was committed: they watch this file. A failure costs
   * only time (their safety poll finds the events), never an event.
   */
  private ringOthers(position: number): void {
    try {
      writeFileSync(this.paths.events, String(position), { mode: 0o600 });
    } catch {
      // Found by the feeds' safety poll.
    }
  }

  /**
   * Imports grants.jsonl from before grants lived in the store, inside the open transaction; returns the
   * file to rename once the transaction has committed, or null when there is none.
   */
  private importLegacyGrants(): string | null {
    const file = join(dirname(this.file), LEGACY_GRANTS_FILE);
    if (!existsSync(file)) return null;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      // Unreadable: its grants are not honoured (stricter), and it is tried again by the next write.
      return null;
    }
    for (const grant of legacyGrants(text)) {
      // Only a grant whose opening the log recorded: a line added to the file by hand is not a human's window.
      if (!this.grantRecorded(grant.id)) continue;
      const stored = this.grant(grant.id);
      if (!stored) this.putGrant(grant);
      else if (grant.revokedAt !== undefined && stored.revokedAt === undefined) this.putGrant({ ...stored, revokedAt: grant.revokedAt });
    }
    return file;
  }

  private grantRecorded(id: string): boolean {
    const rows = this.db.prepare('SELECT body FROM audit WHERE body LIKE ?').all(`%${JSON.stringify(id)}%`) as { body: unknown }[];
    return rows.some(({ body }) => {
      const r = recordOf(textOrEmpty(body));
      return r?.kind === 'grant' && r.detail?.id === id;
    });
  }

  /** Whether a grants.jsonl from before the upgrade is still waiting to be imported. */
  legacyGrantsWaiting(): boolean {
    return existsSync(join(dirname(this.file), LEGACY_GRANTS_FILE));
  }

  /** Moves the spool's entries into the open transaction, keeping their place in the chain. */
  private drain(start: Place): { tail: Place; moved: number } {
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
  tail(): Place {
    const row = this.db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: unknown } | undefined;
    // A hash that is not text links nothing: the next entry's link is then reported broken by verify.
    return row ? { seq: row.seq, hash: textOrEmpty(row.hash) } : { seq: 0, hash: '' };
  }

  private insert(entry: SealedEntry): void {
    this.db.prepare('INSERT INTO audit (seq, ts, body, prev_hash, hash, hmac) VALUES (?, ?, ?, ?, ?, ?)').run(entry.seq, entry.ts, entry.body, entry.prevHash, entry.hash, entry.hmac ?? null);
  }

  private putApproval(a: Approval): void {
    this.db
      .prepare(
        `INSERT INTO approvals (id, fingerprint, status, created_at, expires_at, decided_at, decided_by, decision_reason, request, approved_seq, requested_seq)
         VALUES (@id, @fingerprint, @status, @createdAt, @expiresAt, @decidedAt, @decidedBy, @decisionReason, @request, @approvedSeq, @requestedSeq)
         ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint, status = excluded.status, created_at = excluded.created_at, expires_at = excluded.expires_at,
           decided_at = excluded.decided_at, decided_by = excluded.decided_by, decision_reason = excluded.decision_reason, request = excluded.request,
           approved_seq = excluded.approved_seq, requested_seq = excluded.requested_seq`,
      )
      .run({
        id: a.id,
        fingerprint: a.fingerprint,
        status: a.status,
        createdAt: a.createdAt,
        expiresAt: a.expiresAt,
        decidedAt: a.decidedAt ?? null,
        decidedBy: a.decidedBy ?? null,
        decisionReason: a.decisionReason ?? null,
        request: JSON.stringify(a.request),
        approvedSeq: a.approvedSeq ?? null,
        requestedSeq: a.requestedSeq ?? null,
      });
  }

  private putGrant(g: Grant): void {
    this.db.prepare('INSERT INTO grants (id, body) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body').run(g.id, JSON.stringify(g));
  }

  private grant(id: string): Grant | null {
    const row = this.db.prepare('SELECT body FROM grants WHERE id = ?').get(id) as { body: string } | undefined;
    return row ? parseGrant(row.body) : null;
  }

  /** The reads, each wrapped by `wrap` (inside a transaction: refused once it has ended). */
  reads(
    wrap: <A extends unknown[], R>(op: (...args: A) => R) => (...args: A) => Promise<R> = (op) =>
      async (...args) =>
        op(...args),
  ): StoreView {
    return {
      entries: wrap((filter: AuditFilter = {}) => this.entriesNow(filter)),
      newest: wrap(() => this.tail()),
      hashAt: wrap((seq: number) => this.row(seq)?.hash),
      intactRecord: wrap((seq: number) => this.intactRecord(seq)),
      transitionsSince: wrap((id: string, seq: number) => this.transitionsSince(id, seq)),
      recordsAbout: wrap((id: string) => this.recordsAbout(id)),
      approval: wrap((id: string) => {
        const row = this.db.prepare('SELECT * FROM approvals WHERE id = ?').get(id) as Record<string, unknown> | undefined;
        return row ? toApproval(row) : null;
      }),
      approvals: wrap((query: ApprovalQuery = {}) => this.approvalsNow(query)),
      grants: wrap(() => (this.db.prepare('SELECT body FROM grants ORDER BY rowid').all() as { body: unknown }[]).map((r) => parseGrant(r.body)).filter((g): g is Grant => g !== null)),
    };
  }

  /** The stored entries as they are now (no spool drained: see SqliteStore.entries). */
  entriesNow(filter: AuditFilter = {}): AuditEntry[] {
    const rows = this.db.prepare('SELECT seq, ts, body, prev_hash, hash, hmac FROM audit WHERE ts >= ? ORDER BY seq').all(filter.since ?? 0) as Record<string, unknown>[];
    const out = rows.map((r) => toEntry(auditRow(r))).filter((e) => matches(e, filter));
    return filter.limit ? out.slice(-filter.limit) : out;
  }

  /** Reads one stored entry by its number, for checks that need its exact bytes. */
  row(seq: number): Row | undefined {
    const row = this.db.prepare('SELECT seq, ts, body, prev_hash, hash, hmac FROM audit WHERE seq = ?').get(seq) as Record<string, unknown> | undefined;
    return row ? auditRow(row) : undefined;
  }

  private intactRecord(seq: number): AuditRecord | null {
    const e = this.row(seq);
    if (!e || e.damage || chainHash(e.prev_hash, e.body) !== e.hash || (this.key && e.hmac !== hmacOf(this.key, e.hash))) return null;
    return recordOf(e.body);
  }

  private recordsAbout(id: string): { seq: number; record: AuditRecord }[] {
    const rows = this.db.prepare('SELECT seq FROM audit WHERE body LIKE ? ORDER BY seq').all(`%${JSON.stringify(id)}%`) as { seq: number }[];
    const out: { seq: number; record: AuditRecord }[] = [];
    for (const { seq } of rows) {
      const record = this.intactRecord(seq);
      if (record?.detail?.id === id) out.push({ seq, record });
    }
    return out;
  }

  private transitionsSince(id: string, seq: number): string[] {
    const rows = this.db.prepare('SELECT body FROM audit WHERE seq > ? AND body LIKE ? ORDER BY seq').all(seq, `%${JSON.stringify(id)}%`) as { body: unknown }[];
    return rows
      .map(({ body }) => recordOf(textOrEmpty(body)))
      .filter((r) => r?.kind === 'approval' && r.detail?.id === id)
      .map((r) => String(r!.detail!.transition));
  }

  private approvalsNow(query: ApprovalQuery): Approval[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.fingerprint !== undefined) {
      where.push('fingerprint = ?');
      params.push(query.fingerprint);
    }
    if (query.status) {
      where.push(`status IN (${query.status.map(() => '?').join(', ') || 'NULL'})`);
      params.push(...query.status);
    }
    if (query.expiringBy !== undefined) {
      where.push('expires_at <= ?');
      params.push(query.expiringBy);
    }
    const sql = `SELECT * FROM approvals${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, id`;
    return (this.db.prepare(sql).all(...params) as Record<string, unknown>[]).map(toApproval);
  }

  /** The newest position in the outbox (0 when nothing was ever put there). */
  lastPosition(): number {
    return (this.db.prepare('SELECT MAX(position) AS p FROM outbox').get() as { p: number | null }).p ?? 0;
  }

  /** What was committed to the outbox after `position`, in order. */
  eventsAfter(position: number): Delivered[] {
    const rows = this.db.prepare('SELECT position, at, event FROM outbox WHERE position > ? ORDER BY position').all(position) as { position: number; at: unknown; event: unknown }[];
    // An event that is not one is skipped: a subscriber only learns from it which request to look up again.
    return rows.flatMap((r) => {
      const event = eventOf(r.event);
      return event ? [{ position: r.position, at: typeof r.at === 'number' ? r.at : 0, event }] : [];
    });
  }

  /** Brings the spool in and records any gap, and imports old grants: what every reader does first. */
  async sync(options: { deadline?: number } = {}): Promise<void> {
    await this.write(async () => undefined, options);
  }

  async verify(): Promise<VerifyReport> {
    try {
      await this.sync({ deadline: Date.now() + (this.deadline === undefined ? VERIFY_WAIT_MS : this.waitMs()) });
    } catch (error) {
      if (isBusy(error))
        return { ok: false, checked: false, entries: 0, problems: [{ seq: null, problem: `could not check the log: it is busy. ${(error as Error).message}. Try again when it is free.` }] };
      if (unwritable(error) || permissionDenied(error))
        return {
          ok: false,
          checked: false,
          entries: 0,
          problems: [
            {
              seq: null,
              problem: `could not check the log: entries waiting in the spool can't be moved into it (${(error as Error).message}). Free space or make the state directory writable, then try again.`,
            },
          ],
        };
      return { ok: false, checked: true, entries: 0, problems: [{ seq: null, problem: `the log cannot be read: ${(error as Error).message}` }] };
    }
    let rows: Row[];
    let approvals: VerifyContext['approvals'] = [];
    let grants: VerifyContext['grants'] = [];
    try {
      rows = (this.db.prepare('SELECT seq, ts, body, prev_hash, hash, hmac FROM audit ORDER BY seq').all() as Record<string, unknown>[]).map(auditRow);
      // Columns of another type read as text that matches nothing, so verify reports them rather than trips over them.
      approvals = (this.db.prepare('SELECT id, status, fingerprint, request, expires_at FROM approvals').all() as Record<string, unknown>[]).map((a) => ({
        id: String(a.id),
        status: String(a.status),
        fingerprint: textOrEmpty(a.fingerprint),
        request: textOrEmpty(a.request),
        expiresAt: typeof a.expires_at === 'number' ? a.expires_at : Number.NaN,
      }));
      grants = (this.db.prepare('SELECT id, body FROM grants').all() as { id: unknown; body: unknown }[]).map((g) => ({ id: String(g.id), grant: parseGrant(g.body) }));
    } catch (error) {
      if (isBusy(error)) return { ok: false, checked: false, entries: 0, problems: [{ seq: null, problem: `could not check the log: it is busy (${(error as Error).message})` }] };
      return { ok: false, checked: true, entries: 0, problems: [{ seq: null, problem: `the log cannot be read: ${(error as Error).message}` }] };
    }
    return verifyRows(rows, { key: this.key, head: readHead(this.paths.head), approvals, grants });
  }

  close(): void {
    this.db.close();
  }
}

/** A stored grant, or null when the row is not one (edited by hand): a grant lost is stricter, never looser. */
function parseGrant(body: unknown): Grant | null {
  const g = typeof body === 'string' ? parseJson(body) : undefined;
  return isGrant(g) ? g : null;
}

/**
 * The entry to record when the head anchor and the log disagree, chained after the anchor (so the head
 * never moves back), or null when they agree.
 */
function gapBetween(head: Head | null, tail: Place, movedFromSpool: number, now: number): { record: AuditRecord; after: Place } | null {
  if (!head) {
    // No anchor and entries only from before: the anchor was deleted. (A new log has neither.)
    if (tail.seq > movedFromSpool)
      return { record: gapRecord('anchor-missing', `the head anchor was missing when entry ${tail.seq} was the newest; entries cut off the end before then can't be ruled out`, now), after: tail };
    return null;
  }
  if (head.seq > tail.seq) {
    const from = tail.seq + 1;
    return {
      record: gapRecord(
        'lost',
        `entries ${from}${head.seq > from ? `–${head.seq}` : ''} were written but neither the database nor the spool holds them (the spool was deleted or truncated, or rows were cut off the end)`,
        now,
        { from, to: head.seq },
      ),
      after: head,
    };
  }
  if (head.seq === tail.seq && head.hash !== tail.hash)
    return { record: gapRecord('replaced', `entry ${head.seq} is not the entry that was written as ${head.seq}: it was replaced`, now, { from: head.seq, to: head.seq }), after: head };
  if (head.seq < tail.seq && movedFromSpool === 0)
    return { record: gapRecord('anchor-behind', `the head anchor said ${head.seq} when the log held ${tail.seq}: it was replaced with an older copy`, now), after: tail };
  return null;
}

function gapRecord(gap: string, reason: string, now: number, range: { from?: number; to?: number } = {}): AuditRecord {
  return { kind: 'gap', reason, detail: { gap, foundAt: now, ...range } };
}

/** A spooled line's record, to be sealed again under a new number, noting the number it was spooled as. */
function relinked(line: SealedEntry): AuditRecord {
  const read = readBody(line.body);
  if (!('record' in read)) return unreadableLine(JSON.stringify(line));
  const { seq: _seq, ts: _ts, ...record } = read.record;
  return { ...record, detail: { ...record.detail, spooledAs: line.seq } };
}

function unreadableLine(text: string): AuditRecord {
  return { kind: 'request', reason: '(a spool line that could not be read; its text is kept in detail.spoolLine)', detail: { spoolLine: text } };
}

/** A stored row as readers see it; one that holds no record airlock writes is shown as unreadable (verify reports the damage). */
function toEntry(row: Row): AuditEntry {
  const read = readBody(row.body);
  const body: AuditRecord = 'record' in read ? read.record : { kind: 'request', reason: `(unreadable entry: ${row.damage ?? read.problem})` };
  return { ...body, seq: row.seq, ts: row.ts, prevHash: row.prev_hash, hash: row.hash, ...(row.hmac ? { hmac: row.hmac } : {}) };
}
