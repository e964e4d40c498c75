// Approval requests: a held command waits for a human to say yes or no, out of band. A request is bound
// to a fingerprint (command, working directory, agent session, resolved targets, and the basis: the
// contents of every file the analysis read and every command it found would run), expires, and an
// approval is used once: the same command run again is held again. Every transition goes to the audit
// log before it takes effect.

import { createHash, randomInt } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteAuditStore } from '../store/sqlite/database.js';
import type { AuditRecord, AuditWriter } from '../store/audit.js';
import { HUMAN_PRINCIPAL, canonical, chainHash, hmacOf, recordOf } from '../store/chain.js';
import { maskSecrets } from '../core/mask.js';
import type { BoundFile } from './basis.js';

/** `rejected`: marked approved without a human's approval in the audit log (a forgery), never usable. */
export type ApprovalStatus = 'pending' | 'approved' | 'denied' | 'expired' | 'consumed' | 'rejected';

export interface ApprovalRequest {
  id: string;
  fingerprint: string;
  status: ApprovalStatus;
  createdAt: number;
  expiresAt: number;
  decidedAt?: number;
  decidedBy?: string;
  decisionReason?: string;
  /**
   * Set when the approvals table no longer matches the request as the audit log recorded it (or the log
   * has no intact record of it): the table was edited, so nothing it says may be shown or approved.
   */
  tampered?: string;
  /** What the human sees: the command (secrets masked), where, who, the environment and the findings, as the audit log recorded them. */
  request: {
    command: string;
    cwd: string;
    agent: string;
    session: string;
    environment: string;
    evidence: string[];
    findings: { rule: string; summary: string; consequence: string; target?: string }[];
    reason: string;
    /** The files whose current contents the approval covers (absent in requests made before binding). */
    files?: BoundFile[];
  };
}

/** Letters and digits that can't be mistaken for one another when typed. */
const ID_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** `basis` is the digest of what the command would run (src/approvals/basis.ts): a change to it is a new request. */
export function fingerprintOf(parts: { command: string; cwd: string; session: string; targets: string[]; basis: string }): string {
  return createHash('sha256').update(canonical({ ...parts, targets: [...parts.targets].sort() })).digest('hex');
}

interface Row {
  id: string;
  fingerprint: string;
  status: ApprovalStatus;
  created_at: number;
  expires_at: number;
  decided_at: number | null;
  decided_by: string | null;
  decision_reason: string | null;
  request: string;
  approved_seq?: number | null;
  requested_seq?: number | null;
}

function toRequest(row: Row): ApprovalRequest {
  return {
    id: row.id,
    fingerprint: row.fingerprint,
    status: row.status,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    ...(row.decided_at !== null ? { decidedAt: row.decided_at } : {}),
    ...(row.decided_by !== null ? { decidedBy: row.decided_by } : {}),
    ...(row.decision_reason !== null ? { decisionReason: row.decision_reason } : {}),
    request: JSON.parse(row.request) as ApprovalRequest['request'],
  };
}

export class ApprovalStore {
  private readonly db: BetterSqlite3.Database;

  /**
   * Shares the audit log's connection: a transition and its audit entry commit together, in one write
   * that takes the audit lock before SQLite's, the order every writer uses.
   */
  constructor(private readonly audit: SqliteAuditStore) {
    this.db = audit.db;
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
    // approved_seq: the audit entry that recorded the human's approval, checked before it is used;
    // requested_seq: the audit entry that recorded the request, with the fingerprint it was made for.
    const columns = this.db.prepare('PRAGMA table_info(approvals)').all() as { name: string }[];
    for (const column of ['approved_seq', 'requested_seq']) {
      if (columns.some((c) => c.name === column)) continue;
      try {
        this.db.exec(`ALTER TABLE approvals ADD COLUMN ${column} INTEGER`);
      } catch (error) {
        if (!/duplicate column/i.test((error as Error).message)) throw error;
      }
    }
  }

  get(id: string, now = Date.now()): ApprovalRequest | null {
    this.expireDue(now);
    const row = this.row(id);
    return row ? this.recorded(row) : null;
  }

  pending(now = Date.now()): ApprovalRequest[] {
    this.expireDue(now);
    return (this.db.prepare("SELECT * FROM approvals WHERE status = 'pending' ORDER BY created_at").all() as Row[]).map((row) => this.recorded(row));
  }

