// The tables and columns a schema tool's SQL drops, as the drizzle-kit and Prisma probes name them.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { droppedBy } from '../../src/preflight/schema-diff.js';
import { statementsOf } from '../../src/preflight/sql-script.js';

test('drops are named from the SQL the tools write: quoted, qualified, several in one statement, IF EXISTS', () => {
  assert.deepEqual(droppedBy(['-- AlterTable\nALTER TABLE "User" DROP COLUMN "nickname",\nADD COLUMN     "posts" INTEGER;']), ['column nickname of User']);
  assert.deepEqual(droppedBy(['ALTER TABLE "public"."users" DROP COLUMN "a", DROP COLUMN IF EXISTS "b";']), ['column a of public.users', 'column b of public.users']);
  assert.deepEqual(droppedBy(['DROP TABLE IF EXISTS "a.b", sessions;']), ['table a.b', 'table sessions']);
  // Unquoted names fold to lower case, as PostgreSQL reads them; a bare `DROP x` in ALTER TABLE is a column.
  assert.deepEqual(droppedBy(['ALTER TABLE Users DROP Age']), ['column age of users']);
  // Several statements in one script, each read.
  assert.deepEqual(droppedBy(['CREATE TABLE t (id int);\nDROP TABLE "old";\nALTER TABLE "x" DROP COLUMN "y";']), ['table old', 'column y of x']);
});

test('what drops no data is not named: constraints, defaults, NOT NULL, identity, generated expressions, comments', () => {
  assert.deepEqual(
    droppedBy([
      'ALTER TABLE "t" DROP CONSTRAINT "t_pkey";',
      'ALTER TABLE "t" ALTER COLUMN "a" DROP DEFAULT, ALTER COLUMN "b" DROP NOT NULL;',
      'ALTER TABLE "t" ALTER COLUMN "c" DROP IDENTITY IF EXISTS, ALTER COLUMN "d" DROP EXPRESSION;',
      '-- DROP TABLE "commented";\nCREATE INDEX "i" ON "t"("a");',
    ]),
    [],
  );
  assert.deepEqual(statementsOf('-- a comment; with a semicolon\nSELECT 1;\n\nSELECT 2'), ['SELECT 1', 'SELECT 2']);
});

test('a script is split where its statements end, not at a semicolon or a comment mark inside a string, a quoted name, the body of a trigger or a comment', () => {
  assert.deepEqual(statementsOf('SELECT \'--\'; DROP TABLE "Post";'), ["SELECT '--'", 'DROP TABLE "Post"']);
  assert.deepEqual(statementsOf(`SELECT 'a;b', "c;d", \`e;f\`, [g;h]; SELECT 2`), [`SELECT 'a;b', "c;d", \`e;f\`, [g;h]`, 'SELECT 2']);
  assert.deepEqual(statementsOf("SELECT 'it''s; fine'; SELECT 3"), ["SELECT 'it''s; fine'", 'SELECT 3']);
  // What a block comment holds is gone, a line comment inside it too.
  assert.deepEqual(statementsOf('/* ;\nINSERT INTO x SELECT 1 -- */\n;DROP TABLE "User";'), ['DROP TABLE "User"']);
  // No dollar quoting (in SQLite `$a$` is a parameter): a PostgreSQL body is split in pieces (the SQL classifier reads a PostgreSQL script whole).
  assert.deepEqual(statementsOf('DO $$ BEGIN DELETE FROM t; END $$; SELECT 1'), ['DO $$ BEGIN DELETE FROM t', 'END $$', 'SELECT 1']);
  // A trigger's body stays one statement with it.
  assert.deepEqual(statementsOf('CREATE TRIGGER t AFTER INSERT ON x BEGIN DELETE FROM y; UPDATE z SET a = 1; END; SELECT 1'), [
    'CREATE TRIGGER t AFTER INSERT ON x BEGIN DELETE FROM y; UPDATE z SET a = 1; END',
    'SELECT 1',
  ]);
  // A drop behind a string holding a comment mark is still read.
  assert.deepEqual(droppedBy(['UPDATE "Post" SET "title" = \'--\'; DROP TABLE "Post";']), ['table Post']);
});
