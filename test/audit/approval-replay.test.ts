// Attacks on the approval consumption check from outside, with the real hook and CLI: an attacker who can
// run sqlite3 on the state directory (and an HMAC key in place) reuses a human's genuine approval entry.
// Setting a consumed request back to 'approved' (replay), or pointing a genuinely approved request at
// another command's fingerprint (rebinding), must be refused when used and reported by `airlock verify`.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectRoot, removeAtExit } from '../helpers.js';

const BIN = join(projectRoot, 'bin/airlock.mjs');
const HOOK = join(projectRoot, 'dist/hook.cjs');
const PTY = join(projectRoot, 'test/fixtures/pty-run.py');
const PROD = 'DATABASE_URL=postgres://u:p@prod-db.internal/app npx prisma migrate deploy';
const OTHER = 'DATABASE_URL=postgres://u:p@prod-db.internal/app npx prisma migrate reset --force';

function world() {
  const home = mkdtempSync(join(tmpdir(), 'airlock-replay-'));
  removeAtExit(home);
  const state = join(home, 'state');
  mkdirSync(state, { recursive: true });
  writeFileSync(join(state, 'audit.key'), randomBytes(32));
  const env = { PATH: process.env.PATH ?? '', HOME: home, AIRLOCK_STATE_DIR: state, AIRLOCK_ORG_POLICY: '/nonexistent/org.yaml', NO_COLOR: '1' };
  const db = join(state, 'audit.db');
  const hook = (command: string) => {
    const r = spawnSync(process.execPath, [HOOK, 'claude-code'], { input: JSON.stringify({ session_id: 's', cwd: home, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } }), encoding: 'utf8', env, cwd: home });
    return { allowed: r.status === 0 && r.stdout === '', id: /approval request ([a-z2-9]{6})/.exec(r.stdout)?.[1] };
  };
  const approve = (id: string) => {
    const r = spawnSync('python3', [PTY, JSON.stringify([process.execPath, BIN, 'approve', id]), JSON.stringify([['to approve', 'production']])], { encoding: 'utf8', env });
    assert.equal(JSON.parse(r.stdout).status, 0, r.stdout);
  };
  // The attacker's own sqlite3, run directly on the database.
  const sql = (statement: string) => assert.equal(spawnSync('sqlite3', [db, statement], { encoding: 'utf8' }).status, 0);
  const verify = () => spawnSync(process.execPath, [BIN, 'verify'], { encoding: 'utf8', env });
  return { hook, approve, sql, verify };
}

test('a consumed approval set back to approved through sqlite3 is not used again, and verify reports it', () => {
  const w = world();
  const id = w.hook(PROD).id!;
  w.approve(id);
  assert.equal(w.hook(PROD).allowed, true, 'the genuine approval is used once');
  w.sql(`UPDATE approvals SET status = 'approved' WHERE id = '${id}'`);
  const replay = w.hook(PROD);
  const verify = w.verify();
  assert.equal(replay.allowed, false, 'a replayed approval let the command through a second time');
  assert.equal(verify.status, 1, verify.stdout);
});

test('a human approval rebound through sqlite3 to another command is not used, and verify reports it', () => {
  const w = world();
  const id = w.hook(PROD).id!;
  w.approve(id);
  const other = w.hook(OTHER).id!;
  w.sql(`UPDATE approvals SET fingerprint = (SELECT fingerprint FROM approvals WHERE id = '${other}') WHERE id = '${id}'`);
  const rebound = w.hook(OTHER);
  const verify = w.verify();
  assert.equal(rebound.allowed, false, `the approval of "${PROD}" let "${OTHER}" through`);
  assert.equal(verify.status, 1, verify.stdout);
});
