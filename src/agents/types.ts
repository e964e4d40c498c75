// What every agent adapter does: read the agent's exact stdin JSON into an AgentRequest, and write the
// agent's exact answer for a verdict, or for an error (always on the agent's blocking path).

import type { Verdict } from '../core/decision.js';

export type AgentName = 'claude-code' | 'codex' | 'gemini' | 'cursor' | 'copilot' | 'opencode' | 'windsurf';

/** The agent's request, normalised: a shell command, a file change, or an MCP tool call. */
export type Action =
  | { kind: 'shell'; command: string }
  /** `content`: the text it writes, when the tool says (a whole file, or an edit's new text). */
  /** `fragments`: the text an edit puts into the file, its surroundings unknown (an edit's new text, a patch's added lines). */
  | { kind: 'file-write'; paths: string[]; deletes?: string[]; content?: string; fragments?: string }
  /** `endpoint`: how the agent starts or reaches the server (a command line, a URL), when it says. */
  | { kind: 'mcp'; server: string; tool: string; args: unknown; endpoint?: string }
  /** Post-execution report (PostToolUse): nothing to decide, something to record. */
  | { kind: 'outcome'; tool: string; command?: string; exitCode?: number; interrupted?: boolean }
  /** A tool airlock knows and does not judge (Read, Glob, WebSearch…). */
  | { kind: 'other'; tool: string }
  /**
   * A tool, or an event, airlock does not know. Judged as the command it carries when its arguments
   * carry a command, SQL or a file change (src/analyze/tool-args.ts); otherwise allowed and recorded with its arguments.
   */
  | { kind: 'unknown'; tool: string; args: unknown };

export interface AgentRequest {
  agent: AgentName;
  event: string;
  tool: string;
  action: Action;
  cwd?: string;
  sessionId?: string;
  /** Subagent identity, when the agent reports one. */
  subagent?: string;
}

export interface HookAnswer {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface Adapter {
  name: AgentName;
  /** The agent version whose documented contract this adapter follows. */
  targets: string;
  /** Whether the agent can ask its user (a `confirm`); if not, confirm is held for approval instead. */
  canAsk: boolean;
  /**
   * The agent's time limit for this hook, as airlock installs it. Past it most agents let the command
   * run, so the hook answers well before it (see budget.ts). `configurable` when airlock's installed
   * settings set the limit, so `init` can make room for the policy's approvals.wait.
   */
  hookTimeout: { ms: number; configurable: boolean; note: string };
  parse(payload: unknown): AgentRequest;
  answer(verdict: Verdict, reason: string, request: AgentRequest): HookAnswer;
  /** Used when anything goes wrong: the agent's way of blocking, with the reason. */
  fail(reason: string): HookAnswer;
}

/** A payload that is not what the agent documents; the message names what is wrong. */
export class PayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadError';
  }
}

export function object(value: unknown, what: string): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new PayloadError(`${what} must be a JSON object`);
  return value as Record<string, unknown>;
}

export function string(obj: Record<string, unknown>, key: string, what: string): string {
  const v = obj[key];
  if (typeof v !== 'string') throw new PayloadError(`${what}.${key} must be a string${v === undefined ? ' (it is missing)' : ''}`);
  return v;
}

export function optionalString(obj: Record<string, unknown>, key: string): string | undefined {
  const v = obj[key];
  return typeof v === 'string' ? v : undefined;
}

/** The action for a tool that isn't in the adapter's list of known tools. */
export function unknownTool(tool: string, args: unknown): Action {
  return { kind: 'unknown', tool, args };
}

/** After-command events: nothing to decide, an outcome to record. */
const AFTER_EVENTS = new Set(['PostToolUse', 'PostToolUseFailure', 'AfterTool', 'postToolUse']);

/**
 * What a post-execution payload says happened: the command, its exit status and interruption, when
 * given. `exitCode` is what the agent's event itself implies (Claude Code sends PostToolUse only for a
 * command that succeeded, and the status of a failed one only inside the text of PostToolUseFailure's
 * `error`, "Exit code 3\n…"); a numeric field in the response wins over it.
 */
export function outcomeAction(tool: string, input: Record<string, unknown>, response: Record<string, unknown>, implied?: number): Action {
  const field = response.exit_code ?? response.exitCode ?? response.returncode ?? response.exit_status;
  const exit = typeof field === 'number' ? field : implied;
  const interrupted = response.interrupted ?? response.is_interrupt;
  return {
    kind: 'outcome',
    tool,
    ...(typeof input.command === 'string' ? { command: input.command } : {}),
    ...(exit !== undefined ? { exitCode: exit } : {}),
    ...(typeof interrupted === 'boolean' ? { interrupted } : {}),
  };
}

/** An exit status written in an agent's text for the model: "Exit code 3" (Claude Code), "Exit Code: 3" (Gemini CLI). */
export function exitCodeInText(text: unknown): number | undefined {
  const m = typeof text === 'string' ? /^Exit code:? (\d+)$/im.exec(text) : null;
  return m ? Number(m[1]) : undefined;
}

