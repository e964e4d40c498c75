// Opening the audit log: the SQLite store at $XDG_STATE_HOME/airlock/audit.db, with an HMAC key from
// $AIRLOCK_AUDIT_KEY_FILE or $XDG_STATE_HOME/airlock/audit.key when one exists (see location.ts).

import { auditFile, keyFrom } from './location.js';
import { SqliteAuditStore } from './sqlite.js';

export { auditFile, keyFrom };

/** `deadline`: when waits for a busy log must give up (the hook's budget); none for the CLI's default wait. */
export function openAudit(env: Record<string, string | undefined>, deadline?: number): SqliteAuditStore {
  return new SqliteAuditStore(auditFile(env), { key: keyFrom(env), ...(deadline !== undefined ? { deadline } : {}) });
}
