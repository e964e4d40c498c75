// The approval service: what the hook, `airlock exec` and the people answering requests do with them,
// over any store. It decides on behalf of a named principal (a person at their own terminal today; a
// dashboard session or a team approver later), who must have been proven by the caller. Each change is
// one transaction: the lifecycle (lifecycle.ts) says what happens, and the audit records, the new state
// and the events it announces commit together.
//
// The approvals a store keeps are only a convenience that anything able to write the state can change:
// an approval is used only if the audit log holds, intact, the request made for exactly this command and
// not yet expired, a human's approval of it after that, and no use, expiry or refusal of it since.

import { randomInt } from 'node:crypto';
import { heldRequestOf, type Approval, type HeldRequest, type Principal } from '../core/approval.js';
import type { MadeCopy } from '../core/copy.js';
import type { AuditRecord } from '../store/audit.js';
import { canonical, isHumanPrincipal } from '../store/chain.js';
import { TransactionAborted, type Store, type StoreView, type Transaction } from '../store/store.js';
import { step, type LifecycleEvent } from './lifecycle.js';

/**
 * An approval request as shown to people. `tampered` is set when the store's copy no longer matches the
 * request as the audit log recorded it (or the log has no intact record of it): then what is shown comes
 * from the log, and it can't be approved.
 */
export interface ApprovalRequest extends Approval {
  tampered?: string;
}

/** A refusal in plain words: the request can't be decided or used as asked. */
export class ApprovalRefused extends Error {}

/** How a use of an approval is guarded by a caller who may stop waiting. */
export interface UseOptions {
  /** Aborted: nothing more is done on this caller's behalf, and nothing it started commits. */
  signal?: AbortSignal;
  /**
   * Asked inside the transaction, just before an approval is used: false when the caller can no longer
   * act on the answer (a hook whose time ran out has already told the agent "blocked"), and then the
   * approval stays unused. Once it returns true, the caller will deliver the answer.
   */
  mayUse?: () => boolean;
}

export type WaitOutcome = { status: 'allowed'; approval: Approval } | { status: 'denied'; approval: Approval } | { status: 'refused'; reason: string } | { status: 'over' };

export interface RequestOutcome {
  /** An approval a human gave for exactly this command, now used. */
  approved: Approval | null;
  /** The request waiting for a human (made now if there was none). */
  pending: Approval | null;
  /** A human denied this exact command, and that answer still stands. */
  denied?: Approval;
  /** Approvals found marked approved without a human's approval in the log: refused and recorded. */
  forged?: string[];
}

