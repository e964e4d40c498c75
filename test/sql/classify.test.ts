import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { classifySql, mayContainSql } from '../../src/sql/classify.js';
import { loadPostgresParser } from '../../src/facts/sql-parser.js';

before(() => loadPostgresParser());

const effect = (sql: string, dialect: 'postgres' | 'mysql' | 'sqlite' | 'generic' = 'postgres') => classifySql(sql, dialect).effect;

test('whole-database and schema drops are destroy in every dialect', () => {
  for (const d of ['postgres', 'mysql', 'sqlite', 'generic'] as const) {
    assert.equal(effect('DROP DATABASE app_production', d), 'destroy', d);
    assert.equal(effect('drop schema public cascade', d), 'destroy', d);
    assert.equal(effect('TRUNCATE users', d), 'destroy', d);
  }
});

test('case, comments and statement count do not change the result', () => {
  assert.equal(effect('select 1;\n-- harmless\n/* still */ dElEtE FrOm users;'), 'destroy');
  assert.equal(effect('SELECT 1; SELECT 2; SHOW search_path'), 'read');
  assert.equal(effect('SELECT 1; -- DROP TABLE users\n'), 'read');
});

test('text the Postgres parser rejects is still judged, and held when it mentions destruction', () => {
  const r = classifySql('DELETE FROM users WHERE', 'postgres');
  assert.ok(r.parseError, 'expected a parse error');
  assert.equal(r.parser, 'tokenizer');
  assert.equal(r.effect, 'destroy');
  assert.notEqual(effect('FROBNICATE users; DROP stuff'), 'read');
  assert.equal(effect('SELEC * FROM x'), 'read');
});

test('MySQL syntax through the MySQL path: backticks, # comments, executable comments, multi-table', () => {
  assert.equal(effect('DELETE FROM `users`', 'mysql'), 'destroy');
  assert.equal(effect('# DELETE FROM users\nSELECT 1', 'mysql'), 'read');
  assert.equal(effect('/*!40101 DROP TABLE t */', 'mysql'), 'destroy');
  assert.equal(effect("SELECT 'it\\'s; DROP TABLE x'", 'mysql'), 'read');
  assert.equal(effect('DELETE u FROM users u JOIN bans b ON b.id = u.id WHERE b.active = 1', 'mysql'), 'write');
});

test('psql and sqlite meta-commands', () => {
  assert.equal(effect('\\dt'), 'read');
  assert.equal(effect('\\! rm -rf ~'), 'unknown');
  assert.equal(effect('\\i wipe.sql'), 'unknown');
  assert.equal(effect('.tables', 'sqlite'), 'read');
  assert.equal(effect('.restore backup.db', 'sqlite'), 'destroy');
  assert.equal(effect('.shell rm x', 'sqlite'), 'unknown');
});

test('mayContainSql gates the parser load', () => {
  assert.equal(mayContainSql('git status'), false);
  assert.equal(mayContainSql("psql -c 'delete from t'"), true);
});

test('a trigger is judged by its body, which the same script may fire: one that deletes is a destroy, one that inserts a write', () => {
  const wipes = 'CREATE TABLE log (note text); CREATE TRIGGER wipe AFTER INSERT ON log BEGIN DELETE FROM users; END; INSERT INTO log VALUES (1);';
  for (const d of ['sqlite', 'mysql', 'generic'] as const) assert.equal(effect(wipes, d), 'destroy', d);
  assert.equal(effect('CREATE TRIGGER w AFTER INSERT ON log FOR EACH ROW DELETE FROM users', 'mysql'), 'destroy');
  // The event words are not statements: BEFORE DELETE / AFTER UPDATE OF say when it fires.
  assert.equal(effect('CREATE TRIGGER keep BEFORE DELETE ON users BEGIN INSERT INTO audit VALUES (old.id); END;', 'sqlite'), 'write');
  assert.equal(effect('CREATE TRIGGER t AFTER UPDATE OF name ON users BEGIN UPDATE stats SET n = n + 1 WHERE id = 1; END;', 'sqlite'), 'write');
});

test('SQLite is read as SQLite: no E-strings or dollar quotes to hide statements in, no transaction from words it rejects, writable_schema a destroy', () => {
  assert.equal(effect("CREATE VIEW v1 AS SELECT e'\\' FROM (SELECT 1 AS e); DELETE FROM \"Post\"; CREATE VIEW v2 AS SELECT 'x' AS y;", 'sqlite'), 'destroy');
  assert.equal(effect('INSERT INTO t VALUES ($a$); DROP TABLE "Post"; INSERT INTO t VALUES ($a$);', 'sqlite'), 'destroy');
  // SQLite rejects START TRANSACTION and BEGIN with a name; its shell goes on, and the DELETE commits on its own.
  assert.equal(effect('START TRANSACTION; DELETE FROM "Post"; ROLLBACK;', 'sqlite'), 'destroy');
  assert.equal(effect('BEGIN IMMEDIATE x; DELETE FROM "Post"; ROLLBACK;', 'sqlite'), 'destroy');
  assert.equal(effect('BEGIN IMMEDIATE TRANSACTION; DELETE FROM "Post"; ROLLBACK;', 'sqlite'), 'read');
  assert.equal(effect('START TRANSACTION; DELETE FROM t; ROLLBACK;', 'mysql'), 'read');
  assert.equal(effect("PRAGMA writable_schema=ON; DELETE FROM sqlite_master WHERE name='Post';", 'sqlite'), 'destroy');
  assert.equal(effect('PRAGMA writable_schema = 1', 'sqlite'), 'destroy');
  assert.equal(effect('PRAGMA writable_schema=OFF', 'sqlite'), 'read');
  assert.equal(effect('PRAGMA foreign_keys=OFF', 'sqlite'), 'read');
});
