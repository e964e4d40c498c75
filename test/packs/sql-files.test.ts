// SQL read from files the command names is judged by what the files hold; a file that can't be read
// is held, because what it would do is unknown.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { check } from '../helpers.js';

const cwd = mkdtempSync(join(tmpdir(), 'airlock-sqlfiles-'));
mkdirSync(join(cwd, 'db'));
writeFileSync(join(cwd, 'db/wipe.sql'), '-- reset demo data\nBEGIN;\nDELETE FROM orders;\nCOMMIT;\n');
writeFileSync(join(cwd, 'db/report.sql'), "SELECT count(*) FROM orders WHERE created_at > now() - interval '1 day';\n");
writeFileSync(join(cwd, 'db/dump.sql'), 'DROP TABLE IF EXISTS `orders`;\nCREATE TABLE `orders` (id int);\n');

test('psql -f reads the file when it exists', async () => {
  assert.equal((await check('psql "$DATABASE_URL" -f db/wipe.sql', { cwd })).verdict, 'approve');
  assert.equal((await check('psql "$DATABASE_URL" -f db/report.sql', { cwd })).verdict, 'allow');
  assert.equal((await check('psql --file=db/report.sql', { cwd })).verdict, 'allow');
  const missing = await check('psql -f db/missing.sql', { cwd });
  assert.equal(missing.verdict, 'approve');
  assert.match(missing.reason, /could not read/);
});

test('stdin redirected from a file is read too', async () => {
  assert.equal((await check('psql < db/wipe.sql', { cwd })).verdict, 'approve');
  assert.equal((await check('psql < db/report.sql', { cwd })).verdict, 'allow');
  assert.equal((await check('mysql shop < db/dump.sql', { cwd })).verdict, 'approve');
});

test('prisma db execute --file reads the file', async () => {
  assert.equal((await check('npx prisma db execute --file db/wipe.sql', { cwd })).verdict, 'approve');
  assert.equal((await check('npx prisma db execute --file db/report.sql', { cwd })).verdict, 'allow');
});

test('a shell script in the project is judged by its contents', async () => {
  writeFileSync(join(cwd, 'reset.sh'), '#!/usr/bin/env bash\nset -e\ndropdb app_dev\n');
  writeFileSync(join(cwd, 'build.sh'), '#!/bin/sh\nnpm run build\n');
  // dropdb app_dev: a development database, so a human confirms rather than approves out of band.
  assert.equal((await check('./reset.sh', { cwd })).verdict, 'confirm');
  assert.equal((await check('bash reset.sh', { cwd })).verdict, 'confirm');
  assert.equal((await check('source ./reset.sh', { cwd })).verdict, 'confirm');
  assert.equal((await check('./build.sh', { cwd })).verdict, 'allow');
});