  /**
   * A request as the audit log recorded it: the table's copy is only a convenience that anything able to
   * write the file can change, so what a human is shown (and asked to type) comes from the log, and a
   * table that disagrees with it is marked tampered.
   */
  private recorded(row: Row): ApprovalRequest {
    const shown = toRequest(row);
    const entry = this.entry(row.requested_seq);
    const logged = entry?.detail?.request as ApprovalRequest['request'] | undefined;
    if (!entry || entry.kind !== 'approval' || entry.detail?.id !== row.id || entry.detail.transition !== 'requested' || !logged) {
      return { ...shown, tampered: `the audit log holds no intact record of request ${row.id}` };
    }
    const fromLog = { ...shown, request: logged, expiresAt: Number(entry.detail.expiresAt), fingerprint: String(entry.detail.fingerprint) };
    if (canonical(logged) !== canonical(shown.request) || fromLog.expiresAt !== shown.expiresAt || fromLog.fingerprint !== shown.fingerprint) {
      return { ...fromLog, tampered: `request ${row.id} in the approvals table differs from the request the audit log recorded` };
    }
    return fromLog;
  }

  /**
   * For a held command: uses an approval if one is waiting for this fingerprint (single use), or
   * returns the pending request for it, creating one if there is none. `record` (the request's own
   * audit entry) goes in the same write, so a held command and its approval request are never split.
   */
  requestFor(fingerprint: string, request: ApprovalRequest['request'], ttlMs: number, now = Date.now(), record?: AuditRecord): { approved: ApprovalRequest | null; pending: ApprovalRequest | null; denied?: ApprovalRequest; forged?: string[] } {
    this.expireDue(now);
    return this.audit.write((log) => {
      if (record) log.append(record);
      const forged: string[] = [];
      for (const approved of this.db.prepare("SELECT * FROM approvals WHERE fingerprint = ? AND status = 'approved' ORDER BY decided_at").all(fingerprint) as Row[]) {
        if (approved.expires_at <= now) continue;
        const why = this.unapproved(approved, fingerprint, now);
        if (why) {
          // Marked approved without a human's approval in the log: refused, recorded, and never usable.
          this.transition(log, approved.id, 'rejected', now, { reason: why });
          forged.push(approved.id);
          continue;
        }
        this.transition(log, approved.id, 'consumed', now, {});
        return { approved: { ...toRequest(approved), status: 'consumed' as const }, pending: null, ...(forged.length ? { forged } : {}) };
      }
      // A human said no: until that request would have expired, the same command gets the same answer.
      const denied = this.db.prepare("SELECT * FROM approvals WHERE fingerprint = ? AND status = 'denied' AND expires_at > ? ORDER BY decided_at DESC LIMIT 1").get(fingerprint, now) as Row | undefined;
      if (denied) return { approved: null, pending: null, denied: toRequest(denied) };
      const existing = this.db.prepare("SELECT * FROM approvals WHERE fingerprint = ? AND status = 'pending' AND expires_at > ? LIMIT 1").get(fingerprint, now) as Row | undefined;
      if (existing) return { approved: null, pending: toRequest(existing), ...(forged.length ? { forged } : {}) };
      const id = this.newId();
      const masked = { ...request, command: maskSecrets(request.command), reason: maskSecrets(request.reason) };
      const requested = log.append({ kind: 'approval', command: masked.command, cwd: masked.cwd, agent: masked.agent, session: masked.session, detail: { id, transition: 'requested', expiresAt: now + ttlMs, fingerprint, request: masked } });
      this.db.prepare("INSERT INTO approvals (id, fingerprint, status, created_at, expires_at, request, requested_seq) VALUES (?, ?, 'pending', ?, ?, ?, ?)").run(id, fingerprint, now, now + ttlMs, JSON.stringify(masked), requested.seq);
      return { approved: null, pending: toRequest(this.row(id)!), ...(forged.length ? { forged } : {}) };
    });
  }

  /** A human's decision on a pending request, given at a terminal. Throws with a plain reason when it can't be decided. */
  decide(id: string, decision: 'approved' | 'denied', by: string, reason: string | undefined, now = Date.now()): ApprovalRequest {
    this.expireDue(now);
    return this.audit.write((log) => {
      const row = this.row(id);
      if (!row) throw new Error(`there is no request ${id}`);
      if (row.status !== 'pending') throw new Error(`request ${id} is ${row.status}, not pending`);
      if (row.expires_at <= now) throw new Error(`request ${id} has expired`);
      const tampered = this.recorded(row).tampered;
      if (tampered && decision === 'approved') throw new Error(`${tampered}; it was changed after it was made, so it can't be approved. Deny it, and let the agent ask again`);
      this.transition(log, id, decision, now, { decidedBy: by, ...(reason ? { reason } : {}) });
      return this.recorded(this.row(id)!);
    });
  }

