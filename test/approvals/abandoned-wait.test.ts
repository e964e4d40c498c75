// A hook whose time ran out never uses an approval. Through the real hook (dist/hook.cjs) waiting for a
// human (approvals.wait), the human answering with the real CLI in a pseudo-terminal, separate processes
// and a real SQLite file: the hook is stopped (SIGSTOP, as a swapping or overloaded machine stops it)
// while it waits, kept stopped until its budget is gone, and the human's approval arrives then. When it
// runs again it must answer "blocked" or "held", never "allowed", and the approval must stay unused,
// for the agent's next try. Before the wait followed the hook's budget, the waiting loop woke up, found
// the approval and used it, answering an agent that had stopped listening.

import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { hookBudgetMs } from '../../src/agents/budget.js';
import { BIN, HOOK, airlockEnv, claudeCodePayload, approveAtTerminal, removeAtExit, sqlite3 } from '../helpers.js';

const PROD = 'DATABASE_URL=postgres://u:p@prod-db.internal/app npx prisma migrate deploy';
/** The agent's time limit for the hook, as installed: the hook's budget is a little less. */
const TIMEOUT_MS = 10_000;

function world() {
  const home = mkdtempSync(join(tmpdir(), 'airlock-abandoned-'));
  removeAtExit(home);
  mkdirSync(join(home, '.config/airlock'), { recursive: true });
  // The hook waits for the human, up to what its budget allows.
  writeFileSync(join(home, '.config/airlock/policy.yaml'), 'approvals:\n  wait: 120s\n');
  const env = airlockEnv(home);
  const payload = JSON.stringify(claudeCodePayload(PROD, home));
  const cli = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env });
  /** The hook as the agent runs it, left running: its answer comes when it exits. */
  const hook = () => {
    const child = spawn(process.execPath, [HOOK, 'claude-code', `--timeout-ms=${TIMEOUT_MS}`], { env, cwd: home });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.end(payload);
    const answered = new Promise<{ allowed: boolean; status: number | null; stdout: string; stderr: string }>((resolve) =>
      child.on('close', (status) => resolve({ allowed: status === 0 && stdout === '', status, stdout, stderr })),
    );
    return { child, answered };
  };
  /** The hook's answer to the same command, run to its end (the wait ends at once if an approval is there). */
  const retry = () => {
    const r = spawnSync(process.execPath, [HOOK, 'claude-code', `--timeout-ms=${TIMEOUT_MS}`], { input: payload, encoding: 'utf8', env, cwd: home });
    return { allowed: r.status === 0 && r.stdout === '', text: r.stdout + r.stderr };
  };
  const approve = (id: string) => approveAtTerminal(env, id);
  const status = (id: string) => sqlite3(join(home, 'state', 'audit.db'), `SELECT status FROM approvals WHERE id = '${id}'`);
  const log = () =>
    cli(['log', '--json'])
      .stdout.trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { kind: string; detail?: Record<string, unknown>; verdict?: string; command?: string });
  const transitions = (id: string) =>
    log()
      .filter((e) => e.kind === 'approval' && e.detail?.id === id)
      .map((e) => e.detail!.transition);
  return { cli, hook, retry, approve, status, log, transitions };
}

/** Waits until the hook has left its request (it is then waiting for the human); returns the id and when it was seen. */
async function pendingRequest(w: ReturnType<typeof world>, child: ChildProcess): Promise<{ id: string; seenAt: number }> {
  for (;;) {
    assert.equal(child.exitCode, null, 'the hook answered before it could be stopped while waiting');
    const id = w
      .cli(['pending', '--json'])
      .stdout.trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l).id as string)[0];
    if (id) return { id, seenAt: Date.now() };
    await sleep(50);
  }
}

/** Stops the hook where it waits, and keeps it stopped until its budget has certainly run out. */
async function stopPastItsBudget(child: ChildProcess, seenAt: number): Promise<void> {
  assert.ok(child.kill('SIGSTOP'));
  // The hook started before it made the request we saw, so its budget ends before seenAt + the budget.
  const past = seenAt + hookBudgetMs(TIMEOUT_MS) + 500 - Date.now();
  await sleep(Math.max(0, past));
}

test("an approval that arrives after the waiting hook's budget ran out is not used: the hook says blocked or held, and the approval waits for the next try", async () => {
  const w = world();
  const { child, answered } = w.hook();
  const { id, seenAt } = await pendingRequest(w, child);
  await stopPastItsBudget(child, seenAt);
  // The human answers now: after the hook's time is up, while it can't run.
  w.approve(id);
  assert.ok(child.kill('SIGCONT'));
  const answer = await answered;
  assert.equal(answer.allowed, false, `the hook let the command through after its time ran out:\n${answer.stdout}${answer.stderr}`);
  assert.equal(w.status(id), 'approved', 'the approval was used for an answer the agent never saw');
  assert.deepEqual(w.transitions(id), ['requested', 'approved']);
  // The approval still stands: the agent's next try of the same command is allowed, once.
  const next = w.retry();
  assert.equal(next.allowed, true, next.text);
  assert.deepEqual(w.transitions(id), ['requested', 'approved', 'consumed']);
  assert.equal(w.cli(['verify']).status, 0);
});

test('a hook that answered "blocked" because its budget ran out stops waiting: a human approving afterwards leaves the approval unused, and the log says the command was blocked', async () => {
  const w = world();
  const { child, answered } = w.hook();
  const { id, seenAt } = await pendingRequest(w, child);
  await stopPastItsBudget(child, seenAt);
  assert.ok(child.kill('SIGCONT'));
  // The hook answers and exits by itself: nothing it started keeps it waiting.
  const answer = await answered;
  assert.equal(answer.allowed, false);
  w.approve(id);
  assert.equal(w.status(id), 'approved');
  assert.deepEqual(w.transitions(id), ['requested', 'approved']);
  // What the agent was told is in the log: held with this request, or blocked for lack of time.
  const requests = w.log().filter((e) => e.kind === 'request' && e.command === PROD);
  if (answer.status === 2) {
    assert.match(answer.stderr, /could not finish before the agent's time limit/);
    assert.ok(
      requests.some((e) => e.detail?.blocked === true && e.verdict === 'deny'),
      JSON.stringify(requests),
    );
  } else assert.match(answer.stdout, new RegExp(`approval request ${id}`));
  assert.equal(w.retry().allowed, true);
});
