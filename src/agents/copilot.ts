// GitHub Copilot CLI preToolUse hooks. Contract: github/docs hooks-reference.md (Copilot CLI 1.0.x).
// toolArgs may be a JSON string (older CLI) or an object (newer). Allow prints nothing; confirm asks;
// approve and deny deny with a reason. A crash or non-zero exit is already a deny in Copilot, and
// airlock still prints an explicit deny so the reason reaches the agent.

import {
  fileToolAction,
  object,
  optionalString,
  string,
  type Action,
  type Adapter,
  type AgentRequest,
  type HookAnswer,
  PayloadError,
  claudeStyleAction,
  CLAUDE_TOOL_EVENTS,
  unknownEvent,
  unknownTool,
} from './types.js';

/** Copilot CLI's own tools that run nothing and change no file; any other name is an unknown tool. */
const READ_ONLY_TOOLS = new Set([
  'view',
  'glob',
  'grep',
  'rg',
  'report_intent',
  'web_fetch',
  'web_search',
  'read_bash',
  'read_powershell',
  'list_bash',
  'list_powershell',
  'stop_bash',
  'stop_powershell',
  'update_todo',
  'think',
  'task',
  'fetch_copilot_cli_documentation',
  'skill',
  'ask_user',
]);

function args(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') {
    try {
      return object(JSON.parse(value), 'toolArgs');
    } catch (error) {
      if (error instanceof PayloadError) throw error;
      throw new PayloadError(`toolArgs is a string but not valid JSON: ${(error as Error).message}`);
    }
  }
  return object(value ?? {}, 'toolArgs');
}

export const copilot: Adapter = {
  name: 'copilot',
  targets: 'GitHub Copilot CLI 1.0.x',
  canAsk: true,
  hookTimeout: { ms: 30_000, configurable: true, note: "Copilot CLI's `timeoutSec` (default 30 s), which airlock sets; past it the command runs" },
  parse(payload): AgentRequest {
    const p = object(payload, 'the hook payload');
    // The Claude-compatible form (PreToolUse in PascalCase) sends snake_case Claude payloads.
    if (typeof p.hook_event_name === 'string') {
      const event = p.hook_event_name as string;
      if (!CLAUDE_TOOL_EVENTS.has(event)) return unknownEvent('copilot', event, p, 'tool_name', 'tool_input', 'cwd', 'session_id');
      const tool = string(p, 'tool_name', 'payload');
      return {
        agent: 'copilot',
        event,
        tool,
        action: claudeStyleAction(tool, object(p.tool_input ?? {}, 'tool_input'), event),
        ...(optionalString(p, 'cwd') ? { cwd: optionalString(p, 'cwd') } : {}),
      };
    }
    // The native form names no event: a payload with Copilot's timestamp but no tool (sessionStart,
    // userPromptSubmitted…) is an event airlock doesn't handle; anything else without a tool is malformed.
    if (typeof p.toolName !== 'string' && p.toolArgs === undefined && typeof p.timestamp === 'number') return unknownEvent('copilot', '(no toolName)', p, 'toolName', 'toolArgs', 'cwd', 'sessionId');
    const tool = string(p, 'toolName', 'payload');
    const a = args(p.toolArgs);
    // postToolUse carries the same fields plus toolResult; its exit status is only in the text for the model.
    const result = p.toolResult && typeof p.toolResult === 'object' ? (p.toolResult as Record<string, unknown>) : null;
    let action: Action;
    if (result) {
      const exit = /completed with exit code (\d+)>/.exec(typeof result.textResultForLlm === 'string' ? result.textResultForLlm : '');
      action = { kind: 'outcome', tool, ...(typeof a.command === 'string' ? { command: a.command } : {}), ...(exit ? { exitCode: Number(exit[1]) } : {}) };
    } else if (tool === 'bash' || tool === 'powershell') action = { kind: 'shell', command: string(a, 'command', 'toolArgs') };
    // Text typed into a running shell runs as a command there.
    else if (tool === 'write_bash' || tool === 'write_powershell') action = { kind: 'shell', command: string(a, 'input', 'toolArgs') };
    else if (tool === 'create' || tool === 'edit' || tool === 'apply_patch') action = fileToolAction(tool, a);
    else if (READ_ONLY_TOOLS.has(tool)) action = { kind: 'other', tool };
    else if (tool.includes('/') || tool.includes('__')) {
      const [server, name] = tool.includes('/') ? tool.split('/', 2) : tool.split('__', 2);
      action = { kind: 'mcp', server: server!, tool: name!, args: a };
    } else if (/^[^-].*-[^-]+$/.test(tool)) {
      // Copilot CLI names an MCP tool `<server>-<tool>` (`github-mcp-server-list_issues`); server names
      // have dashes, tool names seldom do. The policy's mcp_servers names it exactly when it matters.
      const at = tool.lastIndexOf('-');
      action = { kind: 'mcp', server: tool.slice(0, at), tool: tool.slice(at + 1), args: a };
    } else action = unknownTool(tool, a);
    return {
      agent: 'copilot',
      event: result ? 'postToolUse' : 'preToolUse',
      tool,
      action,
      ...(optionalString(p, 'cwd') ? { cwd: optionalString(p, 'cwd') } : {}),
      ...(optionalString(p, 'sessionId') ? { sessionId: optionalString(p, 'sessionId') } : {}),
    };
  },
  answer(verdict, reason, request): HookAnswer {
    if (verdict === 'allow') return { stdout: '', stderr: '', exitCode: 0 };
    const decision = verdict === 'confirm' ? 'ask' : 'deny';
    const body =
      request.event === 'PreToolUse'
        ? { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: decision, permissionDecisionReason: reason } }
        : { permissionDecision: decision, permissionDecisionReason: reason };
    return { stdout: JSON.stringify(body) + '\n', stderr: '', exitCode: 0 };
  },
  fail(reason): HookAnswer {
    return {
      stdout: JSON.stringify({ permissionDecision: 'deny', permissionDecisionReason: `airlock could not check this, so it is blocked: ${reason}` }) + '\n',
      stderr: `airlock: ${reason}\n`,
      exitCode: 2,
    };
  },
};
