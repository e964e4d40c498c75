// A safety copy: what airlock keeps, outside the blast radius, before a destroy a human approved runs.
// The plan is made when the command is held (from what the command names); the copy itself when the
// human approves, in their own process, and it is recorded in the audit log with how to restore it.

import { isObject } from './shape.js';

/** Where a database is, as a copy needs it: never a password. */
export interface DatabaseAt {
  host?: string;
  port?: string;
  user?: string;
  database?: string;
}

/** Host, port, user and database from a connection URL, without its password; null for another kind of URL. */
export function databaseFromUrl(text: string): DatabaseAt | null {
  if (!/^(postgres(ql)?|mysql|mariadb):\/\//.test(text)) return null;
  try {
    const url = new URL(text);
    // Parameters change where or how it connects (`?dbname=other`, `?options=-c search_path=…`): the
    // database is then given with them, which is no plain name, so no copy is planned from it.
    const database = `${decodeURIComponent(url.pathname.replace(/^\//, ''))}${[...url.searchParams.keys()].some((k) => k !== 'sslmode') ? url.search : ''}` || undefined;
    return {
      ...(url.hostname ? { host: decodeURIComponent(url.hostname) } : {}),
      ...(url.port ? { port: url.port } : {}),
      ...(url.username ? { user: decodeURIComponent(url.username) } : {}),
      ...(database ? { database } : {}),
    };
  } catch {
    return null;
  }
}

/** A database a schema tool's push or migration acts on, as its probe found it: the target of a copy before it runs. */
export type DatabaseCopy = ({ kind: 'postgres' | 'mysql' } & DatabaseAt) | { kind: 'sqlite'; file: string };

/** What to copy before the command runs. Connection details carry no password: the approver's own credentials are used. */
export type CopyPlan =
  | ({ kind: 'postgres' } & DatabaseAt)
  | ({ kind: 'mysql' } & DatabaseAt)
  | { kind: 'sqlite'; file: string }
  | { kind: 'terraform'; dir: string; program: string; workspace?: string }
  /** `keep`: what else the command drops, as git names it (a branch's tip, `stash@{1}`), kept too. */
  | { kind: 'git'; dir: string; keep?: string[] }
  | { kind: 'files'; dir: string; paths: string[] };

/** A copy made: where it is, how big, and the command that puts it back. */
export interface MadeCopy {
  kind: CopyPlan['kind'];
  path: string;
  bytes: number;
  restore: string;
  /** What the restore does and does not bring back. */
  note?: string;
}

const KINDS = new Set(['postgres', 'mysql', 'sqlite', 'terraform', 'git', 'files']);

/** A plan read back from a stored request: only the shapes airlock writes. */
export const isCopyPlan = (v: unknown): v is CopyPlan => isObject(v) && typeof v.kind === 'string' && KINDS.has(v.kind);
