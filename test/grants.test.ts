// Grants end to end through the real CLI, with a pseudo-terminal for the human: a grant opens a
// window in which a production write is allowed; it is held again after the grant expires and after it
// is revoked. Without a terminal, `airlock grant` refuses, and an agent's `airlock approve` is denied.
// Grants kept in grants.jsonl by an earlier version are imported into the store once.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Grant } from '../src/core/grant.js';
import { grantRecord } from '../src/store/audit.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import { BIN, airlockEnv, inTerminal, removeAtExit } from './helpers.js';

const home = mkdtempSync(join(tmpdir(), 'airlock-grants-home-'));
const env = airlockEnv(home);
const PROD_WRITE = 'DATABASE_URL=postgres://u:p@prod-db.internal/app npx prisma migrate deploy';

const human = (args: string[], answers: [string, string][]) => inTerminal(env, args, answers);

const check = (command: string) => spawnSync(process.execPath, [BIN, 'check', '--json', command], { encoding: 'utf8', env, cwd: home });
const verdictOf = (command: string) => JSON.parse(check(command).stdout).verdict as string;

test('a grant opens a window for production writes, and expiry and revoke close it', async () => {
  assert.equal(verdictOf(PROD_WRITE), 'approve');

  const wrong = human(['grant', 'write', '--env', 'production', '--for', '30m', '--reason', 'hotfix 142'], [['to confirm', 'prod']]);
  assert.equal(wrong.status, 1);
  assert.match(wrong.output, /Not confirmed; nothing was granted/);
  assert.equal(verdictOf(PROD_WRITE), 'approve');

  const granted = human(['grant', 'write', '--env', 'production', '--for', '30m', '--reason', 'hotfix 142'], [['to confirm', 'production']]);
  assert.equal(granted.status, 0, granted.output);
  const id = /Granted (g-[0-9a-f]+)/.exec(granted.output)?.[1];
  assert.ok(id, granted.output);
  const inside = JSON.parse(check(PROD_WRITE).stdout);
  assert.equal(inside.verdict, 'allow');
  assert.equal(inside.grant.id, id);
  // A write grant never covers destruction, and never other environments.
  assert.equal(verdictOf('DATABASE_URL=postgres://u:p@prod-db.internal/app npx prisma migrate reset --force'), 'approve');
  assert.equal(verdictOf('DATABASE_URL=postgres://u:p@db.staging.internal/app npx prisma migrate reset --force'), 'approve');

  const status = spawnSync(process.execPath, [BIN, 'status'], { encoding: 'utf8', env });
  assert.match(status.stdout, new RegExp(`${id}\\s+write in production .* left`));

  const revoked = spawnSync(process.execPath, [BIN, 'revoke', id!], { encoding: 'utf8', env });
  assert.equal(revoked.status, 0);
  assert.equal(verdictOf(PROD_WRITE), 'approve');

  const short = human(['grant', 'write', '--env', 'production', '--for', '2s', '--reason', 'short window'], [['to confirm', 'production']]);
  assert.equal(short.status, 0, short.output);
  assert.equal(verdictOf(PROD_WRITE), 'allow');
  await sleep(2500);
  assert.equal(verdictOf(PROD_WRITE), 'approve', 'held again once the grant expired');
});

test('a destroy grant still needs per-command approval by default', () => {
  const granted = human(['grant', 'destroy', '--env', 'production', '--for', '5m', '--reason', 'cleanup'], [['to confirm', 'production']]);
  assert.equal(granted.status, 0, granted.output);
  assert.match(granted.output, /still need approval one by one/);
  assert.equal(verdictOf('terraform destroy -var-file=prod.tfvars'), 'approve');
  spawnSync(process.execPath, [BIN, 'revoke', '--all'], { encoding: 'utf8', env });
});

test('airlock grant refuses to run without a terminal', () => {
  const r = spawnSync(process.execPath, [BIN, 'grant', 'write', '--env', 'production', '--for', '30m', '--reason', 'x'], { encoding: 'utf8', env, input: 'production\n' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /refusing to run without an interactive terminal/);
  assert.equal(verdictOf(PROD_WRITE), 'approve');
});

test('an agent cannot grant, approve, revoke or edit the policy, by any route', () => {
  for (const command of [
    'bash -c "airlock approve x"',
    'airlock grant write --env production --for 30m --reason x',
    'sudo airlock revoke g-1',
    "sh -c 'cd /tmp && airlock uninstall'",
    "echo 'airlock approve a1' | bash",
    'printf "airlock grant write\\n" > /tmp/g.sh; bash /tmp/g.sh',
    "echo 'matrix: {}' > .airlock/policy.yaml",
    `rm ${join(home, '.config/airlock/policy.yaml')}`,
  ]) {
    const out = JSON.parse(check(command).stdout);
    assert.equal(out.verdict, 'deny', command);
    assert.ok(
      out.findings.some((f: { rule: string }) => f.rule === 'airlock/self-protection'),
      command,
    );
  }
});

test('grants opened before they moved into the store (grants.jsonl) are imported once; a line the log never recorded is not a grant', async () => {
  const home2 = mkdtempSync(join(tmpdir(), 'airlock-grants-legacy-'));
  removeAtExit(home2);
  const state = join(home2, 'state');
  const env2 = { ...env, HOME: home2, AIRLOCK_STATE_DIR: state };
  const now = Date.now();
  const opened: Grant = { id: 'g-0ld001', effect: 'write', environment: 'production', reason: 'hotfix 141', createdAt: now, expiresAt: now + 30 * 60_000, by: 'alice' };
  const planted: Grant = { ...opened, id: 'g-f0rged', reason: 'never opened by anyone' };
  // As an earlier airlock left it: the grant's opening in the log, and the grants in grants.jsonl.
  const store = new SqliteStore(join(state, 'audit.db'));
  await store.transaction((tx) => tx.append(grantRecord(opened)));
  await store.close();
  writeFileSync(join(state, 'grants.jsonl'), [JSON.stringify({ type: 'grant', grant: opened }), JSON.stringify({ type: 'grant', grant: planted }), '{"type":"grant","grant":{"id":'].join('\n') + '\n');
  const check2 = (command: string) => JSON.parse(spawnSync(process.execPath, [BIN, 'check', '--json', command], { encoding: 'utf8', env: env2, cwd: home2 }).stdout);
  const inside = check2(PROD_WRITE);
  assert.equal(inside.verdict, 'allow');
  assert.equal(inside.grant.id, opened.id);
  assert.ok(!existsSync(join(state, 'grants.jsonl')));
  assert.ok(existsSync(join(state, 'grants.jsonl.imported')));
  const status = spawnSync(process.execPath, [BIN, 'status'], { encoding: 'utf8', env: env2 }).stdout;
  assert.match(status, /g-0ld001\s+write in production/);
  assert.doesNotMatch(status, /g-f0rged/);
  // Imported means kept in the store: revoking it there closes it.
  assert.equal(spawnSync(process.execPath, [BIN, 'revoke', opened.id], { encoding: 'utf8', env: env2 }).status, 0);
  assert.equal(check2(PROD_WRITE).verdict, 'approve');
});
