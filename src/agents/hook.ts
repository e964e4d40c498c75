// `airlock hook <agent>`: one agent request in, one answer out, and never a silent allow on failure.
// Each action becomes a typed request (a shell command, a file write, an MCP tool call) that the
// analysis turns into what the rules judge: a file write into the same invocations as the shell's write
// of those files, so the same rules protect airlock's files and the agents' hook settings whichever
// tool the agent uses; an MCP call into the SQL, commands and file changes it carries, behind its server.

import { requestText, type Request } from '../core/request.js';
import { fileChange, toolContent } from '../analyze/tool-args.js';
import { appendRecord, explainStoreFailure } from '../runtime/store.js';
import { blockedRecord, outcomeRecord, requestRecord, unjudgedRecord, type AuditRecord } from '../store/audit.js';
import { judge } from '../runtime/judge.js';
import { mayContainSql } from '../sql/classify.js';
import { loadPostgresParser } from '../facts/sql-parser.js';
import { adapterFor } from './index.js';
import { Budget, hookBudgetMs, waitAllowedMs } from './budget.js';
import { loadPolicy, policyLocations } from '../facts/policy-files.js';
import { PayloadError, type Action, type Adapter, type AgentRequest, type HookAnswer } from './types.js';

const USAGE = "usage: airlock hook <claude-code|codex|gemini|cursor|copilot|opencode|windsurf> [--timeout-ms=N]  (reads the agent's hook JSON on stdin)";

export interface HookTiming {
  /** The agent's time limit for this hook, as installed (`--timeout-ms`); the adapter's default otherwise. */
  timeoutMs?: number;
  /** When the hook process started (ms since the epoch): the agent's clock started no later. */
  startedAt?: number;
}

/**
 * The typed request an agent's action amounts to, or null when there is nothing to judge (a read, or
 * an unknown tool that carries no SQL, command or file change). `tool` is the tool's name as the agent
 * gave it.
 */
