// bash runs what follows `cd dir &&` in dir, so airlock judges it there; and every spelling of a
// protected file (absolute, relative, ./, ../, ~, a symlink) is the same file. Real directories, real
// policy files, the whole pipeline.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { judge } from '../../src/runtime/judge.js';
import { loadPolicy } from '../../src/facts/policy-files.js';
import { loadPolicyParsers } from '../../src/policy/policy.js';

before(loadPolicyParsers);

/** A project with infra/prod (a Terraform directory named for production), a sub-package and a .env. */
function project() {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'airlock-cwd-')));
  const home = join(root, 'home');
  const repo = join(root, 'repo');
  mkdirSync(join(repo, 'infra/prod'), { recursive: true });
  mkdirSync(join(repo, 'infra/dev'), { recursive: true });
  mkdirSync(join(repo, 'app'), { recursive: true });
  mkdirSync(join(repo, 'config'), { recursive: true });
  mkdirSync(join(home, '.claude'), { recursive: true });
  writeFileSync(join(repo, 'package.json'), JSON.stringify({ scripts: { reset: 'echo nothing to reset' } }));
  writeFileSync(join(repo, 'app/package.json'), JSON.stringify({ scripts: { reset: 'rm -rf ~' } }));
  writeFileSync(join(repo, 'app/.env'), 'DATABASE_URL=postgres://app@db.prod.example.com/app\n');
  writeFileSync(join(repo, 'config/production.yml'), 'x: 1\n');
  mkdirSync(join(repo, '.airlock'));
  writeFileSync(join(repo, '.airlock/policy.yaml'), 'protect:\n  paths: ["config/production.yml"]\n');
  return { root, home, repo };
}

async function verdictIn(cwd: string, home: string, command: string) {
  const env = { HOME: home, PATH: '/usr/bin:/bin' };
  const policy = await loadPolicy({ organisation: '/nonexistent/org.yaml', user: join(home, 'none.yaml'), project: join(cwd.split('/repo')[0]!, 'repo/.airlock/policy.yaml') });
  const { decision } = await judge({ command, cwd, env }, { policy, grants: [] });
  return { verdict: decision.verdict, environment: decision.environment };
}

test('cd: a command after `cd dir &&` is judged exactly as if run from dir', async () => {
  const { home, repo } = project();
  const pairs: Array<[string, string, string]> = [
    ['cd infra/prod && terraform apply -auto-approve', 'infra/prod', 'terraform apply -auto-approve'],
    ['cd infra/prod; terraform apply -auto-approve', 'infra/prod', 'terraform apply -auto-approve'],
    ['cd ./infra/dev/../prod && terraform apply -auto-approve', 'infra/prod', 'terraform apply -auto-approve'],
    [`cd ${repo}/infra/prod && terraform apply -auto-approve`, 'infra/prod', 'terraform apply -auto-approve'],
    ['pushd infra/prod && terraform apply -auto-approve', 'infra/prod', 'terraform apply -auto-approve'],
    ['cd infra && cd prod && terraform apply -auto-approve', 'infra/prod', 'terraform apply -auto-approve'],
    ['{ cd infra/prod; terraform apply -auto-approve; }', 'infra/prod', 'terraform apply -auto-approve'],
    ["bash -c 'cd infra/prod && terraform apply -auto-approve'", 'infra/prod', 'terraform apply -auto-approve'],
    ['terraform -chdir=infra/prod apply -auto-approve', 'infra/prod', 'terraform apply -auto-approve'],
    ['env --chdir=app npm run reset', 'app', 'npm run reset'],
    ['npm --prefix app run reset', 'app', 'npm run reset'],
    ['cd app && npm run reset', 'app', 'npm run reset'],
    ['cd app && npx prisma migrate deploy', 'app', 'npx prisma migrate deploy'],
    ['cd infra/prod && cd - && terraform apply -auto-approve', '.', 'terraform apply -auto-approve'],
    ['pushd infra/prod && popd && terraform apply -auto-approve', '.', 'terraform apply -auto-approve'],
    ['(cd infra/prod) && terraform apply -auto-approve', '.', 'terraform apply -auto-approve'],
    ['(cd app; true); npm run reset', '.', 'npm run reset'],
    ['cd app | cat; npm run reset', '.', 'npm run reset'],
    ["bash -c 'cd app'; npm run reset", '.', 'npm run reset'],
    ['echo $(cd app) && npm run reset', '.', 'npm run reset'],
  ];
  for (const [spelled, dir, plain] of pairs) {
    const viaCd = await verdictIn(repo, home, spelled);
    const direct = await verdictIn(join(repo, dir), home, plain);
    assert.deepEqual(viaCd, direct, `\`${spelled}\` from the project should be judged as \`${plain}\` from ${dir}`);
  }
  // And the ones that matter are really held.
  assert.equal((await verdictIn(repo, home, 'cd infra/prod && terraform apply -auto-approve')).verdict, 'approve');
  assert.equal((await verdictIn(repo, home, 'cd app && npm run reset')).verdict, 'deny');
  assert.equal((await verdictIn(repo, home, 'npm run reset')).verdict, 'allow');
});