/** Letters and digits that can't be mistaken for one another when typed. */
const ID_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export class ApprovalService {
  constructor(
    private readonly store: Store,
    private readonly clock: () => number = Date.now,
  ) {}

  async get(id: string): Promise<ApprovalRequest | null> {
    await this.expireDue(this.clock());
    const approval = await this.store.approval(id);
    return approval ? recorded(approval, this.store) : null;
  }

  async pending(): Promise<ApprovalRequest[]> {
    await this.expireDue(this.clock());
    return Promise.all((await this.store.approvals({ status: ['pending'] })).map((a) => recorded(a, this.store)));
  }

  /** A principal's decision on a pending request. Throws ApprovalRefused with a plain reason when it can't be decided. */
  async decide(id: string, decision: 'approved' | 'denied', by: Principal, reason?: string, copies?: MadeCopy[]): Promise<ApprovalRequest> {
    const now = this.clock();
    await this.expireDue(now);
    return this.store.transaction(async (tx) => {
      const approval = await tx.approval(id);
      if (!approval) throw new ApprovalRefused(`there is no request ${id}`);
      if (decision === 'approved' && approval.status === 'pending' && approval.expiresAt > now) {
        const { tampered } = await recorded(approval, tx);
        if (tampered) throw new ApprovalRefused(`${tampered}; it was changed after it was made, so it can't be approved. Deny it, and let the agent ask again`);
      }
      return recorded(await apply(tx, approval, { type: 'decide', decision, by, ...(reason ? { reason } : {}), ...(copies?.length ? { copies } : {}) }, now), tx);
    });
  }

  /**
   * For a held command: uses an approval a human gave for this fingerprint (once), or returns the pending
   * request for it, making one if there is none. `record` (the request's own audit entry) goes in the
   * same transaction, so a held command and its approval request are never split.
   */
  async requestFor(fingerprint: string, request: HeldRequest, ttlMs: number, record?: AuditRecord, options: UseOptions = {}): Promise<RequestOutcome> {
    const now = this.clock();
    await this.expireDue(now, options.signal);
    return this.store.transaction(
      async (tx) => {
        if (record) await tx.append(record);
        const forged: string[] = [];
        const approved = (await tx.approvals({ fingerprint, status: ['approved'] })).sort((a, b) => (a.decidedAt ?? 0) - (b.decidedAt ?? 0));
        for (const candidate of approved) {
          if (candidate.expiresAt <= now) continue;
          const used = await useIn(tx, candidate, fingerprint, now, options);
          if (used) return { approved: used, pending: null, ...(forged.length ? { forged } : {}) };
          forged.push(candidate.id);
        }
        // A human said no: until that request would have expired, the same command gets the same answer.
        const denied = (await tx.approvals({ fingerprint, status: ['denied'] })).filter((a) => a.expiresAt > now).sort((a, b) => (b.decidedAt ?? 0) - (a.decidedAt ?? 0))[0];
        if (denied) return { approved: null, pending: null, denied };
        const existing = (await tx.approvals({ fingerprint, status: ['pending'] })).find((a) => a.expiresAt > now);
        if (existing) return { approved: null, pending: existing, ...(forged.length ? { forged } : {}) };
        const created = await apply(tx, null, { type: 'request', id: await newId(tx), fingerprint, request, ttlMs }, now);
        return { approved: null, pending: created, ...(forged.length ? { forged } : {}) };
      },
      options.signal ? { signal: options.signal } : {},
    );
  }

  /** Uses request `id`'s approval for `fingerprint`, once, if a human gave it; false otherwise (a forged one is recorded as rejected). */
  async use(id: string, fingerprint: string, options: UseOptions = {}): Promise<boolean> {
    const now = this.clock();
    return this.store.transaction(
      async (tx) => {
        const approval = await tx.approval(id);
        if (approval?.status !== 'approved' || approval.expiresAt <= now) return false;
        return (await useIn(tx, approval, fingerprint, now, options)) !== null;
      },
      options.signal ? { signal: options.signal } : {},
    );
  }

  /**
   * Waits for a human to answer request `id`, for at most `waitMs`, and uses an approval at once if one
   * comes. Follows the store's feed, so an answer given in another process is seen as it commits. Ends
   * when `signal` aborts; a wait that ended never uses an approval.
   */
  async waitFor(id: string, fingerprint: string, waitMs: number, options: UseOptions = {}): Promise<WaitOutcome> {
    const over = new AbortController();
    const timer = setTimeout(() => over.abort(), Math.max(0, waitMs));
    const signal = options.signal ? AbortSignal.any([options.signal, over.signal]) : over.signal;
    try {
      // Subscribed before the state is read: an answer given in between is in the feed.
      const feed = await this.store.feed.subscribe({ signal });
      const answered = async (): Promise<WaitOutcome | null> => {
        if (signal.aborted) return { status: 'over' };
        const approval = await this.store.approval(id);
        if (!approval) return { status: 'refused', reason: `request ${id} is gone from the store` };
        if (approval.status === 'denied') return { status: 'denied', approval };
        if (approval.status === 'approved') {
          try {
            if (await this.use(id, fingerprint, { ...options, signal })) return { status: 'allowed', approval: { ...approval, status: 'consumed' } };
          } catch (error) {
            if (error instanceof TransactionAborted) return { status: 'over' };
            throw error;
          }
          const after = await this.store.approval(id);
          return after?.status === 'rejected'
            ? { status: 'refused', reason: `airlock refused request ${id}: it was marked approved without a human's approval in the audit log.` }
            : { status: 'over' };
        }
        if (approval.status !== 'pending' || approval.expiresAt <= this.clock()) return { status: 'over' };
        return null;
      };
      const first = await answered();
      if (first) return first;
      for await (const { event } of feed) {
        if (!('id' in event) || event.id !== id) continue;
        const outcome = await answered();
        if (outcome) return outcome;
      }
      return { status: 'over' };
    } finally {
      clearTimeout(timer);
      // Ends the subscription, whatever ended the wait.
      over.abort();
    }
  }

  /** Expires what is due, in a transaction of its own, and only when something is due: reads stay reads. */
  private async expireDue(now: number, signal?: AbortSignal): Promise<void> {
    const due = { status: ['pending', 'approved'] as const, expiringBy: now };
    if ((await this.store.approvals(due)).length === 0) return;
    await this.store.transaction(
      async (tx) => {
        for (const approval of await tx.approvals(due)) await apply(tx, approval, { type: 'expire' }, now);
      },
      signal ? { signal } : {},
    );
  }
}

