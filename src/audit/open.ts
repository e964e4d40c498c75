// Where the audit log lives and how it is opened: $XDG_STATE_HOME/airlock/audit.db, with an HMAC key
// from $AIRLOCK_AUDIT_KEY_FILE or $XDG_STATE_HOME/airlock/audit.key when one exists.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateDirectory } from '../policy/grants.js';
import { SqliteAuditStore } from './sqlite.js';

export function auditFile(env: Record<string, string | undefined>): string {
  return join(stateDirectory(env), 'audit.db');
}

function keyFrom(env: Record<string, string | undefined>): Buffer | null {
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

export function openAudit(env: Record<string, string | undefined>): SqliteAuditStore {
  return new SqliteAuditStore(auditFile(env), { key: keyFrom(env) });
}
