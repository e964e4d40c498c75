// SQL and key-value indirection, on the real databases of this machine: each command is first judged by
// `airlock check` in a process of its own and must not be allowed, then run for real with bash against
// a scratch table, file or Redis database, and what it targets must really be gone. A case whose
// client or extension is missing is skipped with a line saying so, never passed.
// Needs: PostgreSQL, MariaDB and Redis on loopback (the unit run leaves this file out).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { airlockEnv, removeAtExit } from '../helpers.js';
import { skip, verdict } from './judge.js';

const T = `airlock_evasion_${process.pid}`;
const PSQL = 'psql -h 127.0.0.1 -U postgres -d test -X -q -t -A -v ON_ERROR_STOP=1';
const MYSQL = 'mysql -h 127.0.0.1 -u root -N -B test';
/** A Redis database of its own, so nothing else on the machine is flushed. */
const REDIS_DB = 15;

const home = mkdtempSync(join(tmpdir(), 'airlock-evasion-sql-'));
removeAtExit(home);
const scratch = mkdtempSync(join(tmpdir(), 'airlock-evasion-scratch-'));
removeAtExit(scratch);
// The database server writes server-side files as its own user.
chmodSync(scratch, 0o777);

function bash(script: string): { status: number | null; out: string } {
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', cwd: scratch, timeout: 60_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}`.trim() };
}

const judged = (command: string) => verdict(command, scratch, airlockEnv(home));

const has = (program: string) => bash(`command -v ${program}`).status === 0;

/** Judged first (never allowed), then run for real; `gone` says whether the target was destroyed. */
async function heldAndReal(command: string, gone: () => boolean | Promise<boolean>): Promise<void> {
  assert.notEqual(judged(command), 'allow', `airlock allowed: ${command}`);
  const ran = bash(command);
  assert.ok(await gone(), `the command did not destroy its target, so the case proves nothing: ${command}\n${ran.out}`);
}

// The scratch tables go with the run, whatever each case left (a case that is held and then fails leaves its table).
after(() => {
  if (has('psql')) bash(`${PSQL} -c "DROP TABLE IF EXISTS ${T}"`);
  if (has('mysql')) bash(`${MYSQL} -e "DROP TABLE IF EXISTS ${T}"`);
});

const pgCount = () => Number(bash(`${PSQL} -c "SELECT count(*) FROM ${T}"`).out || '-1');
const pgSetup = () => assert.equal(bash(`${PSQL} -c "DROP TABLE IF EXISTS ${T}; CREATE TABLE ${T} (id int); INSERT INTO ${T} VALUES (1),(2),(3)"`).status, 0);
const pgTableGone = () => bash(`${PSQL} -c "SELECT to_regclass('${T}') IS NULL"`).out === 't';

test('PostgreSQL: PREPARE … AS DELETE then EXECUTE', async (t) => {
  if (!has('psql')) return skip(t, 'psql is not installed');
  pgSetup();
  await heldAndReal(`${PSQL} -c "PREPARE d AS DELETE FROM ${T}; EXECUTE d"`, () => pgCount() === 0);
});

test("PostgreSQL: psql's \\gexec runs the rows a query returns", async (t) => {
  if (!has('psql')) return skip(t, 'psql is not installed');
  pgSetup();
  await heldAndReal(`printf '%s\\n' "SELECT 'DROP TABLE ' || '${T}'" '\\gexec' | ${PSQL}`, pgTableGone);
});

test('PostgreSQL: a DO block that EXECUTEs a statement it builds', async (t) => {
  if (!has('psql')) return skip(t, 'psql is not installed');
  pgSetup();
  await heldAndReal(`${PSQL} -c "DO \\$\\$ BEGIN EXECUTE 'DROP ' || 'TABLE ${T}'; END \\$\\$"`, pgTableGone);
});

test('PostgreSQL: server-side COPY … TO writes over a file', async (t) => {
  if (!has('psql')) return skip(t, 'psql is not installed');
  const target = join(scratch, 'settings.conf');
  writeFileSync(target, 'precious=1\n');
  chmodSync(target, 0o666);
  await heldAndReal(`${PSQL} -c "COPY (SELECT 'gone') TO '${target}'"`, () => !readFileSync(target, 'utf8').includes('precious'));
});

test('PostgreSQL: SELECT lo_unlink() deletes a large object', async (t) => {
  if (!has('psql')) return skip(t, 'psql is not installed');
  const oid = bash(`${PSQL} -c "SELECT lo_create(0)"`).out;
  assert.match(oid, /^\d+$/);
  await heldAndReal(`${PSQL} -c "SELECT lo_unlink(${oid})"`, () => bash(`${PSQL} -c "SELECT count(*) FROM pg_largeobject_metadata WHERE oid = ${oid}"`).out === '0');
});

test('PostgreSQL: dblink_exec runs SQL on another connection', async (t) => {
  if (!has('psql')) return skip(t, 'psql is not installed');
  if (bash(`${PSQL} -c "CREATE EXTENSION IF NOT EXISTS dblink"`).status !== 0) return skip(t, 'the dblink extension is not available on this server');
  pgSetup();
  await heldAndReal(`${PSQL} -c "SELECT dblink_exec('host=127.0.0.1 user=postgres dbname=test', 'DROP ' || 'TABLE ${T}')"`, pgTableGone);
});

