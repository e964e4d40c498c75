// What to tell the person when the audit log can't be written: the cause in their terms (a full disk, a
// read-only directory, a damaged database, a busy log), not SQLite's error code.

import { accessSync, constants, statfsSync } from 'node:fs';
import { AuditLockTimeout } from './spool.js';

const code = (error: unknown) => String((error as { code?: string }).code ?? '');

/** A lock another process holds, or SQLite's own BUSY/LOCKED: the log is busy, not damaged. */
export function isBusy(error: unknown): boolean {
  const c = code(error);
  return error instanceof AuditLockTimeout || c.startsWith('SQLITE_BUSY') || c.startsWith('SQLITE_LOCKED');
}

/** The state directory can't take a write right now (full, read-only, over quota): nothing says the log is damaged. */
export function unwritable(error: unknown): boolean {
  const c = code(error);
  return ['ENOSPC', 'EROFS', 'EDQUOT', 'SQLITE_FULL', 'SQLITE_READONLY'].some((x) => c.startsWith(x));
}

/** The operating system refused the write (EACCES, EPERM). */
export function permissionDenied(error: unknown): boolean {
  const c = code(error);
  return c.startsWith('EACCES') || c.startsWith('EPERM');
}

function diskFull(dir: string): boolean {
  try {
    return statfsSync(dir).bavail === 0;
  } catch {
    return false;
  }
}

function readOnly(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return false;
  } catch (error) {
    // Root passes every permission check, but not a read-only mount.
    return code(error) === 'EROFS';
  }
}

export function explainAuditFailure(error: unknown, stateDir: string): string {
  const message = (error as Error)?.message ?? String(error);
  const c = code(error);
  if (isBusy(error)) return message.includes('audit log is locked') ? message : `the audit database is locked by another program (${message})`;
  if (c === 'ENOSPC' || c.startsWith('SQLITE_FULL') || diskFull(stateDir)) return `the disk holding ${stateDir} is full (${message})`;
  if (c === 'EROFS' || c.startsWith('SQLITE_READONLY') || readOnly(stateDir)) return `${stateDir} is on a read-only filesystem (${message})`;
  if (c.startsWith('SQLITE_NOTADB') || c.startsWith('SQLITE_CORRUPT')) return `the audit database in ${stateDir} is damaged (${message}); \`airlock verify\` shows what is wrong`;
  return message;
}

/**
 * Whether the failure says nothing about the log's integrity: it is busy, or its directory can't be
 * written right now. `verify` then says it could not check, rather than that the log is damaged.
 */
export function auditUnavailable(error: unknown, stateDir: string): boolean {
  return isBusy(error) || unwritable(error) || diskFull(stateDir) || readOnly(stateDir);
}
