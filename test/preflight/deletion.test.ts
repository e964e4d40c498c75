// Preflight for recursive deletes in a project, on real folders and real repositories, through the real
// `airlock check` and hook: what git can bring back passes, and what nothing can is held and named.

import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { airlockEnv, claudeCodePayload, initRepo, plainGit, runHook, scratchDir, checkIn, type CheckedJson } from '../helpers.js';

const home = scratchDir('deletion-home');

function folder(): string {
  const dir = scratchDir('deletion');
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src/a.ts'), 'export const a = 1;\n');
  writeFileSync(join(dir, 'src/b.ts'), 'export const b = 2;\n');
  return dir;
}

/** A project whose src/ (two files) is committed, with `node_modules/` and `.env` ignored. */
function repo(): string {
  const dir = folder();
  initRepo(dir);
  writeFileSync(join(dir, '.gitignore'), 'node_modules/\n.env\n');
  plainGit(dir, 'add', '.');
  plainGit(dir, 'commit', '-qm', 'init');
  return dir;
}

type Checked = CheckedJson;
const check = (dir: string, command: string) => checkIn(dir, command, home);

const rm = (c: Checked) => {
  const f = c.findings.find((x) => x.rule === 'filesystem/rm');
  assert.ok(f, JSON.stringify(c.findings));
  return f;
};

test('rm -rf src: let through when every file is tracked and committed, with how much it deletes', () => {
  const dir = repo();
  const c = check(dir, 'rm -rf src');
  assert.equal(c.verdict, 'allow');
  assert.deepEqual(rm(c).preflight, { probe: 'deletion', loses: false, files: 2, bytes: 40 });
  assert.match(rm(c).summary, /2 files \(40 bytes\), all tracked and committed/);
});

test('rm -rf src: held, naming them, when it holds uncommitted changes or untracked files', () => {
  const dir = repo();
  writeFileSync(join(dir, 'src/a.ts'), 'export const a = 42;\n');
  writeFileSync(join(dir, 'src/draft.ts'), 'todo\n');
  const c = check(dir, 'rm -rf src');
  assert.notEqual(c.verdict, 'allow');
  const f = rm(c);
  assert.equal(f.effect, 'destroy');
  assert.match(f.summary, /it would delete 3 files \(\d+ bytes\); uncommitted changes to 1 file: src\/a\.ts; 1 untracked file: src\/draft\.ts/);
});

test('ignored files: dependencies and build output are made again, a .env is not', () => {
  const dir = repo();
  mkdirSync(join(dir, 'src/node_modules/x'), { recursive: true });
  writeFileSync(join(dir, 'src/node_modules/x/index.js'), '1\n');
  assert.equal(check(dir, 'rm -rf src').verdict, 'allow');
  writeFileSync(join(dir, 'src/.env'), 'TOKEN=x\n');
  const c = check(dir, 'rm -rf src');
  assert.notEqual(c.verdict, 'allow');
  assert.deepEqual(rm(c).preflight?.ignored, ['src/.env']);
});

test('an ignored folder with a regenerable name does not hide what is in it', () => {
  const dir = repo();
  writeFileSync(join(dir, '.gitignore'), 'node_modules/\n.env\ntmp/\n.cache/\n');
  mkdirSync(join(dir, 'src/tmp'));
  writeFileSync(join(dir, 'src/tmp/notes.md'), 'the only copy\n');
  mkdirSync(join(dir, 'src/.cache'));
  writeFileSync(join(dir, 'src/.cache/prod.sqlite3'), 'db');
  const c = check(dir, 'rm -rf src');
  assert.notEqual(c.verdict, 'allow');
  assert.deepEqual([...((rm(c).preflight?.ignored as string[]) ?? [])].sort(), ['src/.cache/prod.sqlite3', 'src/tmp/notes.md']);
});

