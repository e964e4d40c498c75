// What `airlock verify` checks, over the stored rows alone (no I/O): the hash chain and numbering, the
// HMACs under the key each entry was sealed with, the gaps writers found and recorded, the head anchor,
// and that every used approval was first given by a human. Kept apart from the SQLite store so the
// rules read as a list.

import type { Head } from './sqlite/spool.js';
import { keyFingerprint } from './sqlite/spool.js';
import { canonical, chainHash, hmacOf, recordOf, type AuditRecord, type VerifyProblem, type VerifyReport } from './audit.js';

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
}

export interface VerifyContext {
  key: Buffer | null;
  head: Head | null;
  /** The approvals table's rows, to find approvals the log never saw a human give. */
  approvals: { id: string; status: string; fingerprint?: string; request?: string }[];
}

type Body = AuditRecord & { seq?: number };

/** The principal an approval must come from: a person at their own terminal (see cli/approve.ts). */
export const HUMAN_PRINCIPAL = 'terminal';

export function verifyRows(rows: Row[], ctx: VerifyContext): VerifyReport {
  const problems: VerifyProblem[] = [];
  const fingerprint = ctx.key ? keyFingerprint(ctx.key) : null;
  // The key the current stretch of the log was sealed with: undefined before any key entry (a log
  // from before keys were recorded, checked with whatever key is present), null after a removal.
  let sealedWith: string | null | undefined;
  let keyProblemAt: number | null = null;
  // Each body parsed once: the key check needs to know up front whether any entry records a key.
  const bodies = rows.map((r) => recordOf(r.body));
  const everKeyed = bodies.some((b) => b?.kind === 'key');
  const approvedIds = new Set<string>();
  const lifecycles = new Map<string, Lifecycle>();
  let prevHash = '';
  let expected = 1;
  for (const [i, row] of rows.entries()) {
    const body = bodies[i]!;
    const gap = body?.kind === 'gap' ? (body.detail as { gap?: string; from?: number; to?: number } | undefined) : undefined;
    // A gap entry is chained after the anchor, past entries that are gone: it explains the jump itself.
    const explained = gap && typeof gap.from === 'number' && typeof gap.to === 'number' && row.seq === gap.to + 1;
    if (row.seq !== expected && !explained) {
      problems.push({ seq: expected, problem: row.seq > expected ? `entry ${expected}${row.seq - 1 > expected ? `–${row.seq - 1}` : ''} missing: entry ${row.seq} follows entry ${expected - 1}` : `entry ${row.seq} is out of order` });
    }
    if (row.prev_hash !== prevHash && !explained) problems.push({ seq: row.seq, problem: `entry ${row.seq} does not link to the entry before it (its previous-hash is not that entry's hash)` });
    if (chainHash(row.prev_hash, row.body) !== row.hash) problems.push({ seq: row.seq, problem: `entry ${row.seq} was changed: its contents no longer match its hash` });
    else if (body?.seq !== row.seq) problems.push({ seq: row.seq, problem: `entry ${row.seq} was renumbered: its contents say ${body?.seq}` });
    if (body?.kind === 'key') {
      const detail = (body.detail ?? {}) as { fingerprint?: string | null; previous?: string | null };
      // A key entry names the key it follows; one naming another key than the chain was sealed with was fed a false head.
      if (sealedWith !== undefined && 'previous' in detail && (detail.previous ?? null) !== sealedWith) problems.push({ seq: row.seq, problem: `entry ${row.seq} says the HMAC key before it was ${detail.previous ?? 'none'}, but the entries before it were sealed with ${sealedWith ?? 'none'}: the head anchor was edited` });
      sealedWith = detail.fingerprint ?? null;
      if (sealedWith === null) problems.push({ seq: row.seq, problem: `entry ${row.seq} records that the HMAC key went missing: entries from here on are not signed` });
    }
    const hmacNeeded = sealedWith === undefined ? fingerprint !== null && (row.hmac !== null || !everKeyed) : sealedWith !== null && sealedWith === fingerprint;
    if (sealedWith && sealedWith !== fingerprint && keyProblemAt === null) {
      keyProblemAt = row.seq;
      problems.push({ seq: row.seq, problem: fingerprint ? `entries from ${row.seq} on were signed with an HMAC key (fingerprint ${sealedWith}) that is not the key present now (${fingerprint}): the key was replaced` : `entries from ${row.seq} on were signed with an HMAC key (fingerprint ${sealedWith}) that is missing now, so their HMACs can't be checked` });
    }
    if (hmacNeeded && row.hmac !== hmacOf(ctx.key, row.hash)) problems.push({ seq: row.seq, problem: `entry ${row.seq} has no valid HMAC for this key` });
    const explain = body ? entryProblem(row.seq, body, approvedIds, lifecycles) : null;
    if (explain) problems.push({ seq: explained ? gap.from! : row.seq, problem: explain });
    prevHash = row.hash;
    expected = row.seq + 1;
  }
  const head = ctx.head;
  const last = rows[rows.length - 1];
  if (head && (!last || head.seq > last.seq)) problems.push({ seq: (last?.seq ?? 0) + 1, problem: `entries ${(last?.seq ?? 0) + 1}–${head.seq} missing: the log ends at ${last?.seq ?? 0} but was written up to ${head.seq}` });
  else if (head && last && head.seq === last.seq && head.hash !== last.hash) problems.push({ seq: last.seq, problem: `entry ${last.seq} differs from the one recorded when it was written` });
  if (head?.key && head.key !== fingerprint && keyProblemAt === null) problems.push({ seq: null, problem: fingerprint ? `the newest entry was signed with an HMAC key (fingerprint ${head.key}) that is not the key present now: the key was replaced` : `the newest entry was signed with an HMAC key (fingerprint ${head.key}) that is missing now` });
  for (const a of ctx.approvals) {
    const life = lifecycles.get(a.id);
    if ((a.status === 'approved' || a.status === 'consumed') && !approvedIds.has(a.id)) problems.push({ seq: null, problem: `request ${a.id} is marked ${a.status} in the approvals table, but the log holds no approval of it by a human: a forged approval` });
    else if (a.status === 'approved' && life && life.last !== 'approved') problems.push({ seq: null, problem: `request ${a.id} is marked approved in the approvals table, but the log says it was ${life.last} since: an approval set back to be used again` });
    if (life?.request !== undefined && a.request !== undefined && life.request !== canonicalOf(a.request)) problems.push({ seq: null, problem: `request ${a.id} in the approvals table shows a different command, place or environment than the request the log recorded: the table was edited` });
    if (life?.fingerprint && a.fingerprint && life.fingerprint !== a.fingerprint) problems.push({ seq: null, problem: `request ${a.id} in the approvals table names a different command than the one it was requested for: an approval moved to another command` });
  }
  return { ok: problems.length === 0, checked: true, entries: rows.length, problems: problems.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0)) };
}

