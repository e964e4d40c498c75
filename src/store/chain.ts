// The hash chain every backend writes and checks the same way: the canonical body of an entry (secrets
// masked), its hash over the previous entry's, its HMAC under the key, and the rules `airlock verify`
// applies to the stored rows (no I/O): the chain and numbering, the HMACs under the key each entry was
// sealed with, the gaps writers found and recorded, the head anchor, and that every used approval was
// first given by a human.

import { maskSecrets } from '../core/mask.js';
import { hmacSha256Hex, sha256Hex } from './sha256.js';
import { isApprovalStatus } from '../core/approval.js';
import { isCount, isTime, parseJson } from '../core/shape.js';
import { readRecord, type AuditEntry, type AuditRecord, type VerifyProblem, type VerifyReport } from './audit.js';
import type { Grant } from '../core/grant.js';
import { grantUnbacked } from './grants.js';

/** The newest entry's place in the chain, as an anchor records it: `key` is the fingerprint of the HMAC key it was sealed with. */
export interface Anchor {
  seq: number;
  hash: string;
  key?: string;
}

/** A JSON encoding with sorted keys and no undefined values: the same record always hashes the same. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`)
    .join(',')}}`;
}

/**
 * The stored body of an entry: everything but its hashes, with secrets masked. This is the audit's
 * one boundary: every writer (the hook's spool, SQLite, approvals) seals entries through it, so the
 * command, the reason and any text in the details (an MCP call's arguments, a human's reason for a
 * denial) are masked before a byte reaches the disk.
 */
function bodyOf(record: AuditRecord, seq: number, ts: number): string {
  return canonical({
    ...record,
    seq,
    ts,
    command: record.command === undefined ? undefined : maskSecrets(record.command),
    reason: record.reason === undefined ? undefined : maskSecrets(record.reason),
    detail: record.detail === undefined ? undefined : maskStrings(record.detail),
  });
}

/** Every string in the details masked as text: their keys are airlock's own (ids, fingerprints), read back by verify. */
function maskStrings<T>(value: T): T {
  if (typeof value === 'string') return maskSecrets(value) as T;
  if (Array.isArray(value)) return value.map(maskStrings) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskStrings(v)])) as T;
  return value;
}

// One implementation for every writer: the hook's hot path can't afford to load node:crypto (see sha256.ts).
export function chainHash(prevHash: string, body: string): string {
  return sha256Hex(prevHash, '\n', body);
}

export function hmacOf(key: Buffer | null, hash: string): string | undefined {
  return key ? hmacSha256Hex(key, hash) : undefined;
}

/** One entry as written: its body and its place in the chain. The spool stores exactly this. */
export interface SealedEntry {
  seq: number;
  ts: number;
  body: string;
  prevHash: string;
  hash: string;
  hmac?: string;
}

/** `record` as the entry after `previous` (seq 0 and hash '' when the log is empty). */
export function seal(record: AuditRecord, previous: { seq: number; hash: string }, ts: number, key: Buffer | null): SealedEntry {
  const seq = previous.seq + 1;
  const body = bodyOf(record, seq, ts);
  const hash = chainHash(previous.hash, body);
  const hmac = hmacOf(key, hash);
  return { seq, ts, body, prevHash: previous.hash, hash, ...(hmac ? { hmac } : {}) };
}

/** A stored body as the record it holds (with its seq and time), or what is wrong with it. */
export function readBody(body: string): { record: Body } | { problem: string } {
  const value = parseJson(body);
  return value === undefined ? { problem: 'it is not JSON' } : readRecord(value);
}

/** A stored body as the record it holds (with its seq), or null when it holds none (damage `verify` reports). */
export function recordOf(body: string): Body | null {
  const read = readBody(body);
  return 'record' in read ? read.record : null;
}

/** An entry just sealed (its body is airlock's own, not read back) as readers see it: the record's fields beside its hashes. */
export function entryOf(sealed: SealedEntry): AuditEntry {
  return { ...(JSON.parse(sealed.body) as AuditRecord & { seq: number; ts: number }), prevHash: sealed.prevHash, hash: sealed.hash, ...(sealed.hmac ? { hmac: sealed.hmac } : {}) };
}

/** A short fingerprint of the HMAC key: names the key in the chain without revealing it. */
export function keyFingerprint(key: Buffer): string {
  return hmacSha256Hex(key, 'airlock audit key fingerprint').slice(0, 16);
}