/** Claude Code's payload shape, which Codex copied field for field. */
export function claudeStyleRequest(agent: AgentName, payload: unknown): AgentRequest {
  const p = object(payload, 'the hook payload');
  const event = string(p, 'hook_event_name', 'payload');
  if (!CLAUDE_TOOL_EVENTS.has(event)) return unknownEvent(agent, event, p, 'tool_name', 'tool_input', 'cwd', 'session_id');
  const tool = string(p, 'tool_name', 'payload');
  const after = AFTER_EVENTS.has(event);
  const input = after ? object(p.tool_input ?? {}, 'tool_input') : object(p.tool_input, 'tool_input');
  const response = after && p.tool_response && typeof p.tool_response === 'object' ? (p.tool_response as Record<string, unknown>) : {};
  // A failed command reaches Claude Code's PostToolUseFailure, whose `error` text carries the status.
  if (event === 'PostToolUseFailure') Object.assign(response, { is_interrupt: p.is_interrupt });
  const implied =
    agent !== 'claude-code' ? undefined : event === 'PostToolUseFailure' ? exitCodeInText(p.error) : event === 'PostToolUse' && (tool === 'Bash' || tool === 'PowerShell') ? 0 : undefined;
  const cwd = optionalString(p, 'cwd');
  const sessionId = optionalString(p, 'session_id');
  const agentId = optionalString(p, 'agent_id');
  return {
    agent,
    event,
    tool,
    action: after ? outcomeAction(tool, input, response, implied) : withMcpServer(claudeStyleAction(tool, input, event), tool, p.mcp_server),
    ...(cwd ? { cwd } : {}),
    ...(sessionId ? { sessionId } : {}),
    ...(agentId ? { subagent: `${optionalString(p, 'agent_type') ?? 'subagent'}:${agentId}` } : {}),
  };
}

/**
 * Claude Code (2.1) names an MCP tool's server in `mcp_server.name` as well as in the tool's name: the
 * name it gives is the one to trust, since a server's own name may hold `__`.
 */
function withMcpServer(action: Action, tool: string, server: unknown): Action {
  const name = server && typeof server === 'object' ? (server as Record<string, unknown>).name : undefined;
  if (action.kind !== 'mcp' || typeof name !== 'string' || !name || !tool.startsWith(`mcp__${name}__`)) return action;
  return { ...action, server: name, tool: tool.slice(`mcp__${name}__`.length) };
}

/**
 * The Claude Code (and Codex) events that carry a tool call. PermissionRequest is PreToolUse's payload,
 * sent when the agent is about to ask its user; it is judged the same way.
 */
export const CLAUDE_TOOL_EVENTS = new Set(['PreToolUse', 'PermissionRequest', ...AFTER_EVENTS]);

/**
 * Claude Code's and Codex's own tools that run nothing and change no file. Any other tool name is
 * unknown: judged by a command-like argument, else allowed and recorded with its arguments.
 */
const CLAUDE_READ_ONLY_TOOLS = new Set([
  'Read',
  'Glob',
  'Grep',
  'LS',
  'WebFetch',
  'WebSearch',
  'Agent',
  'Task',
  'TodoWrite',
  'TodoRead',
  'NotebookRead',
  'ExitPlanMode',
  'EnterPlanMode',
  'BashOutput',
  'TaskOutput',
  'KillShell',
  'KillBash',
  'TaskStop',
  'TaskCreate',
  'TaskGet',
  'TaskList',
  'TaskUpdate',
  'Skill',
  'SlashCommand',
  'AskUserQuestion',
  'ListMcpResourcesTool',
  'ReadMcpResourceTool',
  'ToolSearch',
  'LSP',
  'view_image',
  'update_plan',
  'web_search',
]);

export function claudeStyleAction(tool: string, input: Record<string, unknown>, event: string, response: Record<string, unknown> = {}): Action {
  if (AFTER_EVENTS.has(event)) return outcomeAction(tool, input, response);
  if (tool === 'Bash' || tool === 'PowerShell' || tool === 'bash' || tool === 'shell') return { kind: 'shell', command: string(input, 'command', 'tool_input') };
  if (tool === 'Write' || tool === 'Edit' || tool === 'MultiEdit' || tool === 'NotebookEdit' || tool === 'apply_patch') return fileToolAction(tool, input);
  const mcp = /^mcp__(.+?)__(.+)$/.exec(tool);
  if (mcp) return { kind: 'mcp', server: mcp[1]!, tool: mcp[2]!, args: input };
  return CLAUDE_READ_ONLY_TOOLS.has(tool) ? { kind: 'other', tool } : unknownTool(tool, input);
}