test('a path through a symlink and up is the one the system deletes, not the one its spelling suggests', () => {
  const dir = repo();
  // src/ is committed and clean; elsewhere/src holds the only copy of a file, and link points into elsewhere.
  const elsewhere = scratchDir('deletion-elsewhere');
  mkdirSync(join(elsewhere, 'inner'));
  mkdirSync(join(elsewhere, 'src'));
  writeFileSync(join(elsewhere, 'src/only-copy.txt'), 'x\n');
  symlinkSync(join(elsewhere, 'inner'), join(dir, 'link'));
  assert.equal(check(dir, 'rm -rf src').verdict, 'allow');
  for (const command of ['rm -rf link/../src', 'cd link && rm -rf ../src']) {
    const c = check(dir, command);
    assert.notEqual(c.verdict, 'allow', command);
    assert.match(rm(c).summary, /none of it in a git repository/, command);
  }
});

test('a repository inside what is deleted takes its history with it; outside any repository, everything is at stake', () => {
  const dir = repo();
  mkdirSync(join(dir, 'src/vendored'));
  writeFileSync(join(dir, 'src/vendored/v.txt'), 'v\n');
  plainGit(join(dir, 'src/vendored'), 'init', '-q');
  const nested = check(dir, 'rm -rf src');
  assert.notEqual(nested.verdict, 'allow');
  assert.match(rm(nested).summary, /the history of 1 git repository: .*src\/vendored\/\.git/);

  const plain = folder();
  const outside = check(plain, 'rm -rf src');
  assert.notEqual(outside.verdict, 'allow');
  assert.match(rm(outside).summary, /it would delete 2 files \(40 bytes\); none of it in a git repository/);
});

test('a symlinked folder, a pattern, or something else in the same command keeps the delete held', () => {
  const dir = repo();
  const elsewhere = scratchDir('deletion-target');
  symlinkSync(elsewhere, join(dir, 'data'));
  plainGit(dir, 'add', 'data');
  plainGit(dir, 'commit', '-qm', 'link');
  for (const [command, why] of [
    ['rm -rf data/', /symbolic link/],
    ['rm -rf sr*', /pattern/],
    ['git add -A && rm -rf src', /in the same command can change/],
    // Nothing there now says nothing about what will be there when it runs.
    ['rm -rf gone', /nothing there now/],
    // Run many times, elsewhere, or over a tree something else changes first.
    ['echo src | xargs rm -rf', /runs through xargs/],
    ["git rebase -x 'rm -rf src' HEAD", /runs through git/],
  ] as const) {
    const c = check(dir, command);
    assert.notEqual(c.verdict, 'allow', command);
    assert.match(String(rm(c).preflight?.failed), why, command);
  }
  // find's -exec and -execdir run it once per match, in each match's folder: no probe clears it.
  assert.notEqual(check(dir, "find . -maxdepth 0 -execdir rm -rf src ';'").verdict, 'allow');
});

test('through the hook: a committed src is deleted without a hold, a dirty one is held with the file named', () => {
  const dir = repo();
  const env = airlockEnv(home);
  const clean = runHook('claude-code', claudeCodePayload('rm -rf src', dir), { env, cwd: dir });
  assert.equal(clean.status, 0, clean.stderr);
  assert.doesNotMatch(clean.stdout, /"deny"|"ask"/);
  writeFileSync(join(dir, 'src/b.ts'), 'changed\n');
  const held = runHook('claude-code', claudeCodePayload('rm -rf src', dir), { env, cwd: dir });
  assert.match(held.stdout + held.stderr, /uncommitted changes to 1 file: src\/b\.ts/);
});

test('rm -rf over edits git does not show (skip-worktree, assume-unchanged) is held, naming them', () => {
  const dir = repo();
  plainGit(dir, 'update-index', '--skip-worktree', 'src/a.ts');
  writeFileSync(join(dir, 'src/a.ts'), 'export const a = 42; // kept behind skip-worktree\n');
  const c = check(dir, 'rm -rf src');
  assert.notEqual(c.verdict, 'allow');
  assert.match(rm(c).summary, /src\/a\.ts \(marked skip-worktree/);
});
