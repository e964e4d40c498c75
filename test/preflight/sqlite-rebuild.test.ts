// SQLite's table rebuilds, as Prisma writes them (quoted "new_X") and as drizzle-kit does (`__new_X`):
// what one loses, and what is no rebuild at all (so its DROP TABLE is a drop).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { droppedBy } from '../../src/preflight/schema-diff.js';
import { rebuildsIn, rebuildTypeChanges, withoutRebuildDrops, type TableNow } from '../../src/preflight/sqlite-rebuild.js';

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

/** Tables as they are now (column → declared type), with no foreign keys pointing at them. */
const now = (tables: Record<string, Record<string, string>>): Record<string, TableNow> => Object.fromEntries(Object.entries(tables).map(([t, columns]) => [t, { columns, cascades: [] }]));
const USER = { User: { id: 'INTEGER', email: 'TEXT' } };
const USERS = { users: { id: 'integer', name: 'text' } };

test('a rebuild loses only the columns the table has now that its copy does not carry (names compared without case, as SQLite does)', () => {
  assert.deepEqual(
    rebuildsIn([PRISMA_REBUILD]).map((r) => [r.table, r.carried, r.foreignKeysOff]),
    [
      [
        'User',
        [
          { from: 'email', to: 'email' },
          { from: 'id', to: 'id' },
        ],
        true,
      ],
    ],
  );
  assert.deepEqual(rebuildsIn(DRIZZLE_REBUILD)[0]?.types, { id: 'INTEGER', name: 'TEXT' });
  assert.deepEqual(droppedBy([PRISMA_REBUILD], now({ User: { id: 'INTEGER', EMAIL: 'TEXT' } })), []);
  assert.deepEqual(droppedBy([PRISMA_REBUILD], now({ User: { ...USER.User, nickname: 'TEXT' } })), ['column nickname of User']);
  assert.deepEqual(droppedBy(DRIZZLE_REBUILD, now({ users: { ...USERS.users, age: 'integer' } })), ['column age of users']);
  // Without the table as it is now (not in the file: renamed earlier, say), the rebuild drops the table.
  assert.deepEqual(droppedBy([PRISMA_REBUILD]), ['table User']);
  // The classifier reads the rest: the old table's DROP is gone, everything else is there.
  const rest = withoutRebuildDrops(DRIZZLE_REBUILD);
  assert.equal(rest.length, 5);
  assert.ok(!rest.some((s) => /^DROP/.test(s)));
});

test('a column copied into another declared type may change its values; the same type spelled another way is the same', () => {
  const [rebuild] = rebuildsIn([PRISMA_REBUILD.replace('"email" TEXT NOT NULL', '"email" INTEGER NOT NULL')]);
  assert.deepEqual(rebuildTypeChanges(rebuild!, now(USER).User!), [{ column: 'email', from: 'TEXT', to: 'INTEGER' }]);
  const [same] = rebuildsIn([PRISMA_REBUILD.replace('"email" TEXT NOT NULL', '"email" decimal (10, 2) NOT NULL')]);
  assert.deepEqual(rebuildTypeChanges(same!, now({ User: { id: 'INTEGER', email: 'DECIMAL(10,2)' } }).User!), []);
});

test('only a whole rebuild is one: anything that may change or skip rows on the way makes its DROP TABLE a drop', () => {
  const intact = now(USER);
  const not = (script: string | string[], why: string, tables = intact) =>
    assert.deepEqual(droppedBy(typeof script === 'string' ? [script] : script, tables), [`table ${typeof script === 'string' ? 'User' : 'users'}`], why);
  not(PRISMA_REBUILD.replace('SELECT "email", "id"', 'SELECT coalesce("email", \'x\'), "id"'), 'an expression in the copy');
  not(PRISMA_REBUILD.replace('SELECT "email", "id"', 'SELECT iif(0, "email", NULL), "id"'), 'a name inside a function call');
  not(PRISMA_REBUILD.replace('SELECT "email", "id"', 'SELECT DISTINCT "email", "id"'), 'DISTINCT');
  not(PRISMA_REBUILD.replace('FROM "User";', 'FROM "User" WHERE "id" > 1;'), 'a WHERE');
  not(PRISMA_REBUILD.replace('FROM "User";', 'FROM "User" EXCEPT SELECT "email", "id" FROM "User";'), 'a set operation');
  not(PRISMA_REBUILD.replace('INSERT INTO', 'INSERT OR IGNORE INTO'), 'INSERT OR IGNORE');
  not(PRISMA_REBUILD.replace('"email" TEXT NOT NULL', '"email" TEXT NOT NULL UNIQUE ON CONFLICT IGNORE'), 'a conflict clause that skips rows');
  not(PRISMA_REBUILD.replace('CREATE TABLE "new_User"', 'CREATE TEMP TABLE "new_User"'), 'a temporary copy');
  not(PRISMA_REBUILD.replace('ALTER TABLE "new_User" RENAME TO "User";', ''), 'no rename back');
  not(PRISMA_REBUILD.replace('RENAME TO "User"', 'RENAME TO "Other"'), 'renamed elsewhere');
  not(PRISMA_REBUILD.replace('INSERT INTO "new_User"', '/* ;\nINSERT INTO "new_User"').replace('FROM "User";', 'FROM "User" -- */\n;'), 'a copy inside a comment');
  // The table changed earlier in the script: what the file says it has is not what the copy reads.
  not(`ALTER TABLE "User" RENAME COLUMN "email" TO "old"; ALTER TABLE "User" ADD COLUMN "email" TEXT;\n${PRISMA_REBUILD}`, 'columns changed before');
  not(`ALTER TABLE "Person" RENAME TO "User";\n${PRISMA_REBUILD}`, 'another table renamed to its name before');
  not([...DRIZZLE_REBUILD.slice(0, 4), 'DELETE FROM `__new_users`;', ...DRIZZLE_REBUILD.slice(4)], 'a statement between drop and rename', now(USERS));
  not([...DRIZZLE_REBUILD.slice(0, 3), 'DELETE FROM `__new_users`;', ...DRIZZLE_REBUILD.slice(3)], 'a statement between copy and drop', now(USERS));
  // MySQL's and SQLite's backquoted names are read as written.
  assert.deepEqual(droppedBy(['ALTER TABLE `Users` DROP COLUMN `Age`;', 'DROP TABLE `old`;']), ['column Age of Users', 'table old']);
});

