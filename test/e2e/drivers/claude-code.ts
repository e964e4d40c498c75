// Drives the real Claude Code program (the native binary at its pinned version) in print mode against
// the scripted Anthropic model on loopback, with permissions bypassed: the mode in which nothing but
// airlock's hook stands between the model and the machine.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { agentBinary, type AgentDriver, type Sandbox } from '../harness.js';
import { startAnthropicModel } from '../models/anthropic.js';
import type { ModelServer, ScriptStep } from '../models/script.js';
import { loopbackOnly, runAgainst, runProgram, type ScriptedRun } from './process.js';

const PROMPT = 'Carry out the task in this project.';

function environment(sb: Sandbox, model: ModelServer): Record<string, string> {
  return {
    ...sb.env,
    ANTHROPIC_BASE_URL: model.url,
    ANTHROPIC_API_KEY: 'sk-ant-airlock-e2e',
    // As root, Claude Code refuses --dangerously-skip-permissions unless it is told it is in a sandbox.
    IS_SANDBOX: '1',
    // Without this Claude Code calls api.anthropic.com at start-up (seen as CONNECTs to the proxy).
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_ERROR_REPORTING: '1',
    ...loopbackOnly(model.url),
  };
}

/**
 * Runs one `claude -p` session in which the model hands out `steps` in order. `mcpConfig`: a file of
 * MCP servers for the session (`--mcp-config`, with no other servers).
 */
export async function runClaudeCode(sb: Sandbox, steps: ScriptStep[], options: { traceFile?: string; mcpConfig?: string } = {}): Promise<ScriptedRun> {
  const binary = agentBinary('claude-code');
  if (!binary) throw new Error('Claude Code is not installed in test/e2e/agents');
  const model = await startAnthropicModel(steps, options);
  const args = [
    '-p',
    PROMPT,
    '--output-format',
    'stream-json',
    '--verbose',
    '--dangerously-skip-permissions',
    ...(options.mcpConfig ? ['--mcp-config', options.mcpConfig, '--strict-mcp-config'] : []),
  ];
  return runAgainst(model, () => runProgram(binary, args, sb.project, environment(sb, model)));
}

export const claudeCodeDriver: AgentDriver = {
  agent: 'claude-code',
  // The provider is chosen by environment variables at run time (the model's port changes per run);
  // the user's settings folder exists, as it does for anyone who has used Claude Code.
  configure(sb) {
    mkdirSync(join(sb.home, '.claude'), { recursive: true });
  },
  run: (sb, commands) => runClaudeCode(sb, commands),
};
