// Needs: PostgreSQL on 127.0.0.1:5432 (database test), MariaDB on 127.0.0.1:3306 (database test), terraform
// A way back before an approved destroy, end to end: the real hook holds the command, a human approves
// it at a real (pseudo-)terminal, airlock keeps a copy in its data directory first and prints the
// command that restores it; the test then runs the destroy itself and the printed restore, and checks
// that what was destroyed is back: every row of a dropped PostgreSQL table, the uncommitted changes a
// `git reset --hard` threw away, the Terraform state a destroy emptied.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { agentProposes, approveInTerminal, airlockEnv, BIN, inTerminal, initRepo, plainGit, scratchDir } from '../helpers.js';

const PG = ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'test'];
const psql = (sql: string) => execFileSync('psql', [...PG, '-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' }).trim();

/** A home with airlock's state and data in it, a project folder, and the agent and human acting there. */
function setUp(policy = '') {
  const home = scratchDir('copies-home');
  const dir = join(home, 'project');
  mkdirSync(join(dir, '.airlock'), { recursive: true });
  // Held for a human even where the target is local: the copy is made on `airlock approve`.
  writeFileSync(join(dir, '.airlock/policy.yaml'), `matrix:\n  local: { destroy: approve }\n  unknown: { destroy: approve }\n${policy}`);
  const env = airlockEnv(home, { AIRLOCK_DATA_DIR: join(home, 'data') });
  const agent = (command: string) => agentProposes(command, dir, env);
  const approve = (id: string, ...flags: string[]) => approveInTerminal(env, id, ...flags);
  return { home, dir, env, agent, approve };
}

/** Held, approved with a copy kept, and allowed on the retry; the human's output, with the restore commands. */
function heldApprovedAllowed(s: ReturnType<typeof setUp>, command: string): string {
  const held = s.agent(command);
  assert.equal(held.allowed, false, `${command} should be held`);
  assert.ok(held.id, held.reason);
  // What will be kept is shown with the pending request, before anyone approves.
  assert.match(spawnSync(process.execPath, [BIN, 'pending'], { encoding: 'utf8', env: s.env }).stdout, /kept before it runs, if approved/);
  const approved = s.approve(held.id);
  assert.equal(approved.status, 0, approved.output);
  assert.match(approved.output, /Before the command runs, airlock keeps a copy outside its reach/);
  assert.equal(s.agent(command).allowed, true, 'the retry is allowed once');
  return approved.output;
}

/** The project made a git repository with `path` committed holding `text`. */
function committed(s: ReturnType<typeof setUp>, path: string, text: string): void {
  initRepo(s.dir);
  mkdirSync(join(s.dir, path, '..'), { recursive: true });
  writeFileSync(join(s.dir, path), text);
  plainGit(s.dir, 'add', path);
  plainGit(s.dir, 'commit', '-qm', 'init');
}

const restoreCommands = (output: string) => [...output.matchAll(/to restore: (.+)/g)].map((m) => m[1]!.trim());

