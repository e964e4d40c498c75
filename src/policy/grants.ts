// Grants: time-boxed windows a human opens (`airlock grant write --env production --for 30m`).
// Stored as an append-only JSON Lines file of events under the state directory. A line that can't be
// read is skipped: that can only lose a grant, which makes airlock stricter, never looser.

import type { Grant } from '../core/grant.js';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Environment } from '../core/environment.js';

type Event = { type: 'grant'; grant: Grant } | { type: 'revoke'; id: string; at: number };

export class GrantStore {
  readonly file: string;

  constructor(stateDir: string) {
    this.file = join(stateDir, 'grants.jsonl');
  }

  /** Every grant ever opened, with revocations applied. */
  all(): Grant[] {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return [];
    }
    const grants = new Map<string, Grant>();
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      let event: Event;
      try {
        event = JSON.parse(line) as Event;
      } catch {
        continue;
      }
      if (event.type === 'grant' && event.grant && typeof event.grant.id === 'string' && typeof event.grant.expiresAt === 'number') grants.set(event.grant.id, event.grant);
      else if (event.type === 'revoke') {
        const g = grants.get(event.id);
        if (g && g.revokedAt === undefined) g.revokedAt = event.at;
      }
    }
    return [...grants.values()];
  }

  active(now: number): Grant[] {
    return this.all().filter((g) => g.revokedAt === undefined && g.expiresAt > now);
  }

  /**
   * Opens a grant. `record` runs first (it writes the audit entry); if it throws, nothing is saved.
   * Async only because node:crypto is loaded here, not on the hook's hot path.
   */
  async open(grant: Omit<Grant, 'id'>, record: (grant: Grant) => void = () => undefined): Promise<Grant> {
    const { randomBytes } = await import('node:crypto');
    const full: Grant = { id: `g-${randomBytes(4).toString('hex').slice(0, 6)}`, ...grant };
    record(full);
    this.append({ type: 'grant', grant: full });
    return full;
  }

  revoke(id: string, now: number): boolean {
    const g = this.all().find((x) => x.id === id && x.revokedAt === undefined);
    if (!g) return false;
    this.append({ type: 'revoke', id, at: now });
    return true;
  }

  private append(event: Event): void {
    mkdirSync(join(this.file, '..'), { recursive: true, mode: 0o700 });
    const fd = openSync(this.file, 'a', 0o600);
    try {
      writeSync(fd, JSON.stringify(event) + '\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}
