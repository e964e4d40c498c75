// What airlock calls destructive really destroys, on real databases: each statement runs against a
// fresh three-row table on the PostgreSQL, MariaDB and SQLite of this machine, and the rows still
// intact afterwards must match the effect airlock gave it (read: all 3, write: some, destroy: none).
// Needs: PostgreSQL and MariaDB on loopback (the unit run leaves this file out).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { rank } from '../../src/core/effect.js';
import { classifySql } from '../../src/sql/classify.js';
import { loadPostgresParser } from '../../src/facts/sql-parser.js';
import type { Dialect } from '../../src/sql/types.js';

// One table per test process: two runs on the same machine's databases must not drop each other's rows.
const T = `airlock_probe_${process.pid}`;
const SETUP = `DROP TABLE IF EXISTS ${T}; CREATE TABLE ${T} (id int, name varchar(10), note varchar(10)); INSERT INTO ${T} VALUES (1,'a','x'),(2,'b','y'),(3,'c','z');`;
/** Rows whose id, name and note are all unchanged. */
const INTACT = `SELECT count(*) FROM ${T} WHERE (id=1 AND name='a' AND note='x') OR (id=2 AND name='b' AND note='y') OR (id=3 AND name='c' AND note='z');`;

interface Client {
  dialect: Dialect;
  run(sql: string): { ok: boolean; out: string; err: string };
}

