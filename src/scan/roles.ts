// Whether the database role an agent would use can write, or is a superuser: asked of PostgreSQL itself
// with psql, read-only (a SELECT in a read-only transaction), with a short connection time limit. Only
// for PostgreSQL URLs an agent started here would use, and only when the policy lets probes connect
// (preflight.databases). The SQL and the findings are pure; running psql is the caller's (cli/scan.ts).

import { maskSecrets } from '../core/mask.js';
import type { ScanFinding } from './findings.js';

/** One row: is the role a superuser, can it create roles or databases, and can it change any table. */
export const ROLE_QUESTION = `SELECT r.rolsuper, r.rolcreaterole OR r.rolcreatedb,
  coalesce(bool_or(has_table_privilege(c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE')), false)
  FROM pg_roles r LEFT JOIN pg_class c ON c.relkind IN ('r', 'p')
  AND c.relnamespace NOT IN (SELECT oid FROM pg_namespace WHERE nspname IN ('pg_catalog', 'information_schema'))
  WHERE r.rolname = current_user GROUP BY r.rolsuper, r.rolcreaterole, r.rolcreatedb`;

/** What psql answered (`t|f|t`), as findings about the role at `url`, found in `where`. */
export function roleFindings(url: string, where: string, answer: string): ScanFinding[] {
  const [superuser, admin, writes] = answer
    .trim()
    .split('|')
    .map((v) => v === 't');
  const shown = maskSecrets(url);
  if (superuser)
    return [
      {
        id: 'database/agent-role-superuser',
        severity: 'error',
        message: `the role in ${shown} is a superuser: an agent using it can drop anything, and read any file the server can`,
        where,
        fix: 'give agents a read-only role (docs/permissions.md has the SQL)',
      },
    ];
  const out: ScanFinding[] = [];
  if (admin) out.push({ id: 'database/agent-role-admin', severity: 'warning', message: `the role in ${shown} can create roles or databases`, where, fix: 'ALTER ROLE … NOCREATEROLE NOCREATEDB' });
  if (writes)
    out.push({
      id: 'database/agent-role-writes',
      severity: 'warning',
      message: `the role in ${shown} can change tables (INSERT, UPDATE, DELETE or TRUNCATE)`,
      where,
      fix: 'give agents a read-only role, or a replica (docs/permissions.md)',
    });
  return out;
}

/** A database that could not be asked: said, not taken as safe. */
export const roleUnknown = (url: string, where: string, why: string): ScanFinding => ({
  id: 'database/agent-role-unknown',
  severity: 'note',
  message: `could not ask ${maskSecrets(url)} what its role may do: ${why}`,
  where,
  fix: 'check the role by hand (\\du in psql), or set preflight.databases: false to stop scan connecting',
});
