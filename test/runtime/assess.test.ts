// Gather → assess → decide: the analysis says what it still needs, the runtime gathers it through a
// port and runs again, in bounded rounds, within a time budget, and stops when its caller gives up.
// The "remote" port here reads a real directory, but only when asked and only asynchronously, as a
// server that can't see the agent's disk would have to.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync } from 'node:fs';
import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assess } from '../../src/runtime/assess.js';
import { judge } from '../../src/runtime/judge.js';
import { gatheredFacts, type FactReader } from '../../src/facts/gathered.js';
import { gatherSurroundings } from '../../src/facts/surroundings.js';
import { defaultPolicy } from '../../src/policy/policy.js';
import type { FactSnapshot, Need } from '../../src/core/facts.js';

function project(): { dir: string; home: string } {
  const root = mkdtempSync(join(tmpdir(), 'airlock-assess-'));
  const dir = join(root, 'app');
  const home = join(root, 'home');
  mkdirSync(dir);
  mkdirSync(home);
  // A task that runs a script that runs another script that wipes the database.
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ scripts: { reset: 'bash scripts/reset.sh', build: 'tsc -p .' } }));
  mkdirSync(join(dir, 'scripts'));
  writeFileSync(join(dir, 'scripts', 'reset.sh'), 'set -e\nbash scripts/wipe.sh\n');
  writeFileSync(join(dir, 'scripts', 'wipe.sh'), 'rm -rf /var/lib/postgresql/data\n');
  return { dir, home };
}

/** Reads what is asked from the real disk, asynchronously, and counts how often it was asked. */
function diskReader(): FactReader & { asked: Need[][] } {
  const asked: Need[][] = [];
  return {
    asked,
    async read(needs: readonly Need[], into: FactSnapshot) {
      asked.push([...needs]);
      for (const n of needs) {
        if (n.kind === 'file') {
          const st = await stat(n.path).catch(() => null);
          into.files.set(n.path, st?.isFile() ? new Uint8Array(await readFile(n.path)) : null);
        } else if (n.kind === 'realpath') into.realpaths.set(n.path, await realpath(n.path).catch(() => n.path));
        else if (n.kind === 'entry') {
          const st = await lstat(n.path).catch(() => null);
          into.entries.set(n.path, st === null ? 'missing' : st.isSymbolicLink() ? 'link' : st.isDirectory() ? 'directory' : 'other');
        }
      }
    },
    surroundings: async (dir, env) => gatherSurroundings(dir, env),
  };
}

const summary = (a: { findings: { rule: string; effect: string }[]; effect: string }) => ({ effect: a.effect, rules: a.findings.map((f) => `${f.rule}:${f.effect}`).sort() });

test('a port that must be asked gives the same assessment as the local disk, over several rounds', async () => {
  const { dir, home } = project();
  const request = { command: 'npm run reset', cwd: dir, env: { HOME: home } };
  const local = await assess(request);
  const reader = diskReader();
  const remote = await assess(request, { port: gatheredFacts(reader) });
  assert.deepEqual(summary(remote.assessment), summary(local.assessment));
  assert.equal(remote.assessment.effect, 'destroy');
  // package.json, then reset.sh, then wipe.sh: each is known to be needed only once the one before is read.
  assert.ok(remote.facts.rounds >= 3, `rounds: ${remote.facts.rounds}`);
  assert.equal(local.facts.rounds, 1);
  const asked = reader.asked
    .flat()
    .filter((n) => n.kind === 'file')
    .map((n) => (n as { path: string }).path);
  for (const f of ['package.json', 'scripts/reset.sh', 'scripts/wipe.sh']) assert.ok(asked.includes(join(dir, f)), `${f} was asked for`);
  // The facts used are the files read, the same whichever port read them.
  assert.deepEqual(remote.facts.files, local.facts.files);
  assert.ok(local.facts.files.some((f) => f.path === join(dir, 'scripts', 'wipe.sh') && f.present));
});

test('a plain command needs nothing and runs once; the same task name that builds is allowed', async () => {
  const { dir, home } = project();
  const reader = diskReader();
  const built = await assess({ command: 'npm run build', cwd: dir, env: { HOME: home } }, { port: gatheredFacts(reader) });
  assert.equal(built.assessment.effect, 'read');
  const plain = await assess({ command: 'date', cwd: dir, env: { HOME: home } }, { port: gatheredFacts(diskReader()) });
  assert.equal(plain.facts.rounds, 1);
});

test('when the rounds run out, what is still missing is held as unknown, never allowed', async () => {
  const { dir, home } = project();
  const { assessment, facts } = await assess({ command: 'npm run reset', cwd: dir, env: { HOME: home } }, { port: gatheredFacts(diskReader()), maxRounds: 2 });
  assert.equal(assessment.effect === 'unknown' || assessment.effect === 'destroy', true);
  assert.ok(assessment.findings.some((f) => f.rule === 'analysis/facts-missing' && f.effect === 'unknown'));
  assert.ok(
    facts.missing?.some((m) => m.includes('/scripts/')),
    JSON.stringify(facts.missing),
  );
  const decision = await judge({ command: 'npm run reset', cwd: dir, env: { HOME: home } }, { port: gatheredFacts(diskReader()), policy: defaultPolicy(), grants: [] });
  assert.notEqual(decision.decision.verdict, 'allow');
});

