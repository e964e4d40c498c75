// The audit log: a real SQLite file, tampered with by the sqlite3 CLI and by truncation, and appended to
// by 8 processes at once. `airlock verify` must pinpoint every kind of damage and pass an intact log.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { chainHash } from '../../src/store/chain.js';
import { airlockEnv, claudeCodePayload, exitOf, projectRoot, runHook } from '../helpers.js';

const BIN = join(projectRoot, 'bin/airlock.mjs');

/** Runs `worker` (module code, told its number in process.argv[1]) in 8 processes at once; their exit codes. */
function eightAtOnce(worker: string): Promise<number[]> {
  const runs = Array.from({ length: 8 }, (_, k) => exitOf(spawn(process.execPath, ['--input-type=module', '-e', worker, String(k)], { stdio: ['ignore', 'ignore', 'inherit'] })));
  return Promise.all(runs);
}

/** The hook once, for Claude Code running `command` in `dir`, with airlock's state in `state` (`dir` itself unless named). */
function hookIn(dir: string, command: string, state = dir) {
  return runHook('claude-code', claudeCodePayload(command, dir), { env: airlockEnv(dir, { AIRLOCK_STATE_DIR: state }), cwd: dir });
}

function stateDir(): string {
  return mkdtempSync(join(tmpdir(), 'airlock-audit-'));
}

async function fill(dir: string, n: number, key: Buffer | null = null): Promise<void> {
  const store = new SqliteStore(join(dir, 'audit.db'), { key });
  for (let i = 1; i <= n; i++)
    await store.transaction((tx) =>
      tx.append({
        kind: 'request',
        agent: 'claude-code',
        command: i % 3 ? 'ls -la' : 'terraform destroy',
        effect: i % 3 ? 'read' : 'destroy',
        environment: i % 3 ? 'unknown' : 'production',
        verdict: i % 3 ? 'allow' : 'approve',
      }),
    );
  await store.close();
}

const airlock = (dir: string, args: string[], extra: Record<string, string> = {}) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 64 << 20, env: { PATH: process.env.PATH, HOME: dir, AIRLOCK_STATE_DIR: dir, NO_COLOR: '1', ...extra } });
const sql = (dir: string, statement: string) => {
  const r = spawnSync('sqlite3', [join(dir, 'audit.db'), statement], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
};

test('an intact log verifies, and verify exits 0', async () => {
  const dir = stateDir();
  await fill(dir, 10);
  const r = airlock(dir, ['verify']);
  assert.equal(r.status, 0, r.stdout);
  assert.match(r.stdout, /intact: 10 entries/);
});

test('an edited row is pinpointed', async () => {
  const dir = stateDir();
  await fill(dir, 10);
  sql(dir, "UPDATE audit SET body = replace(body, 'terraform destroy', 'ls') WHERE seq = 6");
  const r = airlock(dir, ['verify']);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /at entry 6: entry 6 was changed: its contents no longer match its hash/);
});

test('a deleted row is pinpointed', async () => {
  const dir = stateDir();
  await fill(dir, 10);
  sql(dir, 'DELETE FROM audit WHERE seq = 7');
  const r = airlock(dir, ['verify']);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /at entry 7: entry 7 missing: entry 8 follows entry 6/);
});

test('entries cut off the end are found through the head anchor', async () => {
  const dir = stateDir();
  await fill(dir, 10);
  sql(dir, 'DELETE FROM audit WHERE seq >= 9');
  const r = airlock(dir, ['verify']);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /at entry 9: entries 9–10 were written but neither the database nor the spool holds them .*entry 11 records this loss/);
});

test('a truncated file is reported, not silently accepted', async () => {
  const dir = stateDir();
  await fill(dir, 300);
  const file = join(dir, 'audit.db');
  truncateSync(file, Math.floor(statSync(file).size / 2));
  const r = airlock(dir, ['verify']);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /NOT intact[\s\S]*(cannot be read|malformed|missing)/);
  assert.doesNotMatch(r.stdout + r.stderr, /\n\s+at /);
});

