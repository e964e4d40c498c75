// Where the audit log lives, its key, and the hook's quick way to record a request. Kept apart from the
// SQLite store so the hook's allowed path never loads it.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateDirectory } from '../runtime/locations.js';
import { appendToSpool, auditPaths } from './sqlite/spool.js';
import { explainAuditFailure } from './sqlite/failure.js';
import { SqliteAuditStore } from './sqlite/database.js';
import type { AuditRecord } from './audit.js';

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
 * airlock exec's. `deadline` is when a wait for a busy log gives up. Returns '' when it is written, else a message saying it could not be; the hook
 * blocks a request it could not record, so nothing runs unrecorded.
 */
export function appendRecord(env: Record<string, string | undefined>, record: AuditRecord, deadline?: number): string {
  try {
    const file = auditFile(env);
    const key = keyFrom(env);
    appendToSpool(auditPaths(file), record, key, {
      ...(deadline !== undefined ? { deadline } : {}),
      // Rare: a SQLite writer died around its commit. Only the database can say which side it died on.
      settle: () => {
        const store = new SqliteAuditStore(file, { key, ...(deadline !== undefined ? { deadline } : {}) });
        try {
          store.settleHead();
        } finally {
          store.close();
        }
      },
    });
    return '';
  } catch (error) {
    return `airlock: this ${record.kind === 'outcome' ? 'outcome' : 'request'} could not be written to the audit log: ${explainAuditFailure(error, stateDirectory(env))}\n`;
  }
}

/** `deadline`: when waits for a busy log must give up (the hook's budget); none for the CLI's default wait. */
export function openAudit(env: Record<string, string | undefined>, deadline?: number): SqliteAuditStore {
  return new SqliteAuditStore(auditFile(env), { key: keyFrom(env), ...(deadline !== undefined ? { deadline } : {}) });
}
