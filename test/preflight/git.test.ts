// Preflight for git commands that throw work away, in real temporary repositories, through the real
// `airlock check` and the real hook: a command that would lose nothing is let through, one that would
// lose something is held with exactly what it would lose, and a probe that can't look never allows.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
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

test('writing another tree over the work tree counts the untracked and ignored files in its way', () => {
  const dir = repo();
  plainGit(dir, 'checkout', '-qb', 'other');
  writeFileSync(join(dir, 'config.local'), 'committed on other\n');
  plainGit(dir, 'add', 'config.local');
  plainGit(dir, 'commit', '-qm', 'config on other');
  plainGit(dir, 'checkout', '-q', 'main');
  // Not tracked on main, so status shows it as untracked, and every command below overwrites it.
  writeFileSync(join(dir, 'config.local'), 'precious local settings\n');
  for (const [command, rule] of [
    ['git reset --hard other', 'git/reset-hard'],
    ['git checkout -f other', 'git/discard-worktree'],
    ['git checkout other -- config.local', 'git/discard-worktree'],
    ['git checkout other config.local', 'git/discard-worktree'],
    ['git restore --source=other config.local', 'git/discard-worktree'],
    ['git switch --discard-changes other', 'git/discard-worktree'],
    ['git read-tree -u --reset other', 'git/discard-worktree'],
  ] as const) {
    const c = check(dir, command);
    assert.notEqual(c.verdict, 'allow', command);
    assert.match(finding(c, rule).summary, /config\.local \(not tracked here, overwritten by other's version\)/, command);
  }
  // Where the other tree writes nothing over it, nothing is in the way.
  rmSync(join(dir, 'config.local'));
  writeFileSync(join(dir, 'scratch.txt'), 'x\n');
  assert.equal(check(dir, 'git reset --hard other').verdict, 'allow');
});

test('changes status does not show are still counted: assume-unchanged, skip-worktree, case-insensitive names, submodules', () => {
  const dir = repo();
  plainGit(dir, 'update-index', '--assume-unchanged', 'a.txt');
  writeFileSync(join(dir, 'a.txt'), 'edited behind an assume-unchanged mark\n');
  assert.match(finding(check(dir, 'git reset --hard'), 'git/reset-hard').summary, /a\.txt \(marked assume-unchanged/);
  plainGit(dir, 'update-index', '--no-assume-unchanged', 'a.txt');
  plainGit(dir, 'checkout', '--', 'a.txt');
  plainGit(dir, 'update-index', '--skip-worktree', 'src/s.ts');
  writeFileSync(join(dir, 'src/s.ts'), 'export const kept = 1;\n');
  assert.match(finding(check(dir, 'git checkout -- src'), 'git/discard-worktree').summary, /src\/s\.ts \(marked skip-worktree/);
  plainGit(dir, 'update-index', '--no-skip-worktree', 'src/s.ts');
  plainGit(dir, 'checkout', '--', 'src/s.ts');
  // core.ignorecase in the repository's config would hide README.TXT behind the tracked a.txt's neighbour; the probe is case-sensitive.
  writeFileSync(join(dir, 'A.txt'), 'untracked, differs only in case\n');
  plainGit(dir, 'config', 'core.ignorecase', 'true');
  assert.deepEqual(finding(check(dir, 'git clean -f'), 'git/clean').preflight?.untracked, ['A.txt']);
  rmSync(join(dir, 'A.txt'));
  // A submodule's own tree is not looked into (its configuration would run): the reset stays held, saying so.
  const sub = repo();
  execFileSync('git', ['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub, 'vendor/sub'], { cwd: dir, stdio: 'pipe' });
  plainGit(dir, 'commit', '-qm', 'submodule');
  const withSubmodule = check(dir, 'git reset --hard');
  assert.equal(withSubmodule.verdict, 'approve');
  assert.match(String(finding(withSubmodule, 'git/reset-hard').preflight?.failed), /vendor\/sub is a submodule/);
});

test('a lone checkout word is a path when there is one by that name; a branch otherwise', () => {
  const dir = repo();
  plainGit(dir, 'branch', 'feature');
  assert.equal(check(dir, 'git checkout feature').findings.length, 0);
  writeFileSync(join(dir, 'src/s.ts'), 'export const unsaved = 1;\n');
  const held = check(dir, 'git checkout src');
  assert.equal(held.verdict, 'approve');
  assert.deepEqual(finding(held, 'git/discard-worktree').preflight?.changed, ['src/s.ts']);
  assert.equal(check(dir, 'git checkout HEAD src').verdict, 'approve');
  assert.equal(check(dir, 'git checkout --forc').verdict, 'approve');
  assert.equal(check(dir, 'git reset --har').verdict, 'approve');
});

test('checkout -B and switch -C: a new branch passes, resetting one that has its own commits is held naming them', () => {
  const dir = repo();
  assert.equal(check(dir, 'git switch -C fresh').verdict, 'allow');
  plainGit(dir, 'checkout', '-qb', 'work');
  writeFileSync(join(dir, 'w.txt'), 'w\n');
  plainGit(dir, 'add', 'w.txt');
  plainGit(dir, 'commit', '-qm', 'only on work');
  plainGit(dir, 'checkout', '-q', 'main');
  for (const command of ['git checkout -B work main', 'git switch -C work main', 'git switch --force-create work']) {
    const c = check(dir, command);
    assert.equal(c.verdict, 'approve', command);
    assert.match(finding(c, 'git/ref-move').summary, /only on work/, command);
  }
  // A symbolic ref to the branch keeps nothing once the branch goes.
  plainGit(dir, 'symbolic-ref', 'refs/heads/alias', 'refs/heads/work');
  assert.match(finding(check(dir, 'git branch -D work'), 'git/branch-force-delete').summary, /only on work/);
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
  // However git spells the entry, it is the one named.
  for (const spelling of ['0', '00', 'stash@{+0}', 'refs/stash@{0}', 'stash@{00}'])
    assert.match(finding(check(dir, `git stash drop ${spelling}`), 'git/stash-drop').summary, /1 stash entry: /, spelling);
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
    // A shell that first runs a start-up file, and git -C through a symlink and up.
    ['BASH_ENV=./setup.sh bash -c "git reset --hard"', /\$BASH_ENV names/],
    ['git -C src/.. reset --hard', /-C climbs with '\.\.'/],
  ];
  for (const [command, why] of cases) {
    const c = check(dir, command);
    assert.notEqual(c.verdict, 'allow', command);
    const probed = c.findings.find((f) => f.preflight);
    assert.ok(probed, command);
    assert.match(String(probed.preflight?.failed), why, command);
  }
});

test("a failed or slow probe never allows: no git, a git from the agent's own folder, or git that hangs past the budget", () => {
  const dir = repo();
  writeFileSync(join(dir, 'a.txt'), 'changed\n');
  const bin = scratchDir('preflight-bin');
  const missing = check(dir, 'git reset --hard', { PATH: bin });
  assert.equal(missing.verdict, 'approve');
  assert.match(String(finding(missing, 'git/reset-hard').preflight?.failed), /no git on the command's PATH/);
  // A `git` the agent put first on its PATH would answer whatever it likes: the probe doesn't run it.
  const marker = join(bin, 'ran');
  writeFileSync(join(bin, 'git'), `#!/bin/sh\ntouch ${marker}\nexit 0\n`);
  chmodSync(join(bin, 'git'), 0o755);
  const planted = check(dir, 'git reset --hard', { PATH: `${bin}:${process.env.PATH}` });
  assert.equal(planted.verdict, 'approve');
  assert.match(String(finding(planted, 'git/reset-hard').preflight?.failed), /only runs git from the system's folders/);
  assert.equal(existsSync(marker), false, 'the probe ran the planted git');
  // The index as a FIFO with no writer: the system's git blocks reading it until the budget stops it.
  rmSync(join(dir, '.git/index'));
  execFileSync('mkfifo', [join(dir, '.git/index')]);
  const started = Date.now();
  const slow = check(dir, 'git reset --hard');
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

test('names git reads its own way are not taken literally: @{-1}, remote branches, abbreviated options, case-insensitive pathspecs, ignore files', () => {
  const dir = repo();
  plainGit(dir, 'checkout', '-qb', 'side');
  writeFileSync(join(dir, 'side.txt'), 's\n');
  plainGit(dir, 'add', 'side.txt');
  plainGit(dir, 'commit', '-qm', 'only on side');
  plainGit(dir, 'checkout', '-q', 'main');
  for (const command of ['git branch -D @{-1}', 'git checkout -B @{-1} HEAD~1']) {
    const c = check(dir, command);
    assert.notEqual(c.verdict, 'allow', command);
    assert.match(String(c.findings.find((f) => f.preflight)?.preflight?.failed), /not a plain branch name/, command);
  }
  // A remote-tracking branch can be the only ref that keeps a commit.
  plainGit(dir, 'update-ref', 'refs/remotes/origin/gone', 'refs/heads/side');
  plainGit(dir, 'branch', '-qD', 'side');
  assert.match(finding(check(dir, 'git branch -D -r origin/gone'), 'git/branch-force-delete').summary, /only on side/);
  // restore --sour is --source: the untracked file in the way of that tree counts.
  writeFileSync(join(dir, 'side.txt'), 'untracked work\n');
  assert.notEqual(check(dir, 'git restore --sour=origin/gone side.txt').verdict, 'allow');
  // Pathspecs read case-insensitively, by an option or a variable, are not looked at.
  rmSync(join(dir, 'side.txt'));
  writeFileSync(join(dir, 'a.txt'), 'changed\n');
  assert.match(String(finding(check(dir, 'GIT_ICASE_PATHSPECS=1 git restore A.TXT'), 'git/discard-worktree').preflight?.failed), /GIT_ICASE_PATHSPECS/);
  assert.match(String(finding(check(dir, 'git --icase-pathspecs checkout -- A.TXT'), 'git/discard-worktree').preflight?.failed), /--icase-pathspecs/);
  plainGit(dir, 'checkout', '--', 'a.txt');
  // clean -X deletes what the user's global ignore file ignores, which the probe's git does not read: it lists more, never less.
  const xdg = scratchDir('preflight-xdg');
  mkdirSync(join(xdg, 'git'));
  writeFileSync(join(xdg, 'git/ignore'), '.env\n');
  writeFileSync(join(dir, '.env'), 'TOKEN=x\n');
  const cleanX = check(dir, 'git clean -fX', { XDG_CONFIG_HOME: xdg });
  assert.notEqual(cleanX.verdict, 'allow');
  assert.deepEqual(finding(cleanX, 'git/clean').preflight?.untracked, ['.env']);
});
