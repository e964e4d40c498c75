// Opening the audit log: the SQLite store at $XDG_STATE_HOME/airlock/audit.db, with an HMAC key from
// $AIRLOCK_AUDIT_KEY_FILE or $XDG_STATE_HOME/airlock/audit.key when one exists (see location.ts).

import { auditFile, keyFrom } from './location.js';
import { SqliteAuditStore } from './sqlite.js';

export { auditFile, keyFrom };

export function openAudit(env: Record<string, string | undefined>): SqliteAuditStore {
  return new SqliteAuditStore(auditFile(env), { key: keyFrom(env) });
}
