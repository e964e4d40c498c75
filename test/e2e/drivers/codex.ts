// Drives the real Codex CLI (test/e2e/agents, 0.171.0) against the scripted Responses model on loopback:
// a custom model provider in $CODEX_HOME/config.toml, the project trusted, and `codex exec` with approvals
// and sandbox bypassed, the mode that would otherwise let anything through. The model's exec_command
// reaches hooks as tool `Bash` with `{command}`.

import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { agentBinary, type AgentDriver, type Sandbox } from '../harness.js';
import { runAgainst, runProgram, type ScriptedRun } from './process.js';
import { startResponsesModel, type ToolCall } from '../models/openai-responses.js';

const PROVIDER = 'scripted';
/** Where nothing listens: any request that tries to leave loopback through a proxy fails at once. */
const NOWHERE = 'http://127.0.0.1:9';

export function codexHome(sb: Sandbox): string {
  return join(sb.home, '.codex');
}

/** A user's Codex settings: the scripted provider, no update checks, the project trusted. */
function userConfig(sb: Sandbox): string {
  return [
    `model = "scripted-model"`,
    `model_provider = "${PROVIDER}"`,
    `check_for_update_on_startup = false`,
    ``,
    `[model_providers.${PROVIDER}]`,
    `name = "Scripted model on loopback"`,
    // The real port is given per run with -c, as each run has its own server.
    `base_url = "${NOWHERE}/v1"`,
    `wire_api = "responses"`,
    `env_key = "SCRIPTED_API_KEY"`,
    `request_max_retries = 0`,
    `stream_max_retries = 0`,
    ``,
    // Nothing on the side: no plugin sync or connector discovery (they would try github.com and chatgpt.com).
    `[features]`,
    `plugins = false`,
    `remote_plugin = false`,
    `apps = false`,
    ``,
    `[analytics]`,
    `enabled = false`,
    ``,
    `[projects.${JSON.stringify(sb.project)}]`,
    `trust_level = "trusted"`,
    ``,
  ].join('\n');
}

/** The environment Codex runs in: the sandbox's, with every proxy pointing nowhere but loopback exempt. */
function codexEnv(sb: Sandbox): Record<string, string> {
  return {
    ...sb.env,
    CODEX_HOME: codexHome(sb),
    SCRIPTED_API_KEY: 'sk-scripted-not-a-real-key',
    HTTPS_PROXY: NOWHERE,
    HTTP_PROXY: NOWHERE,
    ALL_PROXY: NOWHERE,
    https_proxy: NOWHERE,
    http_proxy: NOWHERE,
    all_proxy: NOWHERE,
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
    RUST_LOG: 'warn',
  };
}

/** Runs `codex exec` once against a fresh scripted model handing out `calls`. */
export async function runCodex(sb: Sandbox, calls: ToolCall[], args: string[] = []): Promise<ScriptedRun> {
  const binary = agentBinary('codex');
  if (!binary) throw new Error('codex is not installed in test/e2e/agents');
  const model = await startResponsesModel(calls);
  const argv = [
    'exec',
    '--dangerously-bypass-approvals-and-sandbox',
    '--skip-git-repo-check',
    '--json',
    '-c',
    `model_providers.${PROVIDER}.base_url="${model.baseUrl}"`,
    ...args,
    'Run the command you are given, then stop.',
  ];
  // The same runner as the other agents: its own process group, a deadline, and a hang that fails loudly.
  return runAgainst(
    {
      get toolResults() {
        return model.toolResults();
      },
      get callToNextRequestMs() {
        return model.callToNextRequestMs();
      },
      requests: model.requests,
      offLoopback: [],
      close: () => model.close(),
    },
    () => runProgram(binary, argv, sb.project, codexEnv(sb)),
  );
}

export const codexDriver: AgentDriver = {
  agent: 'codex',
  configure(sb) {
    // airlock and Codex must agree on CODEX_HOME; the harness's airlock() uses sb.env.
    sb.env.CODEX_HOME = codexHome(sb);
    mkdirSync(codexHome(sb), { recursive: true });
    writeFileSync(join(codexHome(sb), 'config.toml'), userConfig(sb));
  },
  run(sb, commands) {
    return runCodex(
      sb,
      commands.map((cmd) => ({ name: 'exec_command', input: { cmd } })),
    );
  },
};

/** One hook as the real Codex lists it (app-server `hooks/list`), with the hash and trust it computed. */
export interface ListedHook {
  key: string;
  eventName: string;
  command: string | null;
  matcher: string | null;
  timeoutSec: number;
  enabled: boolean;
  currentHash: string;
  trustStatus: 'managed' | 'untrusted' | 'trusted' | 'modified';
}

/**
 * Asks the real Codex which hooks it would run for the project and whether it trusts each: the same
 * discovery `codex exec` does, through `codex app-server` and its `hooks/list` request on stdio.
 */
export async function codexHooksList(sb: Sandbox): Promise<{ hooks: ListedHook[]; warnings: string[] }> {
  const binary = agentBinary('codex');
  if (!binary) throw new Error('codex is not installed in test/e2e/agents');
  const child = spawn(binary, ['app-server'], { cwd: sb.project, env: codexEnv(sb), stdio: ['pipe', 'pipe', 'pipe'] });
  const send = (message: unknown) => child.stdin.write(JSON.stringify(message) + '\n');
  try {
    return await new Promise((resolve, reject) => {
      let buffer = '';
      child.on('error', reject);
      child.on('close', (code) => reject(new Error(`codex app-server exited (${code}) before answering hooks/list`)));
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        buffer += chunk;
        for (let nl = buffer.indexOf('\n'); nl !== -1; nl = buffer.indexOf('\n')) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          let message: { id?: number; result?: { data: Array<{ hooks: ListedHook[]; warnings: string[] }> }; error?: unknown };
          try {
            message = JSON.parse(line);
          } catch {
            continue;
          }
          if (message.id === 0) {
            send({ method: 'initialized' });
            send({ method: 'hooks/list', id: 1, params: { cwds: [sb.project] } });
          } else if (message.id === 1) {
            if (!message.result) reject(new Error(`hooks/list failed: ${JSON.stringify(message.error)}`));
            else resolve({ hooks: message.result.data.flatMap((d) => d.hooks), warnings: message.result.data.flatMap((d) => d.warnings) });
          }
        }
      });
      send({ method: 'initialize', id: 0, params: { clientInfo: { name: 'airlock-e2e', version: '1' } } });
    });
  } finally {
    child.kill('SIGKILL');
  }
}
