// Where the audit log lives, its key, and the hook's quick way to record a request. Kept apart from the
// SQLite store so the hook's allowed path never loads it.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateDirectory } from '../policy/grants.js';
import { appendToSpool, auditPaths } from './spool.js';
import type { AuditRecord } from './store.js';

export function auditFile(env: Record<string, string | undefined>): string {
  return join(stateDirectory(env), 'audit.db');
}

export function keyFrom(env: Record<string, string | undefined>): Buffer | null {
  const explicit = env.AIRLOCK_AUDIT_KEY_FILE;
  try {
    const key = readFileSync(explicit || join(stateDirectory(env), 'audit.key'));
    return key.length ? key : null;
  } catch (error) {
    // A key file that was named but can't be read must not silently turn HMACs off.
    if (explicit) throw new Error(`the audit key file ${explicit} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    return null;
  }
}

/**
 * Records a request the hook did not hold, through the spool (a few ms, no SQLite). Returns a warning
 * for the agent's stderr when the log can't be written; the caller's verdict stands either way, since
 * a failure to record can't make a harmless command dangerous, and held ones stay held.
 */
export function recordRequest(env: Record<string, string | undefined>, record: AuditRecord): string {
  try {
    appendToSpool(auditPaths(auditFile(env)), record, keyFrom(env));
    return '';
  } catch (error) {
    return `airlock: this request could not be written to the audit log: ${(error as Error).message}\n`;
  }
}