/** What the log says happened to one approval request. */
interface Lifecycle {
  fingerprint?: string;
  /** The request as the log recorded it (canonical JSON), to compare with the table's copy. */
  request?: string;
  last: string;
  /** Approvals given and not yet used: each allows one use. */
  unused: number;
}

/** What one entry says went wrong, or what it breaks: repaired spool lines, gaps, approvals out of order. */
function entryProblem(seq: number, body: Body, approvedIds: Set<string>, lifecycles: Map<string, Lifecycle>): string | null {
  const detail = body.detail;
  if (body.kind === 'gap') return `${body.reason ?? 'entries are missing'}; entry ${seq} records this loss, found at ${new Date(Number(detail?.foundAt)).toISOString()}`;
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
  if (transition === 'approved') life.unused++;
  if (transition === 'consumed') {
    if (life.unused === 0 && approvedIds.has(id)) return `entry ${seq} uses request ${id} again after its approval was ${previous === 'consumed' ? 'used' : previous}: an approval is used once`;
    life.unused = Math.max(0, life.unused - 1);
  }
  if (detail.transition === 'approved') {
    if (detail.via !== HUMAN_PRINCIPAL || typeof detail.by !== 'string' || !detail.by) return `entry ${seq} approves request ${id}, but not as a human at a terminal (by ${String(detail.by ?? 'nobody')}, via ${String(detail.via ?? 'unknown')})`;
    approvedIds.add(id);
  }
  if (detail.transition === 'rejected') return `entry ${seq}: request ${id} was marked approved without a human's approval, and airlock refused to use it (${String(detail.reason ?? 'a forged approval')})`;
  if (detail.transition === 'consumed' && !approvedIds.has(id)) return `entry ${seq} uses request ${id}, which no human approved before it: a forged approval`;
  return null;
}
