// The audit log's records: what is recorded for a request, an outcome, a grant, and how entries look
// when read back. The log is append-only and hash-chained (store/chain.ts); every store keeps it.

import { isEffect, type Effect } from '../core/effect.js';
import { isEnvironment, type Environment } from '../core/environment.js';
import { maskStructured } from '../core/mask.js';
import type { FactsUsed } from '../core/facts.js';
import { isVerdict, type Decision, type Verdict } from '../core/decision.js';
import type { Grant } from '../core/grant.js';
import { isCount, isObject, isOptionalString, isStringArray, isTime } from '../core/shape.js';

/**
 * `key` records a change of HMAC key (its fingerprint, never the key); `gap` records entries found
 * missing (a deleted spool, rows cut off the end), so a later write can't hide them; `notify` records a
 * notification that could not be delivered, or a git note that could not be written (src/notify/).
 */
type AuditKind = 'request' | 'approval' | 'grant' | 'revoke' | 'outcome' | 'key' | 'gap' | 'notify';

/** What is recorded. Commands and reasons are masked before they are stored. */
export interface AuditRecord {
  kind: AuditKind;
  agent?: string;
  session?: string;
  cwd?: string;
  command?: string;
  effect?: Effect;
  environment?: Environment;
  rules?: string[];
  verdict?: Verdict;
  reason?: string;
  /** Kind-specific details: a grant's window, an approval's id and transition, an exit status. */
  detail?: Record<string, unknown>;
}

const KINDS: Record<AuditKind, true> = { request: true, approval: true, grant: true, revoke: true, outcome: true, key: true, gap: true, notify: true };
const isKind = (v: unknown): v is AuditKind => typeof v === 'string' && Object.hasOwn(KINDS, v);
const TEXT_FIELDS = ['agent', 'session', 'cwd', 'command', 'reason'] as const;

/**
 * A record read back from the log (with the number and time it was sealed with), checked field by
 * field, or what is wrong with it. Only the shapes airlock writes pass: a body edited by hand, and
 * sealed again (which needs no key when the log has none), can't make `verify`, the approval checks
 * or `airlock log` trip over a field of the wrong type.
 */
export function readRecord(value: unknown): { record: AuditRecord & { seq?: number; ts?: number } } | { problem: string } {
  if (!isObject(value)) return { problem: 'it is not a JSON object' };
  const { kind, effect, environment, verdict, rules, detail, seq, ts } = value;
  if (!isKind(kind)) return { problem: `its kind is ${JSON.stringify(kind) ?? 'missing'}` };
  const record: AuditRecord & { seq?: number; ts?: number } = { kind };
  for (const field of TEXT_FIELDS) {
    const text = value[field];
    if (!isOptionalString(text)) return { problem: `its ${field} is not text` };
    if (text !== undefined) record[field] = text;
  }
  if (effect !== undefined) {
    if (!isEffect(effect)) return { problem: `its effect is ${JSON.stringify(effect)}` };
    record.effect = effect;
  }
  if (environment !== undefined) {
    if (!isEnvironment(environment)) return { problem: `its environment is ${JSON.stringify(environment)}` };
    record.environment = environment;
  }
  if (verdict !== undefined) {
    if (!isVerdict(verdict)) return { problem: `its verdict is ${JSON.stringify(verdict)}` };
    record.verdict = verdict;
  }
  if (rules !== undefined) {
    if (!isStringArray(rules)) return { problem: 'its rules are not a list of rule ids' };
    record.rules = rules;
  }
  if (detail !== undefined) {
    if (!isObject(detail)) return { problem: 'its detail is not an object' };
    record.detail = detail;
  }
  if (seq !== undefined) {
    if (!isCount(seq)) return { problem: `its number is ${JSON.stringify(seq)}` };
    record.seq = seq;
  }
  if (ts !== undefined) {
    if (!isTime(ts)) return { problem: `its time is ${JSON.stringify(ts)}` };
    record.ts = ts;
  }
  return { record };
}

/** Who asked, where, and for what command: the part of a request record the decision doesn't hold. */
export interface Requester {
  agent: string;
  session: string;
  cwd: string;
  command: string;
}