test('with an HMAC key, a rewritten chain is caught even if every hash was recomputed', async () => {
  const dir = stateDir();
  const key = join(dir, 'audit.key');
  writeFileSync(key, 'a secret the agent does not have');
  await fill(dir, 5, Buffer.from('a secret the agent does not have'));
  assert.equal(airlock(dir, ['verify']).status, 0);
  // An attacker who can write the file rewrites entry 3 and recomputes the chain from there on.
  const store = new SqliteStore(join(dir, 'audit.db'));
  const rows = await store.entries();
  await store.close();
  let prev = rows[1]!.hash;
  for (const row of rows.slice(2)) {
    const body = JSON.stringify({ ...JSON.parse(spawnSync('sqlite3', [join(dir, 'audit.db'), `SELECT body FROM audit WHERE seq = ${row.seq}`], { encoding: 'utf8' }).stdout), command: 'ls' });
    const hash = chainHash(prev, body);
    sql(dir, `UPDATE audit SET body = '${body.replace(/'/g, "''")}', prev_hash = '${prev}', hash = '${hash}' WHERE seq = ${row.seq}`);
    prev = hash;
  }
  writeFileSync(join(dir, 'audit.db.head'), JSON.stringify({ seq: 5, hash: prev }));
  const r = airlock(dir, ['verify']);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /at entry 3: entry 3 has no valid HMAC for this key/);
});

test('airlock log: table, filters and JSON Lines', async () => {
  const dir = stateDir();
  await fill(dir, 9);
  const table = airlock(dir, ['log']);
  assert.equal(table.status, 0);
  assert.match(table.stdout, /#\s+time\s+kind\s+verdict/);
  const held = airlock(dir, ['log', '--held', '--json']);
  const rows = held.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(rows.length, 3);
  assert.ok(rows.every((r) => r.verdict === 'approve' && r.effect === 'destroy' && r.hash && r.prevHash !== undefined));
  assert.equal(airlock(dir, ['log', '--env', 'production', '--json']).stdout.trim().split('\n').length, 3);
  assert.equal(airlock(dir, ['log', '--effect', 'read', '--json', '--since', '1h']).stdout.trim().split('\n').length, 6);
  const bad = airlock(dir, ['log', '--env', 'prod']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--env is one of production/);
});

test('secrets are masked before they are stored', async () => {
  const dir = stateDir();
  const store = new SqliteStore(join(dir, 'audit.db'));
  await store.transaction((tx) => tx.append({ kind: 'request', command: 'psql postgres://admin:hunter2@prod-db/app -c "SELECT 1"' }));
  await store.close();
  const raw = spawnSync('sqlite3', [join(dir, 'audit.db'), 'SELECT body FROM audit'], { encoding: 'utf8' }).stdout;
  assert.ok(!raw.includes('hunter2'));
  assert.match(raw, /admin:\*\*\*@prod-db/);
});

test('8 processes appending 500 entries each at once: exactly 4,000 entries and an intact chain', async () => {
  const dir = stateDir();
  const worker = `
    const { SqliteStore } = await import(${JSON.stringify(join(projectRoot, 'build/src/store/sqlite/index.js'))});
    const store = new SqliteStore(${JSON.stringify(join(dir, 'audit.db'))});
    // Each append a SQLite transaction of its own (SqliteStore.append would take the spool, tested below through the hook).
    for (let i = 0; i < 500; i++) await store.transaction((tx) => tx.append({ kind: 'request', agent: 'worker-' + process.argv[1], command: 'echo ' + i, verdict: 'allow' }));
    await store.close();`;
  assert.deepEqual(await eightAtOnce(worker), [0, 0, 0, 0, 0, 0, 0, 0]);
  const store = new SqliteStore(join(dir, 'audit.db'));
  const entries = await store.entries();
  const report = await store.verify();
  await store.close();
  assert.equal(entries.length, 4000);
  assert.deepEqual(
    entries.map((e) => e.seq),
    Array.from({ length: 4000 }, (_, i) => i + 1),
  );
  assert.equal(report.ok, true, JSON.stringify(report.problems.slice(0, 3)));
  for (let k = 0; k < 8; k++) assert.equal(entries.filter((e) => e.agent === `worker-${k}`).length, 500);
});

test('through the real hook path: 8 processes × 500 requests at once give exactly 4,000 entries, intact', async () => {
  const dir = stateDir();
  // Each worker runs the hook's own code (runHook) 500 times, exactly as dist/hook.cjs does once per command.
  const worker = `
    const { runHook } = await import(${JSON.stringify(join(projectRoot, 'build/src/agents/hook.js'))});
    const env = { HOME: ${JSON.stringify(dir)}, AIRLOCK_STATE_DIR: ${JSON.stringify(dir)}, AIRLOCK_ORG_POLICY: '/nonexistent/org.yaml', PATH: process.env.PATH };
    for (let i = 0; i < 500; i++) {
      const payload = JSON.stringify({ session_id: 'worker-' + process.argv[1], cwd: ${JSON.stringify(dir)}, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'git status # ' + i } });
      const answer = await runHook('claude-code', payload, env, ${JSON.stringify(dir)});
      if (answer.exitCode !== 0 || answer.stdout !== '' || answer.stderr !== '') { console.error(JSON.stringify(answer)); process.exit(1); }
    }`;
  assert.deepEqual(await eightAtOnce(worker), [0, 0, 0, 0, 0, 0, 0, 0]);
  const verify = airlock(dir, ['verify']);
  assert.equal(verify.status, 0, verify.stdout);
  assert.match(verify.stdout, /intact: 4000 entries/);
  const entries = airlock(dir, ['log', '--json'])
    .stdout.trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(entries.length, 4000);
  for (let k = 0; k < 8; k++) assert.equal(entries.filter((e) => e.session === `worker-${k}`).length, 500);
});

test('an entry edited while it waits in the spool is caught after it is drained', () => {
  const dir = stateDir();
  for (const command of ['ls', 'terraform destroy -auto-approve', 'git status']) hookIn(dir, command);
  // The held command went straight to SQLite and drained the first entry; the last one is still spooled.
  const spool = join(dir, 'audit.db.spool');
  const text = spawnSync('cat', [spool], { encoding: 'utf8' }).stdout;
  assert.match(text, /git status/);
  writeFileSync(spool, text.replace('git status', 'git stash clear'));
  const r = airlock(dir, ['verify']);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /was changed: its contents no longer match its hash/);
});

