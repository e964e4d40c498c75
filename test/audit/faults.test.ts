// The audit log under real faults, driven from outside with separate processes: a full disk (a small
// tmpfs) and recovery once space is freed, a read-only state directory, corrupt and truncated
// databases, a database locked by another process for 30 s, the spool deleted or truncated, rows cut
// off the end before another held command, the HMAC key deleted or replaced, a forged approval. In
// every case a dangerous command is still held, nothing already recorded is lost without `verify`
// saying so, and the messages say what is wrong.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { projectRoot, removeAtExit } from '../helpers.js';

const BIN = join(projectRoot, 'bin/airlock.mjs');
const HOOK = join(projectRoot, 'dist/hook.cjs');
const HELD = 'terraform destroy -auto-approve';

function world(stateDir?: string) {
  const home = mkdtempSync(join(tmpdir(), 'airlock-faults-'));
  removeAtExit(home);
  const state = stateDir ?? join(home, 'state');
  const env = { PATH: process.env.PATH ?? '', HOME: home, AIRLOCK_STATE_DIR: state, AIRLOCK_ORG_POLICY: '/nonexistent/org.yaml', NO_COLOR: '1' };
  /** The hook as Claude Code runs it, with a short time limit so a busy log is given up on in seconds. */
  const hook = (command: string, timeoutMs = 8_000) => {
    const r = spawnSync(process.execPath, [HOOK, 'claude-code', `--timeout-ms=${timeoutMs}`], {
      input: JSON.stringify({ session_id: 's', cwd: home, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } }),
      encoding: 'utf8',
      env,
      cwd: home,
    });
    const out = r.stdout ? (JSON.parse(r.stdout) as { hookSpecificOutput?: { permissionDecision?: string; permissionDecisionReason?: string } }).hookSpecificOutput : undefined;
    const verdict = r.status === 2 ? 'blocked' : (out?.permissionDecision ?? 'allow');
    return { verdict, text: (out?.permissionDecisionReason ?? '') + r.stderr, id: /approval request ([a-z2-9]{6})/.exec(out?.permissionDecisionReason ?? '')?.[1] };
  };
  const cli = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, maxBuffer: 64 << 20 });
  const commands = () => {
    const r = cli(['log', '--json']);
    assert.equal(r.status, 0, r.stderr);
    return r.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { seq: number; kind: string; command?: string; detail?: Record<string, unknown> });
  };
  const sqlite = (statement: string) => {
    const r = spawnSync('sqlite3', [join(state, 'audit.db'), statement], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  };
  return { home, state, env, hook, cli, commands, sqlite };
}

/** A dangerous command is never let through: held for approval, denied or blocked. */
function heldOrBlocked(verdict: string): boolean {
  return verdict === 'deny' || verdict === 'blocked' || verdict === 'ask';
}

test('rows cut off the end and then a held command: the head never moves back and verify still reports the cut', () => {
  const w = world();
  for (let i = 0; i < 6; i++) assert.equal(w.hook(`ls /before-${i}`).verdict, 'allow');
  assert.equal(w.cli(['verify']).status, 0);
  w.sqlite('DELETE FROM audit WHERE seq >= 5');
  const held = w.hook(HELD);
  assert.equal(held.verdict, 'deny', held.text);
  assert.match(held.text, /approval request/);
  const head = JSON.parse(readFileSync(join(w.state, 'audit.db.head'), 'utf8')) as { seq: number };
  assert.ok(head.seq > 6, `the head anchor went back to ${head.seq}`);
  const v = w.cli(['verify']);
  assert.equal(v.status, 1, v.stdout);
  assert.match(v.stdout, /at entry 5: entries 5–6 were written but neither the database nor the spool holds them/);
  // Later writes don't hide it: the loss is in the chain for good.
  for (let i = 0; i < 3; i++) w.hook(HELD);
  assert.match(w.cli(['verify']).stdout, /entries 5–6 were written but neither/);
});

