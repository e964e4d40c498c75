// Grants are rows in the store, and anything that can write the state could add one. A row is honoured
// only when the audit log holds, intact, a human opening exactly that grant and no revocation since:
// a forged row, a row widened after it was opened (a later expiry, another environment or effect, a
// looser scope) and a revoked row set open again are all refused, said so in the held command's reason
// and in `airlock status`, and reported by `airlock verify`. Through the real CLI with a pseudo-terminal
// for the human, and sqlite3 for the forger.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BIN, airlockEnv, inTerminal, removeAtExit } from '../helpers.js';

const PROD_WRITE = 'DATABASE_URL=postgres://u:p@prod-db.internal/app npx prisma migrate deploy';

function world() {
  const home = mkdtempSync(join(tmpdir(), 'airlock-forged-grant-'));
  removeAtExit(home);
  const env = airlockEnv(home);
  const cli = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, cwd: home });
  const check = () => JSON.parse(cli(['check', '--json', PROD_WRITE]).stdout) as { verdict: string; reason: string; grant?: { id: string } };
  const sqlite = (statement: string) => {
    const r = spawnSync('sqlite3', [join(home, 'state', 'audit.db'), statement], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim();
  };
  const grant = () => {
    const r = inTerminal(env, ['grant', 'write', '--env', 'production', '--for', '30m', '--reason', 'hotfix 142'], [['to confirm', 'production']]);
    assert.equal(r.status, 0, r.output);
    return /Granted (g-[0-9a-f]+)/.exec(r.output)![1]!;
  };
  return { cli, check, sqlite, grant };
}

test('a grant row added with sqlite3 is not honoured, and verify and status say so', () => {
  const w = world();
  // A real grant first, so the store and its tables exist; then revoked, so nothing real is open.
  const real = w.grant();
  assert.equal(w.cli(['revoke', real]).status, 0);
  const forged = { id: 'g-f0f0f0', effect: 'write', environment: 'production', reason: 'trust me', createdAt: Date.now(), expiresAt: Date.now() + 3_600_000, by: 'root' };
  w.sqlite(`INSERT INTO grants (id, body) VALUES ('g-f0f0f0', '${JSON.stringify(forged)}')`);
  const held = w.check();
  assert.equal(held.verdict, 'approve', held.reason);
  assert.match(held.reason, /Not honoured: grant g-f0f0f0 is in the grants table, but the audit log holds no record of a human opening it: a forged grant/);
  const verify = w.cli(['verify']);
  assert.equal(verify.status, 1, verify.stdout);
  assert.match(verify.stdout, /grant g-f0f0f0 is in the grants table, but the audit log holds no record of a human opening it/);
  assert.match(w.cli(['status']).stdout, /g-f0f0f0 {2}NOT honoured/);
  // revoke --all closes it too.
  assert.equal(w.cli(['revoke', '--all']).status, 0);
  assert.doesNotMatch(w.cli(['status']).stdout, /g-f0f0f0/);
});

test('a real grant widened in its row (a later expiry, another environment) is refused; as opened, it is honoured', () => {
  const w = world();
  const id = w.grant();
  assert.equal(w.check().verdict, 'allow');
  assert.equal(w.cli(['verify']).status, 0);
  w.sqlite(`UPDATE grants SET body = json_set(body, '$.expiresAt', ${Date.now() + 30 * 86_400_000}) WHERE id = '${id}'`);
  const held = w.check();
  assert.equal(held.verdict, 'approve', held.reason);
  assert.match(held.reason, new RegExp(`grant ${id} in the grants table differs from the grant the audit log recorded`));
  assert.match(w.cli(['verify']).stdout, new RegExp(`grant ${id} in the grants table differs`));
  // Narrowed back to what was opened, except that it is now for staging: still refused.
  w.sqlite(`UPDATE grants SET body = json_set(body, '$.environment', 'staging') WHERE id = '${id}'`);
  assert.match(w.cli(['verify']).stdout, new RegExp(`grant ${id} in the grants table differs`));
});

test('a revoked grant set open again in its row is refused', () => {
  const w = world();
  const id = w.grant();
  assert.equal(w.cli(['revoke', id]).status, 0);
  assert.equal(w.check().verdict, 'approve');
  w.sqlite(`UPDATE grants SET body = json_remove(body, '$.revokedAt') WHERE id = '${id}'`);
  const held = w.check();
  assert.equal(held.verdict, 'approve', held.reason);
  assert.match(held.reason, new RegExp(`grant ${id} was revoked, as the audit log records, but the grants table shows it open again`));
  assert.match(w.cli(['verify']).stdout, new RegExp(`grant ${id} was revoked`));
});