/**
 * The answer, in Claude Code's and Codex's protocol, to an event other than PreToolUse whose request
 * is not allowed. PermissionRequest comes when the agent is about to ask its user: a confirm lets
 * that question stand (no output), anything stronger is its `decision: {behavior: "deny"}` (exit 2 is
 * not honoured there). Any other event gets exit 2 with the reason, the blocking answer every event
 * accepts (it blocks what the event can block, and is shown otherwise).
 */
export function notPreToolUse(verdict: Verdict, reason: string, event: string, cap: (text: string) => string = (t) => t): HookAnswer {
  if (event === 'PermissionRequest') {
    if (verdict === 'confirm') return { stdout: '', stderr: '', exitCode: 0 };
    return { stdout: JSON.stringify({ hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'deny', message: cap(reason) } } }) + '\n', stderr: '', exitCode: 0 };
  }
  return { stdout: '', stderr: cap(`airlock: ${reason}`) + '\n', exitCode: 2 };
}

/**
 * An event the adapter doesn't handle (Claude Code's Notification, Stop, UserPromptSubmit…, or one a
 * later version adds). It is recorded, never passed over in silence, and judged like an unknown tool:
 * by a command-like field in its tool input, or in the payload itself when it has none.
 */
export function unknownEvent(agent: AgentName, event: string, p: Record<string, unknown>, toolKey: string, inputKey: string, cwdKey: string, sessionKey: string): AgentRequest {
  const tool = optionalString(p, toolKey) ?? event;
  const input = p[inputKey];
  const args = input && typeof input === 'object' && !Array.isArray(input) ? input : p;
  const cwd = optionalString(p, cwdKey);
  const sessionId = optionalString(p, sessionKey);
  return { agent, event, tool, action: unknownTool(tool, args), ...(cwd ? { cwd } : {}), ...(sessionId ? { sessionId } : {}) };
}

/**
 * A file tool's action: a patch (`patchText`, Codex and OpenCode's apply_patch) or a path under any of
 * the names agents use. A write whose path can't be found is a malformed payload, never an allow.
 */
export function fileToolAction(tool: string, args: Record<string, unknown>): Action {
  const patch = ['patchText', 'patch', 'input', 'command'].map((k) => args[k]).find((v): v is string => typeof v === 'string' && v.includes('*** Begin Patch'));
  if (patch !== undefined) return patchAction(patch);
  const path = ['filePath', 'file_path', 'path', 'notebook_path'].map((k) => args[k]).find((v): v is string => typeof v === 'string' && v !== '');
  if (path === undefined) throw new PayloadError(`the ${tool} tool's arguments name no file (filePath, file_path, path or a patch)`);
  const content = writtenText(args);
  const fragments = content === undefined ? editedText(args) : undefined;
  return { kind: 'file-write', paths: [path], ...(content !== undefined ? { content } : {}), ...(fragments !== undefined ? { fragments } : {}) };
}

/** The new text of an edit, by the names agents give it (Edit's new_string, MultiEdit's edits, Copilot's new_str, OpenCode's newString, NotebookEdit's new_source). */
export function editedText(args: Record<string, unknown>): string | undefined {
  const texts = [args, ...(Array.isArray(args.edits) ? args.edits : [])].flatMap((e) =>
    e && typeof e === 'object' ? ['new_string', 'newString', 'new_str', 'new_source', 'newText'].map((k) => (e as Record<string, unknown>)[k]).filter((v): v is string => typeof v === 'string') : [],
  );
  return texts.length ? texts.join('\n') : undefined;
}

/**
 * The whole text a file tool writes (Write's `content`, Copilot's `file_text`); undefined when it
 * doesn't say. An edit's new text is not what the file will hold: an edit that only removes `# `
 * can turn a harmless line into a dangerous one, so an edit's result is unknown.
 */
export function writtenText(args: Record<string, unknown>): string | undefined {
  const text = args.content ?? args.file_text;
  return typeof text === 'string' ? text : undefined;
}

/** Codex apply_patch text: the files it adds, updates, moves and deletes. */
function patchAction(patch: string): Action {
  const paths: string[] = [];
  const deletes: string[] = [];
  for (const m of patch.matchAll(/^\s*\*\*\* (Add|Update|Delete) File:\s*(.+)$|^\s*\*\*\* Move to:\s*(.+)$/gm)) {
    if (m[1] === 'Delete') deletes.push(m[2]!.trim());
    else paths.push((m[2] ?? m[3])!.trim());
  }
  // A patch whose files can't be read would otherwise be judged as changing nothing.
  if (paths.length === 0 && deletes.length === 0) throw new PayloadError('the patch names no file that airlock can read (*** Add/Update/Delete File: …)');
  // A patch that only adds files says all they will hold; one that updates a file says only part of it.
  const onlyAdds = deletes.length === 0 && !/^\s*\*\*\* (Update File|Move to):/m.test(patch);
  const added = [...patch.matchAll(/^\+(.*)$/gm)].map((m) => m[1]!);
  return { kind: 'file-write', paths, deletes, ...(onlyAdds ? { content: added.join('\n') } : added.length ? { fragments: added.join('\n') } : {}) };
}