test('the spool deleted or truncated before it is drained: verify reports the lost entries', () => {
  for (const damage of ['delete', 'truncate'] as const) {
    const w = world();
    w.hook(HELD); // opens SQLite: the log now has entries in the database
    for (let i = 0; i < 4; i++) assert.equal(w.hook(`ls /spooled-${i}`).verdict, 'allow');
    const spool = join(w.state, 'audit.db.spool');
    if (damage === 'delete') unlinkSync(spool);
    else {
      const lines = readFileSync(spool, 'utf8').split('\n');
      writeFileSync(spool, lines.slice(0, 2).join('\n') + '\n');
    }
    const v = w.cli(['verify']);
    assert.equal(v.status, 1, `${damage}: ${v.stdout}`);
    assert.match(v.stdout, /were written but neither the database nor the spool holds them/, damage);
    const kept = w.commands().filter((e) => e.command?.startsWith('ls /spooled-')).length;
    assert.equal(kept, damage === 'delete' ? 0 : 2, damage);
  }
});

test('the HMAC key deleted (and the HMAC column emptied) or replaced: verify says so', () => {
  for (const damage of ['delete', 'replace'] as const) {
    const w = world();
    mkdirSync(w.state, { recursive: true });
    writeFileSync(join(w.state, 'audit.key'), 'the original key');
    w.hook(HELD);
    for (let i = 0; i < 3; i++) w.hook(`ls /signed-${i}`);
    assert.equal(w.cli(['verify']).status, 0, w.cli(['verify']).stdout);
    if (damage === 'delete') {
      unlinkSync(join(w.state, 'audit.key'));
      w.sqlite('UPDATE audit SET hmac = NULL');
    } else writeFileSync(join(w.state, 'audit.key'), 'a key the agent made up');
    const v = w.cli(['verify']);
    assert.equal(v.status, 1, `${damage}: ${v.stdout}`);
    assert.match(v.stdout, damage === 'delete' ? /signed with an HMAC key \(fingerprint [0-9a-f]{16}\) that is missing now/ : /is not the key present now .*the key was replaced/, damage);
    // Writing on without the key is recorded in the chain too.
    w.hook(HELD);
    assert.match(w.cli(['verify']).stdout, damage === 'delete' ? /records that the HMAC key went missing/ : /key was replaced/);
  }
});

test('a forged approval (the approvals row set to approved with sqlite3) is refused when used and reported by verify', () => {
  const w = world();
  const held = w.hook(HELD);
  assert.ok(held.id, held.text);
  w.sqlite(`UPDATE approvals SET status='approved', decided_by='me', decided_at=${Date.now()} WHERE id='${held.id}'`);
  assert.match(w.cli(['verify']).stdout, new RegExp(`request ${held.id} is marked approved in the approvals table, but the log holds no approval of it by a human: a forged approval`));
  const retry = w.hook(HELD);
  assert.equal(retry.verdict, 'deny', retry.text);
  assert.match(retry.text, new RegExp(`refused request ${held.id}: it was marked approved without a human's approval`));
  assert.notEqual(retry.id, held.id);
  // Pointing the row at another request's genuine approval entry doesn't work either.
  const seq = Number(w.sqlite('SELECT seq FROM audit WHERE body LIKE \'%"transition":"requested"%\' LIMIT 1').trim());
  w.sqlite(`UPDATE approvals SET status='approved', approved_seq=${seq} WHERE id='${retry.id}'`);
  assert.equal(w.hook(HELD).verdict, 'deny');
  const v = w.cli(['verify']);
  assert.equal(v.status, 1);
  assert.match(v.stdout, new RegExp(`request ${held.id} was marked approved without a human's approval, and airlock refused to use it`));
  assert.match(v.stdout, new RegExp(`request ${retry.id} was marked approved without a human's approval`));
});

test('a head anchor left pending by a writer killed around its commit is settled, whichever side it died on', () => {
  for (const side of ['committed', 'rolled back'] as const) {
    const w = world();
    w.hook(HELD);
    w.hook('ls /one');
    assert.equal(w.cli(['verify']).status, 0);
    const headFile = join(w.state, 'audit.db.head');
    const head = JSON.parse(readFileSync(headFile, 'utf8')) as { seq: number; hash: string };
    const last = w.commands().at(-1)!;
    // As the writer leaves it just before COMMIT: the old head, and the new one marked pending.
    const before = { seq: last.seq - 1, hash: w.sqlite(`SELECT hash FROM audit WHERE seq = ${last.seq - 1}`).trim() };
    writeFileSync(headFile, JSON.stringify(side === 'committed' ? { ...before, pending: head } : { ...head, pending: { seq: head.seq + 1, hash: 'f'.repeat(64) } }));
    assert.equal(w.hook('ls /after-the-kill').verdict, 'allow');
    const v = w.cli(['verify']);
    assert.equal(v.status, 0, `${side}: ${v.stdout}`);
    assert.ok(w.commands().some((e) => e.command === 'ls /after-the-kill'));
  }
});

