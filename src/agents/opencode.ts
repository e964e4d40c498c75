// OpenCode: a plugin (installed by `airlock init`) calls `airlock hook opencode` from its
// `tool.execute.before` hook with {tool, args, sessionID, directory}, and throws the reason when the
// answer is not allow, which is how OpenCode plugins block. Contract: anomalyco/opencode plugins.mdx
// and packages/plugin/src/index.ts (opencode 1.x).

import { object, optionalString, string, type Action, type Adapter, type AgentRequest, type HookAnswer } from './types.js';

export const opencode: Adapter = {
  name: 'opencode',
  targets: 'OpenCode 1.x plugin API',
  canAsk: false,
  hookTimeout: { ms: 25_000, configurable: false, note: "the time airlock's OpenCode plugin gives the hook (25 s, inside OpenCode's own limit for a plugin hook); past it the plugin blocks" },
  parse(payload): AgentRequest {
    const p = object(payload, 'the hook payload');
    const tool = string(p, 'tool', 'payload');
    const a = object(p.args ?? {}, 'args');
    let action: Action;
    if (tool === 'bash') action = { kind: 'shell', command: string(a, 'command', 'args') };
    else if (tool === 'edit' || tool === 'write' || tool === 'patch') action = { kind: 'file-write', paths: [optionalString(a, 'filePath') ?? optionalString(a, 'file_path') ?? ''] };
    else {
      const m = /^([^_]+)_(.+)$/.exec(tool);
      action = m ? { kind: 'mcp', server: m[1]!, tool: m[2]!, args: a } : { kind: 'other', tool };
    }
    return { agent: 'opencode', event: 'tool.execute.before', tool, action, ...(optionalString(p, 'directory') ? { cwd: optionalString(p, 'directory') } : {}), ...(optionalString(p, 'sessionID') ? { sessionId: optionalString(p, 'sessionID') } : {}) };
  },
  answer(verdict, reason): HookAnswer {
    return { stdout: JSON.stringify(verdict === 'allow' ? { decision: 'allow' } : { decision: verdict, reason }) + '\n', stderr: '', exitCode: 0 };
  },
  fail(reason): HookAnswer {
    return { stdout: JSON.stringify({ decision: 'deny', reason: `airlock could not check this, so it is blocked: ${reason}` }) + '\n', stderr: '', exitCode: 2 };
  },
};
