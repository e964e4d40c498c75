// Windsurf (Devin Desktop) Cascade hooks: pre_run_command, pre_write_code, pre_mcp_tool_use.
// Contract: docs.windsurf.com cascade/hooks and the third-party live-probe contract. stdout is never
// read; exit 2 blocks and stderr reaches the agent. There is no way to ask, so confirm blocks too.

import { object, optionalString, string, unknownTool, type Action, type Adapter, type AgentRequest, type HookAnswer } from './types.js';

export const windsurf: Adapter = {
  name: 'windsurf',
  targets: 'Windsurf / Devin Desktop Cascade hooks (2026)',
  canAsk: false,
  hookTimeout: { ms: 23_000, configurable: false, note: 'Windsurf documents no hook time limit; airlock stays within 20 s, well inside what the agents allow' },
  parse(payload): AgentRequest {
    const p = object(payload, 'the hook payload');
    const event = string(p, 'agent_action_name', 'payload');
    const info = object(p.tool_info ?? {}, 'tool_info');
    let action: Action;
    if (event === 'pre_run_command') action = { kind: 'shell', command: string(info, 'command_line', 'tool_info') };
    else if (event === 'pre_write_code') action = { kind: 'file-write', paths: [string(info, 'file_path', 'tool_info')] };
    else if (event === 'pre_mcp_tool_use')
      action = { kind: 'mcp', server: optionalString(info, 'mcp_server_name') ?? 'unknown', tool: optionalString(info, 'mcp_tool_name') ?? 'unknown', args: info.mcp_tool_arguments };
    else if (event.startsWith('post_')) action = { kind: 'outcome', tool: event };
    else if (event === 'pre_read_code') action = { kind: 'other', tool: event };
    // Any other event (pre_user_prompt, one a later version adds) is recorded with what it carries and
    // judged by a command-like field in it.
    else action = unknownTool(event, info);
    return {
      agent: 'windsurf',
      event,
      tool: event,
      action,
      ...(optionalString(info, 'cwd') ? { cwd: optionalString(info, 'cwd') } : {}),
      ...(optionalString(p, 'trajectory_id') ? { sessionId: optionalString(p, 'trajectory_id') } : {}),
    };
  },
  answer(verdict, reason): HookAnswer {
    return verdict === 'allow' ? { stdout: '', stderr: '', exitCode: 0 } : { stdout: '', stderr: reason + '\n', exitCode: 2 };
  },
  fail(reason): HookAnswer {
    return { stdout: '', stderr: `airlock: ${reason}\n`, exitCode: 2 };
  },
};
