// The tables and columns a schema tool's SQL drops, as the drizzle-kit and Prisma probes name them.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { droppedBy, statementsOf } from '../../src/preflight/schema-diff.js';

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