  /** Uses an approval for a waiting hook: approved becomes consumed, once, and only if a human gave it. */
  consume(id: string, fingerprint: string, now = Date.now()): boolean {
    return this.audit.write((log) => {
      const row = this.db.prepare("SELECT * FROM approvals WHERE id = ? AND status = 'approved'").get(id) as Row | undefined;
      if (!row) return false;
      const why = this.unapproved(row, fingerprint, now);
      if (why) {
        this.transition(log, id, 'rejected', now, { reason: why });
        return false;
      }
      this.transition(log, id, 'consumed', now, {});
      return true;
    });
  }

  private row(id: string): Row | undefined {
    return this.db.prepare('SELECT * FROM approvals WHERE id = ?').get(id) as Row | undefined;
  }

  /**
   * Why an approvals row marked approved may not be used for `fingerprint` now, or null when it may.
   * The row itself proves nothing (anything that can write the file can set it): the audit log must
   * hold, intact, the request made for exactly this fingerprint and not yet expired, a human's
   * approval of it at a terminal after that, and no use, expiry or refusal of it since.
   */
  private unapproved(row: Row, fingerprint: string, now: number): string | null {
    const requested = this.entry(row.requested_seq);
    const approved = this.entry(row.approved_seq);
    if (!requested || !approved) return `request ${row.id} is marked approved, but the audit log does not hold an intact request and human approval for it`;
    const r = requested.detail ?? {};
    const a = approved.detail ?? {};
    if (requested.kind !== 'approval' || r.id !== row.id || r.transition !== 'requested') return `the audit entry for request ${row.id} is not its request`;
    if (r.fingerprint !== fingerprint) return `request ${row.id} was made for a different command than this one`;
    if (typeof r.expiresAt !== 'number' || r.expiresAt <= now) return `request ${row.id} has expired`;
    if (approved.kind !== 'approval' || a.id !== row.id || a.transition !== 'approved' || a.via !== HUMAN_PRINCIPAL || row.approved_seq! <= row.requested_seq!) return `the audit entry for ${row.id}'s approval does not record a human approving it at a terminal`;
    const since = this.db.prepare("SELECT body FROM audit WHERE seq > ? AND body LIKE ?").all(row.approved_seq, `%${JSON.stringify(row.id)}%`) as { body: string }[];
    for (const { body } of since) {
      const later = recordOf(body);
      if (later?.kind === 'approval' && later.detail?.id === row.id && ['consumed', 'expired', 'rejected', 'denied'].includes(String(later.detail.transition))) return `request ${row.id}'s approval was already ${String(later.detail.transition)}; an approval is used once`;
    }
    return null;
  }

  /** An audit entry by number, parsed, if it is intact (its hash, and its HMAC when there is a key). */
  private entry(seq: number | null | undefined): AuditRecord | null {
    if (seq === null || seq === undefined) return null;
    const e = this.audit.row(seq);
    if (!e || chainHash(e.prev_hash, e.body) !== e.hash || (this.audit.key && e.hmac !== hmacOf(this.audit.key, e.hash))) return null;
    return recordOf(e.body);
  }

  /** Expires what is due, in a write of its own, and only when something is due: reads stay reads. */
  private expireDue(now: number): void {
    const due = () => this.db.prepare("SELECT id FROM approvals WHERE status IN ('pending', 'approved') AND expires_at <= ?").all(now) as { id: string }[];
    if (due().length === 0) return;
    this.audit.write((log) => {
      for (const { id } of due()) this.transition(log, id, 'expired', now, {});
    });
  }

  /** Records a transition in the audit log, then applies it in the same transaction. */
  private transition(log: AuditWriter, id: string, status: ApprovalStatus | 'rejected', now: number, extra: { decidedBy?: string; reason?: string }): void {
    const human = status === 'approved' || status === 'denied';
    const entry = log.append({ kind: 'approval', detail: { id, transition: status, ...(extra.decidedBy ? { by: extra.decidedBy } : {}), ...(human ? { via: HUMAN_PRINCIPAL } : {}), ...(extra.reason ? { reason: extra.reason } : {}) } });
    if (human) {
      this.db.prepare('UPDATE approvals SET status = ?, decided_at = ?, decided_by = ?, decision_reason = ?, approved_seq = ? WHERE id = ?').run(status, now, extra.decidedBy ?? null, extra.reason ?? null, status === 'approved' ? entry.seq : null, id);
    } else this.db.prepare('UPDATE approvals SET status = ? WHERE id = ?').run(status, id);
  }

  private newId(): string {
    for (;;) {
      const id = Array.from({ length: 6 }, () => ID_ALPHABET[randomInt(ID_ALPHABET.length)]).join('');
      if (!this.db.prepare('SELECT 1 FROM approvals WHERE id = ?').get(id)) return id;
    }
  }
}
