// Preflight for git commands that throw work away, in real temporary repositories, through the real
// `airlock check` and the real hook: a command that would lose nothing is let through, one that would
// lose something is held with exactly what it would lose, and a probe that can't look never allows.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { airlockEnv, BIN, claudeCodePayload, initRepo, plainGit, runHook, scratchDir } from '../helpers.js';

const home = scratchDir('preflight-home');

/** A repository with two committed files, a.txt and src/s.ts, and a clean tree. */
function repo(): string {
  const dir = scratchDir('preflight-repo');
  initRepo(dir);
  writeFileSync(join(dir, 'a.txt'), 'a\n');
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src/s.ts'), 'export {};\n');
  plainGit(dir, 'add', '.');
  plainGit(dir, 'commit', '-qm', 'init');
  return dir;
}

interface Checked {
  status: number | null;
  verdict: string;
  findings: { rule: string; effect: string; summary: string; preflight?: Record<string, unknown> }[];
}

function check(dir: string, command: string, env: Record<string, string> = {}): Checked {
  const r = spawnSync(process.execPath, [BIN, 'check', '--json', '--cwd', dir, command], { encoding: 'utf8', cwd: dir, env: airlockEnv(home, env) });
  assert.equal(r.stderr, '', r.stderr);
  return { status: r.status, ...JSON.parse(r.stdout) };
}

const finding = (c: Checked, rule: string) => {
  const f = c.findings.find((x) => x.rule === rule);
  assert.ok(f, `no ${rule} finding in ${JSON.stringify(c.findings.map((x) => x.rule))}`);
  return f;
};

test('git reset --hard: allowed on a clean tree, held on a dirty one with the files it would lose', () => {
  const dir = repo();
  const clean = check(dir, 'git reset --hard');
  assert.equal(clean.verdict, 'allow');
  assert.deepEqual(finding(clean, 'git/reset-hard').preflight, { probe: 'git-reset', loses: false });

  writeFileSync(join(dir, 'a.txt'), 'changed\n');
  writeFileSync(join(dir, 'src/s.ts'), 'export const x = 1;\n');
  plainGit(dir, 'add', 'src/s.ts');
  const dirty = check(dir, 'git reset --hard');
  assert.equal(dirty.verdict, 'approve');
  const f = finding(dirty, 'git/reset-hard');
  assert.equal(f.effect, 'destroy');
  assert.match(f.summary, /uncommitted changes to 2 files: (a\.txt, src\/s\.ts|src\/s\.ts, a\.txt)/);
  assert.deepEqual([...((f.preflight?.changed as string[]) ?? [])].sort(), ['a.txt', 'src/s.ts']);
});

test('git reset --hard to an earlier commit names the commits no other ref keeps', () => {
  const dir = repo();
  writeFileSync(join(dir, 'b.txt'), 'b\n');
  plainGit(dir, 'add', 'b.txt');
  plainGit(dir, 'commit', '-qm', 'unpushed work');
  const held = check(dir, 'git reset --hard HEAD~1');
  assert.equal(held.verdict, 'approve');
  assert.match(finding(held, 'git/reset-hard').summary, /1 commit no branch, tag or remote keeps: [0-9a-f]{7,} unpushed work/);
  // Kept by another branch, the same commit is not lost.
  plainGit(dir, 'branch', 'keep');
  assert.equal(check(dir, 'git reset --hard HEAD~1').verdict, 'allow');
});

test('git clean -fdx: allowed with nothing untracked, held with the untracked and ignored files it would delete', () => {
  const dir = repo();
  assert.equal(check(dir, 'git clean -fdx').verdict, 'allow');
  writeFileSync(join(dir, '.gitignore'), '.env\n');
  plainGit(dir, 'add', '.gitignore');
  plainGit(dir, 'commit', '-qm', 'ignore');
  writeFileSync(join(dir, '.env'), 'TOKEN=x\n');
  writeFileSync(join(dir, 'notes.md'), 'draft\n');
  const held = check(dir, 'git clean -fdx');
  assert.equal(held.verdict, 'approve');
  assert.deepEqual([...((finding(held, 'git/clean').preflight?.untracked as string[]) ?? [])].sort(), ['.env', 'notes.md']);
  // Without -x, ignored files stay, and git clean says so itself.
  assert.deepEqual(finding(check(dir, 'git clean -fd'), 'git/clean').preflight?.untracked, ['notes.md']);
  // Excluded by -e, nothing is left to lose.
  assert.equal(check(dir, 'git clean -f -e notes.md').verdict, 'allow');
});

test('checkout and restore of paths look at those paths; a forced checkout or switch at the whole tree', () => {
  const dir = repo();
  writeFileSync(join(dir, 'a.txt'), 'changed\n');
  assert.equal(check(dir, 'git checkout -- src').verdict, 'allow');
  assert.equal(check(dir, 'git restore src/s.ts').verdict, 'allow');
  const held = check(dir, 'git checkout -- a.txt');
  assert.equal(held.verdict, 'approve');
  assert.deepEqual(finding(held, 'git/discard-worktree').preflight?.changed, ['a.txt']);
  // A branch name that looks like a path must not narrow a forced checkout to it.
  assert.equal(check(dir, 'git checkout -f release/1.0').verdict, 'approve');
  assert.equal(check(dir, 'git switch --discard-changes other').verdict, 'approve');
});

