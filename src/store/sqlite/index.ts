// The default store: one SQLite database in the state directory (see database.ts), with the hook's
// write-ahead spool as its fast path. Opening SQLite costs ~15 ms per process, more than the hook's
// whole latency budget, so an append outside a transaction (an allowed command, an outcome) goes to the
// spool in a few ms, chained and fsync'd; the database is opened, and better-sqlite3 loaded, only by
// what needs it, and whatever opens it next moves the spool's entries in first.
//
// Its feed sees other processes' commits: every commit that puts events in the outbox rewrites a small
// events file beside the database, which subscribers watch (fs.watch); a slow safety poll covers
// filesystems where watching does not work. Commits in this process ring its subscribers directly.

import { watch, writeFileSync, type FSWatcher } from 'node:fs';
import type { Approval } from '../../core/approval.js';
import type { Grant } from '../../core/grant.js';
import type { AuditEntry, AuditFilter, AuditRecord, VerifyReport } from '../audit.js';
import { Doorbell, follow, type OutboxSource } from '../feed.js';
import type { ApprovalQuery, Feed, Place, Store, StoreView, Transaction, TransactionOptions } from '../store.js';
import type { SqliteDatabase, SqliteOptions } from './database.js';
import { appendToSpool, auditPaths, type AuditPaths } from './spool.js';

/** How often a feed looks at the outbox when no watch event came: the fallback where inotify does not work. */
const SAFETY_POLL_MS = 1_000;

/**
 * One write at a time per database within this process. The audit lock file is not re-entrant and its
 * wait blocks the thread, so a second writer in the same process must wait its turn here, not on the file.
 */
const turns = new Map<string, Promise<unknown>>();

function inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
  const before = turns.get(key) ?? Promise.resolve();
  const done = before.then(work, work);
  const settled = done.then(
    () => undefined,
    () => undefined,
  );
  turns.set(key, settled);
  void settled.then(() => {
    if (turns.get(key) === settled) turns.delete(key);
  });
  return done;
}

/** The subscribers in this process, per database: rung by commits made here. */
const bells = new Map<string, Set<Doorbell>>();

/** Thrown inside the spool's lock when only the database can settle the head: it is opened, and the append tried again. */
class NeedsDatabase extends Error {}

export class SqliteStore implements Store {
  readonly feed: Feed;
  private readonly paths: AuditPaths;
  private opened: Promise<SqliteDatabase> | null = null;
  private loaded: SqliteDatabase | null = null;

  constructor(
    readonly file: string,
    private readonly options: SqliteOptions = {},
  ) {
    this.paths = auditPaths(file);
    this.feed = { subscribe: (o) => this.subscribe(o), last: () => this.outbox.last(), since: (position) => this.outbox.after(position) };
  }

  private readonly outbox: OutboxSource = { last: () => this.read((_, d) => d.lastPosition()), after: (position) => this.read((_, d) => d.eventsAfter(position)) };

  /** The database, opened on first use. */
  private database(): Promise<SqliteDatabase> {
    this.opened ??= import('./database.js').then(({ SqliteDatabase }) => (this.loaded = new SqliteDatabase(this.file, this.options)));
    return this.opened;
  }

  append(record: AuditRecord): Promise<AuditEntry> {
    return inTurn(this.file, async () => {
      const spool = (db: SqliteDatabase | null) =>
        appendToSpool(this.paths, record, this.options.key ?? null, {
          ...(this.options.deadline !== undefined ? { deadline: this.options.deadline } : {}),
          // Rare: a SQLite writer died around its commit. Only the database can say which side it died on.
          settle: () => {
            if (!db) throw new NeedsDatabase();
            db.settleHead();
          },
        });
      if (this.loaded) return spool(this.loaded);
      try {
        return spool(null);
      } catch (error) {
        if (!(error instanceof NeedsDatabase)) throw error;
        return spool(await this.database());
      }
    });
  }

  transaction<T>(work: (tx: Transaction) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    return inTurn(this.file, async () => {
      const db = await this.database();
      const { result, delivered } = await db.write(work, options.signal ? { signal: options.signal } : {});
      if (delivered.length) for (const bell of bells.get(this.file) ?? []) bell.ring();
      return result;
    });
  }

  /** Moves the spool's entries in (and records any gap) before a read of the log. */
  private sync(): Promise<SqliteDatabase> {
    return inTurn(this.file, async () => {
      const db = await this.database();
      await db.sync();
      return db;
    });
  }

  /**
   * A read, in turn with this process's writes: they share one connection, and a read in the middle of
   * a write would see what is not committed yet.
   */
  private read<T>(op: (view: StoreView, db: SqliteDatabase) => Promise<T> | T): Promise<T> {
    return inTurn(this.file, async () => {
      const db = await this.database();
      return op(db.reads(), db);
    });
  }

  async entries(filter?: AuditFilter): Promise<AuditEntry[]> {
    return (await this.sync()).entriesNow(filter);
  }

  async newest(): Promise<Place> {
    return (await this.sync()).tail();
  }

  hashAt(seq: number): Promise<string | undefined> {
    return this.read((view) => view.hashAt(seq));
  }

  // Approval and grant entries are written in transactions, straight into the database, never through
  // the spool: reading them needs no sync.
  intactRecord(seq: number): Promise<AuditRecord | null> {
    return this.read((view) => view.intactRecord(seq));
  }

  transitionsSince(id: string, seq: number): Promise<string[]> {
    return this.read((view) => view.transitionsSince(id, seq));
  }

  recordsAbout(id: string): Promise<{ seq: number; record: AuditRecord }[]> {
    return this.read((view) => view.recordsAbout(id));
  }

  approval(id: string): Promise<Approval | null> {
    return this.read((view) => view.approval(id));
  }

  approvals(query?: ApprovalQuery): Promise<Approval[]> {
    return this.read((view) => view.approvals(query));
  }

  grants(): Promise<Grant[]> {
    return this.read(async (view, db) => {
      // Grants from before the upgrade are imported by a write; the first read after it makes one.
      if (db.legacyGrantsWaiting()) await db.sync();
      return view.grants();
    });
  }

  verify(): Promise<VerifyReport> {
    return inTurn(this.file, async () => (await this.database()).verify());
  }

  private async subscribe(options: { signal: AbortSignal; after?: number }) {
    await this.database();
    const bell = new Doorbell();
    const local = bells.get(this.file) ?? new Set<Doorbell>();
    bells.set(this.file, local);
    local.add(bell);
    let watcher: FSWatcher | null = null;
    try {
      // The file must exist to be watched; an empty one is as good as any.
      writeFileSync(this.paths.events, '', { flag: 'a', mode: 0o600 });
      watcher = watch(this.paths.events, { persistent: true }, () => bell.ring());
      // A watch that breaks (the file replaced, the directory gone) leaves the safety poll.
      watcher.on('error', () => watcher?.close());
    } catch {
      // No watching here (a read-only directory, a filesystem without inotify): the safety poll finds the events.
      watcher = null;
    }
    return follow(this.outbox, bell, {
      ...options,
      pollMs: SAFETY_POLL_MS,
      end: () => {
        watcher?.close();
        local.delete(bell);
      },
    });
  }

  async close(): Promise<void> {
    if (!this.opened) return;
    try {
      (await this.opened).close();
    } catch {
      // It never opened: nothing to close.
    }
  }
}