export function requestFor(action: Action, tool: string): Request | null {
  switch (action.kind) {
    case 'shell':
      return { command: action.command };
    case 'file-write': {
      const paths = action.paths.filter(Boolean);
      const deletes = (action.deletes ?? []).filter(Boolean);
      if (!paths.length && !deletes.length) return null;
      return {
        kind: 'file-write',
        tool,
        paths,
        deletes,
        ...(action.content !== undefined ? { content: action.content } : {}),
        ...(action.fragments !== undefined ? { fragments: action.fragments } : {}),
      };
    }
    case 'mcp':
    case 'unknown': {
      // An MCP call is always judged: its server, its tool's name and any text in it that reads as SQL
      // on a database server say what it does, as well as the fields named for SQL and commands.
      const content = toolContent(action.args);
      const files = fileChange(action.tool, action.args);
      if (action.kind === 'unknown' && !content.sql.length && !content.commands.length && !files && !content.unseen) return null;
      // A tool airlock doesn't know that carries one command and nothing else is that command.
      if (action.kind === 'unknown' && content.commands.length === 1 && !content.sql.length && !files && !content.unseen) return { command: content.commands[0]! };
      if (action.kind === 'unknown') return { kind: 'mcp', server: '', tool: action.tool, args: action.args };
      // The tool's full name, when the agent's spelling of it names the server (`mcp__prod_postgres__query`).
      const name = tool !== action.tool && tool.includes(action.server) ? { name: tool } : {};
      return { kind: 'mcp', server: action.server, tool: action.tool, args: action.args, ...name, ...(action.endpoint ? { endpoint: action.endpoint } : {}) };
    }
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
const PLAINLY_READ_ONLY =
  /^\s*(ls|pwd|cat|head|tail|wc|echo|date|whoami|which|git\s+(status|log|diff|show|branch))(\s+(?!-[a-zA-Z]*[odDmMcCf]|--output|--delete|--move|--copy|--force)[\w./@:=,+%-]+)*\s*$/;

/**
 * What to answer when airlock itself failed on a request. A malformed payload always blocks. For an
 * internal error, the policy's `on_error: allow-read-only` lets a plainly read-only command through;
 * everything else is blocked.
 */
export function answerAfterError(adapter: Adapter, error: unknown, request: AgentRequest | null, onError: 'hold' | 'allow-read-only'): HookAnswer {
  if (error instanceof PayloadError) return adapter.fail(`the ${adapter.name} hook payload is malformed: ${error.message}`);
  // Nothing runs unrecorded, read-only or not: on_error covers airlock failing to judge, not to record.
  if (error instanceof UnrecordedError) return adapter.fail(error.message);
  const typed = request ? requestFor(request.action, request.tool) : null;
  const command = typed && (typed.kind ?? 'shell') === 'shell' ? requestText(typed) : null;
  if (request && onError === 'allow-read-only' && command !== null && PLAINLY_READ_ONLY.test(command)) return adapter.answer('allow', '', request);
  return adapter.fail(`internal error: ${(error as Error)?.message ?? String(error)}`);
}

export async function runHook(agent: string | undefined, stdin: string, env: Record<string, string>, cwd: string, timing: HookTiming = {}): Promise<HookAnswer> {
  const adapter = agent ? adapterFor(agent) : undefined;
  if (!adapter) return { stdout: '', stderr: `airlock hook: ${agent ? `unknown agent '${agent}'` : 'no agent named'}\n${USAGE}\n`, exitCode: 2 };
  const seen: { request: AgentRequest | null } = { request: null };
  // Everything, a wait for a human included, ends well inside the agent's own limit for the hook.
  const startedAt = timing.startedAt ?? Date.now();
  const budget = new Budget(startedAt + hookBudgetMs(timing.timeoutMs ?? adapter.hookTimeout.ms));
  try {
    return await withBudget(decideFor(adapter, stdin, env, cwd, seen, budget), budget, () => outOfTime(adapter, env, cwd, seen.request));
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

async function decideFor(adapter: Adapter, stdin: string, env: Record<string, string>, cwd: string, seen: { request: AgentRequest | null }, budget: Budget): Promise<HookAnswer> {
  const { deadline, signal } = budget;
  // Once the budget has run out, the answer and its record are outOfTime()'s: the abandoned work records nothing.
  const writeRecord = (r: AuditRecord) => (signal.aborted ? Promise.resolve('') : appendRecord(env, r, deadline));
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
    const failed = await writeRecord(outcomeRecord({ agent: adapter.name, session: request.sessionId ?? '', cwd: request.cwd || cwd, ...outcome }));
    const answer = adapter.answer('allow', '', request);
    return failed ? { ...answer, stderr: answer.stderr + failed } : answer;
  }
  const typed = requestFor(request.action, request.tool);
  if (typed === null) {
    // Nothing to judge, but every request the hook answers is in the audit log.
    // A tool or event airlock doesn't know is recorded with its arguments and marked as unknown.
    const a = request.action;
    const record = unjudgedRecord({ agent: adapter.name, session: request.sessionId ?? '', cwd: request.cwd || cwd }, request.tool, a.kind === 'mcp' || a.kind === 'unknown' ? a.args : undefined);
    if (a.kind === 'unknown') record.detail = { ...record.detail, unknown: true, event: request.event };
    const failed = await writeRecord(record);
    if (failed) throw new UnrecordedError(failed);
    return adapter.answer('allow', '', request);
  }
  // What the audit log, the approval and the human see: the command, the file write, the MCP call.
  const command = requestText(typed);
  // Start compiling the SQL parser now, so it overlaps reading the policy and the first analysis pass.
  if (mayContainSql(command)) void loadPostgresParser().catch(() => undefined);
  const where = request.cwd || cwd;
  const { decision, policy, assessment, facts } = await judge(
    { ...typed, cwd: where, env, actor: { agent: adapter.name, ...(request.sessionId ? { session: request.sessionId } : {}), ...(request.subagent ? { subagent: request.subagent } : {}) } },
    { signal },
  );
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
    const failed = await writeRecord(record);
    if (failed) throw new UnrecordedError(failed);
    return adapter.answer(verdict, decision.reason, request);
  }
  // Loaded only for held commands: it brings SQLite and node:crypto, which the allowed path never needs.
  const { holdForApproval } = await import('../approvals/flow.js');
  let held;
  try {
    held = await holdForApproval({
      decision: { ...decision, verdict },
      assessment,
      facts,
      policy,
      command,
      cwd: where,
      agent: adapter.name,
      session: request.sessionId ?? '',
      env,
      deadline,
      maxWaitMs: waitAllowedMs(deadline - Date.now()),
      signal,
      mayUse: () => budget.claim(),
    });
  } catch (error) {
    // The analysis is done; what failed is recording the request or its approval. Say why, in plain terms.
    throw new UnrecordedError(`this held command and its approval request could not be recorded: ${explainStoreFailure(error, env)}`);
  }
  return adapter.answer(held.verdict, held.reason, request);
}

/**
 * The work's answer, or `late()`'s when the budget runs out first: answered by the deadline whatever
 * happens. Running out aborts the budget's signal, so the work stops where it checks it (judging ends, a
 * wait for a human ends, and a transaction it started does not commit); and once the work has claimed its
 * answer (it is about to use an approval) the budget no longer answers in its place, so an approval is
 * never used for an answer the agent does not get.
 */
function withBudget(work: Promise<HookAnswer>, budget: Budget, late: () => Promise<HookAnswer>): Promise<HookAnswer> {
  let timer: NodeJS.Timeout | undefined;
  return new Promise<HookAnswer>((resolve, reject) => {
    timer = setTimeout(
      () => {
        if (budget.expire()) late().then(resolve, reject);
      },
      Math.max(0, budget.deadline - Date.now()),
    );
    timer.unref();
    // Once the budget has answered, whatever the work ends with is not the answer: it stopped recording,
    // so an "allow" from it now would let through a command the log doesn't hold.
    work.then(
      (answer) => budget.spent || resolve(answer),
      (error: unknown) => budget.spent || reject(error),
    );
  }).finally(() => clearTimeout(timer));
}

/** How long recording a request blocked for lack of time may take: the budget leaves a margin before the agent's limit. */
const LATE_RECORD_MS = 1_000;

/**
 * The answer when the budget ran out: the command is blocked, and the log says so (the work that was
 * abandoned records nothing more for it).
 */
async function outOfTime(adapter: Adapter, env: Record<string, string>, cwd: string, request: AgentRequest | null): Promise<HookAnswer> {
  const why = `airlock could not finish before the agent's time limit for its hook, so the command is blocked`;
  const answer = adapter.fail(why);
  if (!request || request.action.kind === 'outcome') return answer;
  const typed = requestFor(request.action, request.tool);
  const command = typed ? requestText(typed) : request.tool;
  const failed = await appendRecord(env, blockedRecord({ agent: adapter.name, session: request.sessionId ?? '', cwd: request.cwd || cwd, command }, why), Date.now() + LATE_RECORD_MS);
  return failed ? { ...answer, stderr: answer.stderr + failed } : answer;
}
