// Drives the real OpenCode program (`opencode run`) against the scripted OpenAI-compatible model.
// OpenCode reaches the model through its bundled @ai-sdk/openai-compatible provider, configured in the
// user's opencode.json; every permission is "allow", so airlock's plugin is the only thing in the way.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { agentBinary, type AgentDriver, type Sandbox } from '../harness.js';
import { MODEL_ID, startOpenAIChatModel, type ToolCall } from '../models/openai-chat.js';
import { loopbackOnly, runAgainst, runProgram, type ScriptedDriver, type ScriptedRun } from './process.js';

/** OpenCode 1.18's version, which the offline lock file below names. */
const OPENCODE_VERSION = '1.18.33';

/** The common case: a shell command as OpenCode's bash tool call. */
export const bash = (command: string): ToolCall => ({ name: 'bash', input: { command, description: 'Run the command' } });

/** OpenCode's file tools take an absolute `filePath`. */
export const write = (filePath: string, content: string): ToolCall => ({ name: 'write', input: { filePath, content } });
export const edit = (filePath: string, oldString: string, newString: string): ToolCall => ({ name: 'edit', input: { filePath, oldString, newString } });
/** What OpenCode offers instead of write and edit to GPT models (a model id with `gpt-`, not gpt-4 or oss). */
export const applyPatch = (patchText: string): ToolCall => ({ name: 'apply_patch', input: { patchText } });

export const openCodeConfigDir = (sb: Sandbox) => join(sb.env.XDG_CONFIG_HOME!, 'opencode');

/** Where `airlock init` puts OpenCode's plugin for this user. */
export const openCodePluginFile = (sb: Sandbox) => join(openCodeConfigDir(sb), 'plugins', 'airlock.js');

const PROVIDER = 'airlock-e2e';

/**
 * The user's OpenCode settings: the scripted model as an OpenAI-compatible provider whose address comes
 * from the environment of each run ({env:…} is OpenCode's own substitution), and every permission
 * allowed, including paths outside the project, as a user who lets the agent do anything would have it.
 */
function userConfig(model: string) {
  return {
    $schema: 'https://opencode.ai/config.json',
    provider: {
      [PROVIDER]: {
        npm: '@ai-sdk/openai-compatible',
        name: 'airlock e2e scripted model',
        options: { baseURL: '{env:AIRLOCK_E2E_MODEL_URL}', apiKey: 'airlock-e2e' },
        models: { [model]: { name: 'scripted' } },
      },
    },
    model: `${PROVIDER}/${model}`,
    small_model: `${PROVIDER}/${model}`,
    permission: { '*': 'allow', bash: 'allow', edit: 'allow', external_directory: 'allow', doom_loop: 'allow' },
    autoupdate: false,
    share: 'disabled',
  };
}

/**
 * OpenCode installs @opencode-ai/plugin from npm into each config directory, in the background, unless
 * that directory's package-lock.json already lists it (1.18: Npm.install checks node_modules exists and
 * the lock's root dependencies cover package.json). airlock's plugin imports nothing from it, so a lock
 * file that lists it is all OpenCode needs to stay off the network, as for a user who installed it once.
 */
function markPluginTypesInstalled(dir: string): void {
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  const deps = { '@opencode-ai/plugin': OPENCODE_VERSION };
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ dependencies: deps }, null, 2) + '\n');
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ name: 'opencode', lockfileVersion: 3, requires: true, packages: { '': { dependencies: deps } } }, null, 2) + '\n');
}

async function runTools(sb: Sandbox, calls: ToolCall[]): Promise<ScriptedRun> {
  const binary = agentBinary('opencode');
  if (!binary) throw new Error('OpenCode is not installed in test/e2e/agents');
  const model = await startOpenAIChatModel(calls);
  const env = {
    ...sb.env,
    ...loopbackOnly(model.baseUrl),
    AIRLOCK_E2E_MODEL_URL: model.baseUrl,
    // models.dev is where OpenCode would refresh its model list from; the provider here is local.
    OPENCODE_DISABLE_MODELS_FETCH: '1',
    OPENCODE_DISABLE_AUTOUPDATE: '1',
  };
  const args = ['run', '--format', 'json', '--print-logs', '--log-level', 'WARN', 'Run the next step of the task.'];
  return runAgainst(model, () => runProgram(binary, args, sb.project, env));
}

/**
 * A driver whose user has chosen `model`. OpenCode picks its file tools by the model's name: GPT models
 * get apply_patch, the others write and edit.
 */
export function openCodeDriverFor(model: string): AgentDriver & ScriptedDriver {
  return {
    agent: 'opencode',
    configure(sb) {
      const dir = openCodeConfigDir(sb);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'opencode.json'), JSON.stringify(userConfig(model), null, 2) + '\n');
      markPluginTypesInstalled(dir);
    },
    run: (sb, commands) => runTools(sb, commands.map(bash)),
    runTools,
  };
}

export const openCodeDriver = openCodeDriverFor(MODEL_ID);