test('cd: a directory that cannot be known makes what follows judged in an unknown place', async () => {
  const { home, repo } = project();
  // Here `npm run reset` is harmless, but after `cd "$DIR"` the package.json that runs is unknown.
  assert.equal((await verdictIn(repo, home, 'npm run reset')).verdict, 'allow');
  for (const command of [
    'cd "$DIR" && npm run reset',
    'cd $(git rev-parse --show-toplevel)/app && npm run reset',
    'pushd "$1"; npm run reset',
    'if [ -d app ]; then cd app; fi; npm run reset',
    'for d in app; do cd $d; done; npm run reset',
  ]) {
    assert.notEqual((await verdictIn(repo, home, command)).verdict, 'allow', command);
  }
  // A branch that always comes back leaves the directory known.
  assert.equal((await verdictIn(repo, home, 'if true; then (cd app); fi; npm run reset')).verdict, 'allow');
});

test('paths: every spelling of a protected file is the same file', async () => {
  const { root, home, repo } = project();
  symlinkSync(join(repo, 'config'), join(root, 'cfg-link'));
  symlinkSync(join(home, '.claude'), join(root, 'claude-link'));
  const protectedSpellings = [
    'echo hi > config/production.yml',
    'echo hi > ./config/production.yml',
    `echo hi > ${repo}/config/production.yml`,
    'cd config && echo hi > production.yml',
    'cd infra/prod && echo hi > ../../config/production.yml',
    `echo hi > ${root}/cfg-link/production.yml`,
    `cd ${root}/cfg-link && tee production.yml < /dev/null`,
    'pushd config; sed -i s/1/2/ production.yml',
  ];
  for (const command of protectedSpellings) assert.equal((await verdictIn(repo, home, command)).verdict, 'approve', command);
  assert.equal((await verdictIn(repo, home, 'echo hi > config/staging.yml')).verdict, 'allow');
  assert.equal((await verdictIn(repo, home, '(cd config) && echo hi > production.yml')).verdict, 'allow');

  // The agents' own settings and airlock's state, by absolute path, through `cd`, `~` and a symlink.
  for (const command of [
    `tee -- ${home}/.claude/settings.json`,
    'tee -- ~/.claude/settings.json',
    `cd ${home} && echo {} > .claude/settings.json`,
    `echo {} > ${root}/claude-link/settings.json`,
    `rm -rf ${home}/.local/state/airlock`,
    `rm -rf ${home}/.local`,
    `cd ${home} && rm -rf .local`,
    `mv ${home}/.local/share/airlock /tmp/gone`,
  ]) {
    assert.equal((await verdictIn(repo, home, command)).verdict, 'deny', command);
  }
});

