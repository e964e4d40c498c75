// Grants: time-boxed windows a human opens (`airlock grant write --env production --for 30m`). Opening
// and revoking one is recorded in the audit log in the same transaction that changes it, and announced
// as an event: a grant the log can't record is not granted.

import type { Grant } from '../core/grant.js';
import { grantRecord, revokeRecord } from './audit.js';
import type { Store } from './store.js';

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
