// OpenCode: a plugin (installed by `airlock init`) calls `airlock hook opencode` from its
// `tool.execute.before` hook with {tool, args, sessionID, directory}, and throws the reason when the
// answer is not allow, which is how OpenCode plugins block. Contract: anomalyco/opencode plugins.mdx
// and packages/plugin/src/index.ts (opencode 1.x).

import { toolContent } from '../analyze/tool-args.js';
import { fileToolAction, object, optionalString, string, unknownEvent, unknownTool, type Action, type Adapter, type AgentRequest, type HookAnswer } from './types.js';

/** OpenCode's built-in tools that change nothing on disk or run nothing. */
const READ_ONLY_TOOLS = new Set([
  'read',
  'glob',
  'grep',
  'list',
  'webfetch',
  'websearch',
  'codesearch',
  'todoread',
  'todowrite',
  'task',
  'skill',
  'question',
  'lsp',
  'invalid',
  'plan_enter',
  'plan_exit',
]);
/** OpenCode's built-in tools that write files: which ones a session gets depends on the model (GPT models get apply_patch). */
const FILE_TOOLS = new Set(['write', 'edit', 'multiedit', 'patch', 'apply_patch']);

function actionFor(tool: string, a: Record<string, unknown>): Action {
  if (tool === 'bash') return { kind: 'shell', command: string(a, 'command', 'args') };
  if (FILE_TOOLS.has(tool)) return fileToolAction(tool, a);
  if (READ_ONLY_TOOLS.has(tool)) return { kind: 'other', tool };
  // MCP tools are named <server>_<tool>. A tool airlock doesn't know that names a file is judged as writing it.
  const m = /^([^_]+)_(.+)$/.exec(tool);
  if (m) return { kind: 'mcp', server: m[1]!, tool: m[2]!, args: a };
  const content = toolContent(a);
  if (['filePath', 'file_path', 'path'].some((k) => typeof a[k] === 'string') && !content.commands.length && !content.sql.length) return fileToolAction(tool, a);
  return unknownTool(tool, a);
}

export const opencode: Adapter = {
  name: 'opencode',
  targets: 'OpenCode 1.x plugin API',
  canAsk: false,
  hookTimeout: { ms: 25_000, configurable: false, note: "the time airlock's OpenCode plugin gives the hook (25 s, inside OpenCode's own limit for a plugin hook); past it the plugin blocks" },
  parse(payload): AgentRequest {
    const p = object(payload, 'the hook payload');
    const tool = string(p, 'tool', 'payload');
    const a = object(p.args ?? {}, 'args');
    const after = p.event === 'tool.execute.after';
    // The plugin sends `event` only for tool.execute.after; any other value is an event airlock doesn't handle.
    if (typeof p.event === 'string' && !after && p.event !== 'tool.execute.before') return unknownEvent('opencode', p.event, p, 'tool', 'args', 'directory', 'sessionID');
    const action: Action = after
      ? { kind: 'outcome', tool, ...(typeof a.command === 'string' ? { command: a.command } : {}), ...(typeof p.exit === 'number' ? { exitCode: p.exit } : {}) }
      : actionFor(tool, a);
    return {
      agent: 'opencode',
      event: after ? 'tool.execute.after' : 'tool.execute.before',
      tool,
      action,
      ...(optionalString(p, 'directory') ? { cwd: optionalString(p, 'directory') } : {}),
      ...(optionalString(p, 'sessionID') ? { sessionId: optionalString(p, 'sessionID') } : {}),
    };
  },
  answer(verdict, reason): HookAnswer {
    return { stdout: JSON.stringify(verdict === 'allow' ? { decision: 'allow' } : { decision: verdict, reason }) + '\n', stderr: '', exitCode: 0 };
  },
  fail(reason): HookAnswer {
    return { stdout: JSON.stringify({ decision: 'deny', reason: `airlock could not check this, so it is blocked: ${reason}` }) + '\n', stderr: '', exitCode: 2 };
  },
};