test("a lock left by a killed process is broken at once; one held by a live process is waited for within the hook's budget, then the command is blocked with the reason", () => {
  const w = world();
  w.hook('ls /first');
  const lock = join(w.state, 'audit.db.lock');
  // A writer that was SIGKILLed: its pid is gone.
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
  writeFileSync(lock, `${dead} 1`);
  let started = Date.now();
  assert.equal(w.hook('ls /after-dead-owner').verdict, 'allow');
  assert.ok(Date.now() - started < 8_000);
  // A live owner that never lets go.
  const sleeper = spawn('sleep', ['60']);
  try {
    writeFileSync(lock, String(sleeper.pid));
    started = Date.now();
    for (const command of [HELD, 'ls /while-locked']) {
      const r = w.hook(command, 6_000);
      assert.equal(r.verdict, 'blocked', command);
      assert.match(r.text, new RegExp(`audit log is locked by process ${sleeper.pid}; waited \\d+\\.\\ds`), command);
    }
    const v = w.cli(['verify']);
    assert.equal(v.status, 3, v.stdout);
    assert.match(v.stdout, /could not check the audit log/);
  } finally {
    sleeper.kill('SIGKILL');
  }
  // A live process that is not a writer, named in the lock by hand long ago (pid 1 is always alive):
  // no writer holds the lock that long, so it is broken rather than waited on for the whole budget.
  writeFileSync(lock, '1');
  const old = (Date.now() - 60_000) / 1000;
  utimesSync(lock, old, old);
  started = Date.now();
  assert.equal(w.hook('ls /after-planted-pid', 60_000).verdict, 'allow');
  assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
  assert.equal(w.cli(['verify']).status, 0);
});

test('a database locked by another process for 30 s: harmless commands go on being recorded, held ones are blocked in time, and nothing is lost', async () => {
  const w = world();
  w.hook(HELD);
  // Another program holds SQLite's write lock for 30 s.
  const locker = spawn(
    'python3',
    [
      '-c',
      `import sqlite3, sys, time\nc = sqlite3.connect(${JSON.stringify(join(w.state, 'audit.db'))}, isolation_level=None)\nc.execute('BEGIN IMMEDIATE')\nprint('locked', flush=True)\ntime.sleep(30)\nc.execute('ROLLBACK')`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve) => locker.stdout.once('data', () => resolve()));
  try {
    for (let i = 0; i < 3; i++) assert.equal(w.hook(`ls /during-lock-${i}`).verdict, 'allow');
    const held = w.hook(HELD, 6_000);
    assert.ok(heldOrBlocked(held.verdict), held.verdict);
    assert.match(held.text, /database is locked|locked/);
    assert.doesNotMatch(held.text, /\n\s+at /, 'no stack trace');
    const v = w.cli(['verify']);
    assert.equal(v.status, 3, v.stdout);
    assert.match(v.stdout, /could not check the audit log/);
  } finally {
    await new Promise((resolve) => locker.once('exit', resolve));
  }
  const v = w.cli(['verify']);
  assert.equal(v.status, 0, v.stdout);
  for (let i = 0; i < 3; i++)
    assert.ok(
      w.commands().some((e) => e.command === `ls /during-lock-${i}`),
      `ls /during-lock-${i} was lost`,
    );
  assert.equal(w.hook(HELD).verdict, 'deny');
});