const sqliteFile = join(mkdtempSync(join(tmpdir(), 'airlock-sqlite-')), 'probe.db');
const CLIENTS: Record<string, Client> = {
  postgres: {
    dialect: 'postgres',
    run: (sql) => exec('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'test', '-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-c', sql]),
  },
  mariadb: {
    dialect: 'mysql',
    run: (sql) => exec('mysql', ['-h', '127.0.0.1', '-u', 'root', '-N', '-B', 'test', '-e', sql]),
  },
  sqlite: {
    dialect: 'sqlite',
    // On stdin: sqlite3 would read an argument starting with '-' as an option.
    run: (sql) => exec('sqlite3', ['-bail', sqliteFile], sql),
  },
};

function exec(program: string, args: string[], input?: string) {
  const r = spawnSync(program, args, { encoding: 'utf8', timeout: 20_000, ...(input !== undefined ? { input } : {}) });
  return { ok: r.status === 0, out: (r.stdout ?? '').trim(), err: (r.stderr ?? '').trim() || (r.error?.message ?? '') };
}

/** [statement, the databases to run it on]. Effects are airlock's; the databases check them. */
const CASES: [string, string[]][] = [
  [`SELECT * FROM ${T}`, ['postgres', 'mariadb', 'sqlite']],
  [`DELETE FROM ${T}`, ['postgres', 'mariadb', 'sqlite']],
  [`delete from ${T} where 1=1`, ['postgres', 'mariadb', 'sqlite']],
  [`DELETE FROM ${T} WHERE 'a' = 'a'`, ['postgres', 'mariadb', 'sqlite']],
  [`DELETE FROM ${T} WHERE id = id`, ['postgres', 'mariadb', 'sqlite']],
  [`DELETE FROM ${T} WHERE id = 1 OR 1=1`, ['postgres', 'mariadb', 'sqlite']],
  [`DELETE FROM ${T} WHERE TRUE`, ['postgres', 'mariadb']],
  [`DELETE FROM ${T} WHERE id = 1`, ['postgres', 'mariadb', 'sqlite']],
  [`DELETE FROM ${T} WHERE id > 1`, ['postgres', 'mariadb', 'sqlite']],
  [`UPDATE ${T} SET note = 'q'`, ['postgres', 'mariadb', 'sqlite']],
  [`UPDATE ${T} SET note = 'q' WHERE id = 2`, ['postgres', 'mariadb', 'sqlite']],
  [`TRUNCATE TABLE ${T}`, ['postgres', 'mariadb']],
  [`DROP TABLE ${T}`, ['postgres', 'mariadb', 'sqlite']],
  [`DROP TABLE IF EXISTS ${T} CASCADE`, ['postgres', 'mariadb']],
  [`ALTER TABLE ${T} DROP COLUMN note`, ['postgres', 'mariadb', 'sqlite']],
  [`ALTER TABLE ${T} ADD COLUMN extra int`, ['postgres', 'mariadb', 'sqlite']],
  [`INSERT INTO ${T} VALUES (4, 'd', 'w')`, ['postgres', 'mariadb', 'sqlite']],
  [`EXPLAIN DELETE FROM ${T}`, ['postgres', 'mariadb']],
  [`EXPLAIN ANALYZE DELETE FROM ${T}`, ['postgres']],
  [`EXPLAIN (ANALYZE, COSTS OFF) DELETE FROM ${T}`, ['postgres']],
  [`ANALYZE DELETE FROM ${T}`, ['mariadb']],
  [`WITH d AS (DELETE FROM ${T} RETURNING *) SELECT count(*) FROM d`, ['postgres']],
  [`BEGIN; DELETE FROM ${T}; ROLLBACK;`, ['postgres', 'mariadb', 'sqlite']],
  [`BEGIN; DELETE FROM ${T}; COMMIT;`, ['postgres', 'mariadb', 'sqlite']],
  [`START TRANSACTION; DROP TABLE x_nonexistent_ok; ROLLBACK;`, []],
  [`DO $$ BEGIN EXECUTE 'DROP TABLE ${T}'; END $$`, ['postgres']],
  [`DO $$ BEGIN DELETE FROM ${T} WHERE id = 1; END $$`, ['postgres']],
  [`SELECT 1; /* DROP TABLE ${T}; */ SELECT 2`, ['postgres', 'mariadb', 'sqlite']],
  // A trigger the same script fires: its body runs.
  [`CREATE TEMP TABLE fire_${T} (n int); CREATE TEMP TRIGGER wipe_${T} AFTER INSERT ON fire_${T} BEGIN DELETE FROM ${T}; END; INSERT INTO fire_${T} VALUES (1);`, ['sqlite']],
  [`SELECT 'DROP TABLE ${T}'`, ['postgres', 'mariadb', 'sqlite']],
  [`-- DELETE FROM ${T}\nSELECT 1`, ['postgres', 'mariadb', 'sqlite']],
  [`# DELETE FROM ${T}\nSELECT 1`, ['mariadb']],
  [`/*!40000 DELETE FROM ${T} */`, ['mariadb']],
  [`DELETE FROM \`${T}\``, ['mariadb', 'sqlite']],
  [`DELETE FROM "${T}"`, ['postgres', 'sqlite']],
  [`DELETE FROM ${T} LIMIT 2`, ['mariadb']],
  [`DELETE FROM ${T} WHERE id = 1 LIMIT 1`, ['mariadb']],
  [`REPLACE INTO ${T} VALUES (1, 'a', 'x')`, ['mariadb', 'sqlite']],
  // Attack review of 1 December 2026, findings 15-17, 19, 36, 37.
  [`MERGE INTO ${T} USING (SELECT 1) s ON true WHEN MATCHED THEN DELETE`, ['postgres']],
  [`MERGE INTO ${T} t USING (SELECT 1 AS id) s ON t.id = s.id WHEN MATCHED THEN DELETE`, ['postgres']],
  [`ALTER TABLE ${T} ALTER note TYPE varchar(10) USING 'q'`, ['postgres']],
  [`ALTER TABLE ${T} ALTER note SET DATA TYPE varchar(20) USING NULL`, ['postgres']],
  [`ALTER TABLE ${T} ALTER id TYPE bigint USING id::bigint`, ['postgres']],
  [`CREATE OR REPLACE FUNCTION ${T}_wipe() RETURNS void AS 'DELETE FROM ${T}' LANGUAGE sql; SELECT ${T}_wipe()`, ['postgres']],
  [`EXECUTE IMMEDIATE CONCAT('DEL', 'ETE FROM ${T}')`, ['mariadb']],
  [`CREATE OR REPLACE TABLE ${T} (id int)`, ['mariadb']],
];

after(() => {
  for (const name of ['postgres', 'mariadb']) CLIENTS[name]!.run(`DROP TABLE IF EXISTS ${T}`);
  CLIENTS.postgres!.run(`DROP FUNCTION IF EXISTS ${T}_wipe()`);
});

before(async () => {
  await loadPostgresParser();
});

for (const [name, client] of Object.entries(CLIENTS)) {
  test(`${name} is reachable for the real-database check`, () => {
    const r = client.run('SELECT 1');
    assert.ok(r.ok, `${name}: ${r.err}`);
  });
}

for (const [sql, databases] of CASES) {
  for (const db of databases) {
    test(`${db}: airlock's effect for ${JSON.stringify(sql)} matches what it does to real rows`, () => {
      const client = CLIENTS[db]!;
      const effect = classifySql(sql, client.dialect).effect;
      const setup = client.run(SETUP);
      assert.ok(setup.ok, `setup failed: ${setup.err}`);
      const run = client.run(sql);
      assert.ok(run.ok, `the statement failed on ${db}: ${run.err}`);
      const probe = client.run(INTACT);
      // A dropped table or column means no row is intact.
      const intact = probe.ok ? Number(probe.out.split('\n').pop()) : 0;
      if (effect === 'read') assert.equal(intact, 3, `airlock says read, but only ${intact}/3 rows survived`);
      else if (effect === 'write') assert.ok(intact > 0, 'airlock says write, but every row was destroyed');
      else assert.ok(rank(effect) >= rank('unknown'), effect);
      if (intact === 0) assert.equal(effect, 'destroy', `every row was destroyed but airlock says ${effect}`);
    });
  }
}
