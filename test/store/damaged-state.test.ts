// State read back from disk is validated, not cast: each kind of damage to the SQLite file, the spool,
// the head anchor and the old grants file, made with the sqlite3 CLI or plain writes as anything able
// to write the state directory could, is reported by `airlock verify` (exit 1, naming it), shown by
// `airlock log` and `airlock pending` without an internal error, and never lets a held command through.
// Bodies "sealed again" are rewritten with their hashes recomputed, which needs no key when the log
// has none. Each case here was an internal error, a crash of every write, or a log `verify` called
// intact before the readers checked what they read.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type BetterSqlite3 from 'better-sqlite3';
import { canonical, chainHash } from '../../src/store/chain.js';
import { BIN, airlockEnv, claudeCodePayload, removeAtExit, runHook, sqlite3 } from '../helpers.js';

const PROD = 'DATABASE_URL=postgres://u:p@prod-db.internal/app npx prisma migrate deploy';
const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;

function world() {
  const home = mkdtempSync(join(tmpdir(), 'airlock-damaged-'));
  removeAtExit(home);
  const env = airlockEnv(home);
  const state = join(home, 'state');
  const db = join(state, 'audit.db');
  const hook = (command: string) => {
    const r = runHook('claude-code', claudeCodePayload(command, home), { env, cwd: home });
    return { ...r, allowed: r.status === 0 && r.stdout === '' };
  };
  const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, input: '' });
  const sql = (statement: string) => sqlite3(db, statement);
  /** Rewrites entry 1's body with `edit` and seals the whole chain again; the head anchor goes, as a forger would drop it. */
  const reseal = (edit: (body: Record<string, unknown>) => void) => {
    const handle = new Database(db);
    let prev = '';
    for (const row of handle.prepare('SELECT seq, body FROM audit ORDER BY seq').all() as { seq: number; body: string }[]) {
      let body = row.body;
      if (row.seq === 1) {
        const parsed = JSON.parse(body) as Record<string, unknown>;
        edit(parsed);
        body = canonical(parsed);
      }
      const hash = chainHash(prev, body);
      handle.prepare('UPDATE audit SET body = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(body, prev, hash, row.seq);
      prev = hash;
    }
    handle.close();
    rmSync(`${db}.head`);
  };
  return { home, state, db, hook, cli, sql, reseal };
}

/** Said in plain words: no internal error and no stack trace. */
function plain(r: { stdout: string; stderr: string }, what: string): void {
  assert.doesNotMatch(r.stdout + r.stderr, /internal error|\n\s+at .*\(.*:\d+:\d+\)/, `${what}:\n${r.stdout}${r.stderr}`);
}

/** `airlock verify` fails and says `problem`; `airlock log` (and --json) answers. */
function reported(w: ReturnType<typeof world>, problem: RegExp): void {
  const verify = w.cli('verify');
  plain(verify, 'verify');
  assert.equal(verify.status, 1, verify.stdout);
  assert.match(verify.stdout, problem);
  for (const args of [['log'], ['log', '--json']]) {
    const log = w.cli(...args);
    plain(log, args.join(' '));
    assert.equal(log.status, 0, log.stderr);
  }
}

/** The held command is still held: no approval request can be used, and none is allowed by the damage. */
function stillHeld(w: ReturnType<typeof world>): void {
  const r = w.hook(PROD);
  plain(r, 'the hook');
  assert.equal(r.allowed, false, 'a production write was let through');
  assert.match(r.stdout, /holding this command until a human approves it/);
}

test('an approval whose status was set to one airlock never writes is reported, and can be neither used nor approved', () => {
  const w = world();
  w.hook(PROD);
  w.sql("UPDATE approvals SET status = 'bogus'");
  reported(w, /has the status "bogus" in the approvals table, which airlock never writes/);
  stillHeld(w);
});

