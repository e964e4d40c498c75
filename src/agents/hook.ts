// `airlock hook <agent>`: one agent request in, one answer out, and never a silent allow on failure.
// File writes are judged as the shell command that would make them (`tee -- path`), so the same rules
// protect airlock's files and the agents' hook settings whichever tool the agent uses.

import { shellJoin } from '../rules/argv.js';
import { appendRecord, explainStoreFailure } from '../runtime/store.js';
import { outcomeRecord, requestRecord, unjudgedRecord } from '../store/audit.js';
import { judge } from '../runtime/judge.js';
import { mayContainSql } from '../sql/classify.js';
import { loadPostgresParser } from '../facts/sql-parser.js';
import { adapterFor } from './index.js';
import { hookBudgetMs, waitAllowedMs } from './budget.js';
import { loadPolicy, policyLocations } from '../facts/policy-files.js';
import { PayloadError, commandInArgs, type Action, type Adapter, type AgentRequest, type HookAnswer } from './types.js';

const USAGE = 'usage: airlock hook <claude-code|codex|gemini|cursor|copilot|opencode|windsurf> [--timeout-ms=N]  (reads the agent\'s hook JSON on stdin)';

export interface HookTiming {
  /** The agent's time limit for this hook, as installed (`--timeout-ms`); the adapter's default otherwise. */
  timeoutMs?: number;
  /** When the hook process started (ms since the epoch): the agent's clock started no later. */
  startedAt?: number;
}

/** The shell text an action amounts to, or null when there is nothing to judge. */
export function commandFor(action: Action): string | null {
  switch (action.kind) {
    case 'shell':
      return action.command;
    case 'file-write': {
      const parts: string[] = [];
      const writes = action.paths.filter(Boolean);
      if (writes.length) parts.push(`tee -- ${shellJoin(writes)}`);
      if (action.deletes?.length) parts.push(`rm -- ${shellJoin(action.deletes)}`);
      return parts.length ? parts.join('; ') : null;
    }
    case 'mcp':
    case 'unknown':
      return commandInArgs(action.args);
    default:
      return null;
  }
}

/** A request the audit log could not take: always blocked. */
class UnrecordedError extends Error {
  constructor(why: string) {
    super(`${why.replace(/^airlock: /, '').trim()}; airlock lets nothing run that it could not record`);
  }
}

/** A single plain command from a short list of read-only programs, with no shell syntax around it. */
const PLAINLY_READ_ONLY = /^\s*(ls|pwd|cat|head|tail|wc|echo|date|whoami|which|git\s+(status|log|diff|show|branch))(\s+(?!-[a-zA-Z]*[odDmMcCf]|--output|--delete|--move|--copy|--force)[\w./@:=,+%-]+)*\s*$/;

/**
 * What to answer when airlock itself failed on a request. A malformed payload always blocks. For an
 * internal error, the policy's `on_error: allow-read-only` lets a plainly read-only command through;
 * everything else is blocked.
 */
export function answerAfterError(adapter: Adapter, error: unknown, request: AgentRequest | null, onError: 'hold' | 'allow-read-only'): HookAnswer {
  if (error instanceof PayloadError) return adapter.fail(`the ${adapter.name} hook payload is malformed: ${error.message}`);
  // Nothing runs unrecorded, read-only or not: on_error covers airlock failing to judge, not to record.
  if (error instanceof UnrecordedError) return adapter.fail(error.message);
  const command = request ? commandFor(request.action) : null;
  if (request && onError === 'allow-read-only' && command !== null && PLAINLY_READ_ONLY.test(command)) return adapter.answer('allow', '', request);
  return adapter.fail(`internal error: ${(error as Error)?.message ?? String(error)}`);
}

export async function runHook(agent: string | undefined, stdin: string, env: Record<string, string>, cwd: string, timing: HookTiming = {}): Promise<HookAnswer> {
  const adapter = agent ? adapterFor(agent) : undefined;
  if (!adapter) return { stdout: '', stderr: `airlock hook: ${agent ? `unknown agent '${agent}'` : 'no agent named'}\n${USAGE}\n`, exitCode: 2 };
  const seen: { request: AgentRequest | null } = { request: null };
  // Everything, a wait for a human included, ends well inside the agent's own limit for the hook.
  const startedAt = timing.startedAt ?? Date.now();
  const deadline = startedAt + hookBudgetMs(timing.timeoutMs ?? adapter.hookTimeout.ms);
  try {
    return await withBudget((signal) => decideFor(adapter, stdin, env, cwd, seen, deadline, signal), adapter, deadline);
  } catch (error) {
    let onError: 'hold' | 'allow-read-only' = 'hold';
    try {
      onError = (await loadPolicy(policyLocations(seen.request?.cwd || cwd, env))).onError;
    } catch {
      onError = 'hold';
    }
    return answerAfterError(adapter, error, seen.request, onError);
  }
}

