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
 * Appends a record through the spool (a few ms, no SQLite): the hook's requests and outcomes, and
 * airlock exec's. Returns '' when it is written, else a message saying it could not be; the hook
 * blocks a request it could not record, so nothing runs unrecorded.
 */
export function appendRecord(env: Record<string, string | undefined>, record: AuditRecord): string {
  try {
    appendToSpool(auditPaths(auditFile(env)), record, keyFrom(env));
    return '';
  } catch (error) {
    return `airlock: this ${record.kind === 'outcome' ? 'outcome' : 'request'} could not be written to the audit log: ${(error as Error).message}\n`;
  }
}
