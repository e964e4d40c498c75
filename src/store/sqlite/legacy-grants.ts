// Grants used to be kept in grants.jsonl in the state directory (JSON Lines of open and revoke events).
// They now live in the store. An existing file is imported once, by the first write to the store after
// the upgrade, and then renamed grants.jsonl.imported, so no window a user opened is lost and nothing
// reads the old file again. Only grants the audit log recorded a human opening are imported.

import { isEnvironment } from '../../core/environment.js';
import type { Grant } from '../../core/grant.js';
import { isObject, isOptionalString, parseJson } from '../../core/shape.js';

export const LEGACY_GRANTS_FILE = 'grants.jsonl';

/**
 * Every grant the file holds, with revocations applied. A line that can't be read is skipped: that can
 * only lose a grant, which makes airlock stricter, never looser.
 */
export function legacyGrants(text: string): Grant[] {
  const grants = new Map<string, Grant>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const event = parseJson(line);
    if (!isObject(event)) continue;
    if (event.type === 'grant' && isGrant(event.grant)) grants.set(event.grant.id, event.grant);
    else if (event.type === 'revoke' && typeof event.id === 'string' && typeof event.at === 'number') {
      const g = grants.get(event.id);
      if (g && g.revokedAt === undefined) g.revokedAt = event.at;
    }
  }
  return [...grants.values()];
}

/** A grant as airlock writes it; anything else is not taken for one. */
export function isGrant(x: unknown): x is Grant {
  return (
    isObject(x) &&
    typeof x.id === 'string' &&
    (x.effect === 'write' || x.effect === 'destroy') &&
    isEnvironment(x.environment) &&
    typeof x.reason === 'string' &&
    typeof x.createdAt === 'number' &&
    typeof x.expiresAt === 'number' &&
    typeof x.by === 'string' &&
    (x.revokedAt === undefined || typeof x.revokedAt === 'number') &&
    // What narrows it is matched as text: a narrowing of another type would match nothing, or throw.
    isOptionalString(x.target) &&
    isOptionalString(x.tool) &&
    isOptionalString(x.pattern)
  );
}
