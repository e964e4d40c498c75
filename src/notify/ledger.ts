// What notify keeps between processes, in its own small SQLite file beside the audit log (notify.db):
// how far it has read the outbox, each delivery still to make with its attempts and when it is next
// due, and a lease that lets one process at a time deliver (a webhook is not sent twice because two
// hooks started a deliverer at once). The audit log is not touched here; what failed for good is
// recorded there by the deliverer.

import type BetterSqlite3 from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadDriver } from '../store/sqlite/database.js';

/** One message or git note still to deliver: the webhook's name (or GIT_NOTE), and what to say. */
export interface Delivery {
  position: number;
  target: string;
  /** The notice, as JSON. */
  notice: string;
  attempts: number;
  due: number;
  firstTried: number | null;
}

/** The target name of a git note (webhook names are checked to start with a letter or digit). */
export const GIT_NOTE = '#git-note';

/** A lease not renewed in this long is free: its holder died or hung. Its holder renews it more often (RENEW_MS). */
const LEASE_MS = 30_000;
/** The longest a lease holder goes without renewing it. */
export const RENEW_MS = 10_000;

export class Ledger {
  private readonly db: BetterSqlite3.Database;
  readonly holder = randomUUID();

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const Database = loadDriver();
    this.db = new Database(file, { timeout: 10_000 });
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS place (one INTEGER PRIMARY KEY CHECK (one = 1), position INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS lease (one INTEGER PRIMARY KEY CHECK (one = 1), holder TEXT NOT NULL, pid INTEGER NOT NULL, until INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS deliveries (position INTEGER NOT NULL, target TEXT NOT NULL, notice TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
        due INTEGER NOT NULL, first_tried INTEGER, PRIMARY KEY (position, target))`);
  }

  /** How far the outbox has been read; null before the first read. */
  place(): number | null {
    return (this.db.prepare('SELECT position FROM place').get() as { position: number } | undefined)?.position ?? null;
  }

  /**
   * Takes the lease, or renews it, when it is free, has lapsed, or its holder's process is gone; false
   * when another live process holds it (that one delivers).
   */
  lease(now: number): boolean {
    return this.db
      .transaction(() => {
        const held = this.db.prepare('SELECT holder, pid, until FROM lease').get() as { holder: string; pid: number; until: number } | undefined;
        if (held && held.holder !== this.holder && held.until > now && alive(held.pid)) return false;
        this.db.prepare('INSERT OR REPLACE INTO lease (one, holder, pid, until) VALUES (1, ?, ?, ?)').run(this.holder, process.pid, now + LEASE_MS);
        return true;
      })
      .immediate();
  }

  release(): void {
    this.db.prepare('DELETE FROM lease WHERE holder = ?').run(this.holder);
  }

  /** Adds the deliveries for the events up to `position`, and moves the place there, together. */
  enqueue(position: number, deliveries: readonly Omit<Delivery, 'attempts' | 'firstTried'>[]): void {
    const add = this.db.prepare('INSERT OR IGNORE INTO deliveries (position, target, notice, due) VALUES (?, ?, ?, ?)');
    this.db
      .transaction(() => {
        for (const d of deliveries) add.run(d.position, d.target, d.notice, d.due);
        // Only the lease holder writes it, so it is set where it is told (back to 0 for a store made anew).
        this.db.prepare('INSERT INTO place (one, position) VALUES (1, ?) ON CONFLICT (one) DO UPDATE SET position = excluded.position').run(position);
      })
      .immediate();
  }

  /** What is due by `now`, oldest first. */
  due(now: number): Delivery[] {
    const rows = this.db.prepare('SELECT position, target, notice, attempts, due, first_tried FROM deliveries WHERE due <= ? ORDER BY position, target').all(now) as {
      position: number;
      target: string;
      notice: string;
      attempts: number;
      due: number;
      first_tried: number | null;
    }[];
    return rows.map((r) => ({ position: r.position, target: r.target, notice: r.notice, attempts: r.attempts, due: r.due, firstTried: r.first_tried }));
  }

  /** When the next delivery is due; null when none waits. */
  nextDue(): number | null {
    return (this.db.prepare('SELECT MIN(due) AS due FROM deliveries').get() as { due: number | null }).due;
  }

  /** Delivered, or given up on (and recorded): it is no longer kept. */
  done(d: Pick<Delivery, 'position' | 'target'>): void {
    this.db.prepare('DELETE FROM deliveries WHERE position = ? AND target = ?').run(d.position, d.target);
  }

  /** Tried and to be tried again at `due`. */
  later(d: Pick<Delivery, 'position' | 'target'>, attempts: number, due: number, firstTried: number): void {
    this.db.prepare('UPDATE deliveries SET attempts = ?, due = ?, first_tried = COALESCE(first_tried, ?) WHERE position = ? AND target = ?').run(attempts, due, firstTried, d.position, d.target);
  }

  close(): void {
    this.db.close();
  }
}

/**
 * Whether process `pid` still runs (a signal 0 checks without sending anything). A killed deliverer
 * whose parent has exited may linger as a zombie where nothing reaps orphans (a container without an
 * init): it answers the signal, so /proc is asked too.
 */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return !/^\d+ \(.*\) [ZX] /s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}