test('corrupt and truncated databases: dangerous commands stay held, the spool keeps what it can, verify says the log is damaged', () => {
  for (const damage of ['garbage', 'truncated'] as const) {
    const w = world();
    w.hook(HELD);
    for (let i = 0; i < 40; i++) w.hook(`ls /filler-${i}`);
    w.hook(HELD); // drains into the database
    const db = join(w.state, 'audit.db');
    spawnSync('sqlite3', [db, 'PRAGMA wal_checkpoint(TRUNCATE)']);
    if (damage === 'garbage') writeFileSync(db, Buffer.alloc(8192, 0x5a));
    else truncateSync(db, 1000);
    const held = w.hook(HELD);
    assert.equal(held.verdict, 'blocked', `${damage}: ${held.text}`);
    assert.match(held.text, /not a database|malformed|corrupt|disk image/i, damage);
    assert.doesNotMatch(held.text, /\n\s+at /, 'no stack trace');
    assert.equal(w.hook('ls /after-damage').verdict, 'allow', 'the spool still records harmless commands');
    assert.match(readFileSync(join(w.state, 'audit.db.spool'), 'utf8'), /ls \/after-damage/);
    const v = w.cli(['verify']);
    assert.equal(v.status, 1, v.stdout);
    assert.match(v.stdout, /NOT intact/);
  }
});

// Full disk and read-only state need a filesystem of their own: a small tmpfs (root can write past chmod).
const mounts: string[] = [];
after(() => {
  for (const m of mounts) spawnSync('umount', ['-l', m]);
});

function tmpfs(sizeKb: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-tmpfs-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { encoding: 'utf8' });
  assert.equal(r.status, 0, `these tests need a tmpfs mount (run as root): ${r.stderr}`);
  mounts.push(dir);
  return dir;
}

test('a full disk: every request is blocked with the reason, nothing recorded is lost, and all is well once space is freed', () => {
  const mount = tmpfs(1024);
  const w = world(join(mount, 'state'));
  w.hook(HELD);
  for (let i = 0; i < 5; i++) assert.equal(w.hook(`ls /before-full-${i}`).verdict, 'allow');
  // Fill the disk to the last byte.
  const filler = join(mount, 'filler');
  spawnSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=4k'], { encoding: 'utf8' });
  for (const command of ['ls /while-full', HELD, 'rm -rf ~']) {
    const r = w.hook(command);
    assert.equal(r.verdict, 'blocked', `${command}: ${r.text}`);
    assert.match(r.text, /ENOSPC|no space|full/i, command);
    assert.doesNotMatch(r.text, /\n\s+at /, 'no stack trace');
  }
  assert.equal(existsSync(join(w.state, 'audit.db.lock')), false, 'no lock left behind by a failed write');
  rmSync(filler);
  const started = Date.now();
  assert.equal(w.hook('ls /after-freed').verdict, 'allow');
  assert.ok(Date.now() - started < 5_000, 'no wait on a lock the full disk left');
  assert.equal(w.hook(HELD).verdict, 'deny');
  const v = w.cli(['verify']);
  assert.equal(v.status, 0, v.stdout);
  const logged = w.commands().map((e) => e.command);
  for (let i = 0; i < 5; i++) assert.ok(logged.includes(`ls /before-full-${i}`));
  assert.ok(logged.includes('ls /after-freed'));
  assert.ok(!logged.includes('ls /while-full'), 'a request that could not be recorded was blocked, not recorded later');
});

