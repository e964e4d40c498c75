// The life of an approval request, as one pure function: (state, event, now) → the next state, the audit
// records written before it takes effect, and the domain events it announces. No I/O: the service
// (service.ts) reads the store and the log, asks this what happens, and writes the answer in one
// transaction.
//
//   (none) ──request──► pending ──decide: approved──► approved ──use──► consumed
//                          │                              │  └──use, the log does not back it──► rejected
//                          ├──decide: denied──► denied    │
//                          └──expire (when due)──► expired ◄──expire (when due)

import type { Approval, HeldRequest, Principal } from '../core/approval.js';
import type { MadeCopy } from '../core/copy.js';
import { maskSecrets } from '../core/mask.js';
import type { AuditRecord } from '../store/audit.js';
import type { DomainEvent } from '../store/store.js';

export type LifecycleEvent =
  | { type: 'request'; id: string; fingerprint: string; request: HeldRequest; ttlMs: number }
  /** `copies`: the safety copies made before an approval (src/copies/), recorded with it. */
  | { type: 'decide'; decision: 'approved' | 'denied'; by: Principal; reason?: string; copies?: MadeCopy[] }
  | { type: 'expire' }
  /** `refusal`: why the audit log does not back this approval for this fingerprint now (service.ts finds it), or null. */
  | { type: 'use'; fingerprint: string; refusal: string | null };

export interface Step {
  next: Approval;
  /** Written to the audit log in order, in the transaction that stores `next`; the first is the transition's own entry. */
  records: AuditRecord[];
  /** The field of `next` that takes the number of the transition's own entry once it is written. */
  link?: 'requestedSeq' | 'approvedSeq';
  events: DomainEvent[];
}

/** What happens, or why it can't. */
export type Outcome = Step | { refused: string };

export function step(state: Approval | null, event: LifecycleEvent, now: number): Outcome {
  if (event.type === 'request') {
    if (state) return { refused: `request ${state.id} exists already` };
    // Masked once, here: what is stored, logged and announced is the same masked text.
    const request = { ...event.request, command: maskSecrets(event.request.command), reason: maskSecrets(event.request.reason) };
    const expiresAt = now + event.ttlMs;
    return {
      next: { id: event.id, fingerprint: event.fingerprint, status: 'pending', createdAt: now, expiresAt, request },
      records: [
        {
          kind: 'approval',
          command: request.command,
          cwd: request.cwd,
          agent: request.agent,
          session: request.session,
          detail: { id: event.id, transition: 'requested', expiresAt, fingerprint: event.fingerprint, request },
        },
      ],
      link: 'requestedSeq',
      events: [{ type: 'request.held', id: event.id, fingerprint: event.fingerprint, expiresAt, command: request.command, environment: request.environment, agent: request.agent, cwd: request.cwd }],
    };
  }
  if (!state) return { refused: 'there is no such request' };
  const { id } = state;
  switch (event.type) {
    case 'decide': {
      if (state.status !== 'pending') return { refused: `request ${id} is ${state.status}, not pending` };
      if (state.expiresAt <= now) return { refused: `request ${id} has expired` };
      const { decision, by, reason, copies } = event;
      const { approvedSeq: _, ...rest } = state;
      return {
        next: { ...rest, status: decision, decidedAt: now, decidedBy: by.user, ...(reason ? { decisionReason: reason } : {}) },
        records: [
          {
            kind: 'approval',
            detail: { id, transition: decision, by: by.user, via: by.kind, ...(by.proof ? { proof: by.proof } : {}), ...(reason ? { reason } : {}), ...(copies?.length ? { copies } : {}) },
          },
        ],
        ...(decision === 'approved' ? { link: 'approvedSeq' as const } : {}),
        events: [decision === 'approved' ? { type: 'approval.approved', id, by } : { type: 'approval.denied', id, by, ...(reason ? { reason } : {}) }],
      };
    }
    case 'expire': {
      if (state.status !== 'pending' && state.status !== 'approved') return { refused: `request ${id} is ${state.status}, nothing to expire` };
      if (state.expiresAt > now) return { refused: `request ${id} is not due to expire yet` };
      return { next: { ...state, status: 'expired' }, records: [{ kind: 'approval', detail: { id, transition: 'expired' } }], events: [{ type: 'approval.expired', id }] };
    }
    case 'use': {
      if (state.status !== 'approved') return { refused: `request ${id} is ${state.status}, not approved` };
      // Marked approved without a human's approval in the log, or for another command: refused, recorded, and never usable.
      const refusal = event.refusal ?? (state.fingerprint !== event.fingerprint ? `request ${id} was made for a different command than this one` : null);
      if (refusal) return { next: { ...state, status: 'rejected' }, records: [{ kind: 'approval', detail: { id, transition: 'rejected', reason: refusal } }], events: [] };
      return { next: { ...state, status: 'consumed' }, records: [{ kind: 'approval', detail: { id, transition: 'consumed' } }], events: [{ type: 'approval.consumed', id }] };
    }
  }
}
