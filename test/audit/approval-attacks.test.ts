// Attacks from outside on approvals and the log, with the real hook and CLI as separate processes, by
// something that can write the state directory (the attacker's own sqlite3, or plain file writes), an
// HMAC key in place. Each test here failed when it was written: see the commit that added it.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BIN, HOOK, airlockEnv, claudeCodePayload, inTerminal, removeAtExit, sqlite3 } from '../helpers.js';

const PROD = 'DATABASE_URL=postgres://u:p@prod-db.internal/app npx prisma migrate deploy';
const OTHER = 'DATABASE_URL=postgres://u:p@prod-db.internal/app npx prisma migrate reset --force';

function world() {
  const home = mkdtempSync(join(tmpdir(), 'airlock-attack2-'));
  removeAtExit(home);
  const state = join(home, 'state');
  mkdirSync(state, { recursive: true });
  writeFileSync(join(state, 'audit.key'), randomBytes(32));
  const env = airlockEnv(home);
  const db = join(state, 'audit.db');
  const hook = (command: string) => {
    const r = spawnSync(process.execPath, [HOOK, 'claude-code', '--timeout-ms=20000'], { input: JSON.stringify(claudeCodePayload(command, home)), encoding: 'utf8', env, cwd: home });
    return { allowed: r.status === 0 && r.stdout === '', id: /approval request ([a-z2-9]{6})/.exec(r.stdout)?.[1], stdout: r.stdout, stderr: r.stderr };
  };
  const approve = (id: string, typed: string) => inTerminal(env, ['approve', id], [['to approve', typed]]);
  const sql = (statement: string) => sqlite3(db, statement);
  const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env });
  return { home, state, hook, approve, sql, cli, spool: `${db}.spool`, head: `${db}.head` };
}

/** The log is not wedged: a held command still gets its approval request, and `airlock log` answers. */
function expectStillHeldAndLogged(w: ReturnType<typeof world>): void {
  const held = w.hook(PROD);
  assert.ok(held.id, `the held command got no approval request:\n${held.stderr}${held.stdout}`);
  const log = w.cli('log');
  assert.doesNotMatch(log.stderr, /internal error/, log.stderr);
}

test('a consumed approval set back to approved through sqlite3 is not used again, and verify reports it', () => {
  const w = world();
  const id = w.hook(PROD).id!;
  assert.equal(w.approve(id, 'production').status, 0);
  assert.equal(w.hook(PROD).allowed, true, 'the genuine approval is used once');
  w.sql(`UPDATE approvals SET status = 'approved' WHERE id = '${id}'`);
  const replay = w.hook(PROD);
  const verify = w.cli('verify');
  assert.equal(replay.allowed, false, 'a replayed approval let the command through a second time');
  assert.equal(verify.status, 1, verify.stdout);
});

test('a human approval rebound through sqlite3 to another command is not used, and verify reports it', () => {
  const w = world();
  const id = w.hook(PROD).id!;
  assert.equal(w.approve(id, 'production').status, 0);
  const other = w.hook(OTHER).id!;
  w.sql(`UPDATE approvals SET fingerprint = (SELECT fingerprint FROM approvals WHERE id = '${other}') WHERE id = '${id}'`);
  const rebound = w.hook(OTHER);
  const verify = w.cli('verify');
  assert.equal(rebound.allowed, false, `the approval of "${PROD}" let "${OTHER}" through`);
  assert.equal(verify.status, 1, verify.stdout);
});

test('a request whose text was rewritten in the approvals table is not approved as the harmless command it now shows', () => {
  const w = world();
  const id = w.hook(PROD).id!;
  // The agent rewrites what the human will be shown (and the environment name they must type); the
  // fingerprint, and the request entry in the log, still name the production migration.
  const shown = JSON.parse(w.sql(`SELECT request FROM approvals WHERE id = '${id}'`)) as Record<string, unknown>;
  const forged = {
    ...shown,
    command: 'git status',
    environment: 'development',
    evidence: [],
    findings: [{ rule: 'git', summary: 'shows the status of the repository', consequence: 'nothing changes' }],
    reason: 'harmless',
  };
  w.sql(`UPDATE approvals SET request = '${JSON.stringify(forged).replace(/'/g, "''")}' WHERE id = '${id}'`);
  const answer = w.approve(id, 'development');
  const after = w.hook(PROD);
  assert.equal(after.allowed, false, `the human was shown "git status" against development and that approval let "${PROD}" run:\n${answer.output}`);
  // approve refuses it and says why; pending shows the request as the log recorded it, with a warning;
  // verify reports the edit.
  assert.match(answer.output, /differs from the request the audit log recorded.*can't be approved/s);
  const pending = w.cli('pending');
  assert.match(pending.stdout, /WARNING: request .* differs from the request the audit log recorded/);
  assert.match(pending.stdout, /npx prisma migrate deploy/);
  assert.doesNotMatch(pending.stdout, /git status/);
  assert.match(w.cli('verify').stdout, new RegExp(`request ${id} in the approvals table shows a different command, place or environment than the request the log recorded`));
});

test('a spool line numbered past 2^53 does not wedge the log: held commands are still held for approval and log and verify answer', () => {
  const w = world();
  w.hook('ls');
  const last = JSON.parse(readFileSync(w.spool, 'utf8').trim().split('\n').pop()!) as Record<string, unknown>;
  appendFileSync(w.spool, JSON.stringify({ ...last, seq: 2 ** 53 }) + '\n');
  expectStillHeldAndLogged(w);
  const verify = w.cli('verify');
  assert.equal(verify.status, 1, verify.stdout);
  assert.doesNotMatch(verify.stdout, /cannot be read: (UNIQUE|datatype)/, verify.stdout);
});

test('a head anchor claiming entry 1e20 does not wedge the log: held commands are still held for approval and log answers', () => {
  const w = world();
  w.hook('ls');
  const head = JSON.parse(readFileSync(w.head, 'utf8')) as { hash: string };
  writeFileSync(w.head, `{"seq":1e20,"hash":"${head.hash}"}`);
  w.hook('ls');
  expectStillHeldAndLogged(w);
});

test('airlock log shows entries made from odd spool lines (no kind, a time out of range) instead of an internal error', () => {
  for (const line of ['{"seq":-1,"ts":1,"body":"{}","prevHash":"","hash":"x"}', '{"seq":99,"ts":1e300,"body":"{}","prevHash":"","hash":"x"}']) {
    const w = world();
    w.hook('ls');
    appendFileSync(w.spool, line + '\n');
    const log = w.cli('log');
    assert.equal(log.status, 0, `${line}\n${log.stderr}`);
    assert.doesNotMatch(log.stderr, /internal error/, log.stderr);
    assert.equal(w.cli('verify').status, 1);
  }
});

test('a spool bigger than a JavaScript string (512 MB) does not wedge the log: held commands are still held for approval and log answers', () => {
  const w = world();
  w.hook('ls');
  // Sparse: costs no disk. A spool this size also builds up honestly from about a million allowed
  // commands with nothing opening the database in between.
  truncateSync(w.spool, statSync(w.spool).size + 600 * 1024 * 1024);
  expectStillHeldAndLogged(w);
});
