// The policy file: errors name the file, line and key and never loosen anything; layers merge so that
// lower layers can only tighten; `airlock policy show` and `airlock policy test` work on real files.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { judge } from '../../src/runtime/judge.js';
import { loadPolicy } from '../../src/facts/policy-files.js';
import { loadPolicyParsers, parsePolicyText, policyFrom, type Policy } from '../../src/policy/policy.js';
import { emptyHome, projectRoot } from '../helpers.js';

before(loadPolicyParsers);

const dir = () => mkdtempSync(join(tmpdir(), 'airlock-policy-'));
const verdict = async (command: string, policy: Policy, env: Record<string, string> = {}) =>
  (await judge({ command, cwd: dir(), env: { HOME: emptyHome, ...env } }, { policy, grants: [] })).decision.verdict;

function write(text: string): string {
  const file = join(dir(), 'policy.yaml');
  writeFileSync(file, text);
  return file;
}

test('a wrong key is reported with its file, line and key', () => {
  const { errors } = parsePolicyText('matrix:\n  production:\n    write: allow\n    delete: allow\n', 'p.yaml');
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.file, 'p.yaml');
  assert.equal(errors[0]!.line, 4);
  assert.equal(errors[0]!.key, 'matrix.production.delete');
  // The keys that may stand there, from the schema (not valibot's `never`, what it expects of the value).
  assert.equal(errors[0]!.message, 'unknown key (expected one of: read, write, destroy, unknown)');
  assert.match(parsePolicyText('never: []\n', 'p.yaml').errors[0]!.message, /^unknown key \(expected one of: version, environments, matrix, /);
  assert.match(parsePolicyText('custom_rules:\n  - id: a/b\n    colour: red\n', 'p.yaml').errors.find((e) => e.key === 'custom_rules.0.colour')!.message, /expected one of: id, match, effect/);
  // A near miss names what was meant first.
  assert.match(parsePolicyText('martix:\n  production: { write: allow }\n', 'p.yaml').errors[0]!.message, /^unknown key; did you mean `matrix`\? \(expected one of: /);
  assert.match(parsePolicyText('safety_copy:\n  enabled: false\n', 'p.yaml').errors[0]!.message, /did you mean `safety_copies`\?/);
  assert.match(parsePolicyText('matrix:\n  prodution: { write: allow }\n', 'p.yaml').errors[0]!.message, /did you mean `production`\?/);
});

test('a wrong type or value is reported with its location', () => {
  const a = parsePolicyText('rules:\n  allow: git/force-push\n', 'p.yaml').errors[0]!;
  assert.equal(a.key, 'rules.allow');
  assert.equal(a.line, 2);
  const b = parsePolicyText('matrix:\n  production:\n    write: yes-please\n', 'p.yaml').errors[0]!;
  assert.equal(b.key, 'matrix.production.write');
  assert.equal(b.line, 3);
  const c = parsePolicyText('approvals:\n  timeout: soon\n', 'p.yaml').errors[0]!;
  assert.match(c.message, /duration/);
});

test('bad YAML is reported with its line', () => {
  const { errors } = parsePolicyText('matrix:\n  production: [write: allow\n', 'p.yaml');
  assert.ok(errors.length > 0);
  assert.match(errors[0]!.message, /not valid YAML/);
  assert.ok(errors[0]!.line !== null);
});

// An unreadable policy file: a directory where the file should be (chmod tricks don't work as root, which CI is).
test('an unreadable policy file is an error that names it, not a missing file', async () => {
  const d = dir();
  mkdirSync(join(d, 'policy.yaml'));
  const policy = await loadPolicy({ organisation: '/nonexistent/airlock.yaml', user: join(d, 'policy.yaml'), project: null });
  assert.equal(policy.errors.length, 1);
  assert.match(policy.errors[0]!.message, /cannot be read \(EISDIR\)/);
});

test('while a policy file is invalid, dangerous commands are still held, and writes too', async () => {
  // The broken file tried to allow everything; it must not.
  const file = write('matrix:\n  unknown:\n    destroy: allow\n    write: allow\n  bogus: 1\n');
  const policy = await loadPolicy({ organisation: '/nonexistent/airlock.yaml', user: file, project: null });
  assert.ok(policy.errors.length > 0);
  assert.equal(await verdict('terraform destroy -auto-approve', policy), 'approve');
  assert.equal(await verdict('rm -rf ~', policy), 'deny');
  assert.equal(await verdict('npx prisma migrate deploy', policy), 'approve');
  assert.equal(await verdict('ls -la', policy), 'allow');
  const { decision } = await judge({ command: 'npx prisma migrate deploy', env: { HOME: emptyHome } }, { policy, grants: [] });
  assert.match(decision.reason, /policy file is invalid/);
});

test('layers: the project can only tighten, unless the user lets it relax; the organisation is a floor', async () => {
  const org = write('matrix:\n  unknown:\n    destroy: approve\n');
  const user = write('rules:\n  allow: [git/force-push]\n');
  const project = write('matrix:\n  unknown:\n    destroy: allow\n    write: approve\nrules:\n  allow: [terraform/destroy]\n');
  const p = await loadPolicy({ organisation: org, user, project });
  assert.deepEqual(p.errors, []);
  assert.equal(p.matrix.unknown.destroy, 'approve', 'project may not relax');
  assert.equal(p.matrix.unknown.write, 'approve', 'project may tighten');
  assert.ok(!p.rules.allow.has('terraform/destroy'));
  assert.ok(p.rules.allow.has('git/force-push'));
  const userOnly = await loadPolicy({ organisation: org, user, project: null });
  assert.equal(await verdict('git push --force origin feature/x', userOnly), 'allow', 'the user file may allow a rule');

  const relaxingUser = write('project_may_relax: true\n');
  const relaxed = await loadPolicy({ organisation: '/nonexistent/x.yaml', user: relaxingUser, project });
  assert.equal(relaxed.matrix.unknown.destroy, 'allow');
  const floored = await loadPolicy({ organisation: org, user: relaxingUser, project });
  assert.equal(floored.matrix.unknown.destroy, 'approve', 'the organisation file is a floor');
});

test('custom rules, protected paths and protected branches', async () => {
  const file = write(
    [
      'custom_rules:',
      '  - id: acme/reset-everything',
      "    match: './scripts/reset-everything*'",
      '    effect: destroy',
      '    summary: resets every environment',
      '    consequence: all customer data is dropped',
      'protect:',
      '  paths: ["config/production.yml"]',
      '  branches: ["release/*"]',
      '',
    ].join('\n'),
  );
  const p = await loadPolicy({ organisation: '/nonexistent/x.yaml', user: file, project: null });
  assert.deepEqual(p.errors, []);
  assert.equal(await verdict('./scripts/reset-everything --yes', p), 'approve');
  assert.equal(await verdict("sed -i 's/a/b/' config/production.yml", p), 'approve');
  assert.equal(await verdict('echo x >> config/production.yml', p), 'approve');
  assert.equal(await verdict('cat config/production.yml', p), 'allow');
  assert.equal(await verdict('git push origin release/2.0', p), 'approve');
  assert.equal(await verdict('git push origin feature/x', p), 'allow');
});

const BIN = join(projectRoot, 'bin/airlock.mjs');

test('airlock policy show and airlock policy test, on real files', () => {
  const home = dir();
  const project = dir();
  mkdirSync(join(home, '.config/airlock'), { recursive: true });
  writeFileSync(join(home, '.config/airlock/policy.yaml'), 'environments:\n  production:\n    hosts: ["*.rds.amazonaws.com"]\n');
  mkdirSync(join(project, '.airlock'));
  writeFileSync(
    join(project, '.airlock/policy.yaml'),
    [
      'matrix:',
      '  development:',
      '    destroy: approve',
      'tests:',
      '  - command: "psql -h x.rds.amazonaws.com -c \'UPDATE t SET a = 1 WHERE id = 2\'"',
      '    expect: approve',
      '  - command: "ls"',
      '    expect: allow',
      '  - command: "terraform destroy"',
      '    env: { TF_WORKSPACE: dev }',
      '    expect: approve',
      '',
    ].join('\n'),
  );
  const env = { PATH: process.env.PATH, HOME: home, AIRLOCK_ORG_POLICY: '/nonexistent/org.yaml' };
  const show = spawnSync(process.execPath, [BIN, 'policy', 'show', '--cwd', project], { encoding: 'utf8', env });
  assert.equal(show.status, 0, show.stderr);
  assert.match(show.stdout, /user\s+.*\.config\/airlock\/policy\.yaml/);
  assert.match(show.stdout, /production\s+hosts\s+\*\.rds\.amazonaws\.com/);
  assert.match(show.stdout, /destroy\s+approve\s+.*\.airlock\/policy\.yaml/);
  const t = spawnSync(process.execPath, [BIN, 'policy', 'test', '--cwd', project], { encoding: 'utf8', env });
  assert.equal(t.status, 0, t.stdout + t.stderr);
  assert.match(t.stdout, /3 passed, 0 failed/);
  writeFileSync(join(project, '.airlock/policy.yaml'), 'tests:\n  - command: "rm -rf ~"\n    expect: allow\n');
  const failing = spawnSync(process.execPath, [BIN, 'policy', 'test', '--cwd', project], { encoding: 'utf8', env });
  assert.equal(failing.status, 1);
  assert.match(failing.stdout, /FAIL\s+rm -rf ~\s+expected allow, got deny/);
  writeFileSync(join(project, '.airlock/policy.yaml'), 'matrix:\n  production:\n    write: maybe\n');
  const broken = spawnSync(process.execPath, [BIN, 'check', '--cwd', project, 'terraform destroy'], { encoding: 'utf8', env });
  assert.equal(broken.status, 11);
  assert.match(broken.stderr, /policy\.yaml:3: matrix\.production\.write: /);
  assert.doesNotMatch(broken.stderr, /\n\s+at /);
});

test('a project file cannot declare a production-looking target less risky, unless the user allows it', async () => {
  const project = write('environments:\n  development:\n    hosts: ["prod-db.internal"]\n  production:\n    hosts: ["db-7.internal"]\n');
  const command = "psql -h prod-db.internal -c 'UPDATE t SET a = 1 WHERE id = 2'";
  const strict = await loadPolicy({ organisation: '/nonexistent/x.yaml', user: '/nonexistent/u.yaml', project });
  assert.equal(await verdict(command, strict), 'approve', 'the project file may not relax production');
  assert.equal(await verdict("psql -h db-7.internal -c 'UPDATE t SET a = 1 WHERE id = 2'", strict), 'approve', 'but it may tighten');
  const relaxed = await loadPolicy({ organisation: '/nonexistent/x.yaml', user: write('project_may_relax: true\n'), project });
  assert.equal(await verdict(command, relaxed), 'allow');
});

test("mcp_servers: each server's kind, dialect and environment are checked like every key, and its environment is a declaration", async () => {
  const bad = parsePolicyText('mcp_servers:\n  prod_postgres:\n    kind: database\n    environment: prodution\n', 'p.yaml').errors[0]!;
  assert.equal(bad.key, 'mcp_servers.prod_postgres.environment');
  assert.equal(bad.line, 4);
  const unknown = parsePolicyText('mcp_servers:\n  db:\n    url: postgres://x\n', 'p.yaml').errors[0]!;
  assert.equal(unknown.key, 'mcp_servers.db.url');
  assert.match(unknown.message, /unknown key/);
  const d = dir();
  writeFileSync(join(d, 'user.yaml'), 'mcp_servers:\n  prod_postgres: { kind: database, dialect: postgres, environment: development }\n');
  const policy = await loadPolicy({ organisation: '/nonexistent/airlock.yaml', user: join(d, 'user.yaml'), project: null });
  assert.deepEqual(policy.errors, []);
  assert.deepEqual(policy.mcpServers, { prod_postgres: { kind: 'database', dialect: 'postgres', environment: 'development', from: join(d, 'user.yaml') } });
  assert.deepEqual(
    policy.declarations.map((x) => [x.kind, x.pattern, x.environment]),
    [['mcp_servers', 'prod_postgres', 'development']],
  );
  const request = { kind: 'mcp', server: 'prod_postgres', tool: 'query', args: { sql: "UPDATE users SET plan='free' WHERE id=42" } } as const;
  const judged = await judge({ ...request, cwd: dir(), env: { HOME: emptyHome } }, { policy, grants: [] });
  assert.equal(judged.decision.verdict, 'allow');
  assert.match(judged.decision.reason, /development/);
});

test('a rule id in rules.allow or rules.hold that names no rule is an error naming the nearest ones; a custom rule id is known', async () => {
  const policy = await policyFrom(
    [
      {
        layer: 'user',
        file: 'u.yaml',
        text: 'rules:\n  allow: [terraform/destory]\n  hold: [team/reset, git/force-push]\ncustom_rules:\n  - { id: team/reset, match: reset.sh, effect: destroy, summary: s, consequence: c }\n',
      },
    ],
    ['terraform/destroy', 'terraform/state', 'git/force-push'],
  );
  assert.equal(policy.errors.length, 1);
  assert.equal(policy.errors[0]!.key, 'rules.allow');
  assert.match(policy.errors[0]!.message, /^no rule is called terraform\/destory; did you mean terraform\/destroy/);
  // While it is wrong, everything that is not read-only is held, as for any broken policy.
  assert.equal(policy.matrix.local.write, 'approve');
});
