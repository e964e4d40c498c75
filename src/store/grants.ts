// Grants: time-boxed windows a human opens (`airlock grant write --env production --for 30m`). Opening
// and revoking one is recorded in the audit log in the same transaction that changes it, and announced
// as an event: a grant the log can't record is not granted.

import type { Grant } from '../core/grant.js';
import { type AuditRecord, grantRecord, revokeRecord } from './audit.js';
import type { Store, StoreView } from './store.js';

function isOpen(grant: Grant, now: number): boolean {
  return grant.revokedAt === undefined && grant.expiresAt > now;
}

/** Opens a grant and returns it with its id. */
export async function openGrant(store: Store, grant: Omit<Grant, 'id'>): Promise<Grant> {
  // Loaded here, not on the hook's path, which never opens a grant.
  const { randomBytes } = await import('node:crypto');
  return store.transaction(async (tx) => {
    const taken = new Set((await tx.grants()).map((g) => g.id));
    let id: string;
    do id = `g-${randomBytes(3).toString('hex')}`;
    while (taken.has(id));
    const full: Grant = { id, ...grant };
    await tx.append(grantRecord(full));
    await tx.putGrant(full);
    tx.emit({ type: 'grant.opened', id, effect: full.effect, environment: full.environment, expiresAt: full.expiresAt, by: full.by });
    return full;
  });
}

/** Closes an open grant early; false when there is no open grant with that id. */
export async function revokeGrant(store: Store, id: string, now: number): Promise<boolean> {
  return store.transaction(async (tx) => {
    const grant = (await tx.grants()).find((g) => g.id === id && isOpen(g, now));
    if (!grant) return false;
    await tx.append(revokeRecord(id));
    await tx.putGrant({ ...grant, revokedAt: now });
    tx.emit({ type: 'grant.revoked', id });
    return true;
  });
}

/**
 * Why a row of the grants table may not be honoured, or null when it may. The row proves nothing (anything
 * that can write the state can add one): the audit log must hold, intact, a human opening exactly this
 * grant (same environment, effect, expiry, scope and reason), and no revocation of it since.
 */
export function grantUnbacked(grant: Grant, records: readonly { seq: number; record: AuditRecord }[]): string | null {
  const opening = records.find(({ record }) => record.kind === 'grant' && sameGrant(record, grant));
  if (!opening) {
    return records.some(({ record }) => record.kind === 'grant')
      ? `grant ${grant.id} in the grants table differs from the grant the audit log recorded: its environment, effect, expiry or scope was edited`
      : `grant ${grant.id} is in the grants table, but the audit log holds no record of a human opening it: a forged grant`;
  }
  if (grant.revokedAt === undefined && records.some(({ seq, record }) => record.kind === 'revoke' && seq > opening.seq))
    return `grant ${grant.id} was revoked, as the audit log records, but the grants table shows it open again`;
  return null;
}

/** Whether a logged grant record says what `grant` says (the record airlock would have written for it). */
function sameGrant(record: AuditRecord, grant: Grant): boolean {
  const expected = grantRecord(grant);
  const detail = record.detail ?? {};
  const fields = new Set([...Object.keys(expected.detail ?? {}), ...Object.keys(detail)]);
  return record.environment === expected.environment && record.effect === expected.effect && record.reason === expected.reason && [...fields].every((k) => detail[k] === expected.detail?.[k]);
}

/** Open grants: those the log backs, and each other open row with why it is not honoured. */
export interface OpenGrants {
  grants: Grant[];
  refused: { grant: Grant; reason: string }[];
}

export async function backedGrants(view: StoreView, now: number): Promise<OpenGrants> {
  const open: OpenGrants = { grants: [], refused: [] };
  for (const grant of await view.grants()) {
    if (!isOpen(grant, now)) continue;
    const reason = grantUnbacked(grant, await view.recordsAbout(grant.id));
    if (reason) open.refused.push({ grant, reason });
    else open.grants.push(grant);
  }
  return open;
}
