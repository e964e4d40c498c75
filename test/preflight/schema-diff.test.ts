// The tables and columns a schema tool's SQL drops, as the drizzle-kit and Prisma probes name them.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { droppedBy, rebuildsIn, statementsOf, withoutRebuildDrops } from '../../src/preflight/schema-diff.js';

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

// SQLite's rebuilds, as Prisma writes them (quoted "new_X") and as drizzle-kit does (`__new_X`).
const PRISMA_REBUILD = `-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL
);
INSERT INTO "new_User" ("email", "id") SELECT "email", "id" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;`;
const DRIZZLE_REBUILD = [
  'PRAGMA foreign_keys=OFF;',
  'CREATE TABLE `__new_users` (\n\t`id` integer PRIMARY KEY NOT NULL,\n\t`name` text NOT NULL\n);\n',
  'INSERT INTO `__new_users`("id", "name") SELECT "id", "name" FROM `users`;',
  'DROP TABLE `users`;',
  'ALTER TABLE `__new_users` RENAME TO `users`;',
  'PRAGMA foreign_keys=ON;',
];

/** Tables as they are now, with no foreign keys pointing at them. */
const now = (tables: Record<string, string[]>) => Object.fromEntries(Object.entries(tables).map(([t, columns]) => [t, { columns, cascades: [] }]));

test('a SQLite table rebuilt by copying drops only the columns its copy does not carry, by the columns it has now', () => {
  assert.deepEqual(rebuildsIn([PRISMA_REBUILD]), [{ table: 'User', carried: ['email', 'id'], foreignKeysOff: true }]);
  assert.deepEqual(rebuildsIn(DRIZZLE_REBUILD), [{ table: 'users', carried: ['id', 'name'], foreignKeysOff: true }]);
  // Every column carried: nothing dropped; one the table has that the copy leaves out: that column (names compared without case, as SQLite does).
  assert.deepEqual(droppedBy([PRISMA_REBUILD], now({ User: ['id', 'EMAIL'] })), []);
  assert.deepEqual(droppedBy([PRISMA_REBUILD], now({ User: ['id', 'email', 'nickname'] })), ['column nickname of User']);
  assert.deepEqual(droppedBy(DRIZZLE_REBUILD, now({ users: ['id', 'name', 'age'] })), ['column age of users']);
  // Without the table's columns now, the rebuild counts as dropping the table.
  assert.deepEqual(droppedBy([PRISMA_REBUILD]), ['table User']);
  // The classifier reads the rest: the old table's DROP is gone, everything else is there.
  const rest = withoutRebuildDrops(DRIZZLE_REBUILD);
  assert.equal(rest.length, 5);
  assert.ok(!rest.some((s) => /^DROP/.test(s)));
});

test('only a whole rebuild is one: an expression carries nothing for sure, and a drop without the rename back is a drop', () => {
  // A column copied through an expression (a cast, a coalesce) is not carried as it is.
  const cast = PRISMA_REBUILD.replace('SELECT "email", "id"', 'SELECT coalesce("email", \'x\'), "id"');
  assert.deepEqual(droppedBy([cast], now({ User: ['id', 'email'] })), ['column email of User']);
  // Copied, dropped, but the copy is never renamed back (or renamed to another name): the table is gone.
  const noRename = PRISMA_REBUILD.replace('ALTER TABLE "new_User" RENAME TO "User";', '');
  assert.deepEqual(droppedBy([noRename], now({ User: ['id', 'email'] })), ['table User']);
  const elsewhere = PRISMA_REBUILD.replace('RENAME TO "User"', 'RENAME TO "Other"');
  assert.deepEqual(droppedBy([elsewhere], now({ User: ['id', 'email'] })), ['table User']);
  assert.equal(withoutRebuildDrops([elsewhere]).length, 1);
  // Another statement between the drop and the rename breaks the rebuild too.
  const between = [...DRIZZLE_REBUILD.slice(0, 4), 'DELETE FROM `__new_users`;', ...DRIZZLE_REBUILD.slice(4)];
  assert.deepEqual(droppedBy(between, now({ users: ['id', 'name'] })), ['table users']);
  // Something between the copy and the drop (rows deleted from the copy), or a copy with a WHERE, is no rebuild either.
  const emptied = [...DRIZZLE_REBUILD.slice(0, 3), 'DELETE FROM `__new_users`;', ...DRIZZLE_REBUILD.slice(3)];
  assert.deepEqual(droppedBy(emptied, now({ users: ['id', 'name'] })), ['table users']);
  const filtered = PRISMA_REBUILD.replace('FROM "User";', 'FROM "User" WHERE "id" > 1;');
  assert.deepEqual(droppedBy([filtered], now({ User: ['id', 'email'] })), ['table User']);
  // With foreign keys on, dropping the old table deletes its rows first, and a foreign key ON DELETE CASCADE elsewhere takes rows with them.
  const referenced = { users: { columns: ['id', 'name'], cascades: [{ table: 'posts', column: 'author', action: 'CASCADE' }] } };
  const keysOn = DRIZZLE_REBUILD.filter((s) => !s.startsWith('PRAGMA'));
  assert.deepEqual(droppedBy(keysOn, referenced), ['rows of posts whose author references users (ON DELETE CASCADE)']);
  assert.deepEqual(droppedBy(keysOn, now({ users: ['id', 'name'] })), [], 'nothing references it');
  assert.deepEqual(droppedBy(DRIZZLE_REBUILD, referenced), [], 'turned off first');
  assert.deepEqual(droppedBy(['PRAGMA foreign_keys = 1;', ...DRIZZLE_REBUILD], referenced), [], 'the last word wins');
  assert.deepEqual(droppedBy(['PRAGMA foreign_keys=OFF;', 'PRAGMA foreign_keys = 1;', ...DRIZZLE_REBUILD.slice(1)], referenced), ['rows of posts whose author references users (ON DELETE CASCADE)']);
  assert.deepEqual(droppedBy(['PRAGMA foreign_keys=OFF;', ...DRIZZLE_REBUILD.slice(1, 2), 'PRAGMA foreign_keys=ON;', ...DRIZZLE_REBUILD.slice(2)], referenced), [
    'rows of posts whose author references users (ON DELETE CASCADE)',
  ]);
  // Inside a transaction SQLite ignores the PRAGMA: the keys stay on.
  assert.deepEqual(droppedBy(['BEGIN;', ...DRIZZLE_REBUILD, 'COMMIT;'], referenced), ['rows of posts whose author references users (ON DELETE CASCADE)']);
  assert.deepEqual(droppedBy(['BEGIN TRANSACTION;', 'COMMIT;', ...DRIZZLE_REBUILD], referenced), []);
  // MySQL's backquoted names are read as written.
  assert.deepEqual(droppedBy(['ALTER TABLE `Users` DROP COLUMN `Age`;', 'DROP TABLE `old`;']), ['column Age of Users', 'table old']);
});