test("cd: every way bash moves the shell is followed, and what can't be followed is an unknown place, where writes are held", async () => {
  const { root, home, repo } = project();
  symlinkSync(join(repo, 'infra/prod'), join(repo, 'deploy'));
  writeFileSync(join(repo, 'go-prod.sh'), 'cd infra/prod\n');
  const apply = 'terraform apply -auto-approve';
  const production = { verdict: 'approve', environment: 'production' };
  // Followed exactly: the same verdict as running from infra/prod.
  for (const command of [
    `builtin cd infra/prod && ${apply}`,
    `command cd infra/prod && ${apply}`,
    `eval cd infra/prod && ${apply}`,
    `eval "cd infra/prod"; ${apply}`,
    `source ./go-prod.sh; ${apply}`,
    `. ./go-prod.sh && ${apply}`,
    `cd infra/prod || exit 1; ${apply}`,
    `pushd /tmp; pushd -n ${repo}/infra/prod; popd; ${apply}`,
    `cd deploy && ${apply}`,
    // `!` swaps success and failure: the right of `||`, and else, run where the cd took the shell.
    `! cd infra/prod || ${apply}`,
    `if ! cd infra/prod; then :; else ${apply}; fi`,
    `if cd infra/prod; then ${apply}; fi`,
    `shopt -s lastpipe; echo | cd infra/prod; ${apply}`,
    `cd infra/prod && terraform -chdir="$PWD" apply -auto-approve`,
    `cd infra/prod && cd .. && cd "$OLDPWD" && ${apply}`,
    `echo infra/prod | xargs -I{} terraform -chdir={} apply -auto-approve`,
  ]) {
    assert.deepEqual(await verdictIn(repo, home, command), production, command);
  }
  // Where the shell ends up can't be known: held, whatever the directory would have said.
  for (const command of [
    `f() { cd infra/prod; }; f; ${apply}`,
    `CDPATH=${repo}/infra/prod cd app && ${apply}`,
    `shopt -s cdable_vars; P=${repo}/infra/prod; cd P; ${apply}`,
    `OLDPWD=${repo}/infra/prod; cd - && ${apply}`,
    `export OLDPWD=${repo}/infra/prod; cd - && ${apply}`,
    `cd /tmp /tmp; ${apply}`,
    `cd ${root}/not-there; ${apply}`,
    `if true; then cd infra/prod; fi; ${apply}`,
    `while cd infra/prod; do break; done; ${apply}`,
    `cd infra/pr*; ${apply}`,
    `cd \${D:-infra/prod}; ${apply}`,
    `terraform -chdir=infra/pr* apply -auto-approve`,
    `cd infra/prod || echo no; ${apply}`,
    // A function runs wherever it is called from: its body is judged in an unknown place.
    `f(){ ${apply}; }; cd infra/prod && f`,
  ]) {
    assert.equal((await verdictIn(repo, home, command)).verdict, 'approve', command);
  }
  // Not moved: a background cd runs in a subshell; `cd x || y` runs y where x did not take it.
  assert.equal((await verdictIn(repo, home, `cd infra/prod & ${apply}`)).verdict, 'allow');
  assert.equal((await verdictIn(repo, home, 'cd app || npm run reset')).verdict, 'allow');
  // A symlinked working directory is judged by its real name as well.
  assert.deepEqual(await verdictIn(join(repo, 'deploy'), home, apply), production);
  // Self-protection follows the same moves.
  for (const command of [
    'builtin cd ~/.claude && echo {} > settings.json',
    'eval cd ~/.local/state; rm -rf airlock',
    'f(){ cd ~/.claude; }; f; echo {} > settings.json',
    '! cd ~/.claude || rm -f settings.json',
    'f(){ rm -f settings.json; }; cd ~/.claude && f',
    'cd ~/.claude && ls | xargs rm',
    'cd ~/.claude && cp /tmp/x "$PWD/settings.json"',
  ]) {
    assert.notEqual((await verdictIn(repo, home, command)).verdict, 'allow', command);
  }
});