/**
 * The entry that records a change of HMAC key since the newest entry, or null when there is none.
 * `before` is the fingerprint the newest entry was sealed with; `fresh` says there is no entry yet, so
 * the first key has no "previous" to name.
 */
export function keyChange(before: string | undefined, fresh: boolean, key: Buffer | null): AuditRecord | null {
  const now = key ? keyFingerprint(key) : undefined;
  if (now === before) return null;
  // An empty log that starts without a key has nothing to record.
  if (!before && !now) return null;
  if (!before && fresh) return { kind: 'key', detail: { fingerprint: now } };
  return { kind: 'key', detail: { fingerprint: now ?? null, previous: before ?? null } };
}

function canonicalOf(json: string): string {
  try {
    return canonical(JSON.parse(json));
  } catch {
    return json;
  }
}

export interface Row {
  seq: number;
  ts: number;
  body: string;
  prev_hash: string;
  hash: string;
  hmac: string | null;
  /** Which columns held a value of another type than airlock writes (SQLite keeps whatever it is given); those read as empty. */
  damage?: string;
}

export interface VerifyContext {
  key: Buffer | null;
  head: Anchor | null;
  /** The approvals table's rows, to find approvals the log never saw a human give. */
  approvals: { id: string; status: string; fingerprint?: string; request?: string; expiresAt?: number }[];
  /** The grants table's rows (null for one that is no grant airlock writes), to find grants the log never saw a human open. */
  grants?: { id: string; grant: Grant | null }[];
}

type Body = AuditRecord & { seq?: number; ts?: number };

/** A time as ISO text, or what it is when it can't be one (a hand-edited entry's). */
const isoTime = (ms: unknown) => (isTime(ms) ? new Date(ms).toISOString() : `an unreadable time (${JSON.stringify(ms)})`);

/**
 * The principals an approval may come from: a person at their own terminal (cli/approve.ts), or on the
 * dashboard with a passkey or a one-time code (server/). Both are proven before the service is asked.
 */
const HUMAN_PRINCIPALS: readonly unknown[] = ['terminal', 'dashboard'];

/** Whether an approval entry's `via` names a way only a human can approve. */
export const isHumanPrincipal = (via: unknown) => HUMAN_PRINCIPALS.includes(via);

