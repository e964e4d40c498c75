// Needs: PostgreSQL on 127.0.0.1:5432 (database test), drizzle-kit in test/e2e/schema-tools (scripts/test-env.sh)
// Preflight for `drizzle-kit push`, with the real drizzle-kit against the real PostgreSQL: its own diff
// (drizzle-kit/api's pushSchema, never applied) says what the push would run. A push that would drop a
// column is held as a destroy, without --force, naming the column and how many rows it holds; one that
// only adds is a plain write; one that can't be asked is held, never allowed.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { approvedWithCopy, checkIn, projectRoot, scratchDir, type CheckedJson } from '../helpers.js';

const TOOLS = join(projectRoot, 'test/e2e/schema-tools/node_modules');
const home = scratchDir('drizzle-home');
const psql = (sql: string) => execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'test', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' });

/** A drizzle project whose schema declares `columns` for `table`, in development, with the pinned tools linked in. */
function project(table: string, columns: string): string {
  assert.ok(existsSync(join(TOOLS, 'drizzle-kit')), 'drizzle-kit is not installed in test/e2e/schema-tools: run scripts/test-env.sh');
  const dir = scratchDir('drizzle-project');
  symlinkSync(TOOLS, join(dir, 'node_modules'));
  mkdirSync(join(dir, 'src'));
  mkdirSync(join(dir, '.airlock'));
  writeFileSync(join(dir, '.airlock/policy.yaml'), 'environments:\n  development: { paths: ["/"] }\n');
  writeFileSync(join(dir, 'src/schema.ts'), `import { pgTable, integer, text } from 'drizzle-orm/pg-core';\nexport const t = pgTable('${table}', { ${columns} });\n`);
  writeFileSync(
    join(dir, 'drizzle.config.ts'),
    `import { defineConfig } from 'drizzle-kit';\nexport default defineConfig({ dialect: 'postgresql', schema: './src/schema.ts', tablesFilter: ['${table}'], dbCredentials: { url: 'postgresql://postgres@127.0.0.1:5432/test' } });\n`,
  );
  return dir;
}

type Checked = CheckedJson;

const check = (dir: string, command: string) => checkIn(dir, command, home);

const drizzle = (c: Checked) => {
  const f = c.findings.find((x) => x.rule.startsWith('drizzle/'));
  assert.ok(f, JSON.stringify(c.findings));
  return f;
};

test('a push that would drop a column is held as a destroy without --force, naming the column and its rows', () => {
  const table = `drizzle_${process.pid}_${Date.now()}`;
  psql(`CREATE TABLE ${table} (id integer PRIMARY KEY, name text NOT NULL, age integer); INSERT INTO ${table} VALUES (1, 'a', 30), (2, 'b', 40);`);
  try {
    const dir = project(table, "id: integer('id').primaryKey(), name: text('name').notNull()");
    const c = check(dir, 'npx drizzle-kit push');
    assert.notEqual(c.verdict, 'allow');
    const f = drizzle(c);
    assert.equal(f.effect, 'destroy');
    assert.match(f.summary, new RegExp(`drop column age of ${table}`));
    assert.match(f.summary, /with 2 items/);
    assert.deepEqual(f.preflight?.dropped, [`column age of ${table}`]);
    // Nothing was applied: the column and its rows are still there.
    assert.match(psql(`SELECT sum(age) FROM ${table}`), /70/);
  } finally {
    psql(`DROP TABLE IF EXISTS ${table}`);
  }
});

test('a push that only adds is a plain write, let through in development; --force with nothing to drop is one too', () => {
  const table = `drizzle_${process.pid}_${Date.now()}_add`;
  psql(`CREATE TABLE ${table} (id integer PRIMARY KEY);`);
  try {
    const dir = project(table, "id: integer('id').primaryKey(), note: text('note')");
    const c = check(dir, 'npx drizzle-kit push');
    assert.equal(c.verdict, 'allow', JSON.stringify(c.findings));
    assert.equal(drizzle(c).effect, 'write');
    assert.match(drizzle(c).summary, /would run 1 statement, none of which drops data/);
    assert.equal(check(dir, 'npx drizzle-kit push --force').verdict, 'allow');
    // A policy that keeps probes away from databases, or strict, leaves the push unlooked at, and held.
    writeFileSync(join(dir, '.airlock/policy.yaml'), 'environments:\n  development: { paths: ["/"] }\npreflight: { databases: false }\n');
    assert.match(String(drizzle(check(dir, 'npx drizzle-kit push')).preflight?.failed), /preflight\.databases: false/);
    writeFileSync(join(dir, '.airlock/policy.yaml'), 'environments:\n  development: { paths: ["/"] }\nstrictness: strict\n');
    assert.notEqual(check(dir, 'npx drizzle-kit push').verdict, 'allow');
  } finally {
    psql(`DROP TABLE IF EXISTS ${table}`);
  }
});

