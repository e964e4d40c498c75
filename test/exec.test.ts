// airlock exec and airlock shell run what is allowed and nothing else, checked by real effects.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BIN, airlockEnv, exitOf, inTerminal, poll } from './helpers.js';

const home = mkdtempSync(join(tmpdir(), 'airlock-exec-home-'));
// Requests that expire in a second, so a held command's wait ends quickly.
writeFileSync(join(home, 'short.yaml'), 'approvals:\n  timeout: 1s\n');

function airlock(args: string[], cwd: string, extra: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    cwd,
    env: airlockEnv(home, extra),
  });
}

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-exec-repo-'));
  const git = (...a: string[]) => spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...a], { cwd: dir });
  git('init', '-q');
  writeFileSync(join(dir, 'notes.txt'), 'committed\n');
  git('add', '.');
  git('commit', '-qm', 'first');
  writeFileSync(join(dir, 'notes.txt'), 'uncommitted work\n');
  return dir;
}

test('exec runs an allowed command and passes its exit status through', () => {
  const dir = repo();
  const made = airlock(['exec', '--', 'touch', 'made.txt'], dir);
  assert.equal(made.status, 0, made.stderr);
  assert.ok(existsSync(join(dir, 'made.txt')));
  assert.equal(airlock(['exec', '--', 'bash -c "exit 7"'], dir).status, 7);
});

test('exec does not run a held command: uncommitted work survives git reset --hard until the request expires', () => {
  const dir = repo();
  const r = airlock(['exec', '--', 'git', 'reset', '--hard'], dir, { AIRLOCK_ORG_POLICY: join(home, 'short.yaml') });
  assert.equal(r.status, 11);
  assert.match(r.stderr, /git reset --hard discards every uncommitted change[\s\S]*waiting for a human to approve request [a-z2-9]{6}[\s\S]*expired[\s\S]*did not run/);
  assert.equal(readFileSync(join(dir, 'notes.txt'), 'utf8'), 'uncommitted work\n');
});

test('exec runs a held command once a human approves it', async () => {
  const dir = repo();
  const child = spawn(process.execPath, [BIN, 'exec', '--', 'git reset --hard && touch approved.txt'], { cwd: dir, env: airlockEnv(home) });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = exitOf(child);
  const id = await poll(() => /approve request ([a-z2-9]{6})/.exec(stderr)?.[1]);
  assert.ok(id, stderr);
  const approved = inTerminal(airlockEnv(home), ['approve', id], [['to approve', 'unknown']]);
  assert.equal(approved.status, 0, approved.output);
  assert.equal(await exited, 0, stderr);
  assert.ok(existsSync(join(dir, 'approved.txt')));
  assert.equal(readFileSync(join(dir, 'notes.txt'), 'utf8'), 'committed\n');
});

test('exec records every request it judges and the exit status of what it ran', () => {
  const dir = repo();
  const state = mkdtempSync(join(tmpdir(), 'airlock-exec-state-'));
  assert.equal(airlock(['exec', '--', 'bash -c "exit 3"'], dir, { AIRLOCK_STATE_DIR: state }).status, 3);
  assert.equal(airlock(['exec', '--', 'rm -rf /'], dir, { AIRLOCK_STATE_DIR: state }).status, 12);
  const log = airlock(['log', '--json'], dir, { AIRLOCK_STATE_DIR: state });
  assert.equal(log.status, 0, log.stderr);
  const entries = log.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.deepEqual(
    entries.map((e) => [e.kind, e.agent, e.command, e.verdict ?? e.detail?.exitCode]),
    [
      ['request', 'airlock-exec', 'bash -c "exit 3"', 'allow'],
      ['outcome', 'airlock-exec', 'bash -c "exit 3"', 3],
      ['request', 'airlock-exec', 'rm -rf /', 'deny'],
    ],
  );
  assert.equal(airlock(['verify'], dir, { AIRLOCK_STATE_DIR: state }).status, 0);
});

test('a confirm verdict without a terminal does not run', () => {
  const dir = repo();
  const r = airlock(['exec', '--', 'rm -rf src'], dir);
  assert.equal(r.status, 10);
  assert.match(r.stderr, /must confirm this at a terminal/);
});

test('shell is a drop-in for bash -c, flags included', () => {
  const dir = repo();
  assert.equal(airlock(['shell', '-c', 'echo ok > out.txt'], dir).status, 0);
  assert.equal(readFileSync(join(dir, 'out.txt'), 'utf8'), 'ok\n');
  assert.equal(airlock(['shell', '-ec', 'false; touch never.txt'], dir).status, 1);
  assert.ok(!existsSync(join(dir, 'never.txt')));
  const held = airlock(['shell', '-lc', 'git checkout -- notes.txt'], dir, { AIRLOCK_ORG_POLICY: join(home, 'short.yaml') });
  assert.equal(held.status, 11);
  assert.equal(readFileSync(join(dir, 'notes.txt'), 'utf8'), 'uncommitted work\n');
  assert.equal(airlock(['shell'], dir).status, 2);
});