async function decideFor(adapter: Adapter, stdin: string, env: Record<string, string>, cwd: string, seen: { request: AgentRequest | null }, deadline: number, signal: AbortSignal): Promise<HookAnswer> {
  const text = stdin.replace(/^\uFEFF/, '').trim();
  if (!text) throw new PayloadError('stdin is empty; expected the hook JSON');
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    throw new PayloadError(`stdin is not valid JSON (${(error as Error).message})`);
  }
  const request = adapter.parse(payload);
  seen.request = request;
  if (request.action.kind === 'outcome') {
    // After the fact: nothing to decide, the outcome goes to the audit log. A log failure is reported,
    // but it can't undo what already ran, so the agent gets its usual answer.
    const { kind: _kind, ...outcome } = request.action;
    const failed = await appendRecord(env, outcomeRecord({ agent: adapter.name, session: request.sessionId ?? '', cwd: request.cwd || cwd, ...outcome }), deadline);
    const answer = adapter.answer('allow', '', request);
    return failed ? { ...answer, stderr: answer.stderr + failed } : answer;
  }
  const command = commandFor(request.action);
  if (command === null) {
    // Nothing to judge, but every request the hook answers is in the audit log.
    // A tool or event airlock doesn't know is recorded with its arguments and marked as unknown.
    const a = request.action;
    const record = unjudgedRecord({ agent: adapter.name, session: request.sessionId ?? '', cwd: request.cwd || cwd }, request.tool, a.kind === 'mcp' || a.kind === 'unknown' ? a.args : undefined);
    if (a.kind === 'unknown') record.detail = { ...record.detail, unknown: true, event: request.event };
    const failed = await appendRecord(env, record, deadline);
    if (failed) throw new UnrecordedError(failed);
    return adapter.answer('allow', '', request);
  }
  // Start compiling the SQL parser now, so it overlaps reading the policy and the first analysis pass.
  if (mayContainSql(command)) void loadPostgresParser().catch(() => undefined);
  const where = request.cwd || cwd;
  const { decision, policy, assessment, facts } = await judge({ command, cwd: where, env }, { signal });
  // Agents that cannot ask their user get an approval request instead of a confirmation.
  // PermissionRequest comes when the agent is about to ask its human, which is the confirmation: a held
  // command is left to that question (a second hold here would use up the approval the same command's
  // PreToolUse just consumed); what is never allowed is denied.
  const asking = request.event === 'PermissionRequest' && decision.verdict !== 'allow' && decision.verdict !== 'deny';
  const verdict = asking ? 'confirm' : decision.verdict === 'confirm' && !adapter.canAsk ? 'approve' : decision.verdict;
  if (verdict !== 'approve') {
    // Recorded before the answer, so the entry exists before the agent runs the command. What can't be
    // recorded doesn't run: the error path blocks it (or, under on_error: allow-read-only, lets only a
    // plainly read-only command through).
    const record = requestRecord({ agent: adapter.name, session: request.sessionId ?? '', cwd: where, command }, decision, verdict, facts);
    // `airlock doctor` probes the installed hook with sample commands; the log says they were probes.
    if (env.AIRLOCK_PROBE) record.detail = { ...record.detail, probe: env.AIRLOCK_PROBE };
    if (asking) record.detail = { ...record.detail, event: request.event, note: `${decision.verdict} left to the question the agent is about to ask its user` };
    if (request.action.kind === 'unknown') record.detail = { ...record.detail, tool: request.tool, unknown: true, event: request.event };
    const failed = await appendRecord(env, record, deadline);
    if (failed) throw new UnrecordedError(failed);
    return adapter.answer(verdict, decision.reason, request);
  }
  // Loaded only for held commands: it brings SQLite and node:crypto, which the allowed path never needs.
  const { holdForApproval } = await import('../approvals/flow.js');
  let held;
  try {
    held = await holdForApproval({ decision: { ...decision, verdict }, assessment, facts, policy, command, cwd: where, agent: adapter.name, session: request.sessionId ?? '', env, deadline, maxWaitMs: waitAllowedMs(deadline - Date.now()) });
  } catch (error) {
    // The analysis is done; what failed is recording the request or its approval. Say why, in plain terms.
    throw new UnrecordedError(`this held command and its approval request could not be recorded: ${explainStoreFailure(error, env)}`);
  }
  return adapter.answer(held.verdict, held.reason, request);
}

/**
 * Answers by the deadline whatever happens: past it, the work is told to stop (its signal aborts, so it
 * does nothing more on the agent's behalf, such as using up an approval) and the command is blocked.
 */
function withBudget(work: (signal: AbortSignal) => Promise<HookAnswer>, adapter: Adapter, deadline: number): Promise<HookAnswer> {
  const stop = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<HookAnswer>((resolve) => {
    timer = setTimeout(() => {
      stop.abort(new Error('the hook ran out of time'));
      resolve(adapter.fail(`airlock could not finish before the agent's time limit for its hook, so the command is blocked`));
    }, Math.max(0, deadline - Date.now()));
    timer.unref();
  });
  return Promise.race([work(stop.signal), timeout]).finally(() => clearTimeout(timer));
}
