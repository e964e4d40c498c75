// Grants used to be kept in grants.jsonl in the state directory (JSON Lines of open and revoke events).
// They now live in the store. An existing file is imported once, by the first write to the store after
// the upgrade, and then renamed grants.jsonl.imported, so no window a user opened is lost and nothing
// reads the old file again. Only grants the audit log recorded a human opening are imported.

import type { Grant } from '../../core/grant.js';

export const LEGACY_GRANTS_FILE = 'grants.jsonl';

/**
 * Every grant the file holds, with revocations applied. A line that can't be read is skipped: that can
 * only lose a grant, which makes airlock stricter, never looser.
 */
export function legacyGrants(text: string): Grant[] {
  const grants = new Map<string, Grant>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let event: { type?: unknown; grant?: Partial<Grant>; id?: unknown; at?: unknown };
    try {
      event = JSON.parse(line) as typeof event;
    } catch {
      continue;
    }
    if (event.type === 'grant' && isGrant(event.grant)) grants.set(event.grant.id, event.grant);
    else if (event.type === 'revoke' && typeof event.id === 'string' && typeof event.at === 'number') {
      const g = grants.get(event.id);
      if (g && g.revokedAt === undefined) g.revokedAt = event.at;
    }
  }
  return [...grants.values()];
}

/** A grant as airlock writes it; anything else is not taken for one. */
export function isGrant(g: unknown): g is Grant {
  const x = g as Partial<Grant> | null;
  return (
    !!x &&
    typeof x === 'object' &&
    typeof x.id === 'string' &&
    (x.effect === 'write' || x.effect === 'destroy') &&
    typeof x.environment === 'string' &&
    typeof x.reason === 'string' &&
    typeof x.createdAt === 'number' &&
    typeof x.expiresAt === 'number' &&
    typeof x.by === 'string' &&
    (x.revokedAt === undefined || typeof x.revokedAt === 'number')
  );
}
