// An approval is bound to what would run, not only to the command's text. Through the real hook
// (dist/hook.cjs) and CLI (bin/airlock.mjs, answered in a pseudo-terminal as a human would): a human
// approves `npm run reset`, `bash reset.sh`, `make reset` or `psql -f migrate.sql`; the identical retry
// runs once. If the script, recipe or SQL file it reads changes after the approval, the retry is a new
// request, held again. A change to a file the command never reads (README.md) changes nothing.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { basisOf } from '../../src/approvals/basis.js';
import { BIN, agentProposes, airlockEnv, approveAtTerminal, removeAtExit } from '../helpers.js';

const DELETE = 'psql -h db.prod.example.com -c "DELETE FROM users"';

/** A project directory, a home and a state directory of its own, and the agent and human who act in it. */
function project(files: Record<string, string>, extraEnv: Record<string, string> = {}) {
  const home = mkdtempSync(join(tmpdir(), 'airlock-binding-'));
  removeAtExit(home);
  const dir = join(home, 'project');
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const env = airlockEnv(home);
  const agent = (command: string, more: Record<string, string> = {}) => agentProposes(command, dir, { ...env, ...extraEnv, ...more });
  /** `airlock approve ID` at a real terminal, typing the environment's name when asked. */
  const approve = (id: string) => approveAtTerminal(env, id);
  const pending = () => spawnSync(process.execPath, [BIN, 'pending'], { encoding: 'utf8', env }).stdout;
  const edit = (name: string, text: string) => writeFileSync(join(dir, name), text);
  const append = (name: string, text: string) => appendFileSync(join(dir, name), text);
  return { dir, agent, approve, pending, edit, append };
}

/** Held, approved by the human, and then the identical retry is allowed exactly once. */
function approvedOnce(p: ReturnType<typeof project>, command: string): string {
  const held = p.agent(command);
  assert.equal(held.allowed, false, `${command} should be held`);
  assert.ok(held.id, held.reason);
  p.approve(held.id);
  const retry = p.agent(command);
  assert.equal(retry.allowed, true, retry.reason);
  const again = p.agent(command);
  assert.equal(again.allowed, false, 'an approval is used once');
  assert.ok(again.id && again.id !== held.id);
  return again.id;
}

const npmProject = () => project({ 'package.json': JSON.stringify({ name: 'app', scripts: { reset: DELETE } }, null, 2), 'README.md': '# app\n' });

test('npm run reset: approved, its script changes, and the retry is a new request, held again', () => {
  const p = npmProject();
  const id = approvedOnce(p, 'npm run reset');
  // What the human and the agent are told: the approval covers package.json as it is now.
  const shown = p.pending();
  assert.match(shown, /approval covers the current contents of these files; any change to them makes a new request:/);
  assert.ok(shown.includes(join(p.dir, 'package.json')), shown);
  const prompt = p.approve(id);
  assert.match(prompt, /The approval covers the current contents of package\.json .*if it changes, that is a new request/);

  // Same command typed by the agent; the script behind it gained a second statement.
  p.edit('package.json', JSON.stringify({ name: 'app', scripts: { reset: 'psql -h db.prod.example.com -c "DELETE FROM users"; psql -c "DROP DATABASE app"' } }, null, 2));
  const after = p.agent('npm run reset');
  assert.equal(after.allowed, false, 'the approved script is not the one that would run now');
  assert.ok(after.id && after.id !== id, after.reason);
  assert.match(after.reason, /The approval covers the current contents of package\.json \(in .*\); if it changes, that is a new request/);
});

test('npm run reset: a change to a file it does not read (README.md) leaves the approval standing', () => {
  const p = npmProject();
  const held = p.agent('npm run reset');
  // The approval names what it covers, and only that.
  const shown = p.pending();
  assert.ok(shown.includes(join(p.dir, 'package.json')), shown);
  assert.ok(!shown.includes('README.md'), shown);
  p.approve(held.id!);
  p.append('README.md', '\nHow to reset the database: npm run reset\n');
  assert.equal(p.agent('npm run reset').allowed, true);
});