test('with foreign keys on, dropping the old table deletes its rows first, and ON DELETE CASCADE elsewhere takes rows with them', () => {
  const referenced = { users: { columns: USERS.users, cascades: [{ table: 'posts', column: 'author', action: 'CASCADE' }] } };
  const cascade = ['rows of posts whose author references users (ON DELETE CASCADE)'];
  const keysOn = DRIZZLE_REBUILD.filter((s) => !s.startsWith('PRAGMA'));
  assert.deepEqual(droppedBy(keysOn, referenced), cascade);
  assert.deepEqual(droppedBy(keysOn, now(USERS)), [], 'nothing references it');
  assert.deepEqual(droppedBy(DRIZZLE_REBUILD, referenced), [], 'turned off first');
  assert.deepEqual(droppedBy(['PRAGMA foreign_keys = 1;', ...DRIZZLE_REBUILD], referenced), [], 'the last word wins');
  assert.deepEqual(droppedBy(['PRAGMA foreign_keys=OFF;', 'PRAGMA foreign_keys = 1;', ...DRIZZLE_REBUILD.slice(1)], referenced), cascade);
  // Inside a transaction SQLite ignores the PRAGMA: the keys stay on.
  assert.deepEqual(droppedBy(['BEGIN;', ...DRIZZLE_REBUILD, 'COMMIT;'], referenced), cascade);
  assert.deepEqual(droppedBy(['SAVEPOINT s;', ...DRIZZLE_REBUILD], referenced), cascade);
  assert.deepEqual(droppedBy(['BEGIN TRANSACTION;', 'COMMIT;', ...DRIZZLE_REBUILD], referenced), []);
});

test('what SQLite reads differently from PostgreSQL is read as SQLite reads it: $a$ is a parameter, [x] a name, a trigger body one statement, case folded in ASCII only', () => {
  // Not a dollar-quoted string: the DROP between two parameters is a drop.
  assert.deepEqual(droppedBy(['CREATE TABLE "Tmp" ("v" TEXT);\nINSERT INTO "Tmp" ("v") VALUES ($a$);\nDROP TABLE "Post";\nINSERT INTO "Tmp" ("v") VALUES ($a$);']), ['table Post']);
  assert.deepEqual(droppedBy(['DROP TABLE [Post];']), ['table Post']);
  // A $ inside a bare name opens nothing either: the change before the rebuild is seen.
  const touched = `CREATE VIEW "v1" AS SELECT 1 AS a$h$;\nALTER TABLE "User" RENAME COLUMN "email" TO "old";\nCREATE VIEW "v2" AS SELECT 1 AS b$h$;\n${PRISMA_REBUILD}`;
  assert.deepEqual(droppedBy([touched], now(USER)), ['table User']);
  // A trigger's END; inside a transaction does not end the transaction: the PRAGMA after it is still ignored.
  const referenced = { User: { columns: USER.User, cascades: [{ table: 'Post', column: 'authorId', action: 'CASCADE' }] } };
  const inTrigger = `BEGIN;\nCREATE TEMP TRIGGER "noop" AFTER INSERT ON "x" BEGIN SELECT 1; END;\n${PRISMA_REBUILD}\nCOMMIT;`;
  assert.deepEqual(droppedBy([inTrigger], referenced), ['rows of Post whose authorId references User (ON DELETE CASCADE)']);
  // Bracketed names in the new table are compared like any other.
  const [bracketed] = rebuildsIn([
    PRISMA_REBUILD.replace('"id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,\n    "email" TEXT NOT NULL', '[id] INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, [email] INTEGER NOT NULL'),
  ]);
  assert.deepEqual(rebuildTypeChanges(bracketed!, now(USER).User!), [{ column: 'email', from: 'TEXT', to: 'INTEGER' }]);
  // SQLite folds only ASCII letters: GRÖßE is another column than größe, and the copy leaves it out.
  const umlauts = PRISMA_REBUILD.replace('"email" TEXT NOT NULL', '"größe" TEXT').replace('("email", "id") SELECT "email", "id"', '("größe", "id") SELECT "größe", "id"');
  assert.deepEqual(droppedBy([umlauts], now({ User: { id: 'INTEGER', größe: 'TEXT', GRÖßE: 'TEXT' } })), ['column GRÖßE of User']);
});

test('a long run of whitespace in a copy is read in time proportional to its length', () => {
  // Quadratic matching would take minutes here; the reader takes milliseconds.
  const sql = `CREATE TABLE "Tmp"("a" INTEGER);\nINSERT INTO "Tmp"("a") SELECT 1${' '.repeat(400_000)}WHERE 0;`;
  assert.deepEqual(droppedBy([sql]), []);
});
