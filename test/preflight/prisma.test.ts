// Needs: PostgreSQL on 127.0.0.1:5432, prisma in test/e2e/schema-tools (scripts/test-env.sh)
// Preflight for `prisma db push`, `migrate dev` and `migrate deploy`, against the real PostgreSQL, with
// Prisma's own schema engine (WebAssembly, through Prisma's PostgreSQL adapter) and the project's own
// Prisma config loader: a push that would drop a column is held as a destroy without --accept-data-loss,
// naming the column and how many rows hold a value in it; one that only adds is a plain write; pending
// migrations that drop a table make deploy a destroy; one that can't be asked is held, never allowed.
// Each test has a database of its own: Prisma's diff covers every table in the schema it looks at.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { agentProposes, approvedWithCopy, airlockEnv, checkIn, projectRoot, scratchDir, type CheckedJson } from '../helpers.js';

const TOOLS = join(projectRoot, 'test/e2e/schema-tools/node_modules');
const home = scratchDir('prisma-home');
const psql = (database: string, sql: string) =>
  execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', database, '-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' });

/** A database of its own for one test, dropped when the process ends. */
function database(tag: string, setup: string): { name: string; url: string } {
  const name = `airlock_prisma_${process.pid}_${tag}`;
  psql('postgres', `DROP DATABASE IF EXISTS ${name}`);
  psql('postgres', `CREATE DATABASE ${name}`);
  process.on('exit', () => {
    try {
      psql('postgres', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } catch {
      // Left for the next run's DROP … IF EXISTS.
    }
  });
  if (setup) psql(name, setup);
  return { name, url: `postgresql://postgres@127.0.0.1:5432/${name}` };
}

const MODEL = (fields: string) => `datasource db {\n  provider = "postgresql"\n}\n\nmodel User {\n  id    Int    @id @default(autoincrement())\n${fields}\n  @@map("users")\n}\n`;

/** A Prisma 7 project: prisma.config.ts naming the schema and the database, in development, the pinned prisma linked in. */
function project(url: string, fields: string, config = true): string {
  assert.ok(existsSync(join(TOOLS, 'prisma')), 'prisma is not installed in test/e2e/schema-tools: run scripts/test-env.sh');
  const dir = scratchDir('prisma-project');
  symlinkSync(TOOLS, join(dir, 'node_modules'));
  mkdirSync(join(dir, 'prisma'));
  mkdirSync(join(dir, '.airlock'));
  writeFileSync(join(dir, '.airlock/policy.yaml'), 'environments:\n  development: { paths: ["/"] }\n');
  writeFileSync(join(dir, 'prisma/schema.prisma'), MODEL(fields));
  if (config)
    writeFileSync(
      join(dir, 'prisma.config.ts'),
      `import { defineConfig, env } from 'prisma/config';\nexport default defineConfig({ schema: 'prisma/schema.prisma', migrations: { path: 'prisma/migrations' }, datasource: { url: env('DATABASE_URL') } });\n`,
    );
  return dir;
}

/** A migration folder of the project's, as `prisma migrate dev` writes one. */
function writeMigration(dir: string, name: string, sql: string): void {
  mkdirSync(join(dir, 'prisma/migrations', name), { recursive: true });
  writeFileSync(join(dir, 'prisma/migrations', name, 'migration.sql'), sql);
}

const check = (dir: string, command: string, url: string) => checkIn(dir, command, home, { DATABASE_URL: url });

const prisma = (c: CheckedJson) => {
  const f = c.findings.find((x) => x.rule.startsWith('prisma/'));
  assert.ok(f, JSON.stringify(c.findings));
  return f;
};

test('a push that would drop a column is held as a destroy without --accept-data-loss, naming the column and its rows', () => {
  const db = database('drop', `CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL, nickname text); INSERT INTO users (email, nickname) VALUES ('a', 'x'), ('b', NULL), ('c', 'z');`);
  const dir = project(db.url, '  email String');
  const c = check(dir, 'npx prisma db push', db.url);
  assert.notEqual(c.verdict, 'allow');
  const f = prisma(c);
  assert.equal(f.rule, 'prisma/schema-change');
  assert.equal(f.effect, 'destroy');
  assert.match(f.summary, /prisma would run 1 statement and drop column nickname of users \(2 rows have a value\)/);
  assert.deepEqual(f.preflight?.dropped, ['column nickname of users (2 rows have a value)']);
  assert.match(String(f.preflight?.statements), /ALTER TABLE "users" DROP COLUMN "nickname"/);
  // --accept-data-loss is held as before, and now says what it would drop.
  assert.match(prisma(check(dir, 'npx prisma db push --accept-data-loss', db.url)).summary, /drop column nickname of users/);
  // Nothing was applied: the column and its values are still there.
  assert.equal(psql(db.name, 'SELECT count(nickname) FROM users').trim(), '2');
});

test('through the real hook, the agent is told which column the push would drop', () => {
  const db = database('hook', `CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL, age integer); INSERT INTO users (email, age) VALUES ('a', 30);`);
  const dir = project(db.url, '  email String');
  const hookHome = scratchDir('prisma-hook-home');
  const proposed = agentProposes(`DATABASE_URL=${db.url} npx prisma db push`, dir, airlockEnv(hookHome));
  assert.equal(proposed.allowed, false);
  assert.match(proposed.reason, /drop column age of users \(1 row has a value\)/);
  assert.equal(psql(db.name, 'SELECT sum(age) FROM users').trim(), '30');
});

test('an approved push that drops a column keeps a dump of its database first, and the printed command brings the values back', () => {
  const db = database(
    'copy',
    `CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL, nickname text); INSERT INTO users (email, nickname) SELECT 'u' || g, 'n' || g FROM generate_series(1, 40) g;`,
  );
  const dir = project(db.url, '  email String');
  const { output, restore } = approvedWithCopy(`DATABASE_URL=${db.url} npx prisma db push --accept-data-loss`, dir, /drop column nickname of users \(40 rows have a value\)/);
  assert.match(output, new RegExp(`pg_dump -Fc of database ${db.name} on postgres@127\\.0\\.0\\.1`));
  assert.ok(restore.startsWith('pg_restore '), output);
  // What the push would run (Prisma's CLI can't fetch its native engine here): the statements the probe reported.
  psql(db.name, 'ALTER TABLE users DROP COLUMN nickname');
  execFileSync('sh', ['-c', restore]);
  assert.equal(psql(db.name, 'SELECT count(nickname) FROM users').trim(), '40');
});

test('a push that only adds is a plain write, let through in development; one with nothing to do says so', () => {
  const db = database('add', 'CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL);');
  const dir = project(db.url, '  email String\n  note  String?');
  const c = check(dir, 'npx prisma db push', db.url);
  assert.equal(c.verdict, 'allow', JSON.stringify(c.findings));
  assert.equal(prisma(c).effect, 'write');
  assert.match(prisma(c).summary, /prisma would run 1 statement, none of which drops data/);
  writeFileSync(join(dir, 'prisma/schema.prisma'), MODEL('  email String'));
  assert.match(prisma(check(dir, 'npx prisma db push', db.url)).summary, /the database already matches the schema/);
  // --accept-data-loss with nothing to drop is a write too.
  assert.equal(check(dir, 'npx prisma db push --accept-data-loss', db.url).verdict, 'allow');
  // --force-reset drops everything whatever the diff says: held without asking, with --accept-data-loss beside it too.
  assert.notEqual(check(dir, 'npx prisma db push --force-reset', db.url).verdict, 'allow');
  assert.notEqual(check(dir, 'npx prisma db push --accept-data-loss --force-reset', db.url).verdict, 'allow');
});

test('migrate deploy and migrate dev read the migrations the database has not applied: a pending DROP TABLE is a destroy', () => {
  const db = database('deploy', `CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL); CREATE TABLE sessions (id serial PRIMARY KEY); INSERT INTO sessions DEFAULT VALUES;`);
  const dir = project(db.url, '  email String');
  const migration = (name: string, sql: string) => writeMigration(dir, name, sql);
  migration('20260101000000_init', 'CREATE TABLE "users" ("id" SERIAL NOT NULL, "email" TEXT NOT NULL, CONSTRAINT "users_pkey" PRIMARY KEY ("id"));\n');
  migration('20260201000000_drop_sessions', '-- DropTable\nDROP TABLE "sessions";\n');
  // The first is recorded as applied, as Prisma records it; the second is not.
  psql(
    db.name,
    `CREATE TABLE _prisma_migrations (id varchar(36) PRIMARY KEY, checksum varchar(64) NOT NULL, finished_at timestamptz, migration_name varchar(255) NOT NULL, logs text, rolled_back_at timestamptz, started_at timestamptz NOT NULL DEFAULT now(), applied_steps_count integer NOT NULL DEFAULT 0);
     INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name) VALUES ('1', 'x', now(), '20260101000000_init');`,
  );
  const deploy = check(dir, 'npx prisma migrate deploy', db.url);
  assert.notEqual(deploy.verdict, 'allow');
  assert.equal(prisma(deploy).effect, 'destroy');
  assert.match(prisma(deploy).summary, /drop table sessions \(1 row\)/);
  assert.match(prisma(deploy).summary, /migrations not yet applied: 20260201000000_drop_sessions/);
  assert.equal(prisma(check(dir, 'npx prisma migrate dev --name next', db.url)).effect, 'destroy');
  // SQL airlock can't read through (a statement built at run time and EXECUTEd) is held, not taken for a write.
  mkdirSync(join(dir, 'prisma/migrations/20260301000000_built'));
  writeFileSync(join(dir, 'prisma/migrations/20260301000000_built/migration.sql'), `DO $$ BEGIN EXECUTE 'DROP ' || 'TABLE users'; END $$;\n`);
  psql(db.name, `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name) VALUES ('3', 'z', now(), '20260201000000_drop_sessions')`);
  assert.notEqual(check(dir, 'npx prisma migrate deploy', db.url).verdict, 'allow');
  psql(db.name, `DELETE FROM _prisma_migrations WHERE id = '3'`);
  execFileSync('rm', ['-r', join(dir, 'prisma/migrations/20260301000000_built')]);
  // Once the drop is recorded as applied, deploy has nothing to run.
  psql(db.name, `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name) VALUES ('2', 'y', now(), '20260201000000_drop_sessions')`);
  const after = check(dir, 'npx prisma migrate deploy', db.url);
  assert.equal(after.verdict, 'allow', JSON.stringify(after.findings));
});

test('the probe finds the database as Prisma would: the config, --url, a Prisma 6 schema with env() and a .env file', () => {
  const db = database('find', `CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL, age integer);`);
  // --url on the command line wins over the config's URL.
  const dir = project('unused', '  email String');
  assert.match(prisma(check(dir, `npx prisma db push --url ${db.url}`, 'postgresql://postgres@127.0.0.1:1/none')).summary, /drop column age of users/);
  // No config file: the schema's own url = env("…"), read from .env as Prisma 6 did.
  const old = project('unused', '  email String', false);
  writeFileSync(join(old, 'prisma/schema.prisma'), MODEL('  email String').replace('provider = "postgresql"', 'provider = "postgresql"\n  url      = env("OLD_DATABASE_URL")'));
  writeFileSync(join(old, '.env'), `OLD_DATABASE_URL=${db.url}\n`);
  assert.match(prisma(checkIn(old, 'npx prisma db push', home)).summary, /drop column age of users/);
  // Prisma 6's directUrl, which Migrate and db push use, wins over url.
  writeFileSync(
    join(old, 'prisma/schema.prisma'),
    MODEL('  email String').replace('provider = "postgresql"', `provider = "postgresql"\n  url       = "postgresql://postgres@127.0.0.1:1/pooler"\n  directUrl = "${db.url}"`),
  );
  assert.match(prisma(checkIn(old, 'npx prisma db push', home)).summary, /drop column age of users/);
  // A variable the config sets as it loads (a dotenv it reads) is the one Prisma runs with.
  const sets = project('unused', '  email String');
  writeFileSync(join(sets, 'prisma.config.ts'), `process.env.FROM_CONFIG_URL = '${db.url}';\nexport default {};\n`);
  writeFileSync(join(sets, 'prisma/schema.prisma'), MODEL('  email String').replace('provider = "postgresql"', 'provider = "postgresql"\n  url      = env("FROM_CONFIG_URL")'));
  assert.match(prisma(checkIn(sets, 'npx prisma db push', home)).summary, /drop column age of users/);
  // A config file the project's own loader can't be asked about (no @prisma/config installed) is not skipped.
  const bare = scratchDir('prisma-bare');
  writeFileSync(join(bare, 'prisma.config.ts'), 'export default {};\n');
  writeFileSync(join(bare, 'schema.prisma'), MODEL('  email String'));
  assert.match(String(prisma(checkIn(bare, 'npx prisma db push', home)).preflight?.failed), /has a Prisma config \(prisma\.config\.ts\)/);
  // --schema names another schema file.
  mkdirSync(join(old, 'other'));
  writeFileSync(join(old, 'other/keeps.prisma'), MODEL('  email String\n  age   Int?').replace('provider = "postgresql"', `provider = "postgresql"\n  url      = "${db.url}"`));
  assert.equal(prisma(checkIn(old, 'npx prisma db push --schema other/keeps.prisma', home)).effect, 'write');
});

test('a push that cannot be asked is held and says why: an unreachable database, another provider, no schema, strict with a config', () => {
  // Where Prisma finds no schema at all it stops with an error and changes nothing: the plain assessment stands.
  const none = checkIn(scratchDir('prisma-empty'), 'npx prisma migrate deploy', home);
  assert.equal(none.verdict, 'allow', JSON.stringify(none.findings));
  assert.match(prisma(none).summary, /there is no prisma schema in \S+, so it would stop with an error/);
  const dir = project('unused', '  email String');
  const down = check(dir, 'npx prisma db push', 'postgresql://postgres@127.0.0.1:1/none');
  assert.notEqual(down.verdict, 'allow');
  assert.equal(prisma(down).effect, 'unknown');
  assert.match(String(prisma(down).preflight?.failed), /Prisma's schema engine failed: .*ECONNREFUSED/);
  const unset = checkIn(dir, 'npx prisma db push', home);
  assert.match(String(prisma(unset).preflight?.failed), /Prisma's config failed: Prisma could not load its config .*prisma\.config\.ts/);
  writeFileSync(join(dir, 'prisma/schema.prisma'), MODEL('  email String').replace('"postgresql"', '"mysql"'));
  assert.match(String(prisma(check(dir, 'npx prisma db push', 'mysql://root@127.0.0.1/test')).preflight?.failed), /only about PostgreSQL and SQLite; this schema's provider is mysql/);
  assert.match(String(prisma(check(dir, 'npx prisma db push --schema nowhere.prisma', 'x')).preflight?.failed), /there is no Prisma schema at .*nowhere\.prisma/);
  writeFileSync(join(dir, '.airlock/policy.yaml'), 'environments:\n  development: { paths: ["/"] }\nstrictness: strict\n');
  const strict = check(dir, 'npx prisma db push', 'postgresql://postgres@127.0.0.1:5432/postgres');
  assert.notEqual(strict.verdict, 'allow');
  writeFileSync(join(dir, '.airlock/policy.yaml'), 'environments:\n  development: { paths: ["/"] }\npreflight: { databases: false }\n');
  assert.match(String(prisma(check(dir, 'npx prisma db push', 'x')).preflight?.failed), /preflight\.databases: false/);
});

// Found by an outside attack on the probe (docs/findings/2026-12-02-attack-prisma-preflight.md), each one of a family.
test('migrate dev --create-only is looked at too: it applies the migrations the database lacks before writing the new one', () => {
  const db = database('createonly', `CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL); CREATE TABLE sessions (id serial PRIMARY KEY); INSERT INTO sessions DEFAULT VALUES;`);
  const dir = project(db.url, '  email String');
  mkdirSync(join(dir, 'prisma/migrations/20260201000000_drop'), { recursive: true });
  writeFileSync(join(dir, 'prisma/migrations/20260201000000_drop/migration.sql'), 'DROP TABLE "sessions";\n');
  const c = check(dir, 'npx prisma migrate dev --create-only --name next', db.url);
  assert.notEqual(c.verdict, 'allow');
  assert.match(prisma(c).summary, /drop table sessions \(1 row\)/);
});

test('the schema is the one Prisma would read, or none is chosen: two candidates are held, package.json names one, links in a schema folder are held', () => {
  const db = database('where', `CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL, age integer); INSERT INTO users (email, age) VALUES ('a', 1);`);
  const dir = project(db.url, '  email String');
  // Prisma 7 reads ./schema.prisma before ./prisma/schema.prisma; Prisma 6 the other way round: with both, the probe does not guess.
  writeFileSync(join(dir, 'prisma.config.ts'), `import { defineConfig, env } from 'prisma/config';\nexport default defineConfig({ datasource: { url: env('DATABASE_URL') } });\n`);
  writeFileSync(join(dir, 'schema.prisma'), MODEL('  email String\n  age   Int?'));
  const both = check(dir, 'npx prisma db push', db.url);
  assert.notEqual(both.verdict, 'allow');
  assert.match(String(prisma(both).preflight?.failed), /Prisma could read any of .*schema\.prisma, .*prisma\/schema\.prisma/);
  // package.json's prisma.schema (Prisma 6) is a place Prisma looks as well.
  const old = project('unused', '  email String', false);
  execFileSync('mv', [join(old, 'prisma'), join(old, 'db')]);
  writeFileSync(join(old, 'db/schema.prisma'), MODEL('  email String').replace('provider = "postgresql"', `provider = "postgresql"\n  url      = "${db.url}"`));
  writeFileSync(join(old, 'package.json'), JSON.stringify({ prisma: { schema: 'db/schema.prisma' } }));
  assert.match(prisma(checkIn(old, 'npx prisma db push', home)).summary, /drop column age of users/);
  // A schema folder with a link in it: Prisma keeps a linked file by where it leads; the probe does not read it.
  const folder = project(db.url, '  email String');
  mkdirSync(join(folder, 'prisma/schema'));
  execFileSync('mv', [join(folder, 'prisma/schema.prisma'), join(folder, 'prisma/schema/main.prisma')]);
  writeFileSync(join(folder, 'legacy-models.txt'), 'model Legacy {\n  id Int @id\n}\n');
  symlinkSync('../../legacy-models.txt', join(folder, 'prisma/schema/legacy.prisma'));
  writeFileSync(
    join(folder, 'prisma.config.ts'),
    `import { defineConfig, env } from 'prisma/config';\nexport default defineConfig({ schema: 'prisma/schema', datasource: { url: env('DATABASE_URL') } });\n`,
  );
  const linked = check(folder, 'npx prisma db push --accept-data-loss', db.url);
  assert.notEqual(linked.verdict, 'allow');
  assert.match(String(prisma(linked).preflight?.failed), /legacy\.prisma is a symbolic link in the schema folder/);
});

test('a change of type on a column with values in it loses data (a timestamp made a date loses the time); on an empty column it does not', () => {
  const db = database('type', `CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL, "seenAt" timestamp(3)); INSERT INTO users (email, "seenAt") VALUES ('a', now());`);
  const dir = project(db.url, '  email  String\n  seenAt DateTime? @db.Date');
  const c = check(dir, 'npx prisma db push', db.url);
  assert.notEqual(c.verdict, 'allow');
  assert.equal(prisma(c).effect, 'destroy');
  assert.match(prisma(c).summary, /column seenAt of users changes type to DATE with 1 value in it, which may cut or round them/);
  psql(db.name, 'UPDATE users SET "seenAt" = NULL');
  assert.equal(check(dir, 'npx prisma db push', db.url).verdict, 'allow');
});

test('run in another package or folder by its runner (pnpm --filter or -C, npm -w, yarn workspace or --cwd), the push is held: the probe would look at the wrong folder', () => {
  const dir = project('unused', '  email String');
  for (const command of [
    'pnpm --filter api exec prisma migrate deploy',
    'npm -w api exec prisma migrate deploy',
    'yarn workspace api prisma migrate deploy',
    'pnpm -C apps/api exec prisma migrate deploy',
    'yarn --cwd apps/api prisma migrate deploy',
  ]) {
    const c = check(dir, command, 'postgresql://postgres@127.0.0.1:5432/postgres');
    assert.notEqual(c.verdict, 'allow', command);
    assert.match(String(prisma(c).preflight?.failed), /runs it in another package or folder, which the probe does not resolve/, command);
  }
});

// SQLite: the file opened read-only with airlock's better-sqlite3, through Prisma's better-sqlite3 adapter.
// Prisma rebuilds a table (copy into "new_X", drop, rename) for most changes: only the columns the copy
// leaves out are lost.

/** The first script the probe says the command would run. */
const script = (c: CheckedJson) => String((prisma(c).preflight?.statements as string[] | undefined)?.[0]);
const sqlite = (file: string, sql: string) => execFileSync('sqlite3', [file], { input: sql, encoding: 'utf8' }).trim();
const SQLITE_USERS = `CREATE TABLE "User" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "email" TEXT NOT NULL, "nickname" TEXT); INSERT INTO "User" ("email", "nickname") VALUES ('a', 'x'), ('b', 'y');`;
const SQLITE_MODEL = (fields: string, url = '') => `datasource db {\n  provider = "sqlite"\n${url}}\n\nmodel User {\n  id Int @id @default(autoincrement())\n${fields}\n}\n`;

/** A Prisma 7 project on SQLite: prisma.config.ts gives `url`, the file (made by `setup`) at `file` in the project. */
function sqliteProject(setup: string, fields: string, url = 'file:./dev.db', file = 'dev.db'): { dir: string; file: string } {
  const dir = project('unused', '');
  writeFileSync(join(dir, 'prisma/schema.prisma'), SQLITE_MODEL(fields));
  writeFileSync(join(dir, 'prisma.config.ts'), `import { defineConfig } from 'prisma/config';\nexport default defineConfig({ schema: 'prisma/schema.prisma', datasource: { url: '${url}' } });\n`);
  if (setup) sqlite(join(dir, file), setup);
  return { dir, file: join(dir, file) };
}

test('SQLite: a push that drops a column is a destroy naming it and its values; a rebuild that carries every column, or an added column, is a write', () => {
  const { dir, file } = sqliteProject(SQLITE_USERS, '  email String');
  const held = check(dir, 'npx prisma db push', '');
  assert.notEqual(held.verdict, 'allow');
  assert.equal(prisma(held).effect, 'destroy');
  assert.deepEqual(prisma(held).preflight?.dropped, ['column nickname of User (2 rows have a value)']);
  assert.match(script(held), /DROP TABLE "User"/);
  assert.equal(sqlite(file, 'SELECT group_concat(nickname) FROM User'), 'x,y', 'nothing was applied');
  // A new default makes Prisma rebuild the table; every column goes over, so nothing is lost.
  writeFileSync(join(dir, 'prisma/schema.prisma'), SQLITE_MODEL('  email String\n  nickname String? @default("none")'));
  const rebuilt = check(dir, 'npx prisma db push', '');
  assert.match(script(rebuilt), /INSERT INTO "new_User"/);
  assert.equal(prisma(rebuilt).effect, 'write', prisma(rebuilt).summary);
  assert.equal(rebuilt.verdict, 'allow', JSON.stringify(rebuilt.findings));
  writeFileSync(join(dir, 'prisma/schema.prisma'), SQLITE_MODEL('  email String\n  nickname String?\n  age Int?'));
  const adds = check(dir, 'npx prisma db push', '');
  assert.equal(adds.verdict, 'allow', JSON.stringify(adds.findings));
  assert.match(prisma(adds).summary, /prisma would run 1 statement, none of which drops data/);
});

test('SQLite: the file is where Prisma would open it: a URL in the schema from the schema folder (Prisma 6), one in the config from where Prisma runs (Prisma 7); no file yet is empty', () => {
  // Prisma 6: url in the schema, relative to the schema's folder.
  const six = sqliteProject('', '  email String');
  execFileSync('rm', [join(six.dir, 'prisma.config.ts')]);
  sqlite(join(six.dir, 'prisma/dev.db'), SQLITE_USERS);
  writeFileSync(join(six.dir, 'prisma/schema.prisma'), SQLITE_MODEL('  email String', '  url      = "file:./dev.db"\n'));
  assert.deepEqual(prisma(check(six.dir, 'npx prisma db push', '')).preflight?.dropped, ['column nickname of User (2 rows have a value)']);
  // Prisma 7: the config's url from the folder Prisma runs in; prisma/dev.db is not that file, and ./dev.db is not there yet.
  const seven = sqliteProject('', '  email String');
  sqlite(join(seven.dir, 'prisma/dev.db'), SQLITE_USERS);
  const fresh = check(seven.dir, 'npx prisma db push', '');
  assert.equal(fresh.verdict, 'allow', JSON.stringify(fresh.findings));
  assert.match(script(fresh), /CREATE TABLE "User"/);
  assert.ok(!existsSync(join(seven.dir, 'dev.db')), 'the probe made no file');
  // --config elsewhere: Prisma 7 runs its engine in that config's folder.
  mkdirSync(join(seven.dir, 'db'));
  sqlite(join(seven.dir, 'db/dev.db'), SQLITE_USERS);
  writeFileSync(
    join(seven.dir, 'db/prisma.config.ts'),
    `import { defineConfig } from 'prisma/config';\nexport default defineConfig({ schema: '../prisma/schema.prisma', datasource: { url: 'file:./dev.db' } });\n`,
  );
  assert.equal(prisma(check(seven.dir, 'npx prisma db push --config db/prisma.config.ts', '')).effect, 'destroy');
  // --url wins, absolute.
  assert.equal(prisma(check(seven.dir, `npx prisma db push --url file:${join(seven.dir, 'prisma/dev.db')}`, '')).effect, 'destroy');
});

test('SQLite: migrate deploy reads the migrations _prisma_migrations lacks; an approved push keeps a copy of the file that brings the column back', () => {
  const { dir, file } = sqliteProject(`${SQLITE_USERS} CREATE TABLE "Session" ("id" INTEGER PRIMARY KEY); INSERT INTO "Session" VALUES (1);`, '  email String\n  nickname String?');
  mkdirSync(join(dir, 'prisma/migrations/20260201000000_drop_sessions'), { recursive: true });
  writeFileSync(join(dir, 'prisma/migrations/20260201000000_drop_sessions/migration.sql'), '-- DropTable\nPRAGMA foreign_keys=off;\nDROP TABLE "Session";\nPRAGMA foreign_keys=on;\n');
  sqlite(
    file,
    `CREATE TABLE "_prisma_migrations" ("id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0);`,
  );
  const deploy = prisma(check(dir, 'npx prisma migrate deploy', ''));
  assert.equal(deploy.effect, 'destroy');
  assert.match(deploy.summary, /drop table Session \(1 row\)/);
  sqlite(file, `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name") VALUES ('1', 'x', current_timestamp, '20260201000000_drop_sessions')`);
  assert.equal(check(dir, 'npx prisma migrate deploy', '').verdict, 'allow');
  // As if the deploy had run; then a push that drops a column.
  sqlite(file, 'DROP TABLE "Session"');
  writeFileSync(join(dir, 'prisma/schema.prisma'), SQLITE_MODEL('  email String'));
  const { restore } = approvedWithCopy('npx prisma db push --accept-data-loss', dir, /drop column nickname of User \(2 rows have a value\)/);
  // What the push would run (Prisma's CLI can't fetch its native engine here): the statements the probe reported.
  sqlite(file, script(checkIn(dir, 'npx prisma db push --accept-data-loss', home)));
  assert.throws(() => sqlite(file, 'SELECT nickname FROM User'));
  execFileSync('sh', ['-c', restore], { cwd: dir });
  assert.equal(sqlite(file, 'SELECT group_concat(nickname) FROM User'), 'x,y');
});

test('SQLite: a hand-written migration that rebuilds a table with foreign keys on takes the rows that cascade from it; with them off it does not', () => {
  const { dir, file } = sqliteProject(
    `${SQLITE_USERS} CREATE TABLE "Post" ("id" INTEGER PRIMARY KEY, "authorId" INTEGER NOT NULL REFERENCES "User" ("id") ON DELETE CASCADE); INSERT INTO "Post" VALUES (1, 1), (2, 1), (3, 2);`,
    '  email String\n  nickname String?',
  );
  const rebuild = `CREATE TABLE "new_User" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "email" TEXT NOT NULL, "nickname" TEXT);
INSERT INTO "new_User" ("email", "id", "nickname") SELECT "email", "id", "nickname" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
`;
  const migration = (sql: string) => writeMigration(dir, '20260301000000_rebuild', sql);
  migration(rebuild);
  const held = prisma(check(dir, 'npx prisma migrate deploy', ''));
  assert.equal(held.effect, 'destroy');
  assert.deepEqual(held.preflight?.dropped, ['rows of Post whose authorId references User (ON DELETE CASCADE): 3 rows']);
  // What the probe says is what SQLite does: run with foreign keys on, the rebuild empties Post.
  const copy = join(dir, 'copy.db');
  execFileSync('cp', [file, copy]);
  sqlite(copy, `PRAGMA foreign_keys=ON;\n${rebuild}`);
  assert.equal(sqlite(copy, 'SELECT count(*) FROM "Post"'), '0');
  // The same rebuild with foreign keys turned off first, as Prisma writes it, keeps every row.
  migration(`PRAGMA foreign_keys=OFF;\n${rebuild}PRAGMA foreign_keys=ON;\n`);
  const kept = check(dir, 'npx prisma migrate deploy', '');
  assert.equal(prisma(kept).effect, 'write', prisma(kept).summary);
  assert.equal(kept.verdict, 'allow', JSON.stringify(kept.findings));
});

test('SQLite: a rebuild that copies a column into another type holding values may change them; migrate dev with pending migrations is held, as what it then diffs is not asked', () => {
  const { dir, file } = sqliteProject(`${SQLITE_USERS} UPDATE "User" SET "nickname" = '01234';`, '  email String\n  nickname Int?');
  const c = check(dir, 'npx prisma db push --accept-data-loss', '');
  assert.notEqual(c.verdict, 'allow');
  assert.equal(prisma(c).effect, 'destroy');
  assert.match(prisma(c).summary, /column nickname of User is copied from TEXT into INTEGER with 2 values in it, which may change them/);
  // As SQLite does it: '01234' copied into an INTEGER column is 1234.
  sqlite(file, script(c));
  assert.equal(sqlite(file, 'SELECT group_concat(nickname) FROM "User"'), '1234,1234');
  // migrate dev applies the pending migrations and then diffs: held unless what they run already loses data.
  const dev = sqliteProject(SQLITE_USERS, '  email String\n  nickname String?');
  mkdirSync(join(dev.dir, 'prisma/migrations/20260101000000_rename'), { recursive: true });
  writeFileSync(join(dev.dir, 'prisma/migrations/20260101000000_rename/migration.sql'), 'ALTER TABLE "User" RENAME TO "Person";\n');
  const held = check(dev.dir, 'npx prisma migrate dev --name next', '');
  assert.notEqual(held.verdict, 'allow');
  assert.match(String(prisma(held).preflight?.failed), /applies 1 pending migration first, and what it then diffs is not asked/);
  assert.equal(check(dev.dir, 'npx prisma migrate deploy', '').verdict, 'allow', 'deploy runs only the migration');
});

test('a probe that never answers (a FIFO where the SQLite file should be) is stopped at its budget, with the garbage collector running', () => {
  const { dir } = sqliteProject('', '  email String');
  execFileSync('mkfifo', [join(dir, 'dev.db')]);
  // In a process of its own with the collector run often: Node 20 can collect a timeout signal held only by AbortSignal.any().
  const program = `
    const { analyzeNow } = await import(${JSON.stringify(join(projectRoot, 'build/src/runtime/assess.js'))});
    const { preflight } = await import(${JSON.stringify(join(projectRoot, 'build/src/preflight/run.js'))});
    setInterval(() => globalThis.gc(), 50).unref();
    const probed = await preflight(analyzeNow({ command: 'npx prisma db push', cwd: ${JSON.stringify(dir)} }), { env: { PATH: process.env.PATH }, signal: new AbortController().signal, held: true, terraformBudgetMs: 2000 });
    console.log(JSON.stringify(probed.findings.map((f) => f.preflight)));`;
  const r = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', program], { encoding: 'utf8', timeout: 180_000 });
  assert.equal(r.status, 0, r.stderr || 'the probe was not stopped');
  assert.match(r.stdout, /took longer than 2000 ms/);
});

test('SQLite: pending migrations are read in the order Prisma runs them, and a large one is read whole', () => {
  const { dir } = sqliteProject(SQLITE_USERS, '  email String\n  nickname String?');
  const migration = (name: string, sql: string) => writeMigration(dir, name, sql);
  // Prisma sorts the folders with localeCompare: `_a_` runs before `_B_`, where code points put B first.
  migration('20260301000000_a_rename', 'ALTER TABLE "User" RENAME COLUMN "nickname" TO "old";\nALTER TABLE "User" ADD COLUMN "nickname" TEXT;\n');
  migration(
    '20260301000000_B_rebuild',
    'PRAGMA foreign_keys=OFF;\nCREATE TABLE "new_User" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "email" TEXT NOT NULL, "nickname" TEXT);\nINSERT INTO "new_User" ("id", "email", "nickname") SELECT "id", "email", "nickname" FROM "User";\nDROP TABLE "User";\nALTER TABLE "new_User" RENAME TO "User";\n',
  );
  const held = prisma(check(dir, 'npx prisma migrate deploy', ''));
  assert.equal(held.effect, 'destroy', held.summary);
  assert.match(held.summary, /migrations not yet applied: 20260301000000_a_rename, 20260301000000_B_rebuild/);
  // An answer of more than one pipe's worth (a 400 kB migration) is read whole.
  execFileSync('rm', ['-r', join(dir, 'prisma/migrations/20260301000000_a_rename'), join(dir, 'prisma/migrations/20260301000000_B_rebuild')]);
  migration('20260401000000_big', `-- ${'x'.repeat(400_000)}\nCREATE TABLE "Big" ("id" INTEGER PRIMARY KEY);\n`);
  const big = check(dir, 'npx prisma migrate deploy', '');
  assert.equal(prisma(big).effect, 'write', prisma(big).summary);
  assert.equal(big.verdict, 'allow');
});
