// Rows read back from the SQLite file, checked column by column. SQLite keeps whatever a column is given
// (text in an INTEGER column, a blob anywhere), and anything able to write the state directory can run
// sqlite3 on it: a row is trusted no further than its shape. A damaged audit row is reported by verify;
// a damaged approval can never be used; a damaged grant or event is not taken for one.

import { heldRequestOf, isApprovalStatus, type Approval, type HeldRequest } from '../../core/approval.js';
import { isCount, isObject, parseJson } from '../../core/shape.js';
import type { Row } from '../chain.js';
import type { DomainEvent } from '../store.js';

export const textOrEmpty = (v: unknown) => (typeof v === 'string' ? v : '');

/** An audit row with its columns checked; a column of another type reads as empty (a time as NaN, shown as none), named in `damage`. */
export function auditRow(raw: Record<string, unknown>): Row {
  const wrong: string[] = [];
  const text = (column: string) => {
    const v = raw[column];
    if (typeof v === 'string') return v;
    wrong.push(`${column} is not text`);
    return '';
  };
  const seq = isCount(raw.seq) ? raw.seq : 0;
  if (seq === 0) wrong.push('its number is not a positive whole number');
  const ts = typeof raw.ts === 'number' && Number.isFinite(raw.ts) ? raw.ts : Number.NaN;
  if (Number.isNaN(ts)) wrong.push('its time is not a number');
  const row: Row = { seq, ts, body: text('body'), prev_hash: text('prev_hash'), hash: text('hash'), hmac: null };
  if (typeof raw.hmac === 'string') row.hmac = raw.hmac;
  else if (raw.hmac !== null && raw.hmac !== undefined) wrong.push('hmac is not text');
  if (wrong.length) row.damage = wrong.join(', ');
  return row;
}

/** Shown for a stored request that can't be read: the log's copy is what counts (approvals/service.ts), and it can't be approved. */
const UNREADABLE: HeldRequest = { command: '(unreadable)', cwd: '', agent: '', session: '', environment: 'unknown', evidence: [], findings: [], reason: '' };

/**
 * An approvals row as the approval it holds. A damaged one is kept visible but made unusable: a status
 * airlock never writes reads as `rejected`, a time that is not a number as long past, and a request that
 * can't be read as "(unreadable)"; verify reports the edit.
 */
export function toApproval(raw: Record<string, unknown>): Approval {
  const time = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  const approval: Approval = {
    id: textOrEmpty(raw.id),
    fingerprint: textOrEmpty(raw.fingerprint),
    status: isApprovalStatus(raw.status) ? raw.status : 'rejected',
    createdAt: time(raw.created_at),
    expiresAt: time(raw.expires_at),
    request: (typeof raw.request === 'string' ? heldRequestOf(parseJson(raw.request)) : null) ?? UNREADABLE,
  };
  if (typeof raw.decided_at === 'number' && Number.isFinite(raw.decided_at)) approval.decidedAt = raw.decided_at;
  if (typeof raw.decided_by === 'string') approval.decidedBy = raw.decided_by;
  if (typeof raw.decision_reason === 'string') approval.decisionReason = raw.decision_reason;
  if (isCount(raw.requested_seq)) approval.requestedSeq = raw.requested_seq;
  if (isCount(raw.approved_seq)) approval.approvedSeq = raw.approved_seq;
  return approval;
}

const EVENT_TYPES: Record<DomainEvent['type'], true> = {
  'request.held': true,
  'approval.approved': true,
  'approval.denied': true,
  'approval.expired': true,
  'approval.consumed': true,
  'grant.opened': true,
  'grant.revoked': true,
};

/** An outbox event, or null when the stored JSON is not one: subscribers only ever learn an id to look up. */
export function eventOf(json: unknown): DomainEvent | null {
  const v = typeof json === 'string' ? parseJson(json) : undefined;
  if (!isObject(v) || typeof v.type !== 'string' || !Object.hasOwn(EVENT_TYPES, v.type) || typeof v.id !== 'string') return null;
  return v as unknown as DomainEvent;
}