test('entries the hook spools after the head anchor is deleted are kept, not dropped as already stored', async () => {
  const dir = stateDir();
  await fill(dir, 5);
  spawnSync('rm', [join(dir, 'audit.db.head')]);
  for (const command of ['ls /after-head-loss-1', 'ls /after-head-loss-2']) {
    const hook = hookIn(dir, command);
    assert.equal(hook.status, 0, hook.stderr);
  }
  const log = airlock(dir, ['log', '--json']);
  const entries = log.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.deepEqual(
    entries.slice(5).map((e) => [e.seq, e.command, e.detail?.spooledAs]),
    [
      [6, 'ls /after-head-loss-1', 1],
      [7, 'ls /after-head-loss-2', 2],
    ],
  );
  const verify = airlock(dir, ['verify']);
  assert.equal(verify.status, 1, verify.stdout);
  assert.match(verify.stdout, /entry 6 was spooled as entry 1 while the head anchor was missing or rolled back; it was renumbered, not lost/);
  assert.match(verify.stdout, /entry 7 was spooled as entry 2/);
});

test('a torn or garbled spool line is kept as evidence and reported by verify, not silently dropped', async () => {
  const dir = stateDir();
  await fill(dir, 3);
  const hook = hookIn(dir, 'ls /spooled');
  assert.equal(hook.status, 0, hook.stderr);
  const torn = '{"seq":5,"ts":17,"body":"{\\"command\\":\\"psql -c \'DROP';
  appendFileSync(join(dir, 'audit.db.spool'), torn + '\n');
  const entries = airlock(dir, ['log', '--json'])
    .stdout.trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.deepEqual(
    entries.slice(3).map((e) => [e.seq, e.command, e.detail?.spoolLine]),
    [
      [4, 'ls /spooled', undefined],
      [5, undefined, torn],
    ],
  );
  const verify = airlock(dir, ['verify']);
  assert.equal(verify.status, 1, verify.stdout);
  assert.match(verify.stdout, /entry 5 holds a spool line that could not be read/);
});