test('stash drop and clear: allowed with no stash, held naming the entries they drop', () => {
  const dir = repo();
  assert.equal(check(dir, 'git stash drop').verdict, 'allow');
  assert.equal(check(dir, 'git stash clear').verdict, 'allow');
  writeFileSync(join(dir, 'a.txt'), 'changed\n');
  plainGit(dir, 'stash', 'push', '-qm', 'half-done');
  const held = check(dir, 'git stash drop');
  assert.equal(held.verdict, 'approve');
  assert.match(finding(held, 'git/stash-drop').summary, /1 stash entry: stash@\{0\} On main: half-done/);
  assert.equal(check(dir, 'git stash drop stash@{3}').verdict, 'allow');
});

test('branch -D: allowed when the branch is merged, held naming the commits only it holds', () => {
  const dir = repo();
  plainGit(dir, 'branch', 'merged');
  assert.equal(check(dir, 'git branch -D merged').verdict, 'allow');
  plainGit(dir, 'checkout', '-qb', 'feature');
  writeFileSync(join(dir, 'f.txt'), 'f\n');
  plainGit(dir, 'add', 'f.txt');
  plainGit(dir, 'commit', '-qm', 'feature work');
  plainGit(dir, 'checkout', '-q', 'main');
  const held = check(dir, 'git branch -D feature');
  assert.equal(held.verdict, 'approve');
  assert.match(finding(held, 'git/branch-force-delete').summary, /feature work/);
});

test('a probe that cannot see what will run stays held and says why', () => {
  const dir = repo();
  const cases: [string, RegExp][] = [
    // What runs earlier in the same command changes what the probe would find.
    ['git stash && git stash drop', /`git stash` in the same command/],
    ['echo x >> a.txt; git reset --hard', /in the same command can change/],
    // Another machine, container or repository.
    ['ssh build git reset --hard', /runs through ssh/],
    ['docker exec app git reset --hard', /runs through docker/],
    ['GIT_DIR=/srv/other.git git reset --hard', /GIT_DIR points git at another repository/],
    ['git --work-tree=/srv/app clean -fdx', /--work-tree points git/],
    ['git -c core.worktree=/srv reset --hard', /-c points git/],
    ['git -C . -c core.worktree=/srv reset --hard', /-c points git/],
    ['git reset --hard $REV', /only known when it runs/],
    // A login shell starts in the other user's home; git itself runs commands elsewhere and over a changing tree.
    ['sudo -i git reset --hard', /login shell/],
    ['sudo -u dev -i git reset --hard', /login shell/],
    ["git submodule foreach 'git reset --hard'", /runs through git/],
    ["git rebase -x 'git clean -fdx' HEAD", /runs through git/],
    ['echo a.txt | xargs git checkout --', /runs through xargs/],
    // git diff with --output writes a file before the reset.
    ['git diff --output=a.txt && git reset --hard', /in the same command can change/],
  ];
  for (const [command, why] of cases) {
    const c = check(dir, command);
    assert.notEqual(c.verdict, 'allow', command);
    const probed = c.findings.find((f) => f.preflight);
    assert.ok(probed, command);
    assert.match(String(probed.preflight?.failed), why, command);
  }
});

test('a failed or slow probe never allows: git missing, or git that hangs past the budget', () => {
  const dir = repo();
  const bin = scratchDir('preflight-bin');
  const missing = check(dir, 'git reset --hard', { PATH: bin });
  assert.equal(missing.verdict, 'approve');
  assert.match(String(finding(missing, 'git/reset-hard').preflight?.failed), /ENOENT|not found|spawn/);
  writeFileSync(join(bin, 'git'), '#!/bin/sh\nexec sleep 60\n');
  chmodSync(join(bin, 'git'), 0o755);
  const started = Date.now();
  const slow = check(dir, 'git reset --hard', { PATH: `${bin}:${process.env.PATH}` });
  assert.equal(slow.verdict, 'approve');
  assert.match(String(finding(slow, 'git/reset-hard').preflight?.failed), /took longer than/);
  // The hung git was stopped at the budget, not waited out.
  assert.ok(Date.now() - started < 50_000);
});

test("the repository's own configuration runs nothing: filters, fsmonitor and hooks are switched off", () => {
  const dir = repo();
  const marker = join(dir, '..', `${join(dir).split('/').pop()}-ran`);
  const program = `sh -c 'touch ${marker}; cat'`;
  plainGit(dir, 'config', 'core.fsmonitor', program);
  plainGit(dir, 'config', 'filter.evil.clean', program);
  plainGit(dir, 'config', 'filter.evil.smudge', program);
  writeFileSync(join(dir, '.gitattributes'), '* filter=evil\n');
  writeFileSync(join(dir, 'a.txt'), 'changed\n');
  const held = check(dir, 'git reset --hard');
  assert.equal(held.verdict, 'approve');
  assert.equal(existsSync(marker), false, 'a program from the repository config ran during preflight');
});

test('through the hook: the agent is told exactly which files a reset would lose; a clean reset passes', () => {
  const dir = repo();
  const env = airlockEnv(home);
  const clean = runHook('claude-code', claudeCodePayload('git reset --hard', dir), { env, cwd: dir });
  assert.equal(clean.status, 0, clean.stderr);
  assert.doesNotMatch(clean.stdout, /"deny"|"ask"/);
  writeFileSync(join(dir, 'a.txt'), 'changed\n');
  const held = runHook('claude-code', claudeCodePayload('git reset --hard', dir), { env, cwd: dir });
  assert.match(held.stdout + held.stderr, /uncommitted changes to 1 file: a\.txt/);
});
