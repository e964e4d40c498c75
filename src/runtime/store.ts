// Where airlock's store lives on this machine and how it is opened: the SQLite store at
// $XDG_STATE_HOME/airlock/audit.db (or under $AIRLOCK_STATE_DIR), with an HMAC key from
// $AIRLOCK_AUDIT_KEY_FILE or audit.key in the state directory when one exists. The one place that picks
// the backend; store/ itself knows nothing of the environment.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateDirectory } from './locations.js';
import type { AuditRecord } from '../store/audit.js';
import { backedGrants, type OpenGrants } from '../store/grants.js';
import { explainAuditFailure } from '../store/sqlite/failure.js';
import { SqliteStore } from '../store/sqlite/index.js';
import { LEGACY_GRANTS_FILE } from '../store/sqlite/legacy-grants.js';
import type { Store } from '../store/store.js';

type Env = Record<string, string | undefined>;

export function auditFile(env: Env): string {
  return join(stateDirectory(env), 'audit.db');
}

function keyFrom(env: Env): Buffer | null {
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
 * The store. Opening it reads only the key: the database is opened by the first operation that needs it.
 * `deadline`: when waits for a busy log must give up (the hook's budget); none for the CLI's default wait.
 */
export function openStore(env: Env, options: { deadline?: number } = {}): Store {
  return new SqliteStore(auditFile(env), { key: keyFrom(env), ...(options.deadline !== undefined ? { deadline: options.deadline } : {}) });
}

/** Why the store could not be written, in the person's terms (a full disk, a read-only directory, a busy or damaged log). */
export function explainStoreFailure(error: unknown, env: Env): string {
  return explainAuditFailure(error, stateDirectory(env));
}

/**
 * Appends a record outside a transaction (the hook's requests and outcomes, and airlock exec's): through
 * the spool, a few ms, no SQLite. `deadline` is when a wait for a busy log gives up. Resolves to '' when
 * it is written, else to a message saying it could not be; the hook blocks a request it could not
 * record, so nothing runs unrecorded.
 */
export async function appendRecord(env: Env, record: AuditRecord, deadline?: number): Promise<string> {
  try {
    await openStore(env, deadline !== undefined ? { deadline } : {}).append(record);
    return '';
  } catch (error) {
    return `airlock: this ${record.kind === 'outcome' ? 'outcome' : 'request'} could not be written to the audit log: ${explainStoreFailure(error, env)}\n`;
  }
}

/** How long looking up grants may wait for a busy store before it does without them. */
const GRANT_LOOKUP_MS = 5_000;

/**
 * The grants open at `now`, and the open rows the audit log does not back (see grantUnbacked). A store
 * that doesn't exist has none; one that can't be read in time is taken to have none too: that can only
 * make airlock stricter, never looser (and whatever needed the grant is held, and the held path reports
 * the broken store).
 */
export async function activeGrants(env: Env, now: number): Promise<OpenGrants> {
  const none: OpenGrants = { grants: [], refused: [] };
  const file = auditFile(env);
  if (!existsSync(file) && !existsSync(join(stateDirectory(env), LEGACY_GRANTS_FILE))) return none;
  let store: Store | undefined;
  try {
    store = openStore(env, { deadline: Date.now() + GRANT_LOOKUP_MS });
    return await backedGrants(store, now);
  } catch {
    return none;
  } finally {
    await store?.close();
  }
}
