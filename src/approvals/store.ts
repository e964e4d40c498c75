// Approval requests: a held command waits for a human to say yes or no, out of band. A request is bound
// to a fingerprint (command, working directory, agent session, resolved targets), expires, and an
// approval is used once: the same command run again is held again. Every transition goes to the audit
// log before it takes effect.

import { createHash, randomInt } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteAuditStore } from '../audit/sqlite.js';
import { canonical } from '../audit/store.js';
import { maskSecrets } from '../context/mask.js';

export type ApprovalStatus = 'pending' | 'approved' | 'denied' | 'expired' | 'consumed';

export interface ApprovalRequest {
  id: string;
  fingerprint: string;
  status: ApprovalStatus;
  createdAt: number;
  expiresAt: number;
  decidedAt?: number;
  decidedBy?: string;
  decisionReason?: string;
  /** What the human sees: the command (secrets masked), where, who, the environment and the findings. */
  request: {
    command: string;
    cwd: string;
    agent: string;
    session: string;
    environment: string;
    evidence: string[];
    findings: { rule: string; summary: string; consequence: string; target?: string }[];
    reason: string;
  };
}

/** Letters and digits that can't be mistaken for one another when typed. */
const ID_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export function fingerprintOf(parts: { command: string; cwd: string; session: string; targets: string[] }): string {
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
   * Shares the audit log's connection: a transition and its audit entry commit together (the audit
   * append nests as a savepoint), and a second connection would wait on this process's own lock.
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
      request TEXT NOT NULL
    )`);
  }

  get(id: string, now = Date.now()): ApprovalRequest | null {
    this.expire(now);
    const row = this.row(id);
    return row ? toRequest(row) : null;
  }

  pending(now = Date.now()): ApprovalRequest[] {
    this.expire(now);
    return (this.db.prepare("SELECT * FROM approvals WHERE status = 'pending' ORDER BY created_at").all() as Row[]).map(toRequest);
  }

  /**
   * For a held command: uses an approval if one is waiting for this fingerprint (single use), or
   * returns the pending request for it, creating one if there is none.
   */
  requestFor(fingerprint: string, request: ApprovalRequest['request'], ttlMs: number, now = Date.now()): { approved: ApprovalRequest | null; pending: ApprovalRequest | null; denied?: ApprovalRequest } {
    return this.db.transaction(() => {
      this.expire(now);
      const approved = this.db.prepare("SELECT * FROM approvals WHERE fingerprint = ? AND status = 'approved' ORDER BY decided_at LIMIT 1").get(fingerprint) as Row | undefined;
      if (approved) {
        this.transition(approved.id, 'consumed', now, {});
        return { approved: { ...toRequest(approved), status: 'consumed' as const }, pending: null };
      }
      // A human said no: until that request would have expired, the same command gets the same answer.
      const denied = this.db.prepare("SELECT * FROM approvals WHERE fingerprint = ? AND status = 'denied' AND expires_at > ? ORDER BY decided_at DESC LIMIT 1").get(fingerprint, now) as Row | undefined;
      if (denied) return { approved: null, pending: null, denied: toRequest(denied) };
      const existing = this.db.prepare("SELECT * FROM approvals WHERE fingerprint = ? AND status = 'pending' LIMIT 1").get(fingerprint) as Row | undefined;
      if (existing) return { approved: null, pending: toRequest(existing) };
      const id = this.newId();
      const masked = { ...request, command: maskSecrets(request.command), reason: maskSecrets(request.reason) };
      this.audit.append({ kind: 'approval', command: masked.command, cwd: masked.cwd, agent: masked.agent, session: masked.session, detail: { id, transition: 'requested', expiresAt: now + ttlMs, fingerprint } });
      this.db.prepare("INSERT INTO approvals (id, fingerprint, status, created_at, expires_at, request) VALUES (?, ?, 'pending', ?, ?, ?)").run(id, fingerprint, now, now + ttlMs, JSON.stringify(masked));
      return { approved: null, pending: toRequest(this.row(id)!) };
    }).immediate();
  }

  /** A human's decision on a pending request. Throws with a plain reason when it can't be decided. */
  decide(id: string, decision: 'approved' | 'denied', by: string, reason: string | undefined, now = Date.now()): ApprovalRequest {
    return this.db.transaction(() => {
      this.expire(now);
      const row = this.row(id);
      if (!row) throw new Error(`there is no request ${id}`);
      if (row.status !== 'pending') throw new Error(`request ${id} is ${row.status}, not pending`);
      this.transition(id, decision, now, { decidedBy: by, ...(reason ? { reason } : {}) });
      return toRequest(this.row(id)!);
    }).immediate();
  }

  /** Uses an approval for a waiting hook: approved becomes consumed, once. */
  consume(id: string, now = Date.now()): boolean {
    return this.db.transaction(() => {
      const row = this.db.prepare("SELECT status FROM approvals WHERE id = ? AND status = 'approved'").get(id) as Row | undefined;
      if (!row) return false;
      this.transition(id, 'consumed', now, {});
      return true;
    }).immediate();
  }

  private row(id: string): Row | undefined {
    return this.db.prepare('SELECT * FROM approvals WHERE id = ?').get(id) as Row | undefined;
  }

  private expire(now: number): void {
    const stale = this.db.prepare("SELECT id FROM approvals WHERE status IN ('pending', 'approved') AND expires_at <= ?").all(now) as { id: string }[];
    for (const { id } of stale) this.transition(id, 'expired', now, {});
  }

  /** Records a transition in the audit log, then applies it; if the log can't record it, it doesn't happen. */
  private transition(id: string, status: ApprovalStatus, now: number, extra: { decidedBy?: string; reason?: string }): void {
    this.audit.append({ kind: 'approval', detail: { id, transition: status, ...(extra.decidedBy ? { by: extra.decidedBy } : {}), ...(extra.reason ? { reason: extra.reason } : {}) } });
    if (status === 'approved' || status === 'denied') {
      this.db.prepare('UPDATE approvals SET status = ?, decided_at = ?, decided_by = ?, decision_reason = ? WHERE id = ?').run(status, now, extra.decidedBy ?? null, extra.reason ?? null, id);
    } else this.db.prepare('UPDATE approvals SET status = ? WHERE id = ?').run(status, id);
  }

  private newId(): string {
    for (;;) {
      const id = Array.from({ length: 6 }, () => ID_ALPHABET[randomInt(ID_ALPHABET.length)]).join('');
      if (!this.db.prepare('SELECT 1 FROM approvals WHERE id = ?').get(id)) return id;
    }
  }
}