/** Runs one lifecycle step inside `tx`: its audit records first, then the new state, then its events. */
async function apply(tx: Transaction, state: Approval | null, event: LifecycleEvent, now: number): Promise<Approval> {
  const outcome = step(state, event, now);
  if ('refused' in outcome) throw new ApprovalRefused(outcome.refused);
  let next = outcome.next;
  for (const [i, record] of outcome.records.entries()) {
    const entry = await tx.append(record);
    if (i === 0 && outcome.link) next = { ...next, [outcome.link]: entry.seq };
  }
  await tx.putApproval(next);
  for (const e of outcome.events) tx.emit(e);
  return next;
}

/** Uses `approval` for `fingerprint` inside `tx` if the log backs it; records a forged one as rejected and returns null. */
async function useIn(tx: Transaction, approval: Approval, fingerprint: string, now: number, options: UseOptions): Promise<Approval | null> {
  const refusal = await unbacked(approval, fingerprint, now, tx);
  if (refusal) {
    await apply(tx, approval, { type: 'use', fingerprint, refusal }, now);
    return null;
  }
  // The caller stopped waiting: the approval stays for the agent's next try, and nothing here commits.
  if (options.signal?.aborted || (options.mayUse && !options.mayUse())) throw new TransactionAborted();
  const used = await apply(tx, approval, { type: 'use', fingerprint, refusal: null }, now);
  return used.status === 'consumed' ? used : null;
}

/**
 * Why an approval marked approved may not be used for `fingerprint` now, or null when it may. The mark
 * proves nothing: the audit log must hold, intact, the request made for exactly this fingerprint and not
 * yet expired, a human's approval of it after that, and no use, expiry or refusal of it since.
 */
async function unbacked(approval: Approval, fingerprint: string, now: number, view: StoreView): Promise<string | null> {
  const { id, requestedSeq, approvedSeq } = approval;
  const requested = requestedSeq === undefined ? null : await view.intactRecord(requestedSeq);
  const approved = approvedSeq === undefined ? null : await view.intactRecord(approvedSeq);
  if (!requested || !approved) return `request ${id} is marked approved, but the audit log does not hold an intact request and human approval for it`;
  const r = requested.detail ?? {};
  const a = approved.detail ?? {};
  if (requested.kind !== 'approval' || r.id !== id || r.transition !== 'requested') return `the audit entry for request ${id} is not its request`;
  if (r.fingerprint !== fingerprint) return `request ${id} was made for a different command than this one`;
  if (typeof r.expiresAt !== 'number' || r.expiresAt <= now) return `request ${id} has expired`;
  if (approved.kind !== 'approval' || a.id !== id || a.transition !== 'approved' || !isHumanPrincipal(a.via) || approvedSeq! <= requestedSeq!)
    return `the audit entry for ${id}'s approval does not record a human approving it at a terminal or on the dashboard`;
  for (const later of await view.transitionsSince(id, approvedSeq!)) {
    if (['consumed', 'expired', 'rejected', 'denied'].includes(later)) return `request ${id}'s approval was already ${later}; an approval is used once`;
  }
  return null;
}

/**
 * The request as the audit log recorded it: what a human is shown (and asked to type) comes from the
 * log, and a store copy that disagrees with it is marked tampered.
 */
async function recorded(approval: Approval, view: StoreView): Promise<ApprovalRequest> {
  const entry = approval.requestedSeq === undefined ? null : await view.intactRecord(approval.requestedSeq);
  const detail = entry?.kind === 'approval' ? entry.detail : undefined;
  const logged = heldRequestOf(detail?.request);
  if (!detail || detail.id !== approval.id || detail.transition !== 'requested' || !logged || typeof detail.expiresAt !== 'number' || typeof detail.fingerprint !== 'string') {
    return { ...approval, tampered: `the audit log holds no intact record of request ${approval.id}` };
  }
  const fromLog = { ...approval, request: logged, expiresAt: detail.expiresAt, fingerprint: detail.fingerprint };
  if (canonical(logged) !== canonical(approval.request) || fromLog.expiresAt !== approval.expiresAt || fromLog.fingerprint !== approval.fingerprint) {
    return { ...fromLog, tampered: `request ${approval.id} in the approvals table differs from the request the audit log recorded` };
  }
  return fromLog;
}

async function newId(view: StoreView): Promise<string> {
  for (;;) {
    const id = Array.from({ length: 6 }, () => ID_ALPHABET[randomInt(ID_ALPHABET.length)]).join('');
    if (!(await view.approval(id))) return id;
  }
}
