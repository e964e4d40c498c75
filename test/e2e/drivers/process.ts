// Running a real agent program as a child process that can never hang the suite: a deadline after
// which it and everything it started is killed and the run reported as timed out, and a model server
// that is always closed afterwards.

import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { outputOf } from '../../helpers.js';
import type { AgentRun, Sandbox } from '../harness.js';
import { NPM_REGISTRY_PATH, type ToolCall } from '../models/script.js';

/**
 * How long one agent run may take. A run here normally takes a few seconds; the margin is for a busy
 * 2-core CI machine. Override with AIRLOCK_E2E_AGENT_TIMEOUT_MS.
 */
const RUN_TIMEOUT_MS = Number(process.env.AIRLOCK_E2E_AGENT_TIMEOUT_MS) || 180_000;

/** What the drivers return: the shared AgentRun plus what the model server saw, for diagnosis. */
export interface ScriptedRun extends AgentRun {
  timedOut: boolean;
  /** Hosts the agent tried to reach past loopback (refused by the model server acting as proxy). */
  offLoopback: string[];
  /** Script problems, e.g. the agent did not offer the tool the script calls. */
  problems: string[];
  requests: unknown[];
}

/** Drivers that can hand out any tool call, not only shell commands. */
export interface ScriptedDriver {
  runTools(sb: Sandbox, calls: ToolCall[]): Promise<ScriptedRun>;
}

/** What every scripted model server keeps of a run. */
export interface RecordingModel {
  toolResults: string[];
  callToNextRequestMs: number[];
  requests: unknown[];
  offLoopback: string[];
  problems?: string[];
  close(): Promise<void>;
}

export interface Exit {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** The variable that marks every process one run started, however it detached itself. */
const TAG = 'AIRLOCK_E2E_RUN';

/**
 * Processes carrying this run's tag in their environment. Gemini CLI starts shell commands in a new
 * session, out of the agent's process group, and they outlive it; the inherited environment still
 * names them. Linux /proc only; elsewhere the process group is all there is.
 */
function tagged(tag: string): number[] {
  const marker = `${TAG}=${tag}\0`;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  return pids.flatMap((pid) => {
    try {
      return readFileSync(`/proc/${pid}/environ`, 'latin1').includes(marker) ? [Number(pid)] : [];
    } catch {
      return []; // gone, or not ours to read
    }
  });
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

// Agents still running when the test process exits (a test timed out around them) are killed with it.
const live = new Map<ChildProcess, string>();
process.on('exit', () => {
  for (const [child, tag] of live) killRun(child.pid, tag, 'SIGKILL');
});

/** Signals the agent's process group and every process tagged with this run. */
function killRun(pid: number | undefined, tag: string, sig: NodeJS.Signals): void {
  if (pid !== undefined) signal(-pid, sig);
  for (const p of tagged(tag)) signal(p, sig);
}

/** Runs `file args` in `cwd` with exactly `env`, stdin closed, and kills it at the deadline. */
export function runProgram(file: string, args: string[], cwd: string, env: Record<string, string>, timeoutMs = RUN_TIMEOUT_MS): Promise<Exit> {
  return new Promise((resolve) => {
    const tag = randomUUID();
    // Its own process group (detached), so that one signal reaches the agent and its helpers.
    const child = spawn(file, args, { cwd, env: { ...env, [TAG]: tag }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    live.set(child, tag);
    const output = outputOf(child);
    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = true;
      killRun(child.pid, tag, 'SIGTERM');
      // A program ignoring SIGTERM gets SIGKILL a little later.
      setTimeout(() => killRun(child.pid, tag, 'SIGKILL'), 5_000).unref();
    }, timeoutMs);
    let done = false;
    const finish = (exitCode: number | null, note = '') => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      live.delete(child);
      if (timedOut) note += `\n[e2e] HUNG: ${file} did not finish within ${timeoutMs} ms and was killed`;
      resolve({ exitCode, stdout: output.stdout, stderr: output.stderr + note, timedOut });
    };
    // Whatever the agent left running (a backgrounded or detached shell command) goes with it, so
    // that nothing holds the pipes open and 'close' follows, and nothing outlives the run.
    child.on('exit', () => killRun(child.pid, tag, 'SIGKILL'));
    child.on('error', (error) => finish(null, `\n[e2e] could not start ${file}: ${error.message}`));
    child.on('close', (code) => finish(code));
  });
}

/**
 * Runs the agent against `model`, then closes the model whatever happened. A run that had to be
 * killed at the deadline throws: nothing ran because nothing finished, which must not pass for
 * "airlock blocked it".
 */
export async function runAgainst(model: RecordingModel, start: () => Promise<Exit>): Promise<ScriptedRun> {
  try {
    const exit = await start();
    const problems = [...(model.problems ?? []), ...(model.offLoopback.length ? [`the agent tried to leave loopback: ${model.offLoopback.join(', ')}`] : [])];
    const run: ScriptedRun = {
      ...exit,
      // Problems go to stderr too, which the scenarios print when an assertion fails.
      stderr: exit.stderr + problems.map((p) => `\n[e2e] ${p}`).join(''),
      toolResults: [...model.toolResults],
      callToNextRequestMs: [...model.callToNextRequestMs],
      offLoopback: [...model.offLoopback],
      problems,
      requests: [...model.requests],
    };
    if (run.timedOut)
      throw new Error(
        `the agent hung and was killed\nrequests: ${JSON.stringify(run.requests)}\ntool results: ${JSON.stringify(run.toolResults)}\nstdout: ${run.stdout.slice(-2000)}\nstderr: ${run.stderr.slice(-2000)}`,
      );
    return run;
  } finally {
    await model.close();
  }
}

/**
 * Environment that keeps a program on loopback: the model server doubles as the HTTP(S) proxy and
 * refuses (and records) every tunnel, so a request for the internet fails at once instead of waiting
 * on DNS or a firewall, and shows up in the run; npm, should the agent run it, finds its registry there too.
 */
export function loopbackOnly(modelUrl: string): Record<string, string> {
  const proxy = new URL(modelUrl).origin;
  return {
    HTTPS_PROXY: proxy,
    HTTP_PROXY: proxy,
    https_proxy: proxy,
    http_proxy: proxy,
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
    npm_config_registry: `${proxy}${NPM_REGISTRY_PATH}`,
  };
}