export function verifyRows(rows: Row[], ctx: VerifyContext): VerifyReport {
  const problems: VerifyProblem[] = [];
  const fingerprint = ctx.key ? keyFingerprint(ctx.key) : null;
  // The key the current stretch of the log was sealed with: undefined before any key entry (a log
  // from before keys were recorded, checked with whatever key is present), null after a removal.
  let sealedWith: string | null | undefined;
  let keyProblemAt: number | null = null;
  // Each body read once: the key check needs to know up front whether any entry records a key.
  const read = rows.map((r) => readBody(r.body));
  const bodies = read.map((r) => ('record' in r ? r.record : null));
  const everKeyed = bodies.some((b) => b?.kind === 'key');
  const approvedIds = new Set<string>();
  const lifecycles = new Map<string, Lifecycle>();
  let prevHash = '';
  let expected = 1;
  for (const [i, row] of rows.entries()) {
    const body = bodies[i]!;
    const gap = body?.kind === 'gap' ? body.detail : undefined;
    // A gap entry is chained after the anchor, past entries that are gone: it explains the jump itself.
    const gapFrom = isCount(gap?.from) && isCount(gap?.to) && row.seq === gap.to + 1 ? gap.from : null;
    const explained = gapFrom !== null;
    if (row.seq !== expected && !explained) {
      problems.push({
        seq: expected,
        problem:
          row.seq > expected ? `entry ${expected}${row.seq - 1 > expected ? `–${row.seq - 1}` : ''} missing: entry ${row.seq} follows entry ${expected - 1}` : `entry ${row.seq} is out of order`,
      });
    }
    if (row.prev_hash !== prevHash && !explained) problems.push({ seq: row.seq, problem: `entry ${row.seq} does not link to the entry before it (its previous-hash is not that entry's hash)` });
    const unread = read[i]!;
    if (row.damage) problems.push({ seq: row.seq, problem: `entry ${row.seq}'s row was edited: ${row.damage}` });
    else if (chainHash(row.prev_hash, row.body) !== row.hash) problems.push({ seq: row.seq, problem: `entry ${row.seq} was changed: its contents no longer match its hash` });
    else if ('problem' in unread) problems.push({ seq: row.seq, problem: `entry ${row.seq} holds no record airlock writes (${unread.problem}): it was rewritten and sealed again` });
    else if (body?.seq !== row.seq) problems.push({ seq: row.seq, problem: `entry ${row.seq} was renumbered: its contents say ${body?.seq}` });
    if (body?.kind === 'key') {
      const detail = body.detail ?? {};
      // A fingerprint that is not text names no key: read as none, which is reported below.
      const fingerprintOf = (v: unknown) => (typeof v === 'string' ? v : null);
      // A key entry names the key it follows; one naming another key than the chain was sealed with was fed a false head.
      if (sealedWith !== undefined && 'previous' in detail && fingerprintOf(detail.previous) !== sealedWith)
        problems.push({
          seq: row.seq,
          problem: `entry ${row.seq} says the HMAC key before it was ${fingerprintOf(detail.previous) ?? 'none'}, but the entries before it were sealed with ${sealedWith ?? 'none'}: the head anchor was edited`,
        });
      sealedWith = fingerprintOf(detail.fingerprint);
      if (sealedWith === null) problems.push({ seq: row.seq, problem: `entry ${row.seq} records that the HMAC key went missing: entries from here on are not signed` });
    }
    const hmacNeeded = sealedWith === undefined ? fingerprint !== null && (row.hmac !== null || !everKeyed) : sealedWith !== null && sealedWith === fingerprint;
    if (sealedWith && sealedWith !== fingerprint && keyProblemAt === null) {
      keyProblemAt = row.seq;
      problems.push({
        seq: row.seq,
        problem: fingerprint
          ? `entries from ${row.seq} on were signed with an HMAC key (fingerprint ${sealedWith}) that is not the key present now (${fingerprint}): the key was replaced`
          : `entries from ${row.seq} on were signed with an HMAC key (fingerprint ${sealedWith}) that is missing now, so their HMACs can't be checked`,
      });
    }
    if (hmacNeeded && row.hmac !== hmacOf(ctx.key, row.hash)) problems.push({ seq: row.seq, problem: `entry ${row.seq} has no valid HMAC for this key` });
    const explain = body ? entryProblem(row.seq, body, approvedIds, lifecycles) : null;
    if (explain) problems.push({ seq: gapFrom ?? row.seq, problem: explain });
    prevHash = row.hash;
    expected = row.seq + 1;
  }
  const head = ctx.head;
  const last = rows[rows.length - 1];
  if (head && (!last || head.seq > last.seq))
    problems.push({ seq: (last?.seq ?? 0) + 1, problem: `entries ${(last?.seq ?? 0) + 1}–${head.seq} missing: the log ends at ${last?.seq ?? 0} but was written up to ${head.seq}` });
  else if (head && last && head.seq === last.seq && head.hash !== last.hash) problems.push({ seq: last.seq, problem: `entry ${last.seq} differs from the one recorded when it was written` });
  if (head?.key && head.key !== fingerprint && keyProblemAt === null)
    problems.push({
      seq: null,
      problem: fingerprint
        ? `the newest entry was signed with an HMAC key (fingerprint ${head.key}) that is not the key present now: the key was replaced`
        : `the newest entry was signed with an HMAC key (fingerprint ${head.key}) that is missing now`,
    });
  for (const a of ctx.approvals) {
    const life = lifecycles.get(a.id);
    if (!isApprovalStatus(a.status))
      problems.push({ seq: null, problem: `request ${a.id} has the status ${JSON.stringify(a.status)} in the approvals table, which airlock never writes: the table was edited` });
    if ((a.status === 'approved' || a.status === 'consumed') && !approvedIds.has(a.id))
      problems.push({ seq: null, problem: `request ${a.id} is marked ${a.status} in the approvals table, but the log holds no approval of it by a human: a forged approval` });
    else if (a.status === 'approved' && life && life.last !== 'approved')
      problems.push({ seq: null, problem: `request ${a.id} is marked approved in the approvals table, but the log says it was ${life.last} since: an approval set back to be used again` });
    if (life?.request !== undefined && a.request !== undefined && life.request !== canonicalOf(a.request))
      problems.push({ seq: null, problem: `request ${a.id} in the approvals table shows a different command, place or environment than the request the log recorded: the table was edited` });
    if (life?.expiresAt !== undefined && a.expiresAt !== undefined && life.expiresAt !== a.expiresAt)
      problems.push({ seq: null, problem: `request ${a.id} in the approvals table expires at another time than the log recorded: the table was edited` });
    if (life?.fingerprint && a.fingerprint && life.fingerprint !== a.fingerprint)
      problems.push({ seq: null, problem: `request ${a.id} in the approvals table names a different command than the one it was requested for: an approval moved to another command` });
  }
  // Grants: each row must be one a human opened, as the log recorded it (see grantUnbacked).
  const aboutGrants = new Map<string, { seq: number; record: AuditRecord }[]>();
  for (const [i, row] of rows.entries()) {
    const body = bodies[i];
    const id = body?.detail?.id;
    if ((body?.kind === 'grant' || body?.kind === 'revoke') && typeof id === 'string') aboutGrants.set(id, [...(aboutGrants.get(id) ?? []), { seq: row.seq, record: body }]);
  }
  for (const { id, grant } of ctx.grants ?? []) {
    if (!grant) problems.push({ seq: null, problem: `the grants table's row ${id} is no grant airlock writes: the table was edited` });
    else {
      const why = grantUnbacked(grant, aboutGrants.get(grant.id) ?? []);
      if (why) problems.push({ seq: null, problem: why });
    }
  }
  return { ok: problems.length === 0, checked: true, entries: rows.length, problems: problems.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0)) };
}