test('review round: what bash would do is never allowed by a wrong guess about where the shell is', async () => {
  const { root, home, repo } = project();
  mkdirSync(join(home, '.local/state/airlock'), { recursive: true });
  mkdirSync(join(home, '.local/share/airlock'), { recursive: true });
  symlinkSync(join(home, '.claude'), join(root, 'claude-link'));
  // Each of these moves or deletes a folder holding airlock's state or the agent's settings in real bash.
  for (const command of [
    'mv /tmp/x -f ~/.claude/settings.json',
    'cp /tmp/x -i ~/.claude/settings.json',
    'cd "$D" && mv .claude /tmp/c',
    'cd "$D" && mv .local /tmp/c',
    `cd ${home}; false && cd /tmp; mv .local /tmp/old`,
    `cd ${home}; true || cd /tmp; mv .local /tmp/old`,
    `cd ${home}; if cd ${home} && false; then :; else mv .local /tmp/old; fi`,
    `cd ${home}; cd -n /tmp; mv .local /tmp/x`,
    `cd ${home}; pushd -P /tmp; mv .local /tmp/x`,
    `cd /tmp; if true; then cd ${home}; cd ${repo}; fi; cd -; mv .local /tmp/x`,
    `cd ${home}; (cd /tmp); mv "$PWD/.local" /tmp/old`,
    `cd ${home}; for i in 1 2; do mv share /tmp/o$i; cd .local; done`,
    `cd ${home}; cd() { :; }; cd /tmp; mv .local /tmp/x`,
    `cd ${home}; enable -n cd; cd /tmp; mv .local /tmp/x`,
    `cd /tmp && OLDPWD=${home} cd - && mv .local /tmp/old`,
    `cd /tmp; HOME=${home}/.local; cd; mv share /tmp/old`,
    `read OLDPWD <<< ${home}; cd -; mv .local /tmp/x`,
    `mv ${root}/claude-link/../.local /tmp/x`,
    `cd ${root}/claude-link && mv ../.local /tmp/x`,
    'cd ~/.claude && echo x | xargs -a /tmp/list rm',
  ]) {
    assert.notEqual((await verdictIn(repo, home, command)).verdict, 'allow', command);
  }
  // A project task where the shell can't be followed is held; ordinary work in places the script makes is not.
  assert.notEqual((await verdictIn(repo, home, 'cd "$D" && npm run deploy')).verdict, 'allow');
  for (const command of [
    'mkdir -p ext && cd ext && echo {} > manifest.json',
    'mkdir -p .vscode && cd .vscode && echo {} > settings.json',
    'git clone https://example.com/r.git && cd r && npm ci',
    'cd app && npm audit > audit.txt',
  ]) {
    assert.equal((await verdictIn(repo, home, command)).verdict, 'allow', command);
  }
});

test('cd to a pattern: an unknown place, but one the pattern covers, carried by what runs there', async () => {
  const { analyzeNow: analyzeSync } = await import('../../src/runtime/assess.js');
  const patterns = (command: string) =>
    analyzeSync({ command, cwd: '/w', env: { HOME: '/h' } })
      .invocations.filter((i) => i.program !== 'cd')
      .map((i) => [i.program, i.cwd, i.cwdPattern]);
  assert.deepEqual(patterns('cd ~/.local/st* && cd air* && sudo sqlite3 audit.db'), [
    ['sudo', null, '/h/.local/st*/air*'],
    ['sqlite3', null, '/h/.local/st*/air*'],
  ]);
  // Any other way to an unknown place forgets the pattern; a known place has none.
  assert.deepEqual(patterns('cd air*; cd "$X"; a; cd /tmp; b'), [
    ['a', null, undefined],
    ['b', '/tmp', undefined],
  ]);
  assert.deepEqual(patterns('cd "air*" && a'), [['a', null, undefined]]);
});
