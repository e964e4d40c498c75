// `airlock exec -- <command>` and `airlock shell -c "<command>"`: for agents and CI systems without
// hooks. The command runs through bash only when the verdict is allow; for confirm, when a human at a
// real terminal says yes; for approve, once a human approves the request it leaves (it waits until the
// request expires). Anything else never runs; the reason goes to stderr.

import { spawnSync } from 'node:child_process';
import { appendRecord } from '../runtime/store.js';
import { outcomeRecord, requestRecord, type Requester } from '../store/audit.js';
import { maskSecrets } from '../core/mask.js';
import { judge } from '../runtime/judge.js';
import { EXIT_CODES } from '../policy/decide.js';
import { processEnv } from './process-env.js';
import { ask } from './terminal.js';

/** Judges and, if allowed, runs `command` with bash; returns the exit status to use. */
async function guarded(command: string, bashFlags: string[], label: string): Promise<number> {
  const vars = processEnv();
  const requester = { agent: label.replace('airlock ', 'airlock-'), session: '', cwd: process.cwd(), command };
  const { decision, policy, assessment, facts } = await judge({ command, cwd: requester.cwd, env: vars });
  // Held requests are recorded by the approval flow; every other verdict is recorded here.
  if (decision.verdict !== 'approve') process.stderr.write(await appendRecord(vars, requestRecord(requester, decision, decision.verdict, facts)));
  let run = decision.verdict === 'allow';
  if (decision.verdict === 'approve') {
    // Held for a human: leave a request and wait for the answer, until the request expires.
    const { holdForApproval } = await import('../approvals/flow.js');
    const held = await holdForApproval({
      decision,
      assessment,
      facts,
      policy,
      ...requester,
      env: vars,
      maxWaitMs: policy.approvals.timeoutMs,
      waitOverrideMs: policy.approvals.timeoutMs,
      onPending: (id, covers) =>
        process.stderr.write(
          `${decision.reason}\n${label}: waiting for a human to approve request ${id}: run \`airlock approve ${id}\` in a terminal (it expires in ${Math.round(policy.approvals.timeoutMs / 60000)} min).${covers ? ` ${covers}` : ''}\n`,
        ),
    });
    if (held.verdict !== 'allow') {
      process.stderr.write(`${held.verdict === 'deny' ? held.reason : 'No approval arrived before the request expired.'}\n${label}: the command did not run.\n`);
      return EXIT_CODES[held.verdict];
    }
    process.stderr.write(`${label}: approved; running it once.\n`);
    run = true;
  }
  if (decision.verdict === 'confirm') {
    process.stderr.write(`${decision.reason}\n`);
    if (process.stdin.isTTY && process.stderr.isTTY) {
      run = (await ask(`Run \`${maskSecrets(command)}\`? [y/N] `, process.stderr)).toLowerCase().startsWith('y');
    } else process.stderr.write(`${label}: a human must confirm this at a terminal; there is none, so it did not run.\n`);
  } else if (!run && decision.verdict !== 'approve') {
    process.stderr.write(`${decision.reason}\n${label}: the command did not run.\n`);
  }
  if (!run) return EXIT_CODES[decision.verdict === 'allow' ? 'confirm' : decision.verdict];
  const result = spawnSync('bash', [...bashFlags, '-c', command], { stdio: 'inherit' });
  if (result.error) {
    process.stderr.write(`${label}: could not start bash: ${result.error.message}\n`);
    return 127;
  }
  const status = result.status ?? 128 + 1;
  await recordExit(vars, requester, status, result.signal !== null);
  return status;
}

/** What ran and how it ended, as a post-execution hook would report it. */
async function recordExit(vars: Record<string, string>, requester: Requester, exitCode: number, interrupted: boolean): Promise<void> {
  process.stderr.write(await appendRecord(vars, outcomeRecord({ ...requester, tool: 'bash', exitCode, interrupted })));
}

export async function runExec(argv: string[]): Promise<number> {
  const dd = argv.indexOf('--');
  const words = dd >= 0 ? argv.slice(dd + 1) : argv;
  if (words.length === 0) {
    process.stderr.write('usage: airlock exec -- <command> [args...]   (or a single quoted command line)\n');
    return 2;
  }
  // One argument is a command line (`airlock exec -- 'a && b'`); several are an argv to quote. Not
  // shellJoin: that leaves `~` bare, which is right for judging text but here bash would expand it.
  const command = words.length === 1 ? words[0]! : words.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');
  return guarded(command, [], 'airlock exec');
}

/** A drop-in for `bash -c`: `SHELL=airlock-shell` style use, with bash's own flags passed through. */
export async function runShell(argv: string[]): Promise<number> {
  const flags: string[] = [];
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(a)) {
      const rest = a.replace('c', '');
      if (rest !== '-') flags.push(rest);
      command = argv[i + 1];
      break;
    }
    if (a === '-o' || a === '+o') {
      flags.push(a, argv[++i] ?? '');
      continue;
    }
    flags.push(a);
  }
  if (command === undefined) {
    process.stderr.write('airlock shell runs commands given with -c, as `bash -c` does; an interactive shell could not be checked command by command, so it is not offered.\n');
    return 2;
  }
  return guarded(command, flags, 'airlock shell');
}