/** What the log says happened to one approval request. */
interface Lifecycle {
  fingerprint?: string;
  /** The request as the log recorded it (canonical JSON), to compare with the table's copy. */
  request?: string;
  expiresAt?: number;
  last: string;
  /** Approvals given and not yet used: each allows one use. */
  unused: number;
}

/** What one entry says went wrong, or what it breaks: repaired spool lines, gaps, approvals out of order. */
function entryProblem(seq: number, body: Body, approvedIds: Set<string>, lifecycles: Map<string, Lifecycle>): string | null {
  const detail = body.detail;
  if (body.kind === 'gap') return `${body.reason ?? 'entries are missing'}; entry ${seq} records this loss, found at ${isoTime(detail?.foundAt)}`;
  if (detail?.spoolLine !== undefined) return `entry ${seq} holds a spool line that could not be read (a torn write or an edit); its text is kept in the entry`;
  if (typeof detail?.spooledAs === 'number') return `entry ${seq} was spooled as entry ${detail.spooledAs} while the head anchor was missing or rolled back; it was renumbered, not lost`;
  if (body.kind !== 'approval' || typeof detail?.id !== 'string') return null;
  const id = detail.id;
  const life = lifecycles.get(id) ?? { last: 'unknown', unused: 0 };
  lifecycles.set(id, life);
  const transition = String(detail.transition);
  const previous = life.last;
  life.last = transition;
  if (transition === 'requested' && typeof detail.fingerprint === 'string') life.fingerprint = detail.fingerprint;
  if (transition === 'requested' && detail.request !== undefined) life.request = canonical(detail.request);
  if (transition === 'requested' && typeof detail.expiresAt === 'number') life.expiresAt = detail.expiresAt;
  if (transition === 'approved') life.unused++;
  if (transition === 'consumed') {
    if (life.unused === 0 && approvedIds.has(id)) return `entry ${seq} uses request ${id} again after its approval was ${previous === 'consumed' ? 'used' : previous}: an approval is used once`;
    life.unused = Math.max(0, life.unused - 1);
  }
  if (detail.transition === 'approved') {
    if (!isHumanPrincipal(detail.via) || typeof detail.by !== 'string' || !detail.by)
      return `entry ${seq} approves request ${id}, but not as a human at a terminal or on the dashboard (by ${String(detail.by ?? 'nobody')}, via ${String(detail.via ?? 'unknown')})`;
    approvedIds.add(id);
  }
  if (detail.transition === 'rejected')
    return `entry ${seq}: request ${id} was marked approved without a human's approval, and airlock refused to use it (${String(detail.reason ?? 'a forged approval')})`;
  if (detail.transition === 'consumed' && !approvedIds.has(id)) return `entry ${seq} uses request ${id}, which no human approved before it: a forged approval`;
  return null;
}
