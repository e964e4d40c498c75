// Approvals end to end, through the real hook (dist/hook.cjs) and CLI (bin/airlock.mjs), with a
// pseudo-terminal for the human: a held production command gives a request; approving it lets the
// identical retry through exactly once; a changed command is held again; deny and expiry work; and a
// hook that waits lets the command through when the approval arrives.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { BIN, HOOK, airlockEnv, claudeCodePayload, exitOf, inTerminal, poll, runHook } from './helpers.js';

const PROD = 'DATABASE_URL=postgres://u:p@prod-db.internal/app npx prisma migrate deploy';

function world(policy?: string) {
  const home = mkdtempSync(join(tmpdir(), 'airlock-approvals-'));
  if (policy) {
    mkdirSync(join(home, '.config/airlock'), { recursive: true });
    writeFileSync(join(home, '.config/airlock/policy.yaml'), policy);
  }
  const env = airlockEnv(home);
  const payload = (command: string) => JSON.stringify(claudeCodePayload(command, home));
  const hook = (command: string) => {
    const r = runHook('claude-code', payload(command), { env, cwd: home });
    const reason = r.stdout ? (JSON.parse(r.stdout).hookSpecificOutput.permissionDecisionReason as string) : '';
    return { allowed: r.status === 0 && r.stdout === '', reason, id: /approval request ([a-z2-9]{6})/.exec(reason)?.[1], raw: r };
  };
  const human = (args: string[], answers: [string, string][]) => inTerminal(env, args, answers);
  const cli = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env });
  return { home, env, payload, hook, human, cli };
}

test('approve lets the identical retry through exactly once; a changed command is held again', () => {
  const w = world();
  const held = w.hook(PROD);
  assert.equal(held.allowed, false);
  assert.ok(held.id, held.reason);
  assert.match(held.reason, /airlock approve [a-z2-9]{6}/);
  // The same command again, before anyone answers, is the same request.
  assert.equal(w.hook(PROD).id, held.id);

  assert.match(w.cli(['status']).stdout, new RegExp(`pending approvals:\\n  ${held.id}\\s+production\\s+\\d+m\\d+s left\\s+DATABASE_URL=postgres://u:\\*\\*\\*@prod-db`));
  const pending = w
    .cli(['pending', '--json'])
    .stdout.trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(pending.length, 1);
  assert.equal(pending[0].id, held.id);
  assert.equal(pending[0].request.environment, 'production');

  const wrongName = w.human(['approve', held.id!], [['to approve', 'prod']]);
  assert.equal(wrongName.status, 1);
  assert.match(wrongName.output, /still pending/);
  const approve = w.human(['approve', held.id!], [['to approve', 'production']]);
  assert.equal(approve.status, 0, approve.output);
  assert.match(approve.output, /prisma migrate deploy[\s\S]*production[\s\S]*Approved/);

  assert.equal(w.hook(`${PROD} --schema prisma/other.prisma`).allowed, false, 'a changed command is a new request');
  const retry = w.hook(PROD);
  assert.equal(retry.allowed, true, retry.reason);
  const again = w.hook(PROD);
  assert.equal(again.allowed, false, 'an approval is used once');
  assert.notEqual(again.id, held.id);

  const verify = w.cli(['verify']);
  assert.equal(verify.status, 0, verify.stdout);
  const log = w
    .cli(['log', '--json'])
    .stdout.trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const transitions = log.filter((e) => e.kind === 'approval' && e.detail.id === held.id).map((e) => e.detail.transition);
  assert.deepEqual(transitions, ['requested', 'approved', 'consumed']);
});

test("deny: the retry is denied with the human's reason", () => {
  const w = world();
  const held = w.hook(PROD);
  const deny = w.human(['deny', held.id!, '--reason', 'not during the sale'], []);
  assert.equal(deny.status, 0, deny.output);
  const retry = w.hook(PROD);
  assert.equal(retry.allowed, false);
  assert.match(retry.reason, /denied request [a-z2-9]{6} for this exact command: not during the sale/);
});

test('expiry: an expired request cannot be approved, and the command stays held', async () => {
  const w = world('approvals:\n  timeout: 1s\n');
  const held = w.hook(PROD);
  await sleep(1300);
  const late = w.human(['approve', held.id!], [['to approve', 'production']]);
  assert.equal(late.status, 1);
  assert.match(late.output, /is expired, not pending/);
  assert.equal(w.hook(PROD).allowed, false);
});

test('approve and deny refuse to run without a terminal', () => {
  const w = world();
  const held = w.hook(PROD);
  for (const verb of ['approve', 'deny']) {
    const r = w.cli([verb, held.id!]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /refusing to run without an interactive terminal/);
  }
});

test('wait mode: the hook waits, and lets the command through when the approval arrives', async () => {
  const w = world('approvals:\n  wait: 20s\n');
  const child = spawn(process.execPath, [HOOK, 'claude-code'], { env: w.env, cwd: w.home });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stdin.end(w.payload(PROD));
  const exited = exitOf(child);
  const id = await poll(
    () =>
      w
        .cli(['pending', '--json'])
        .stdout.trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l).id as string)[0],
  );
  assert.ok(id, 'the waiting hook should have left a pending request');
  const approve = w.human(['approve', id!], [['to approve', 'production']]);
  assert.equal(approve.status, 0, approve.output);
  assert.equal(await exited, 0);
  assert.equal(stdout, '', 'allowed: Claude Code gets no output');
});