test('a push that cannot be asked is held and says why: no config, an unreachable database, another dialect', () => {
  const table = `drizzle_${process.pid}_${Date.now()}_x`;
  const dir = project(table, "id: integer('id').primaryKey()");
  const unreachable = check(dir, 'npx drizzle-kit push --config nowhere.config.ts');
  assert.notEqual(unreachable.verdict, 'allow');
  assert.match(String(drizzle(unreachable).preflight?.failed), /nowhere\.config\.ts/);
  writeFileSync(
    join(dir, 'drizzle.config.ts'),
    `import { defineConfig } from 'drizzle-kit';\nexport default defineConfig({ dialect: 'postgresql', schema: './src/schema.ts', dbCredentials: { url: 'postgresql://postgres@127.0.0.1:1/none' } });\n`,
  );
  const down = check(dir, 'npx drizzle-kit push');
  assert.notEqual(down.verdict, 'allow');
  assert.equal(drizzle(down).effect, 'unknown');
  assert.match(String(drizzle(down).preflight?.failed), /drizzle-kit's diff failed: .*ECONNREFUSED/);
  writeFileSync(join(dir, 'drizzle.config.ts'), `export default { dialect: 'singlestore', schema: './src/schema.ts', dbCredentials: { url: 'mysql://root@127.0.0.1/test' } };\n`);
  assert.match(String(drizzle(check(dir, 'npx drizzle-kit push')).preflight?.failed), /only about PostgreSQL and SQLite; this config says singlestore/);
});

test('the probe reads the config and schema drizzle-kit would: its own config order, the schema from the working folder, no config from elsewhere', () => {
  const table = `drizzle_${process.pid}_${Date.now()}_cfg`;
  psql(`CREATE TABLE ${table} (id integer PRIMARY KEY, age integer); INSERT INTO ${table} VALUES (1, 30);`);
  try {
    const dir = project(table, "id: integer('id').primaryKey()");
    const keeps = (file: string) =>
      writeFileSync(
        join(dir, file),
        `export default { dialect: 'postgresql', schema: './src/keeps.ts', tablesFilter: ['${table}'], dbCredentials: { url: 'postgresql://postgres@127.0.0.1:5432/test' } };\n`,
      );
    writeFileSync(
      join(dir, 'src/keeps.ts'),
      `import { pgTable, integer } from 'drizzle-orm/pg-core';\nexport const t = pgTable('${table}', { id: integer('id').primaryKey(), age: integer('age') });\n`,
    );
    // drizzle-kit reads drizzle.config.ts, then .js: a .mts beside them is not its config.
    keeps('drizzle.config.mts');
    assert.equal(drizzle(check(dir, 'npx drizzle-kit push')).effect, 'destroy');
    // The schema path is read from where drizzle-kit runs, not from the config's folder.
    mkdirSync(join(dir, 'cfg/src'), { recursive: true });
    writeFileSync(
      join(dir, 'cfg/src/schema.ts'),
      `import { pgTable, integer } from 'drizzle-orm/pg-core';\nexport const t = pgTable('${table}', { id: integer('id').primaryKey(), age: integer('age') });\n`,
    );
    writeFileSync(
      join(dir, 'cfg/drizzle.config.ts'),
      `export default { dialect: 'postgresql', schema: './src/schema.ts', tablesFilter: ['${table}'], dbCredentials: { url: 'postgresql://postgres@127.0.0.1:5432/test' } };\n`,
    );
    assert.match(drizzle(check(dir, 'npx drizzle-kit push --config cfg/drizzle.config.ts')).summary, /drop column age/);
    // A variable that sends drizzle-kit to another config is not followed: held.
    const elsewhere = check(dir, 'TEST_CONFIG_PATH_PREFIX=pfx/ npx drizzle-kit push');
    assert.notEqual(elsewhere.verdict, 'allow');
    assert.match(String(drizzle(elsewhere).preflight?.failed), /TEST_CONFIG_PATH_PREFIX/);
  } finally {
    psql(`DROP TABLE IF EXISTS ${table}`);
  }
});

// SQLite: a file of the project's own, opened read-only. drizzle-kit rebuilds a table (copy, drop, rename)
// for most changes; only the columns the copy leaves out are lost.

/** A drizzle project on a SQLite file made by `setup`, whose schema declares `columns` for table `users`. */
function sqliteProject(setup: string, columns: string, url = 'file:./local.db'): { dir: string; file: string } {
  const dir = project('unused', '');
  const file = join(dir, 'local.db');
  if (setup) execFileSync('sqlite3', [file, setup]);
  writeFileSync(join(dir, 'src/schema.ts'), `import { sqliteTable, integer, text } from 'drizzle-orm/sqlite-core';\nexport const users = sqliteTable('users', { ${columns} });\n`);
  writeFileSync(
    join(dir, 'drizzle.config.ts'),
    `import { defineConfig } from 'drizzle-kit';\nexport default defineConfig({ dialect: 'sqlite', schema: './src/schema.ts', dbCredentials: { url: '${url}' } });\n`,
  );
  return { dir, file };
}

const sqlite = (file: string, sql: string) => execFileSync('sqlite3', [file, sql], { encoding: 'utf8' }).trim();
const USERS = "CREATE TABLE users (id integer PRIMARY KEY NOT NULL, name text, age integer); INSERT INTO users VALUES (1, 'a', 30), (2, 'b', 40);";

test('SQLite: a push that drops a column is a destroy naming it; one that rebuilds the table and carries every column is a write', () => {
  const drop = sqliteProject(USERS, "id: integer('id').primaryKey(), name: text('name')");
  const held = check(drop.dir, 'npx drizzle-kit push');
  assert.notEqual(held.verdict, 'allow');
  assert.equal(drizzle(held).effect, 'destroy');
  assert.deepEqual(drizzle(held).preflight?.dropped, ['column age of users (2 rows have a value)']);
  assert.match(drizzle(held).summary, /with 2 items/);
  assert.equal(sqlite(drop.file, 'SELECT sum(age) FROM users'), '70');
  // name made NOT NULL: SQLite can't alter that in place, so drizzle-kit copies the table into a new one and drops the old one.
  const rebuild = sqliteProject(USERS, "id: integer('id').primaryKey(), name: text('name').notNull(), age: integer('age')");
  const kept = check(rebuild.dir, 'npx drizzle-kit push');
  const f = drizzle(kept);
  assert.ok(
    (f.preflight?.statements as string[] | undefined)?.some((s) => /DROP TABLE `users`/.test(s)),
    JSON.stringify(f.preflight),
  );
  assert.equal(f.effect, 'write', f.summary);
  assert.deepEqual(f.preflight?.dropped, []);
  assert.equal(kept.verdict, 'allow', JSON.stringify(kept.findings));
  // The same rebuild that also leaves a column out drops that column.
  const both = sqliteProject(USERS, "id: integer('id').primaryKey(), name: text('name').notNull()");
  const lost = drizzle(check(both.dir, 'npx drizzle-kit push'));
  assert.equal(lost.effect, 'destroy');
  assert.deepEqual(lost.preflight?.dropped, ['column age of users (2 rows have a value)']);
});

test('SQLite: no file yet is an empty database (the push creates it); a remote or driver database is held', () => {
  const fresh = sqliteProject('', "id: integer('id').primaryKey()");
  const c = check(fresh.dir, 'npx drizzle-kit push');
  assert.equal(c.verdict, 'allow', JSON.stringify(c.findings));
  assert.match(drizzle(c).summary, /would run 1 statement, none of which drops data/);
  assert.ok(!existsSync(fresh.file), 'the probe made no file');
  for (const [config, why] of [
    ["dialect: 'turso', dbCredentials: { url: 'libsql://db.example.turso.io' }", /only about PostgreSQL and SQLite; this config says turso/],
    ["dialect: 'sqlite', dbCredentials: { url: 'http://127.0.0.1:1/db' }", /is not a local file/],
    ["dialect: 'sqlite', driver: 'd1-http', dbCredentials: { accountId: 'a', databaseId: 'b', token: 'c' }", /through the d1-http driver/],
    ["dialect: 'sqlite', tablesFilter: ['users'], dbCredentials: { url: 'local.db' }", /does not read tablesFilter/],
    ["dialect: 'sqlite', casing: 'snake_case', dbCredentials: { url: 'local.db' }", /does not read casing/],
    // Written so that drizzle-kit's two drivers would read another file than the probe: held.
    ["dialect: 'sqlite', dbCredentials: { url: 'file:./local.db?mode=rwc' }", /has parameters or escapes/],
    ["dialect: 'sqlite', dbCredentials: { url: 'FILE:./local.db' }", /written in a form drizzle-kit's drivers read differently/],
  ] as const) {
    writeFileSync(join(fresh.dir, 'drizzle.config.ts'), `export default { schema: './src/schema.ts', ${config} };\n`);
    const held = check(fresh.dir, 'npx drizzle-kit push');
    assert.notEqual(held.verdict, 'allow', config);
    assert.match(String(drizzle(held).preflight?.failed), why);
  }
});

test('SQLite: an approved push that drops a column keeps a copy of the file first, and the real drizzle-kit push then runs', () => {
  const { dir, file } = sqliteProject(USERS, "id: integer('id').primaryKey(), name: text('name')");
  const { restore } = approvedWithCopy('npx drizzle-kit push --force', dir, /drop column age of users/);
  // The real push drops the column; the copy brings it back.
  execFileSync(join(dir, 'node_modules/.bin/drizzle-kit'), ['push', '--force'], { cwd: dir, stdio: 'pipe' });
  assert.throws(() => sqlite(file, 'SELECT age FROM users'));
  execFileSync('sh', ['-c', restore], { cwd: dir });
  assert.equal(sqlite(file, 'SELECT sum(age) FROM users'), '70');
});

test('SQLite: a push that copies a column into another type holding values is a destroy, as the real push changes them; a rebuild of a table others reference keeps their rows', () => {
  const { dir, file } = sqliteProject(
    "CREATE TABLE users (id integer PRIMARY KEY NOT NULL, zip text); INSERT INTO users VALUES (1, '01234'), (2, '00501');",
    "id: integer('id').primaryKey(), zip: integer('zip')",
  );
  const c = check(dir, 'npx drizzle-kit push');
  assert.notEqual(c.verdict, 'allow');
  assert.equal(drizzle(c).effect, 'destroy');
  assert.match(drizzle(c).summary, /column zip of users is copied from TEXT into INTEGER with 2 values in it/);
  execFileSync(join(dir, 'node_modules/.bin/drizzle-kit'), ['push', '--force'], { cwd: dir, stdio: 'pipe' });
  assert.equal(sqlite(file, 'SELECT group_concat(zip) FROM users'), '1234,501');
  // posts references users ON DELETE CASCADE; drizzle-kit turns foreign keys off around the rebuild of users, and every post stays.
  const refs = sqliteProject(
    "CREATE TABLE users (id integer PRIMARY KEY NOT NULL, name text); CREATE TABLE posts (id integer PRIMARY KEY NOT NULL, author integer REFERENCES users(id) ON DELETE CASCADE); INSERT INTO users VALUES (1, 'a'); INSERT INTO posts VALUES (1, 1), (2, 1);",
    "id: integer('id').primaryKey(), name: text('name').notNull()",
  );
  writeFileSync(
    join(refs.dir, 'src/schema.ts'),
    "import { sqliteTable, integer, text } from 'drizzle-orm/sqlite-core';\nexport const users = sqliteTable('users', { id: integer('id').primaryKey(), name: text('name').notNull() });\nexport const posts = sqliteTable('posts', { id: integer('id').primaryKey(), author: integer('author').references(() => users.id, { onDelete: 'cascade' }) });\n",
  );
  const kept = check(refs.dir, 'npx drizzle-kit push');
  assert.equal(drizzle(kept).effect, 'write', drizzle(kept).summary);
  execFileSync(join(refs.dir, 'node_modules/.bin/drizzle-kit'), ['push', '--force'], { cwd: refs.dir, stdio: 'pipe' });
  assert.equal(sqlite(refs.file, 'SELECT count(*) FROM posts'), '2');
});

// MySQL: drizzle-kit/api's diff for it returns only the TRUNCATEs drizzle-kit adds, not the DDL its push runs,
// and judges loss apart from the push (against the real MariaDB it reads `int(11)` as a change of type to
// `int` and truncates, where the push does not), so the probe can't ask it: held, saying so.
test('MySQL: a push is held with the reason the probe cannot ask drizzle-kit about it', () => {
  const dir = project('unused', '');
  writeFileSync(join(dir, 'drizzle.config.ts'), "export default { dialect: 'mysql', schema: './src/schema.ts', dbCredentials: { url: 'mysql://root@127.0.0.1:3306/test' } };\n");
  const held = check(dir, 'npx drizzle-kit push');
  assert.notEqual(held.verdict, 'allow');
  assert.equal(drizzle(held).effect, 'unknown');
  assert.match(String(drizzle(held).preflight?.failed), /does not return the statements its push runs/);
});
