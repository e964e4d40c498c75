// What proves a human on the dashboard, kept in dashboard.json in airlock's state directory (mode 0600,
// replaced whole, never half-written): the passkeys registered from the human's own terminal, the
// one-time-code (TOTP) secret, and enrolment tokens, kept only as hashes, that let a browser register
// a passkey once. The agent can't read this file (airlock/state-files) or write it (self-protection).

import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { isObject, parseJson } from '../core/shape.js';

export interface Passkey {
  /** The credential id, base64url. */
  id: string;
  /** Its COSE public key, base64url. */
  publicKey: string;
  counter: number;
  transports?: string[];
  addedAt: number;
}

export interface DashboardSecrets {
  /** The WebAuthn user handle for this machine's one human, base64url. */
  userId: string;
  passkeys: Passkey[];
  totp?: {
    secret: string;
    addedAt: number;
    /** The last time step a code was accepted for: each is used once. */
    lastStep: number;
    /** Wrong codes in a row, and until when codes are refused because of them. */
    failures?: number;
    lockedUntil?: number;
  };
  enrolments: { tokenHash: string; expiresAt: number }[];
}

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export const newToken = () => randomBytes(32).toString('base64url');

const empty = (): DashboardSecrets => ({ userId: randomBytes(16).toString('base64url'), passkeys: [], enrolments: [] });

/** The secrets, or new empty ones when there is no file yet. A file that is there but unreadable is an error, never "no secrets". */
export function readSecrets(file: string): DashboardSecrets {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return empty();
    throw new Error(`the dashboard's secrets (${file}) cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const value = parseJson(text);
  if (!isObject(value) || typeof value.userId !== 'string' || !Array.isArray(value.passkeys) || !Array.isArray(value.enrolments))
    throw new Error(`the dashboard's secrets (${file}) are damaged; move the file away and enrol again with \`airlock dashboard passkey\` or \`airlock dashboard totp\``);
  return value as unknown as DashboardSecrets;
}

export function writeSecrets(file: string, secrets: DashboardSecrets): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  renameSync(partial, file);
}

/** A lock older than this was left by a process that died holding it. */
const STALE_LOCK_MS = 30_000;
const LOCK_WAIT_MS = 5_000;

/**
 * Reads, changes and writes the secrets in one step, holding `<file>.lock` meanwhile, so two processes
 * (a server and `airlock dashboard`) can't both accept one code or lose each other's change; returns
 * what `change` returns.
 */
export function updateSecrets<T>(file: string, change: (secrets: DashboardSecrets) => T): T {
  const lock = `${file}.lock`;
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  for (const started = Date.now(); ; ) {
    try {
      closeSync(openSync(lock, 'wx', 0o600));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (statOrNull(lock)?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) rmSync(lock, { force: true });
      else if (Date.now() - started > LOCK_WAIT_MS) throw new Error(`the dashboard's secrets are locked by another process (${lock}); try again`);
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
  try {
    const secrets = readSecrets(file);
    const result = change(secrets);
    writeSecrets(file, secrets);
    return result;
  } finally {
    rmSync(lock, { force: true });
  }
}

function statOrNull(path: string): { mtimeMs: number } | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
