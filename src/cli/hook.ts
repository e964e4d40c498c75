// `airlock hook <agent>`: reads the agent's hook JSON on stdin and answers in its protocol.

import { readFileSync } from 'node:fs';
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
  const timing = { startedAt: performance.timeOrigin, ...(timeoutMs && Number.isFinite(timeoutMs) && timeoutMs > 0 ? { timeoutMs } : {}) };
  const answer = await runHook(args[0], stdin, env, process.cwd(), timing);
  if (answer.stdout) process.stdout.write(answer.stdout);
  if (answer.stderr) process.stderr.write(answer.stderr);
  return answer.exitCode;
}