test('a log that cannot be written: nothing runs unrecorded, except plainly read-only commands where the policy allows it', () => {
  const dir = stateDir();
  // The state "directory" is a file, so nothing can be written under it.
  const broken = join(dir, 'state-is-a-file');
  writeFileSync(broken, 'not a directory');
  const env = airlockEnv(dir, { AIRLOCK_STATE_DIR: broken });
  const run = (command: string, e: Record<string, string> = env) => runHook('claude-code', claudeCodePayload(command, dir), { env: e, cwd: dir });
  for (const command of ['terraform destroy -auto-approve', 'git status', 'echo hi > notes.txt', 'rm -rf ~']) {
    const r = run(command);
    assert.equal(r.status, 2, `${command}: a request that cannot be recorded must be blocked`);
    // A held command fails earlier, opening the approval store; the rest say exactly why.
    assert.match(
      r.stderr,
      command.startsWith('terraform')
        ? /could not be recorded: .*state-is-a-file.*lets nothing run that it could not record/
        : /could not be written to the audit log.*lets nothing run that it could not record/,
    );
  }
  // on_error: allow-read-only is for airlock failing to judge, not to record: even `git status` is blocked.
  mkdirSync(join(dir, '.config/airlock'), { recursive: true });
  writeFileSync(join(dir, '.config/airlock/policy.yaml'), 'on_error: allow-read-only\n');
  const lenient = { ...env, XDG_CONFIG_HOME: join(dir, '.config') };
  for (const command of ['git status', 'echo hi > notes.txt', 'git diff --output=/tmp/x']) assert.equal(run(command, lenient).status, 2, command);
  // An outcome that can't be recorded can't undo what ran: the agent gets its usual answer and the problem is reported.
  const outcome = runHook(
    'claude-code',
    { session_id: 's', cwd: dir, hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: { command: 'ls' }, tool_response: { stdout: '', stderr: '', interrupted: false } },
    { env, cwd: dir },
  );
  assert.equal(outcome.status, 0);
  assert.match(outcome.stderr, /outcome could not be written to the audit log/);
});

test('a lock file left empty (its owner stopped by a full disk before writing its pid) is broken once stale, not waited on forever', () => {
  const dir = stateDir();
  const lock = join(dir, 'audit.db.lock');
  writeFileSync(lock, '');
  const old = (Date.now() - 60_000) / 1000;
  utimesSync(lock, old, old);
  const hook = hookIn(dir, 'ls /after-stale-lock');
  assert.equal(hook.status, 0, hook.stderr);
  assert.match(airlock(dir, ['log', '--json']).stdout, /ls \/after-stale-lock/);
});

test("a request the hook does not judge (a tool it doesn't know, with no SQL, command or file in it) is recorded all the same, or blocked when it can't be", () => {
  const dir = stateDir();
  const env = airlockEnv(dir, { AIRLOCK_STATE_DIR: dir });
  const payload = { session_id: 's', cwd: dir, hook_event_name: 'PreToolUse', tool_name: 'FutureTool', tool_input: { note: 'summarise the README' } };
  const hook = (e: Record<string, string>) => runHook('claude-code', payload, { env: e, cwd: dir });
  assert.equal(hook(env).status, 0);
  const entries = airlock(dir, ['log', '--json'])
    .stdout.trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.deepEqual(
    entries.map((e) => [e.command, e.detail?.judged]),
    [['FutureTool {"note":"summarise the README"}', false]],
  );
  const broken = join(dir, 'state-is-a-file');
  writeFileSync(broken, 'x');
  const r = hook({ ...env, AIRLOCK_STATE_DIR: broken });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /could not be written to the audit log/);
});
