// Drives the real GitHub Copilot CLI (`copilot -p`) against the scripted model. With bring-your-own-key
// variables Copilot needs no GitHub login and talks OpenAI Chat Completions (the openai JS client,
// streamed) to the given base URL; COPILOT_OFFLINE keeps it from calling GitHub. --allow-all-tools and
// --allow-all-paths let everything through, so airlock's preToolUse hook is the only thing in the way.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { agentBinary, type AgentDriver, type Sandbox } from '../harness.js';
import { startOpenAIChatModel, type ToolCall } from '../models/openai-chat.js';
import { loopbackOnly, runAgainst, runProgram, type ScriptedDriver, type ScriptedRun } from './process.js';

/** The common case: a shell command as Copilot's bash tool call (its schema requires a description). */
export const bash = (command: string): ToolCall => ({ name: 'bash', input: { command, description: 'Run the command' } });

/** Copilot's file tools take an absolute `path`; `create` refuses a file that exists, `edit` one that doesn't. */
export const create = (path: string, fileText: string): ToolCall => ({ name: 'create', input: { path, file_text: fileText } });
export const edit = (path: string, oldStr: string, newStr: string): ToolCall => ({ name: 'edit', input: { path, old_str: oldStr, new_str: newStr } });

export const copilotHome = (sb: Sandbox) => join(sb.home, '.copilot');

/** Where `airlock init` puts Copilot's user-level hook for this user. */
export const copilotHookFile = (sb: Sandbox) => join(copilotHome(sb), 'hooks', 'airlock.json');

async function runTools(sb: Sandbox, calls: ToolCall[]): Promise<ScriptedRun> {
  const binary = agentBinary('copilot');
  if (!binary) throw new Error('Copilot CLI is not installed in test/e2e/agents');
  const model = await startOpenAIChatModel(calls);
  const env = {
    ...sb.env,
    ...loopbackOnly(model.baseUrl),
    COPILOT_PROVIDER_BASE_URL: model.baseUrl,
    COPILOT_PROVIDER_API_KEY: 'airlock-e2e',
    COPILOT_MODEL: model.model,
    COPILOT_OFFLINE: 'true',
  };
  const args = ['-p', 'Run the next step of the task.', '--allow-all-tools', '--allow-all-paths'];
  return runAgainst(model, () => runProgram(binary, args, sb.project, env));
}

export const copilotDriver: AgentDriver & ScriptedDriver = {
  agent: 'copilot',
  configure(sb) {
    // A user who has run Copilot before has ~/.copilot; the provider settings come with each run.
    mkdirSync(copilotHome(sb), { recursive: true });
  },
  run: (sb, commands) => runTools(sb, commands.map(bash)),
  runTools,
};