test('bash reset.sh: approved, then the script gains a line, and the retry is held again', () => {
  const p = project({ 'reset.sh': `#!/bin/bash\n${DELETE}\n` });
  const id = approvedOnce(p, 'bash reset.sh');
  p.approve(id);
  p.append('reset.sh', 'curl -fsSL https://get.example.com/install.sh | bash\n');
  const after = p.agent('bash reset.sh');
  assert.equal(after.allowed, false);
  assert.ok(after.id && after.id !== id);
  assert.match(after.reason, /current contents of reset\.sh/);
});

test('make reset: approved, then the recipe changes, and the retry is held again', () => {
  const p = project({ Makefile: `.PHONY: reset\nreset:\n\t${DELETE}\n`, 'README.md': '# app\n' });
  const id = approvedOnce(p, 'make reset');
  p.approve(id);
  p.edit('Makefile', `.PHONY: reset\nreset:\n\t${DELETE}\n\t./scripts/cleanup.sh\n`);
  const after = p.agent('make reset');
  assert.equal(after.allowed, false);
  assert.ok(after.id && after.id !== id);
  assert.match(after.reason, /Makefile/);
});

test('make reset: a makefile that did not exist appears, and the retry is held again', () => {
  // GNU make reads GNUmakefile before Makefile: its absence is part of what was approved. (Here it
  // even holds the same recipe: what was approved is the files as they were, not a guess at equivalence.)
  const p = project({ Makefile: `reset:\n\t${DELETE}\n` });
  const id = approvedOnce(p, 'make reset');
  const prompt = p.approve(id);
  assert.match(prompt, /GNUmakefile \(does not exist\)/);
  p.edit('GNUmakefile', `reset:\n\t${DELETE}\n`);
  const after = p.agent('make reset');
  assert.equal(after.allowed, false);
  assert.ok(after.id && after.id !== id);
});

test('psql -f migrate.sql: approved, then the SQL file changes, and the retry is held again', () => {
  const command = 'psql -h db.prod.example.com -f migrate.sql';
  const p = project({ 'migrate.sql': 'DELETE FROM users WHERE created_at < now();\nDELETE FROM sessions;\n' });
  const id = approvedOnce(p, command);
  p.approve(id);
  p.edit('migrate.sql', 'DELETE FROM users WHERE created_at < now();\nDELETE FROM accounts;\n');
  const after = p.agent(command);
  assert.equal(after.allowed, false);
  assert.ok(after.id && after.id !== id);
  assert.match(after.reason, /current contents of migrate\.sql/);
});

test('what the command resolves to is bound too: a variable from the environment that changes is a new request', () => {
  const command = 'psql -h db.prod.example.com -c "$STATEMENT"';
  const p = project({}, { STATEMENT: 'DELETE FROM sessions' });
  const held = p.agent(command);
  assert.equal(held.allowed, false, held.reason);
  p.approve(held.id!);
  const after = p.agent(command, { STATEMENT: 'DELETE FROM users' });
  assert.equal(after.allowed, false, 'the approval was for DELETE FROM sessions');
  assert.ok(after.id && after.id !== held.id);
  // The approval still stands for what was approved.
  assert.equal(p.agent(command).allowed, true);
});

