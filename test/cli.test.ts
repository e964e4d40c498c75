// `airlock check` through the real binary, as a person or a tool would call it.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { emptyDir, emptyHome, projectRoot } from './helpers.js';

const BIN = join(projectRoot, 'bin/airlock.mjs');
const airlock = (args: string[], input?: string) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: emptyDir, env: { PATH: process.env.PATH, HOME: emptyHome, NO_COLOR: '1' }, ...(input !== undefined ? { input } : {}) });

test('exit status: 0 allow, 10 confirm, 11 approve, 12 deny', () => {
  assert.equal(airlock(['check', 'ls -la']).status, 0);
  assert.equal(airlock(['check', 'terraform destroy -auto-approve']).status, 11);
  assert.equal(airlock(['check', 'rm -rf ~']).status, 12);
  // confirm is for local and development targets; with no environment information nothing is local yet.
  assert.equal(airlock(['check', 'git status']).status, 0);
});

test('`airlock hook <agent>` runs the hook: a destructive command is held, an ordinary one allowed (it used to answer nothing, which agents read as allow)', () => {
  const payload = (command: string) => JSON.stringify({ session_id: 's', cwd: emptyDir, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } });
  const held = airlock(['hook', 'claude-code'], payload('rm -rf /srv/data'));
  assert.equal(held.status, 0, held.stderr);
  assert.equal(JSON.parse(held.stdout).hookSpecificOutput.permissionDecision, 'deny');
  const allowed = airlock(['hook', 'claude-code'], payload('ls -la'));
  assert.equal(allowed.status, 0, allowed.stderr);
  assert.equal(allowed.stdout, '');
  // A payload it can't read is refused, never passed.
  const broken = airlock(['hook', 'claude-code'], '{"tool_input":');
  assert.notEqual(broken.stdout + String(broken.status), '0');
  assert.ok(broken.status === 2 || /deny|block/.test(broken.stdout), broken.stdout + broken.stderr);
});

test('--json prints one object with the verdict, effect and findings', () => {
  const r = airlock(['check', '--json', 'npx prisma db push --accept-data-loss']);
  assert.equal(r.status, 11);
  const out = JSON.parse(r.stdout);
  assert.equal(out.verdict, 'approve');
  assert.equal(out.effect, 'destroy');
  const f = out.findings[0];
  for (const key of ['rule', 'effect', 'severity', 'summary', 'consequence', 'alternatives']) assert.ok(key in f, key);
  assert.equal(f.rule, 'prisma/data-loss');
  assert.deepEqual(f.via, ['npx']);
  assert.match(out.reason, /Stop/);
});

test('the human explanation names the finding, its consequence, safer routes and what would run', () => {
  const r = airlock(['check', "sudo bash -c 'terraform -chdir=infra destroy'"]);
  assert.equal(r.status, 11);
  assert.match(r.stdout, /^APPROVE/);
  assert.match(r.stdout, /terraform\/destroy/);
  assert.match(r.stdout, /consequence: Databases, volumes/);
  assert.match(r.stdout, /safer: terraform plan -destroy/);
  assert.match(r.stdout, /what would run:\n.*sudo bash -c/);
  assert.match(r.stdout, /terraform -chdir=infra destroy.*via sudo → bash -c/);
});

test('--json --stdin: one result per line, in order, strings or objects', () => {
  const input = ['"ls"', JSON.stringify({ command: 'rm -rf "$D"', env: { D: 'dist' } }), JSON.stringify({ command: 'rm -rf "$D"' }), '"git push --force origin main"', '', '"rm -rf ~"'].join('\n');
  const r = airlock(['check', '--json', '--stdin'], input);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    lines.map((l) => l.verdict),
    ['allow', 'allow', 'approve', 'approve', 'deny'],
  );
});

test('--stdin reports malformed lines by number and carries on', () => {
  const r = airlock(['check', '--json', '--stdin'], '"ls"\n{not json\n{"cmd": "x"}\n42\n"rm -rf /"\n');
  assert.equal(r.status, 2);
  const lines = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(lines[0].verdict, 'allow');
  assert.equal(lines[1].line, 2);
  assert.match(lines[1].error, /not valid JSON/);
  assert.match(lines[2].error, /"command" must be a string/);
  assert.match(lines[3].error, /expected a JSON string or an object/);
  assert.equal(lines[4].verdict, 'deny');
});

test('usage errors are clear, exit 2, and never print a stack trace', () => {
  for (const args of [['check'], ['check', '--stdin'], ['check', '--bogus', 'ls'], ['frobnicate']]) {
    const r = airlock(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /airlock/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
});

test('a command airlock cannot parse is held with a reason, not allowed', () => {
  const r = airlock(['check', '--json', 'echo "unterminated']);
  assert.equal(r.status, 11);
  assert.match(JSON.parse(r.stdout).findings[0].summary, /cannot parse/);
});

test('airlock rules lists every rule; --json gives id, pack, effect and summary', () => {
  const text = airlock(['rules']);
  assert.equal(text.status, 0);
  assert.match(text.stdout, /terraform\/destroy\s+destroy\s+destroys every resource/);
  const json = JSON.parse(airlock(['rules', '--json']).stdout);
  assert.ok(json.length > 80);
  for (const r of json) for (const key of ['id', 'pack', 'effect', 'summary']) assert.ok(r[key], `${r.id} lacks ${key}`);
  assert.ok(json.some((r: { id: string; pack: string }) => r.id === 'postgres/psql' && r.pack === 'sql-clients'));
});

test('check --json names the pack and rule behind every held command', () => {
  for (const command of ['kubectl delete namespace production', 'heroku pg:reset DATABASE_URL --app x', 'mytool db delete prod']) {
    const out = JSON.parse(airlock(['check', '--json', command]).stdout);
    assert.notEqual(out.verdict, 'allow', command);
    assert.ok(out.findings.length > 0 && out.findings.every((f: { rule: string; pack: string }) => f.rule && f.pack), command);
  }
});

test('passwords in a command never appear in check output, as text or JSON', () => {
  const secret = 'S3cr3t-pw-991';
  const command = `DATABASE_URL=postgres://admin:${secret}@prod-db.internal/app npx prisma db push --accept-data-loss && mysql -p${secret} -h prod-mysql -e 'DROP DATABASE x' && PGPASSWORD=${secret} psql -h prod -c 'TRUNCATE t'`;
  for (const args of [
    ['check', command],
    ['check', '--json', command],
  ]) {
    const r = airlock(args);
    assert.equal(r.status, 11);
    assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret), `a password appeared in the output of airlock ${args.slice(0, -1).join(' ')}`);
    assert.match(r.stdout, /\*\*\*/);
  }
});