test('PostgreSQL: an approved DROP TABLE leaves a dump, and the printed command brings back every row', () => {
  const table = `copies_${process.pid}_${Date.now()}`;
  psql(`DROP TABLE IF EXISTS ${table}; CREATE TABLE ${table} (id int primary key, name text); INSERT INTO ${table} SELECT g, 'row ' || g FROM generate_series(1, 250) g;`);
  const s = setUp();
  const command = `psql -h 127.0.0.1 -U postgres -d test -c 'DROP TABLE ${table}'`;
  const output = heldApprovedAllowed(s, command);
  assert.match(output, /pg_dump -Fc of database test on postgres@127\.0\.0\.1/);
  const [restore] = restoreCommands(output);
  assert.ok(restore?.startsWith('pg_restore '), output);
  execFileSync('sh', ['-c', command]);
  assert.equal(psql(`SELECT count(*) FROM pg_tables WHERE tablename = '${table}'`), '0', 'the table was dropped');
  execFileSync('sh', ['-c', `${restore} -t ${table}`]);
  assert.equal(psql(`SELECT count(*) || ' ' || sum(id) FROM ${table}`), `250 ${(250 * 251) / 2}`);
  psql(`DROP TABLE ${table}`);
  // The copy is in the audit log with the approval, and `airlock backups` lists it with its restore command.
  const log = spawnSync(process.execPath, [BIN, 'log', '--json'], { encoding: 'utf8', env: s.env }).stdout;
  assert.match(log, /"copies":\[\{"bytes":\d+,"kind":"postgres"[^\n]*"transition":"approved"/);
  const listed = spawnSync(process.execPath, [BIN, 'backups'], { encoding: 'utf8', env: s.env });
  assert.equal(listed.status, 0, listed.stderr);
  assert.match(listed.stdout, new RegExp(`DROP TABLE ${table}[\\s\\S]*to restore: pg_restore`));
});

test('MariaDB and SQLite: an approved DROP TABLE leaves a dump or a copy of the file, and the printed command brings the rows back', () => {
  const table = `copies_${process.pid}_${Date.now()}`;
  const mysql = (sql: string) => execFileSync('mysql', ['-h', '127.0.0.1', '-u', 'root', '-N', '-B', 'test', '-e', sql], { encoding: 'utf8' }).trim();
  mysql(`CREATE TABLE ${table} (id int primary key); INSERT INTO ${table} VALUES (1), (2), (3);`);
  const s = setUp();
  const dropMysql = `mysql -h 127.0.0.1 -u root test -e 'DROP TABLE ${table}'`;
  const fromMysql = heldApprovedAllowed(s, dropMysql);
  assert.match(fromMysql, /mysqldump of database test on root@127\.0\.0\.1/);
  execFileSync('sh', ['-c', dropMysql]);
  execFileSync('sh', ['-c', restoreCommands(fromMysql)[0]!]);
  assert.equal(mysql(`SELECT COUNT(*) FROM ${table}`), '3');
  mysql(`DROP TABLE ${table}`);

  const db = join(s.dir, 'app.db');
  execFileSync('sqlite3', [db, 'CREATE TABLE t (id int); INSERT INTO t VALUES (1), (2);']);
  const dropSqlite = "sqlite3 app.db 'DROP TABLE t'";
  const fromSqlite = heldApprovedAllowed(s, dropSqlite);
  execFileSync('sh', ['-c', dropSqlite], { cwd: s.dir });
  execFileSync('sh', ['-c', restoreCommands(fromSqlite)[0]!]);
  assert.equal(execFileSync('sqlite3', [db, 'SELECT COUNT(*) FROM t'], { encoding: 'utf8' }).trim(), '2');
});

test('rm -rf of a folder with untracked work: the folder is archived, and the printed command unpacks it', () => {
  const s = setUp();
  committed(s, 'src/kept.ts', 'committed\n');
  writeFileSync(join(s.dir, 'src/draft.ts'), 'never committed\n');
  const output = heldApprovedAllowed(s, 'rm -rf src');
  execFileSync('rm', ['-rf', join(s.dir, 'src')]);
  execFileSync('sh', ['-c', restoreCommands(output).find((r) => r.startsWith('tar '))!]);
  assert.equal(readFileSync(join(s.dir, 'src/draft.ts'), 'utf8'), 'never committed\n');
});

test('git: an approved reset --hard over uncommitted changes keeps them, and the printed command brings them back', () => {
  const s = setUp();
  committed(s, 'app.ts', 'export const v = 1;\n');
  writeFileSync(join(s.dir, 'app.ts'), 'export const v = 2; // an afternoon of work\n');
  const output = heldApprovedAllowed(s, 'git reset --hard');
  execFileSync('git', ['reset', '-q', '--hard'], { cwd: s.dir });
  assert.equal(readFileSync(join(s.dir, 'app.ts'), 'utf8'), 'export const v = 1;\n');
  const [restore] = restoreCommands(output);
  assert.match(restore ?? '', /git -C .* stash apply refs\/airlock\/[a-z2-9]{6}\/work/);
  execFileSync('sh', ['-c', restore!]);
  assert.equal(readFileSync(join(s.dir, 'app.ts'), 'utf8'), 'export const v = 2; // an afternoon of work\n');
});

test('git clean: the untracked files it deletes are archived, and the printed command unpacks them', () => {
  const s = setUp();
  committed(s, '.gitignore', '.airlock/\n');
  writeFileSync(join(s.dir, 'notes.md'), 'never committed\n');
  const output = heldApprovedAllowed(s, 'git clean -fd');
  execFileSync('git', ['clean', '-qfd'], { cwd: s.dir });
  assert.equal(existsSync(join(s.dir, 'notes.md')), false);
  const restore = restoreCommands(output).find((r) => r.startsWith('tar '));
  assert.ok(restore, output);
  execFileSync('sh', ['-c', restore]);
  assert.equal(readFileSync(join(s.dir, 'notes.md'), 'utf8'), 'never committed\n');
});

test('Terraform: an approved destroy keeps the state pulled before it', () => {
  const s = setUp();
  writeFileSync(join(s.dir, 'main.tf'), ['db', 'cache'].map((n) => `resource "terraform_data" "${n}" {\n  input = "${n}"\n}\n`).join(''));
  const tf = (...args: string[]) => execFileSync('terraform', args, { cwd: s.dir, encoding: 'utf8', env: { ...process.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0' }, stdio: 'pipe' });
  tf('init', '-input=false', '-no-color');
  tf('apply', '-auto-approve', '-input=false', '-no-color');
  const output = heldApprovedAllowed(s, 'terraform destroy -auto-approve');
  tf('destroy', '-auto-approve', '-input=false', '-no-color');
  assert.equal(JSON.parse(readFileSync(join(s.dir, 'terraform.tfstate'), 'utf8')).resources.length, 0);
  const path = /Kept \S+ \S+ at (\S+terraform\.tfstate)/.exec(output)?.[1];
  assert.ok(path, output);
  const kept = JSON.parse(readFileSync(path, 'utf8')) as { resources: { name: string }[] };
  assert.deepEqual(kept.resources.map((r) => r.name).sort(), ['cache', 'db']);
  assert.match(restoreCommands(output)[0] ?? '', /terraform -chdir=.* state push -force .*terraform\.tfstate/);
});

test('a copy that cannot be made is said before the human decides, and --without-copy says what it means', () => {
  // A limit below the database's size: the prompt says the copy can't be kept, and the approval goes ahead without it.
  const s = setUp();
  mkdirSync(join(s.home, '.config/airlock'), { recursive: true });
  writeFileSync(join(s.home, '.config/airlock/policy.yaml'), 'safety_copies: { max_mb: 1 }\n');
  const big = s.agent("psql -h 127.0.0.1 -U postgres -d test -c 'DROP TABLE IF EXISTS not_there_1'");
  assert.ok(big.id, big.reason);
  const over = s.approve(big.id);
  assert.equal(over.status, 0, over.output);
  assert.match(over.output, /CANNOT keep pg_dump -Fc of database test .*over the policy's limit of 1\.0 MB/);
  assert.doesNotMatch(over.output, /to restore:/);
  // --without-copy: no copy, and the prompt says what that means.
  const s2 = setUp();
  const held = s2.agent("psql -h 127.0.0.1 -U postgres -d test -c 'DROP TABLE IF EXISTS not_there_2'");
  const without = s2.approve(held.id!, '--without-copy');
  assert.equal(without.status, 0, without.output);
  assert.match(without.output, /No safety copy will be kept \(--without-copy\)/);
  // No access to what would be copied (the database is not there): said, with the reason, before the human types.
  const s3 = setUp();
  const missing = s3.agent("psql -h 127.0.0.1 -U postgres -d no_such_database_here -c 'DROP TABLE t'");
  const told = s3.approve(missing.id!);
  assert.match(told.output, /CANNOT keep pg_dump -Fc of database no_such_database_here .*does not exist[\s\S]*to approve/);
});

test('the agent cannot prune the copies: the hook refuses it, and prune without a terminal is refused', () => {
  const s = setUp();
  const pruned = s.agent('airlock backups prune --older-than 1s');
  assert.equal(pruned.allowed, false);
  assert.match(pruned.reason, /only a human may run/);
  const direct = spawnSync(process.execPath, [BIN, 'backups', 'prune'], { encoding: 'utf8', env: s.env, input: '' });
  assert.equal(direct.status, 2);
  assert.match(direct.stderr, /refusing to run without an interactive terminal/);
  const listed = spawnSync(process.execPath, [BIN, 'backups'], { encoding: 'utf8', env: s.env });
  assert.equal(listed.stdout, 'no safety copies kept\n');
});

test("the agent's words never reach the approver's tools as options or connection strings", () => {
  const s = setUp();
  const marker = join(s.home, 'ran');
  // A database "name" that mysql would read as --execute, and a conninfo that sets search_path: neither is run, both are refused by name.
  for (const command of [
    `mysql -h 127.0.0.1 -u root -e 'DROP TABLE test.t1' $'--database=--execute=;\\nsystem touch ${marker}'`,
    `psql -h 127.0.0.1 -U postgres -d "dbname=test options='-c search_path=evil'" -c 'DROP TABLE t2'`,
    `psql 'postgresql://postgres@127.0.0.1/test?dbname=victim' -c 'DROP TABLE precious'`,
  ]) {
    const held = s.agent(command);
    assert.ok(held.id, `${command}: ${held.reason}`);
    const told = inTerminal(s.env, ['approve', held.id], [['to approve', 'nope']]);
    assert.match(told.output, /CANNOT keep .* is not a plain name/, command);
  }
  assert.equal(existsSync(marker), false, "the agent ran a program in the approver's process");
});

test('what the SQL drops besides the database it connects to is copied too: DROP DATABASE, MySQL qualified names, SQLite ATTACH', () => {
  const s = setUp();
  const pending = (command: string) => {
    const held = s.agent(command);
    assert.ok(held.id, held.reason);
    return spawnSync(process.execPath, [BIN, 'pending'], { encoding: 'utf8', env: s.env }).stdout;
  };
  assert.match(pending("psql -h 127.0.0.1 -U postgres -d test -c 'DROP DATABASE victim'"), /pg_dump -Fc of database victim/);
  assert.match(pending("mysql -h 127.0.0.1 -u root test -e 'DROP TABLE victimdb.t'"), /mysqldump of database victimdb/);
  assert.match(pending(`sqlite3 main.db "ATTACH 'other.db' AS o; DROP TABLE o.t"`), /copy of the SQLite file .*other\.db/);
});

test("git branch -D: the branch's commits are kept in a bundle outside the repository, which brings them back after the refs are gone", () => {
  const s = setUp();
  committed(s, 'a.txt', 'a\n');
  plainGit(s.dir, 'checkout', '-qb', 'feature');
  writeFileSync(join(s.dir, 'f.txt'), 'feature work\n');
  plainGit(s.dir, 'add', 'f.txt');
  plainGit(s.dir, 'commit', '-qm', 'only on feature');
  plainGit(s.dir, 'checkout', '-q', 'main');
  const output = heldApprovedAllowed(s, 'git branch -D feature');
  execFileSync('git', ['branch', '-qD', 'feature'], { cwd: s.dir });
  // The agent removes airlock's refs from the repository; the bundle in the data directory is out of its reach.
  for (const ref of plainGit(s.dir, 'for-each-ref', '--format=%(refname)', 'refs/airlock/').split('\n').filter(Boolean)) plainGit(s.dir, 'update-ref', '-d', ref);
  execFileSync('sh', ['-c', restoreCommands(output)[0]!]);
  assert.match(plainGit(s.dir, 'log', '--all', '--format=%s'), /only on feature/);
});