test('MariaDB: PREPARE FROM a statement built with CONCAT', async (t) => {
  if (!has('mysql')) return skip(t, 'the mysql client is not installed');
  assert.equal(bash(`${MYSQL} -e "DROP TABLE IF EXISTS ${T}; CREATE TABLE ${T} (id int); INSERT INTO ${T} VALUES (1)"`).status, 0);
  await heldAndReal(`${MYSQL} -e "SET @s = CONCAT('DROP ', 'TABLE ${T}'); PREPARE st FROM @s; EXECUTE st"`, () => bash(`${MYSQL} -e "SHOW TABLES LIKE '${T}'"`).out === '');
});

test('MariaDB: source of a file the same command wrote', async (t) => {
  if (!has('mysql')) return skip(t, 'the mysql client is not installed');
  assert.equal(bash(`${MYSQL} -e "DROP TABLE IF EXISTS ${T}; CREATE TABLE ${T} (id int); INSERT INTO ${T} VALUES (1)"`).status, 0);
  await heldAndReal(`echo 'DROP TABLE ${T};' > drop.sql; ${MYSQL} -e 'source drop.sql'`, () => bash(`${MYSQL} -e "SHOW TABLES LIKE '${T}'"`).out === '');
});

test("PostgreSQL: psql's \\i of a file the same command wrote", async (t) => {
  if (!has('psql')) return skip(t, 'psql is not installed');
  pgSetup();
  await heldAndReal(`echo 'DELETE FROM ${T};' > wipe.sql; ${PSQL} -c '\\i wipe.sql'`, () => pgCount() === 0);
});

const redisSet = () => assert.equal(bash(`redis-cli -n ${REDIS_DB} SET airlock:evasion keep`).out, 'OK');
const redisGone = async () => {
  // A raw connection's commands are run as Redis reads them; give it a moment.
  for (let i = 0; i < 50; i++) {
    if (bash(`redis-cli -n ${REDIS_DB} EXISTS airlock:evasion`).out === '0') return true;
    await sleep(100);
  }
  return false;
};

test('Redis: EVAL of a script that calls FLUSHDB', async (t) => {
  if (!has('redis-cli')) return skip(t, 'redis-cli is not installed');
  redisSet();
  await heldAndReal(`redis-cli -n ${REDIS_DB} EVAL "return redis.call('FLUSHDB')" 0`, redisGone);
});

test("Redis: FLUSHDB written to bash's /dev/tcp", async (t) => {
  if (!has('redis-cli')) return skip(t, 'redis-cli is not installed');
  redisSet();
  await heldAndReal(`printf 'SELECT ${REDIS_DB}\\r\\nFLUSHDB\\r\\n' > /dev/tcp/127.0.0.1/6379`, redisGone);
});

test('Redis: FLUSHDB sent with socat', async (t) => {
  if (!has('socat')) return skip(t, 'socat is not installed');
  redisSet();
  await heldAndReal(`printf 'SELECT ${REDIS_DB}\\r\\nFLUSHDB\\r\\n' | socat - TCP:127.0.0.1:6379`, redisGone);
});

// Attack review of 1 December 2026 (docs/findings/2026-12-01-attack-evasions.md), findings 11–14, 67, 68.

test("Redis: EVAL of a script that joins FLUSHDB's name from pieces ('FL'..'USHDB')", async (t) => {
  if (!has('redis-cli')) return skip(t, 'redis-cli is not installed');
  redisSet();
  await heldAndReal(`redis-cli -n ${REDIS_DB} eval "return redis.call('FL'..'USHDB')" 0`, redisGone);
});

test('Redis: redis-cli --pipe of a command file that deletes the key', async (t) => {
  if (!has('redis-cli')) return skip(t, 'redis-cli is not installed');
  redisSet();
  writeFileSync(join(scratch, 'cmds.txt'), `SELECT ${REDIS_DB}\r\nDEL airlock:evasion\r\n`);
  await heldAndReal(`redis-cli -n ${REDIS_DB} --pipe < cmds.txt`, redisGone);
});

test('Redis: DEL of one key', async (t) => {
  if (!has('redis-cli')) return skip(t, 'redis-cli is not installed');
  redisSet();
  await heldAndReal(`redis-cli -n ${REDIS_DB} del airlock:evasion`, redisGone);
});

test('Redis: SWAPDB with an empty database', async (t) => {
  if (!has('redis-cli')) return skip(t, 'redis-cli is not installed');
  const other = REDIS_DB - 1;
  if (bash(`redis-cli -n ${other} DBSIZE`).out !== '0') return skip(t, `Redis database ${other} is not empty, and this case would swap it`);
  redisSet();
  try {
    await heldAndReal(`redis-cli -n ${REDIS_DB} swapdb ${REDIS_DB} ${other}`, redisGone);
  } finally {
    // The key went to the other database; it was empty before, so removing the key restores it.
    bash(`redis-cli -n ${other} DEL airlock:evasion`);
  }
});