/** The audit record of one judged request. An allowed request's reason is left out: it says nothing. */
export function requestRecord(requester: Requester, decision: Decision, verdict: Verdict = decision.verdict, facts?: FactsUsed): AuditRecord {
  const kept = facts && notable(facts) ? facts : undefined;
  return {
    kind: 'request',
    ...requester,
    effect: decision.effect,
    environment: decision.environment,
    rules: decision.findings.map((f) => f.rule),
    verdict,
    ...(verdict === 'allow' && !decision.trial ? {} : { reason: decision.reason }),
    // What the decision rested on, so "why was this held?" can be answered later; left out when it rested
    // on the command alone. In trial mode, what enforcing would have answered.
    ...(decision.trial || kept ? { detail: { ...(decision.trial ? { wouldHave: decision.trial.wouldHave } : {}), ...(kept ? { facts: kept } : {}) } } : {}),
  };
}

const notable = (facts: FactsUsed) =>
  facts.rounds > 1 || facts.files.length > 0 || facts.surroundings.some((s) => s.files.length > 0) || (facts.missing?.length ?? 0) > 0 || (facts.preflight?.length ?? 0) > 0;

/** A request blocked without a verdict of its own (the hook ran out of time before it could answer). */
export function blockedRecord(requester: Requester, reason: string): AuditRecord {
  return { kind: 'request', ...requester, verdict: 'deny', reason, detail: { blocked: true } };
}

/**
 * A request the hook answered without judging it: a tool airlock has no rules for (a read, an MCP call
 * with no SQL or command in it). It is recorded all the same, with what it was called with.
 */
export function unjudgedRecord(requester: Omit<Requester, 'command'>, tool: string, args: unknown): AuditRecord {
  // Masked as structure first: a secret under a secret-named key is secret whatever it looks like.
  const shown = args === undefined ? '' : JSON.stringify(maskStructured(args));
  return {
    kind: 'request',
    ...requester,
    command: `${tool} ${shown.length > 2000 ? `${shown.slice(0, 2000)}…` : shown}`.trim(),
    rules: [],
    verdict: 'allow',
    detail: { tool, judged: false },
  };
}

/** What ran, as a post-execution hook (or `airlock exec`) reports it. */
export interface Outcome {
  agent: string;
  session: string;
  cwd: string;
  tool: string;
  command?: string;
  exitCode?: number;
  interrupted?: boolean;
}

/**
 * The audit record of an outcome. Where the agent reports no exit status (Codex's PostToolUse has
 * none), the record says so rather than leaving the reader to guess.
 */
export function outcomeRecord(o: Outcome): AuditRecord {
  return {
    kind: 'outcome',
    agent: o.agent,
    session: o.session,
    cwd: o.cwd,
    ...(o.command !== undefined ? { command: o.command } : {}),
    detail: {
      tool: o.tool,
      ...(o.exitCode !== undefined ? { exitCode: o.exitCode } : { exitCode: null, exitCodeNote: `${o.agent} does not report the exit status to its after-command hook` }),
      ...(o.interrupted !== undefined ? { interrupted: o.interrupted } : {}),
    },
  };
}

/** The audit record of a grant a human opened: recorded before it takes effect. */
export function grantRecord(grant: Grant): AuditRecord {
  return {
    kind: 'grant',
    environment: grant.environment,
    effect: grant.effect,
    reason: grant.reason,
    detail: {
      id: grant.id,
      expiresAt: grant.expiresAt,
      by: grant.by,
      ...(grant.target ? { target: grant.target } : {}),
      ...(grant.tool ? { tool: grant.tool } : {}),
      ...(grant.pattern ? { pattern: grant.pattern } : {}),
    },
  };
}

export function revokeRecord(id: string): AuditRecord {
  return { kind: 'revoke', detail: { id } };
}

export interface AuditEntry extends AuditRecord {
  seq: number;
  ts: number;
  prevHash: string;
  hash: string;
  hmac?: string;
}

export interface AuditFilter {
  kinds?: AuditKind[];
  held?: boolean;
  effect?: Effect;
  environment?: Environment;
  agent?: string;
  since?: number;
  limit?: number;
}

export interface VerifyProblem {
  /** The entry's sequence number, when the problem is about one entry. */
  seq: number | null;
  problem: string;
}

export interface VerifyReport {
  ok: boolean;
  /** False when the log could not be checked at all (locked by another process): not the same as damaged. */
  checked: boolean;
  entries: number;
  problems: VerifyProblem[];
}

export function matches(entry: AuditEntry, filter: AuditFilter): boolean {
  if (filter.kinds && !filter.kinds.includes(entry.kind)) return false;
  if (filter.held && !(entry.verdict && entry.verdict !== 'allow')) return false;
  if (filter.effect && entry.effect !== filter.effect) return false;
  if (filter.environment && entry.environment !== filter.environment) return false;
  if (filter.agent && entry.agent !== filter.agent) return false;
  if (filter.since !== undefined && entry.ts < filter.since) return false;
  return true;
}
