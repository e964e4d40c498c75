// `airlock hook <agent>`: reads the agent's hook JSON on stdin and answers in its protocol.

import { readFileSync, writeSync } from 'node:fs';
import { runHook } from '../agents/hook.js';
import { processEnv } from './process-env.js';

export async function run(args: string[]): Promise<number> {
  let stdin = '';
  try {
    stdin = readFileSync(0, 'utf8');
  } catch {
    stdin = '';
  }
  const env = processEnv();
  // The installed hook command names the agent's time limit for it; the clock started with the process.
  const flag = args.slice(1).find((a) => a.startsWith('--timeout-ms='));
  const timeoutMs = flag ? Number(flag.slice('--timeout-ms='.length)) : undefined;
  // When the process started, without touching `performance` (its first use loads perf_hooks, ~1 ms).
  const startedAt = Date.now() - process.uptime() * 1000;
  const timing = { startedAt, ...(timeoutMs && Number.isFinite(timeoutMs) && timeoutMs > 0 ? { timeoutMs } : {}) };
  const answer = await runHook(args[0], stdin, env, process.cwd(), timing);
  // Synchronous for files and pipes on Linux, so the answer is out before the word below.
  if (answer.stdout) process.stdout.write(answer.stdout);
  if (answer.stderr) process.stderr.write(answer.stderr);
  // The installed wrapper lets an exit 0 through only when the hook says, on this fd, that it answered.
  const answerFd = args.find((a) => a.startsWith('--answer-fd='));
  if (answerFd) {
    try {
      writeSync(Number(answerFd.slice('--answer-fd='.length)), 'answered');
    } catch {
      // Not run through the wrapper: nothing is waiting for the word.
    }
  }
  return answer.exitCode;
}
