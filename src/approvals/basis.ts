// What an approval is bound to besides the command's text: the contents of every file the analysis read
// to reach its verdict (the package.json script behind `npm run reset`, the Makefile recipe, the shell
// script, the SQL file), every command the analysis found would run, and the targets it acts on, each
// in its canonical form (a database by its URL with the password left out, an MCP server by its name).
// A human approves `npm run reset` as its script reads now, against the database it reaches now; if the
// script, anything else read or the target changes, it is a new request.
// Loaded only for held commands, so node:crypto costs the allowed path nothing.

import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import type { BoundFile } from '../core/approval.js';
import type { Decision } from '../core/decision.js';
import type { Assessment, FileRead } from '../core/finding.js';
import type { Invocation } from '../core/invocation.js';
import { canonicalTarget, canonicalUrl } from '../core/target.js';
import { canonical } from '../store/chain.js';

export type { BoundFile };

/** What an approval is bound to. `basis` is the digest of what the command would run (basisOf): a change to it is a new request. */
export function fingerprintOf(parts: { command: string; cwd: string; session: string; targets: string[]; basis: string }): string {
  return sha256(canonical({ ...parts, targets: [...parts.targets].sort() }));
}

export interface Basis {
  files: BoundFile[];
  /** One digest over the files and every command that would run (program, arguments, directory, …). */
  digest: string;
  /** The targets it acts on, canonical and sorted: part of the approval's fingerprint. */
  targets: string[];
}

/** Files bigger than this that the analysis did not read are bound by their metadata, not hashed. */
const MAX_HASHED_BYTES = 64 * 1024 * 1024;

export function basisOf(assessment: Pick<Assessment, 'read' | 'invocations'>, decision?: Pick<Decision, 'findings' | 'evidence'>): Basis {
  const files = assessment.read.map(boundFile).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const digest = sha256(canonical({ files: files.map((f) => [f.path, f.sha256, f.unreadable ?? false]), invocations: assessment.invocations.map(resolved) }));
  return { files, digest, targets: decision ? boundTargets(decision) : [] };
}

/**
 * The targets a decision rests on, each once in its canonical form: the same target however it is
 * spelled (`postgresql://app:s3cret@DB:5432/app` and `postgres://app:***@db/app`), never its password,
 * and another host, database, user, context or MCP server another string. With what each finding says
 * it acts on (`every resource in the state`).
 */
function boundTargets(decision: Pick<Decision, 'findings' | 'evidence'>): string[] {
  const out = new Set<string>();
  for (const e of decision.evidence) out.add(e.target ? canonicalTarget(e.target) : `${e.kind}=${e.kind === 'database' || e.kind === 'url' ? canonicalUrl(e.value) : e.value}`);
  for (const f of decision.findings) if (f.target) out.add(`finding:${f.target}`);
  return [...out].sort();
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function boundFile(read: FileRead): BoundFile {
  if (read.bytes) return { path: read.path, sha256: sha256(read.bytes) };
  if (!read.unread) return { path: read.path, sha256: null };
  // The analysis skipped it (too big for it, or past its budget): read it now, whole.
  return { path: read.path, ...hashFile(read.path) };
}

function hashFile(path: string): { sha256: string | null; unreadable?: true } {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const st = fstatSync(fd);
    if (!st.isFile()) return { sha256: null };
    if (st.size > MAX_HASHED_BYTES) return { sha256: metadataDigest(st), unreadable: true };
    const hash = createHash('sha256');
    const chunk = Buffer.allocUnsafe(1 << 20);
    for (let n; (n = readSync(fd, chunk, 0, chunk.length, null)) > 0; ) hash.update(chunk.subarray(0, n));
    return { sha256: hash.digest('hex') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { sha256: null };
    try {
      return { sha256: metadataDigest(statSync(path)), unreadable: true };
    } catch {
      // Not even its metadata can be read: any later change that makes it readable is a new request.
      return { sha256: sha256(`unreadable:${(error as NodeJS.ErrnoException).code ?? 'error'}`), unreadable: true };
    }
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function metadataDigest(st: { size: number; mtimeMs: number; ctimeMs: number; ino: number; dev: number }): string {
  return sha256(`stat:${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`);
}

/** One command as it would run: what the analysis resolved, with variables from the environment expanded. */
function resolved(inv: Invocation): unknown {
  return {
    program: inv.program,
    argv: inv.argv.map((a) => a.text),
    // undefined: the request's own directory (in the fingerprint already); null: a place that can't be known.
    cwd: inv.cwd === undefined ? '.' : inv.cwd,
    env: Object.entries(inv.env).map(([k, v]) => [k, v.text]),
    redirects: inv.redirects.map((r) => [r.op, r.fd, r.target.text]),
    stdin: inv.stdin.kind === 'text' ? inv.stdin.text : inv.stdin.kind === 'file' ? `file:${inv.stdin.path.text}` : inv.stdin.kind,
    via: inv.via,
  };
}

/** A path as the human reads it: relative to the request's directory when inside it. */
function shown(path: string, cwd: string): string {
  const base = cwd.replace(/\/+$/, '');
  return base && path.startsWith(base + '/') ? path.slice(base.length + 1) : path;
}

/**
 * What an approval covers, in one sentence for the human and the agent: the files whose current
 * contents it is bound to, and that any change makes a new request. Empty when the command read none.
 */
export function coverage(files: readonly BoundFile[] | undefined, cwd: string): string {
  if (!files?.length) return '';
  const present = files.filter((f) => f.sha256 !== null).map((f) => shown(f.path, cwd));
  const absent = files.filter((f) => f.sha256 === null).map((f) => shown(f.path, cwd));
  const parts: string[] = [];
  if (present.length) parts.push(`the current contents of ${present.join(', ')}`);
  if (absent.length) parts.push(`${absent.join(', ')} not existing`);
  const changes = files.length === 1 ? 'if it changes' : 'if any of them changes';
  return `The approval covers ${parts.join(' and ')} (in ${cwd}); ${changes}, that is a new request needing a new approval.`;
}
