// Gemini CLI BeforeTool hooks. Contract: gemini-cli docs/hooks/reference.md and hooks/types.ts
// (checked against @5411f11, v0.61). stdout must hold only JSON. Errors exit 2 with the reason on
// stderr, which blocks; other exit codes would let the tool run.
// `decision: "ask"` is not documented, and gemini-cli's isBlockingDecision() is true only for "block"
// and "deny": where "ask" is not special-cased, it would be read as allow. So confirm is a deny here.

import {
  editedText,
  exitCodeInText,
  writtenText,
  object,
  optionalString,
  outcomeAction,
  string,
  unknownEvent,
  unknownTool,
  type Action,
  type Adapter,
  type AgentRequest,
  type HookAnswer,
} from './types.js';

function action(tool: string, input: Record<string, unknown>, mcp: Record<string, unknown> | null, event: string, response: Record<string, unknown>): Action {
  // Gemini writes "Exit Code: N" into the shell tool's text for the model only when N is not 0.
  if (event === 'AfterTool')
    return outcomeAction(tool, input, response, tool === 'run_shell_command' && typeof response.llmContent === 'string' ? (exitCodeInText(response.llmContent) ?? 0) : undefined);
  if (tool === 'run_shell_command') return { kind: 'shell', command: string(input, 'command', 'tool_input') };
  if (tool === 'write_file' || tool === 'replace') {
    const content = tool === 'write_file' ? writtenText(input) : undefined;
    const fragments = tool === 'replace' ? editedText(input) : undefined;
    return { kind: 'file-write', paths: [string(input, 'file_path', 'tool_input')], ...(content !== undefined ? { content } : {}), ...(fragments !== undefined ? { fragments } : {}) };
  }
  if (mcp) {
    // How Gemini CLI starts or reaches the server: its command and arguments, or its URL.
    const command = [optionalString(mcp, 'command'), ...(Array.isArray(mcp.args) ? mcp.args.filter((a): a is string => typeof a === 'string') : [])].filter(Boolean).join(' ');
    const endpoint = command || optionalString(mcp, 'url') || optionalString(mcp, 'tcp');
    return { kind: 'mcp', server: optionalString(mcp, 'server_name') ?? 'unknown', tool: optionalString(mcp, 'tool_name') ?? tool, args: input, ...(endpoint ? { endpoint } : {}) };
  }
  const m = /^mcp_([^_]+)_(.+)$/.exec(tool) ?? /^(.+?)__(.+)$/.exec(tool);
  if (m) return { kind: 'mcp', server: m[1]!, tool: m[2]!, args: input };
  return READ_ONLY_TOOLS.has(tool) ? { kind: 'other', tool } : unknownTool(tool, input);
}

/** Gemini CLI's own tools that run nothing and change no file; any other name is an unknown tool. */
const READ_ONLY_TOOLS = new Set([
  'read_file',
  'read_many_files',
  'list_directory',
  'glob',
  'search_file_content',
  'grep_search',
  'web_fetch',
  'google_web_search',
  'save_memory',
  'write_todos',
  'activate_skill',
  'codebase_investigator',
  'delegate_to_agent',
  'ask_user',
  'enter_plan_mode',
  'exit_plan_mode',
  'get_internal_docs',
]);

/** The events that carry a tool call; the others (BeforeAgent, Notification, SessionStart…) are unknown events. */
const TOOL_EVENTS = new Set(['BeforeTool', 'AfterTool']);

export const gemini: Adapter = {
  name: 'gemini',
  targets: 'Gemini CLI 0.28–0.61',
  canAsk: false,
  hookTimeout: { ms: 300_000, configurable: true, note: "Gemini CLI's per-hook `timeout`, in milliseconds, which airlock sets (Gemini's default is 60 s); past it the command runs" },
  parse(payload): AgentRequest {
    const p = object(payload, 'the hook payload');
    const event = string(p, 'hook_event_name', 'payload');
    if (!TOOL_EVENTS.has(event)) return unknownEvent('gemini', event, p, 'tool_name', 'tool_input', 'cwd', 'session_id');
    const tool = string(p, 'tool_name', 'payload');
    const input = object(p.tool_input ?? {}, 'tool_input');
    const mcp = p.mcp_context && typeof p.mcp_context === 'object' ? (p.mcp_context as Record<string, unknown>) : null;
    return {
      agent: 'gemini',
      event,
      tool,
      action: action(tool, input, mcp, event, p.tool_response && typeof p.tool_response === 'object' ? (p.tool_response as Record<string, unknown>) : {}),
      ...(optionalString(p, 'cwd') ? { cwd: optionalString(p, 'cwd') } : {}),
      ...(optionalString(p, 'session_id') ? { sessionId: optionalString(p, 'session_id') } : {}),
    };
  },
  answer(verdict, reason, request): HookAnswer {
    if (verdict === 'allow') return { stdout: '{}\n', stderr: '', exitCode: 0 };
    // Another event carrying something not allowed: exit 2 with the reason, which every event takes as a block.
    if (request.event !== 'BeforeTool') return { stdout: '', stderr: `airlock: ${reason}\n`, exitCode: 2 };
    return { stdout: JSON.stringify({ decision: 'deny', reason }) + '\n', stderr: '', exitCode: 0 };
  },
  fail(reason): HookAnswer {
    return { stdout: '', stderr: `airlock: ${reason}\n`, exitCode: 2 };
  },
};