test('Redis: FLUSHDB sent over a socket from python', async (t) => {
  if (!has('redis-cli') || !has('python3')) return skip(t, 'redis-cli or python3 is not installed');
  redisSet();
  await heldAndReal(`python3 -c "import socket;s=socket.create_connection(('127.0.0.1',6379));s.send(b'SELECT ${REDIS_DB}\\r\\nFLUSHDB\\r\\n');s.recv(99)"`, redisGone);
});

test("Redis: FLUSHDB sent with curl's telnet://", async (t) => {
  if (!has('redis-cli') || !has('curl')) return skip(t, 'redis-cli or curl is not installed');
  redisSet();
  await heldAndReal(`curl -s -m 2 telnet://127.0.0.1:6379 <<< $'SELECT ${REDIS_DB}\\r\\nFLUSHDB\\r\\nQUIT\\r'`, redisGone);
});

// Attack review of 1 December 2026, findings 15-20 and 36-38: PostgreSQL and MariaDB.

const pgValues = () => bash(`${PSQL} -c "SELECT string_agg(coalesce(id::text, 'null'), ',' ORDER BY id) FROM ${T}"`).out;

test('PostgreSQL: MERGE … ON true WHEN MATCHED THEN DELETE deletes every row', async (t) => {
  if (!has('psql')) return skip(t, 'psql is not installed');
  pgSetup();
  await heldAndReal(`${PSQL} -c 'MERGE INTO ${T} USING (SELECT 1) s ON true WHEN MATCHED THEN DELETE'`, () => pgCount() === 0);
});

for (const using of ['TYPE int USING 0', 'SET DATA TYPE int USING NULL']) {
  test(`PostgreSQL: ALTER TABLE … ALTER id ${using} replaces every row's value`, async (t) => {
    if (!has('psql')) return skip(t, 'psql is not installed');
    pgSetup();
    await heldAndReal(`${PSQL} -c 'ALTER TABLE ${T} ALTER id ${using}'`, () => !pgValues().includes('2'));
  });
}

test('PostgreSQL: a SQL function whose body deletes, created and called', async (t) => {
  if (!has('psql')) return skip(t, 'psql is not installed');
  pgSetup();
  try {
    await heldAndReal(`${PSQL} -c "CREATE FUNCTION ${T}_z() RETURNS void AS 'DELETE FROM ${T}' LANGUAGE sql; SELECT ${T}_z()"`, () => pgCount() === 0);
  } finally {
    bash(`${PSQL} -c "DROP FUNCTION IF EXISTS ${T}_z()"`);
  }
});

test("PostgreSQL: psql's \\o writes query output over an agent's hook settings (denied)", async (t) => {
  if (!has('psql')) return skip(t, 'psql is not installed');
  const settings = join(home, '.claude', 'settings.json');
  mkdirSync(join(home, '.claude'), { recursive: true });
  writeFileSync(settings, '{"hooks":{}}\n');
  const command = `${PSQL} -c '\\o ${settings}' -c 'SELECT 1'`;
  assert.equal(judged(command), 'deny', `airlock did not deny: ${command}`);
  bash(command);
  assert.ok(!readFileSync(settings, 'utf8').includes('hooks'), 'psql did not write over the file, so the case proves nothing');
});

const myTable = () => assert.equal(bash(`${MYSQL} -e "DROP TABLE IF EXISTS ${T}; CREATE TABLE ${T} (id int); INSERT INTO ${T} VALUES (1)"`).status, 0);
const myTableGone = () => bash(`${MYSQL} -e "SHOW TABLES LIKE '${T}'"`).out === '';
const myEmpty = () => bash(`${MYSQL} -e "SELECT count(*) FROM ${T}"`).out === '0';

test('MariaDB: EXECUTE IMMEDIATE of a statement built with CONCAT', async (t) => {
  if (!has('mysql')) return skip(t, 'the mysql client is not installed');
  myTable();
  await heldAndReal(`${MYSQL} -e 'EXECUTE IMMEDIATE CONCAT("DR","OP TABLE ${T}")'`, myTableGone);
});

test('MariaDB: --init-command runs its SQL before anything else', async (t) => {
  if (!has('mysql')) return skip(t, 'the mysql client is not installed');
  myTable();
  await heldAndReal(`${MYSQL} --init-command='DROP TABLE ${T}' -e 'SELECT 1'`, myTableGone);
});

test('MariaDB: CREATE OR REPLACE TABLE drops the table it replaces', async (t) => {
  if (!has('mysql')) return skip(t, 'the mysql client is not installed');
  myTable();
  await heldAndReal(`${MYSQL} -e 'CREATE OR REPLACE TABLE ${T} (a int)'`, myEmpty);
});

test("MariaDB: the mysql client's system command runs rm", async (t) => {
  if (!has('mysql')) return skip(t, 'the mysql client is not installed');
  mkdirSync(join(scratch, 'd'), { recursive: true });
  writeFileSync(join(scratch, 'd', 'x'), 'data\n');
  await heldAndReal(`${MYSQL} -e 'system rm -rf d'`, () => !existsSync(join(scratch, 'd')));
});