test('a read-only state directory: every request is blocked with the reason, and verify says it could not check rather than damaged', () => {
  const mount = tmpfs(2048);
  const w = world(join(mount, 'state'));
  w.hook(HELD);
  w.hook('ls /before-ro');
  const r = spawnSync('mount', ['-o', 'remount,ro', mount], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  try {
    for (const command of ['ls /while-ro', HELD]) {
      const h = w.hook(command);
      assert.equal(h.verdict, 'blocked', `${command}: ${h.text}`);
      assert.match(h.text, /read-only|EROFS|readonly/i, command);
    }
    const v = w.cli(['verify']);
    assert.equal(v.status, 3, v.stdout);
    assert.match(v.stdout, /could not check the audit log/);
  } finally {
    spawnSync('mount', ['-o', 'remount,rw', mount]);
  }
  assert.equal(w.cli(['verify']).status, 0);
});

test('a second anchor outside the state directory: a rewritten or cut log contradicts the checkpoints written before', () => {
  const w = world();
  const anchor = join(w.home, 'elsewhere', 'airlock-checkpoints.jsonl');
  mkdirSync(join(w.home, 'elsewhere'));
  for (let i = 0; i < 4; i++) w.hook(`ls /checkpointed-${i}`);
  const c = w.cli(['checkpoint', '--to', anchor]);
  assert.equal(c.status, 0, c.stderr);
  assert.match(c.stdout, /checkpoint: entry 4 written to/);
  assert.equal(w.cli(['verify', '--anchor', anchor]).status, 0);
  // Everything in the state directory rewritten consistently: the whole log and its head anchor replaced
  // by a shorter one. Verify alone can't see it; the checkpoint can.
  rmSync(w.state, { recursive: true });
  for (let i = 0; i < 2; i++) w.hook(`ls /rewritten-${i}`);
  assert.equal(w.cli(['verify']).status, 0);
  const v = w.cli(['verify', '--anchor', anchor]);
  assert.equal(v.status, 1, v.stdout);
  assert.match(v.stdout, /the checkpoint at .*airlock-checkpoints.jsonl:1 \(.*\) saw entry 4, which the log no longer holds/);
  w.hook('ls /more');
  w.hook('ls /more');
  assert.match(w.cli(['verify', '--anchor', anchor]).stdout, /saw a different entry 4: the log was rewritten since/);
  // Named by the environment too, and a missing file is a problem, not a pass.
  const viaEnv = spawnSync(process.execPath, [BIN, 'verify'], { encoding: 'utf8', env: { ...w.env, AIRLOCK_AUDIT_ANCHOR: join(w.home, 'nope.jsonl') } });
  assert.equal(viaEnv.status, 1);
  assert.match(viaEnv.stdout, /checkpoint file .*nope.jsonl cannot be read \(ENOENT\)/);
  assert.equal(w.cli(['checkpoint']).status, 2);
  // An empty anchor checks nothing, and says so rather than passing.
  writeFileSync(join(w.home, 'empty.jsonl'), '');
  assert.match(w.cli(['verify', '--anchor', join(w.home, 'empty.jsonl')]).stdout, /holds no checkpoints/);
  // A place it can't write is named plainly.
  const bad = w.cli(['checkpoint', '--to', join(w.home, 'no-such-dir', 'x.jsonl')]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /cannot write .*no-such-dir\/x.jsonl \(ENOENT\); nothing was written/);
});

test('a head anchor fed a false key fingerprint is caught at the next key entry', () => {
  const w = world();
  mkdirSync(w.state, { recursive: true });
  writeFileSync(join(w.state, 'audit.key'), 'the key');
  w.hook(HELD);
  w.hook('ls /signed');
  const headFile = join(w.state, 'audit.db.head');
  const head = JSON.parse(readFileSync(headFile, 'utf8')) as Record<string, unknown>;
  writeFileSync(headFile, JSON.stringify({ ...head, key: '0123456789abcdef' }));
  w.hook('ls /after');
  const v = w.cli(['verify']);
  assert.equal(v.status, 1, v.stdout);
  assert.match(v.stdout, /says the HMAC key before it was 0123456789abcdef, but the entries before it were sealed with [0-9a-f]{16}: the head anchor was edited/);
});

test('a hook killed after spooling its line but before moving the head: the next line continues after it, not beside it', () => {
  const w = world();
  w.hook(HELD);
  for (let i = 0; i < 3; i++) w.hook(`ls /spooled-${i}`);
  const spool = readFileSync(join(w.state, 'audit.db.spool'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { seq: number; hash: string; prevHash: string });
  const last = spool.at(-1)!;
  // As the killed hook left it: its line is on disk, the head still names the entry before.
  writeFileSync(join(w.state, 'audit.db.head'), JSON.stringify({ seq: last.seq - 1, hash: last.prevHash }));
  assert.equal(w.hook('ls /after-the-kill').verdict, 'allow');
  const v = w.cli(['verify']);
  assert.equal(v.status, 0, v.stdout);
  assert.deepEqual(
    w
      .commands()
      .slice(-2)
      .map((e) => e.command),
    ['ls /spooled-2', 'ls /after-the-kill'],
  );
});
