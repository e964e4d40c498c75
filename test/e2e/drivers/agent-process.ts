// Running a real agent program so that it can never hang the suite: its own process group (the shell
// commands it starts die with it), a deadline after which the whole group is killed and the run is
// reported as hung, no stdin, and an environment that keeps it on loopback.

import { spawn, type ChildProcess } from 'node:child_process';
import type { AgentRun, Sandbox } from '../harness.js';
import { NPM_REGISTRY_PATH, type ScriptedModel, type SeenRequest, type ToolCall } from '../models/openai-chat.js';

/**
 * How long one agent run may take. A run normally takes a few seconds; the margin is for a busy 2-core
 * CI machine. AIRLOCK_E2E_AGENT_TIMEOUT_MS overrides it.
 */
export const RUN_TIMEOUT_MS = Number(process.env.AIRLOCK_E2E_AGENT_TIMEOUT_MS) || 180_000;

/** A driver's run: the shared AgentRun plus what the model server saw, for diagnosis. */
export interface ScriptedRun extends AgentRun {
  timedOut: boolean;
  /** Where the agent tried to go past loopback (refused by the model server acting as its proxy). */
  offLoopback: string[];
  /** Script problems, e.g. the agent did not offer the tool the script calls. */
  problems: string[];
  requests: SeenRequest[];
}

/** The drivers in this folder: the shared interface, and any tool calls, not only shell commands. */
export interface ScriptedDriver {
  runTools(sb: Sandbox, calls: ToolCall[]): Promise<ScriptedRun>;
}

// Agents still running when the test process exits (a test timed out around them) are killed with it.
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) killGroup(child, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * The sandbox's environment plus what keeps the agent on loopback: the model server doubles as the
 * HTTP(S) proxy and refuses every tunnel (so a call to the internet fails at once and shows up in the
 * run), and npm, should the agent run it, finds its registry here too (refused and recorded).
 */
export function loopbackEnv(sb: Sandbox, model: ScriptedModel): Record<string, string> {
  const proxy = new URL(model.baseUrl).origin;
  return {
    ...sb.env,
    HTTP_PROXY: proxy,
    HTTPS_PROXY: proxy,
    http_proxy: proxy,
    https_proxy: proxy,
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
    npm_config_registry: `${proxy}${NPM_REGISTRY_PATH}`,
  };
}

interface Exit {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Runs `file args` in `cwd` with exactly `env`, and kills its whole group at the deadline. */
export function runProgram(file: string, args: string[], cwd: string, env: Record<string, string>, timeoutMs = RUN_TIMEOUT_MS): Promise<Exit> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    live.add(child);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const deadline = setTimeout(() => {
      timedOut = true;
      killGroup(child, 'SIGTERM');
      setTimeout(() => killGroup(child, 'SIGKILL'), 5_000).unref();
    }, timeoutMs);
    let done = false;
    const finish = (exitCode: number | null, note = '') => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      live.delete(child);
      if (timedOut) note += `\n[e2e] HUNG: ${file} did not finish within ${timeoutMs} ms and was killed`;
      resolve({ exitCode, stdout, stderr: stderr + note, timedOut });
    };
    // Anything the agent left running in its group (a backgrounded command) would hold the pipes open.
    child.on('exit', () => killGroup(child, 'SIGKILL'));
    child.on('error', (error) => finish(null, `\n[e2e] could not start ${file}: ${error.message}`));
    child.on('close', (code) => finish(code));
  });
}

/** Runs the agent against `model`, then closes the model whatever happened. */
export async function runAgainst(model: ScriptedModel, start: () => Promise<Exit>): Promise<ScriptedRun> {
  try {
    const exit = await start();
    const problems = [...model.problems, ...(model.offLoopback.length ? [`the agent tried to leave loopback: ${model.offLoopback.join(', ')}`] : [])];
    return {
      ...exit,
      // Problems go to stderr too, which the scenarios print when an assertion fails.
      stderr: exit.stderr + problems.map((p) => `\n[e2e] ${p}`).join(''),
      toolResults: [...model.toolResults],
      callToNextRequestMs: [...model.callToNextRequestMs],
      offLoopback: [...model.offLoopback],
      problems,
      requests: [...model.requests],
    };
  } finally {
    await model.close();
  }
}
