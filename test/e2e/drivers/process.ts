// Running a real agent program as a child process that can never hang the suite: its own process
// group (so the shell commands it starts die with it), a deadline after which the whole group is
// killed and the run reported as timed out, and a model server that is always closed afterwards.

import { spawn } from 'node:child_process';
import type { AgentRun } from '../harness.js';
import type { ModelServer, SeenRequest } from '../models/script.js';

/**
 * How long one agent run may take. A run here normally takes a few seconds; the margin is for a busy
 * 2-core CI machine. Override with AIRLOCK_E2E_AGENT_TIMEOUT_MS.
 */
export const RUN_TIMEOUT_MS = Number(process.env.AIRLOCK_E2E_AGENT_TIMEOUT_MS) || 180_000;

/** What the drivers return: the shared AgentRun plus what the model server saw, for diagnosis. */
export interface ScriptedRun extends AgentRun {
  timedOut: boolean;
  /** Hosts the agent tried to reach past loopback (refused by the model server acting as proxy). */
  offLoopback: string[];
  requests: SeenRequest[];
}

interface Exit {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Runs `file args` in `cwd` with exactly `env`, stdin closed, and kills it at the deadline. */
export function runProgram(file: string, args: string[], cwd: string, env: Record<string, string>, timeoutMs = RUN_TIMEOUT_MS): Promise<Exit> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const deadline = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid, 'SIGTERM');
      // A program ignoring SIGTERM gets SIGKILL a little later.
      setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5_000).unref();
    }, timeoutMs);
    let done = false;
    const finish = (exitCode: number | null, note = '') => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      if (timedOut) note += `\n[e2e] ${file} did not finish within ${timeoutMs} ms and was killed`;
      resolve({ exitCode, stdout, stderr: stderr + note, timedOut });
    };
    // Whatever the agent left running in its group (a backgrounded shell command) goes with it, so
    // that nothing holds the pipes open and 'close' follows.
    child.on('exit', () => killGroup(child.pid, 'SIGKILL'));
    child.on('error', (error) => finish(null, `\n[e2e] could not start ${file}: ${error.message}`));
    child.on('close', (code) => finish(code));
  });
}

/** Runs the agent against `model`, then closes the model whatever happened. */
export async function runAgainst(model: ModelServer, start: () => Promise<Exit>): Promise<ScriptedRun> {
  try {
    const exit = await start();
    return {
      ...exit,
      toolResults: [...model.toolResults],
      callToNextRequestMs: [...model.callToNextRequestMs],
      offLoopback: [...model.offLoopback],
      requests: [...model.requests],
    };
  } finally {
    await model.close();
  }
}

/**
 * Environment that keeps a program on loopback: the model server doubles as the HTTP(S) proxy and
 * refuses (and records) every tunnel, so a request for the internet fails at once instead of waiting
 * on DNS or a firewall, and shows up in the run.
 */
export function loopbackOnly(model: ModelServer): Record<string, string> {
  return {
    HTTPS_PROXY: model.url,
    HTTP_PROXY: model.url,
    https_proxy: model.url,
    http_proxy: model.url,
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
  };
}
