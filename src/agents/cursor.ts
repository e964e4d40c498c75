// Cursor hooks: beforeShellExecution and beforeMCPExecution (and the generic preToolUse). Contract:
// Cursor hooks documentation and the third-party live-probe contract (Cursor 3.9). The hooks are
// installed with failClosed, and airlock always prints an explicit decision, errors included.
// `ask` is documented but observed to act like deny; it is still the closest to a confirmation.

import { fileToolAction, object, optionalString, string, unknownTool, type Action, type Adapter, type AgentRequest, type HookAnswer } from './types.js';

/** Cursor's own tools that run nothing and change no file; any other name is an unknown tool. */
const READ_ONLY_TOOLS = new Set(['Read', 'Grep', 'Glob', 'LS', 'Task', 'WebSearch', 'WebFetch', 'TodoWrite']);
/** Events that read a file or show the prompt: nothing runs. */
const READ_ONLY_EVENTS = new Set(['beforeReadFile', 'beforeTabFileRead', 'beforeSubmitPrompt']);

function mcpArgs(value: unknown): unknown {
  // beforeMCPExecution sends tool_input as a JSON string.
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export const cursor: Adapter = {
  name: 'cursor',
  targets: 'Cursor 3.9',
  canAsk: true,
  hookTimeout: { ms: 23_000, configurable: false, note: 'Cursor documents no hook time limit; airlock stays within 20 s, well inside what the agents allow' },
  parse(payload): AgentRequest {
    const p = object(payload, 'the hook payload');
    const event = string(p, 'hook_event_name', 'payload');
    const roots = Array.isArray(p.workspace_roots) ? (p.workspace_roots as unknown[]).filter((r): r is string => typeof r === 'string') : [];
    const cwd = optionalString(p, 'cwd') || roots[0];
    let action: Action;
    let tool = event;
    if (event === 'beforeShellExecution') action = { kind: 'shell', command: string(p, 'command', 'payload') };
    else if (event === 'beforeMCPExecution') {
      tool = string(p, 'tool_name', 'payload');
      // Cursor names the server by its URL or the command that starts it; that can name its database too.
      const endpoint = optionalString(p, 'url') ?? optionalString(p, 'command');
      action = { kind: 'mcp', server: optionalString(p, 'server_name') ?? endpoint ?? 'unknown', tool, args: mcpArgs(p.tool_input), ...(endpoint ? { endpoint } : {}) };
    } else if (event === 'preToolUse') {
      tool = string(p, 'tool_name', 'payload');
      const input = object(p.tool_input ?? {}, 'tool_input');
      if (tool === 'Shell') action = { kind: 'shell', command: string(input, 'command', 'tool_input') };
      else if (tool === 'Write' || tool === 'Edit') action = fileToolAction(tool, input);
      else action = READ_ONLY_TOOLS.has(tool) ? { kind: 'other', tool } : unknownTool(tool, input);
    } else if (READ_ONLY_EVENTS.has(event)) action = { kind: 'other', tool: event };
    // Any other event (afterFileEdit, stop, one a later Cursor adds) is recorded with its payload, and
    // judged by a command-like field in it.
    else action = unknownTool(event, p);
    return { agent: 'cursor', event, tool, action, ...(cwd ? { cwd } : {}), ...(optionalString(p, 'conversation_id') ? { sessionId: optionalString(p, 'conversation_id') } : {}) };
  },
  answer(verdict, reason): HookAnswer {
    const permission = verdict === 'allow' ? 'allow' : verdict === 'confirm' ? 'ask' : 'deny';
    const body = permission === 'allow' ? { continue: true, permission } : { continue: true, permission, user_message: firstLine(reason), agent_message: reason };
    return { stdout: JSON.stringify(body) + '\n', stderr: '', exitCode: 0 };
  },
  fail(reason): HookAnswer {
    return {
      stdout: JSON.stringify({ continue: true, permission: 'deny', user_message: `airlock: ${reason}`, agent_message: `airlock blocked this because it could not check it: ${reason}` }) + '\n',
      stderr: '',
      exitCode: 0,
    };
  },
};

function firstLine(text: string): string {
  return text.split('\n').slice(0, 2).join(' ');
}