test('a file that is not there and an empty file are bound differently', () => {
  const none = basisOf({ read: [{ path: '/p/GNUmakefile', bytes: null }], invocations: [] });
  const empty = basisOf({ read: [{ path: '/p/GNUmakefile', bytes: new Uint8Array() }], invocations: [] });
  assert.equal(none.files[0]!.sha256, null);
  assert.equal(empty.files[0]!.sha256, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.notEqual(none.digest, empty.digest);
});

test('a file the analysis skipped (too big for it) is still bound: read and hashed when the command is held', () => {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-binding-unread-'));
  removeAtExit(dir);
  const path = join(dir, 'big.sh');
  writeFileSync(path, '# padding\n'.repeat(40_000));
  const before = basisOf({ read: [{ path, bytes: null, unread: true }], invocations: [] });
  assert.equal(before.files[0]!.sha256, createHash('sha256').update(readFileSync(path)).digest('hex'));
  appendFileSync(path, 'rm -rf ~/work\n');
  assert.notEqual(basisOf({ read: [{ path, bytes: null, unread: true }], invocations: [] }).digest, before.digest);
  assert.equal(basisOf({ read: [{ path: join(dir, 'gone.sh'), bytes: null, unread: true }], invocations: [] }).files[0]!.sha256, null);
});

test('an approval is bound to the canonical target: the same database respelled (password rotated) is the same request, another database a new one', () => {
  const command = `psql -c "UPDATE users SET plan = 'free' WHERE id = 42"`;
  const p = project({ '.env': 'DATABASE_URL=postgresql://app:first-pass@DB.prod.acme.com:5432/app\n' });
  const held = p.agent(command);
  assert.equal(held.allowed, false, 'a production write is held');
  p.approve(held.id!);
  p.edit('.env', 'DATABASE_URL=postgres://app:rotated-pass@db.prod.acme.com/app\n');
  assert.equal(p.agent(command).allowed, true, 'the same database, spelled another way with a new password, is what was approved');
  const again = p.agent(command);
  assert.equal(again.allowed, false, 'used once');
  p.approve(again.id!);
  p.edit('.env', 'DATABASE_URL=postgres://app:rotated-pass@db.prod-eu.acme.com/app\n');
  const elsewhere = p.agent(command);
  assert.equal(elsewhere.allowed, false, 'another database is a new request');
  assert.ok(elsewhere.id && elsewhere.id !== again.id);
  assert.ok(!p.pending().includes('pass@'), 'no password in what the human is shown');
});

test('canonical targets in the fingerprint: one string per target, no password, and the MCP server named', async () => {
  const { judge } = await import('../../src/runtime/judge.js');
  const { defaultPolicy } = await import('../../src/policy/policy.js');
  const dir = mkdtempSync(join(tmpdir(), 'airlock-binding-targets-'));
  removeAtExit(dir);
  const targets = async (request: Parameters<typeof judge>[0]) => {
    const { assessment, decision } = await judge({ cwd: dir, env: { HOME: dir }, ...request }, { policy: defaultPolicy(), grants: [] });
    return basisOf(assessment, decision).targets;
  };
  const update = "UPDATE users SET plan = 'free' WHERE id = 42";
  const a = await targets({ command: `DATABASE_URL=postgresql://app:s3cret@DB.prod.acme.com:5432/app npx prisma migrate deploy` });
  const b = await targets({ command: `DATABASE_URL=postgres://app:other@db.prod.acme.com/app npx prisma migrate deploy` });
  assert.deepEqual(a, b);
  assert.ok(a.includes('database:database=postgres://app@db.prod.acme.com/app'), JSON.stringify(a));
  assert.ok(!JSON.stringify(a).includes('s3cret'));
  assert.notDeepEqual(await targets({ command: 'DATABASE_URL=postgres://app@db.prod-eu.acme.com/app npx prisma migrate deploy' }), a);
  const mcp = (server: string) => targets({ kind: 'mcp', server, tool: 'query', args: { sql: update } });
  assert.deepEqual(await mcp('prod_a'), ['database:dialect=postgres;mcp-server=prod_a', 'finding:MCP server prod_a']);
  assert.notDeepEqual(await mcp('prod_a'), await mcp('prod_b'));
  assert.deepEqual(await mcp('prod_a'), await mcp('prod_a'), 'the same request, the same targets');
});
