// The one store airlock keeps its state in: the audit log, approval requests and grants, changed together
// in transactions, with an outbox of domain events that are delivered after the commit and a feed to
// subscribe to them. Every backend passes the same contract tests (test/store/contract.ts): memory/ for
// unit tests, sqlite/ by default (with the hook's spool as its fast path), later a server's database.

import type { Approval, ApprovalStatus, Principal } from '../core/approval.js';
import type { Grant } from '../core/grant.js';
import type { AuditEntry, AuditFilter, AuditRecord, VerifyReport } from './audit.js';

/** What happened, for whoever listens: a waiting hook, the webhooks (notify/) and the dashboard (server/). */
export type DomainEvent =
  | { type: 'request.held'; id: string; fingerprint: string; expiresAt: number; command: string; environment: string; agent: string; cwd: string }
  | { type: 'approval.approved'; id: string; by: Principal }
  | { type: 'approval.denied'; id: string; by: Principal; reason?: string }
  | { type: 'approval.expired'; id: string }
  | { type: 'approval.consumed'; id: string }
  | { type: 'grant.opened'; id: string; effect: Grant['effect']; environment: Grant['environment']; expiresAt: number; by: string }
  | { type: 'grant.revoked'; id: string };

/** An event as the feed delivers it: its place in the outbox (rising in commit order) and when it was committed. */
export interface Delivered {
  position: number;
  at: number;
  event: DomainEvent;
}

/** A place in the hash chain: the newest entry's number and hash (0 and '' for an empty log). */
export interface Place {
  seq: number;
  hash: string;
}

export interface ApprovalQuery {
  fingerprint?: string;
  status?: readonly ApprovalStatus[];
  /** Only requests that expire at or before this time (ms since the epoch). */
  expiringBy?: number;
}

/** What can be read, inside a transaction or outside one. */
export interface StoreView {
  /** Audit entries in order, filtered. */
  entries(filter?: AuditFilter): Promise<AuditEntry[]>;
  newest(): Promise<Place>;
  /** The hash of entry `seq`, or undefined when the log doesn't hold it (what a checkpoint is checked against). */
  hashAt(seq: number): Promise<string | undefined>;
  /** Entry `seq`'s record if it is intact (its hash matches its body, its HMAC the key), else null. */
  intactRecord(seq: number): Promise<AuditRecord | null>;
  /** The transitions recorded for approval request `id` in entries after `seq`, in order. */
  transitionsSince(id: string, seq: number): Promise<string[]>;
  /** The intact entries whose record is about `id` (a grant opened or revoked, say), in order. */
  recordsAbout(id: string): Promise<{ seq: number; record: AuditRecord }[]>;
  approval(id: string): Promise<Approval | null>;
  /** Approval requests matching the query, oldest first. */
  approvals(query?: ApprovalQuery): Promise<Approval[]>;
  /** Every grant ever opened, revoked ones with their revokedAt. */
  grants(): Promise<Grant[]>;
}

/** What a transaction may do: everything in it commits together, or nothing does. */
export interface Transaction extends StoreView {
  /** Appends a record to the audit log, chained after every entry before it; returns it as stored. */
  append(record: AuditRecord): Promise<AuditEntry>;
  /** Adds an approval request or replaces it by id. */
  putApproval(approval: Approval): Promise<void>;
  /** Adds a grant or replaces it by id. */
  putGrant(grant: Grant): Promise<void>;
  /** Puts an event in the outbox: delivered to subscribers once, and only if, the transaction commits. */
  emit(event: DomainEvent): void;
}

export interface TransactionOptions {
  /**
   * When aborted, the transaction does not start, or does not commit if it already started: work done for
   * a caller who has stopped waiting (a hook whose time ran out) never takes effect.
   */
  signal?: AbortSignal;
}

export interface Feed {
  /** The newest position in the outbox (0 when it is empty). */
  last(): Promise<number>;
  /**
   * What was committed after `after`, now, in order, without waiting: a reader that works through the
   * outbox at its own pace (notify/) keeps its own place and asks for what is new.
   */
  since(after: number): Promise<Delivered[]>;
  /**
   * Events committed after `after` (a position from an earlier delivery), or after the subscription is
   * made when it is not given (so a caller can subscribe, then read the current state, and miss nothing
   * in between), in commit order, including other processes' commits, until `signal` aborts; then the
   * iteration ends (it does not throw).
   */
  subscribe(options: { signal: AbortSignal; after?: number }): Promise<AsyncIterable<Delivered>>;
}

export interface Store extends StoreView {
  /**
   * Appends one record outside any transaction: the hook's allowed requests and outcomes. A backend may
   * take a faster route here (SQLite: a write-ahead spool) as long as the record is durable and in the
   * chain when this returns. Throws when it can't be written.
   */
  append(record: AuditRecord): Promise<AuditEntry>;
  /**
   * Runs `work` as one transaction. `work` may await only the transaction's own operations: a backend
   * may hold a lock other processes wait on until it returns. Events it emits are delivered after the
   * commit; if it throws, nothing it did is kept and the error is rethrown.
   */
  transaction<T>(work: (tx: Transaction) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Checks the whole chain, and the approvals against it. */
  verify(): Promise<VerifyReport>;
  readonly feed: Feed;
  close(): Promise<void>;
}

/** The store stopped a transaction because its signal aborted: nothing it did was kept. */
export class TransactionAborted extends Error {
  constructor() {
    super('the transaction was abandoned by its caller before it committed; nothing was written');
    this.name = 'TransactionAborted';
  }
}