test('an approval whose stored request is not one (null, and with its log entry unlinked) is shown as unreadable, not an internal error', () => {
  const w = world();
  const id = /approval request ([a-z2-9]{6})/.exec(w.hook(PROD).stdout)?.[1];
  assert.ok(id);
  for (const request of ['null', '{}', '[1]', 'not json']) {
    w.sql(`UPDATE approvals SET request = '${request}', requested_seq = NULL`);
    const pending = w.cli('pending');
    plain(pending, `pending with request ${request}`);
    assert.match(pending.stdout, /WARNING: the audit log holds no intact record of request [a-z2-9]{6}[\s\S]*command: +\(unreadable\)/);
  }
  reported(w, new RegExp(`request ${id} in the approvals table shows a different command`));
});

test('an approval whose expiry was edited into text is reported, and the command stays held', () => {
  const w = world();
  w.hook(PROD);
  w.sql("UPDATE approvals SET expires_at = 'never'");
  plain(w.cli('pending'), 'pending');
  reported(w, /expires at another time than the log recorded: the table was edited/);
  stillHeld(w);
});

test('audit rows whose columns hold another type (a time as text, a hash as a blob) are reported, and log shows them', () => {
  const w = world();
  w.hook('ls');
  w.hook(PROD);
  w.sql("UPDATE audit SET ts = 'yesterday' WHERE seq = 1");
  reported(w, /entry 1's row was edited: its time is not a number/);
  w.sql("UPDATE audit SET ts = 1, hash = x'00' WHERE seq = 1");
  reported(w, /entry 1's row was edited: hash is not text/);
  stillHeld(w);
});

test('a body sealed again with a shape airlock never writes is reported as such, and a gap whose time is garbage does not stop verify', () => {
  for (const [edit, problem] of [
    [(b: Record<string, unknown>) => (b.kind = 5), /entry 1 holds no record airlock writes \(its kind is 5\): it was rewritten and sealed again/],
    [(b: Record<string, unknown>) => (b.detail = 'x'), /entry 1 holds no record airlock writes \(its detail is not an object\)/],
    [(b: Record<string, unknown>) => (b.verdict = 'maybe'), /entry 1 holds no record airlock writes \(its verdict is "maybe"\)/],
    [
      (b: Record<string, unknown>) => Object.assign(b, { kind: 'gap', reason: 'entries 1-9 are gone', detail: { gap: 'lost', foundAt: 'garbage' } }),
      /entries 1-9 are gone; entry 1 records this loss, found at an unreadable time \("garbage"\)/,
    ],
  ] as const) {
    const w = world();
    w.hook('ls');
    w.cli('log');
    w.reseal(edit);
    reported(w, problem);
  }
});

test('a grant row whose narrowing is not text is not taken for a grant: the write stays held, without an internal error', () => {
  const w = world();
  w.hook('ls');
  w.cli('log');
  const grant = { id: 'g1', effect: 'write', environment: 'production', reason: 'r', createdAt: 1, expiresAt: Date.now() + 3_600_000, by: 'me', pattern: 5 };
  w.sql(`INSERT INTO grants VALUES ('g1', '${JSON.stringify(grant)}')`);
  stillHeld(w);
  const check = w.cli('check', PROD);
  plain(check, 'check');
  assert.match(check.stdout, /^APPROVE/);
});

test('a line of the old grants file that is JSON but no event (null) does not stop every write', () => {
  const w = world();
  w.hook('ls');
  writeFileSync(join(w.state, 'grants.jsonl'), 'null\n[]\n"grant"\n');
  stillHeld(w);
  const log = w.cli('log');
  plain(log, 'log');
  assert.equal(log.status, 0, log.stderr);
});

test('a spool line whose HMAC is not text is kept as text and reported', () => {
  const w = world();
  w.hook('ls');
  const spool = `${w.db}.spool`;
  const first = JSON.parse(readFileSync(spool, 'utf8').trim()) as Record<string, unknown>;
  appendFileSync(spool, `${JSON.stringify({ ...first, seq: 2, hmac: 5 })}\n`);
  reported(w, /entry 2 holds a spool line that could not be read/);
});