test('a reader that never answers runs out of time and the command is held', async () => {
  const { dir, home } = project();
  const stuck: FactReader = { read: () => new Promise(() => undefined), surroundings: async (d, env) => gatherSurroundings(d, env) };
  const { assessment, facts } = await assess({ command: 'npm run reset', cwd: dir, env: { HOME: home } }, { port: gatheredFacts(stuck), gatherMs: 200 });
  assert.ok(
    assessment.findings.some((f) => f.rule === 'analysis/facts-missing'),
    JSON.stringify(assessment.findings.map((f) => f.rule)),
  );
  assert.match(assessment.findings.find((f) => f.rule === 'analysis/facts-missing')!.summary, /not gathered in time/);
  assert.ok(facts.missing?.includes(`file:${join(dir, 'package.json')}`));
});

test('a reader that fails is held too, with its reason', async () => {
  const { dir, home } = project();
  const failing: FactReader = { read: async () => Promise.reject(new Error('connection reset')), surroundings: async (d, env) => gatherSurroundings(d, env) };
  const { assessment } = await assess({ command: 'npm run reset', cwd: dir, env: { HOME: home } }, { port: gatheredFacts(failing) });
  assert.match(assessment.findings.find((f) => f.rule === 'analysis/facts-missing')!.summary, /connection reset/);
});

test('when the caller gives up, judging stops: nothing more is gathered and the promise rejects', async () => {
  const { dir, home } = project();
  const stop = new AbortController();
  let calls = 0;
  const slow: FactReader = {
    read: (_needs, _into, signal) => {
      calls++;
      // The caller gives up while the first gathering is under way.
      stop.abort(new Error('the hook ran out of time'));
      return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
    },
    surroundings: async (d, env) => gatherSurroundings(d, env),
  };
  await assert.rejects(judge({ command: 'npm run reset', cwd: dir, env: { HOME: home } }, { port: gatheredFacts(slow), policy: defaultPolicy(), grants: [], signal: stop.signal }), /ran out of time/);
  assert.equal(calls, 1);
  const already = new AbortController();
  already.abort(new Error('gone'));
  await assert.rejects(judge({ command: 'ls', cwd: dir, env: { HOME: home } }, { policy: defaultPolicy(), grants: [], signal: already.signal }), /gone/);
});

test('the self-protection rules see through symlinks on a port that must be asked', async () => {
  const { dir, home } = project();
  const state = join(home, '.local', 'state', 'airlock');
  mkdirSync(state, { recursive: true });
  writeFileSync(join(state, 'audit.db'), '');
  symlinkSync(state, join(dir, 'logs'));
  const request = { command: 'rm -rf logs/', cwd: dir, env: { HOME: home } };
  const local = await assess(request);
  const remote = await assess(request, { port: gatheredFacts(diskReader()) });
  assert.ok(
    local.assessment.findings.some((f) => f.forbidden),
    'the local disk sees the link',
  );
  assert.deepEqual(summary(remote.assessment), summary(local.assessment));
  assert.ok(remote.facts.rounds >= 2);
});

test('judge keeps what the decision rested on: files read, and the files that set the environment where it runs', async () => {
  const { dir, home } = project();
  writeFileSync(join(dir, '.env'), 'DATABASE_URL=postgres://app@db.prod.internal/app\n');
  const { decision, facts } = await judge({ command: "psql -c 'DELETE FROM users WHERE id = 1'", cwd: dir, env: { HOME: home } }, { policy: defaultPolicy(), grants: [] });
  assert.equal(decision.environment, 'production');
  assert.deepEqual(facts.surroundings, [{ dir, files: ['.env'] }]);
});

test('the real hook records what a held decision rested on in its audit entry', async () => {
  const { spawnSync } = await import('node:child_process');
  const { projectRoot } = await import('../helpers.js');
  const { dir, home } = project();
  writeFileSync(join(dir, '.env'), 'DATABASE_URL=postgres://app@db.prod.internal/app\n');
  const state = join(home, 'state');
  const env = { PATH: process.env.PATH ?? '', HOME: home, AIRLOCK_STATE_DIR: state, AIRLOCK_ORG_POLICY: '/nonexistent/org.yaml', NO_COLOR: '1' };
  const payload = { session_id: 's1', cwd: dir, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'npm run reset' } };
  const answer = spawnSync(process.execPath, [join(projectRoot, 'dist/hook.cjs'), 'claude-code'], { input: JSON.stringify(payload), encoding: 'utf8', env, cwd: dir });
  assert.match(answer.stdout, /"permissionDecision":"(deny|ask)"/, answer.stdout + answer.stderr);
  const log = spawnSync(process.execPath, [join(projectRoot, 'bin/airlock.mjs'), 'log', '--json'], { encoding: 'utf8', env, cwd: dir });
  const entries = log.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { kind: string; command?: string; detail?: { facts?: { files: { path: string }[]; surroundings: { files: string[] }[] } } });
  const request = entries.find((e) => e.kind === 'request' && e.command === 'npm run reset');
  assert.ok(request?.detail?.facts, log.stdout);
  assert.deepEqual(
    request.detail.facts.files.map((f) => f.path.slice(dir.length + 1)),
    ['package.json', 'scripts/reset.sh', 'scripts/wipe.sh'],
  );
  assert.deepEqual(
    request.detail.facts.surroundings.map((s) => s.files),
    [['.env']],
  );
});
