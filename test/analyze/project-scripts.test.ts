// Project tasks are judged by what they run: package.json scripts, Makefile recipes, justfile recipes
// and script files, read from the command's working directory. When the definition can't be read,
// the task's name decides.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { check, emptyDir } from '../helpers.js';

const cwd = mkdtempSync(join(tmpdir(), 'airlock-project-'));
writeFileSync(
  join(cwd, 'package.json'),
  JSON.stringify({
    scripts: {
      'db:reset': 'prisma migrate reset --force',
      'db:setup': 'npm run db:reset && npm run seed',
      seed: 'node seed.js',
      test: 'vitest run',
      build: 'tsc -p .',
      clean: 'rm -rf dist',
      nuke: 'echo nothing to see',
    },
  }),
);
writeFileSync(
  join(cwd, 'Makefile'),
  [
    '.PHONY: all test reset-db deploy',
    'all: build',
    'build:',
    '\tnpm run build',
    'test: build',
    '\t@npm test',
    'reset-db: stop',
    '\t-dropdb $(DB_NAME)',
    '\tcreatedb $(DB_NAME)',
    'stop:',
    '\tdocker compose down -v',
    'clean:',
    '\trm -rf dist node_modules',
    'wipe-home:',
    '\trm -rf $$HOME',
    '',
  ].join('\n'),
);
writeFileSync(
  join(cwd, 'justfile'),
  [
    'default: lint',
    '',
    'lint:',
    '    eslint .',
    '',
    'nuke env="dev": confirm',
    '    psql -c "DROP SCHEMA public CASCADE" {{env}}',
    '',
    'confirm:',
    '    echo ok',
    '',
    '@destroy-infra:',
    '  terraform destroy -auto-approve',
    '',
  ].join('\n'),
);
mkdirSync(join(cwd, 'scripts'));
writeFileSync(join(cwd, 'scripts/teardown.sh'), '#!/usr/bin/env bash\nset -euo pipefail\nkubectl delete namespace "$1"\n');
writeFileSync(join(cwd, 'scripts/serve.sh'), '#!/bin/sh\nexec node server.js\n');

const verdict = async (command: string, dir = cwd) => (await check(command, { cwd: dir })).verdict;

test('package.json scripts, followed through npm run inside them', async () => {
  assert.equal(await verdict('npm run db:reset'), 'approve');
  assert.equal(await verdict('npm run db:setup'), 'approve');
  assert.equal(await verdict('pnpm db:reset'), 'approve');
  assert.equal(await verdict('yarn db:reset'), 'approve');
  assert.equal(await verdict('bun run db:reset'), 'approve');
  assert.equal(await verdict('npm test'), 'allow');
  assert.equal(await verdict('npm run build'), 'allow');
  assert.equal(await verdict('npm run clean'), 'allow');
  // A scary name with a harmless body is judged by the body.
  assert.equal(await verdict('npm run nuke'), 'allow');
});

test('Makefile recipes, prerequisites included', async () => {
  assert.equal(await verdict('make'), 'allow');
  assert.equal(await verdict('make test'), 'allow');
  assert.equal(await verdict('make clean'), 'allow');
  assert.equal(await verdict('make reset-db DB_NAME=app'), 'approve');
  assert.equal(await verdict('make stop'), 'approve');
  assert.equal(await verdict('make wipe-home'), 'deny');
  assert.equal(await verdict(`make -C ${cwd} reset-db`, emptyDir), 'approve');
  assert.equal(await verdict('make -n reset-db'), 'allow');
});

test('justfile recipes, with dependencies and arguments', async () => {
  assert.equal(await verdict('just'), 'allow');
  assert.equal(await verdict('just lint'), 'allow');
  assert.equal(await verdict('just nuke prod'), 'approve');
  assert.equal(await verdict('just destroy-infra'), 'approve');
  assert.equal(await verdict('just --list'), 'allow');
});

test('script files through bash, ./ and source', async () => {
  for (const command of ['bash scripts/teardown.sh production', './scripts/teardown.sh staging', 'source scripts/teardown.sh x', 'sh ./scripts/teardown.sh x']) {
    assert.equal(await verdict(command), 'approve', command);
  }
  assert.equal(await verdict('./scripts/serve.sh'), 'allow');
});

test('tasks that cannot be read are judged by their names', async () => {
  for (const command of ['npm run db:reset', 'just nuke', 'make teardown', 'yarn run drop-tables', 'pnpm run purge']) {
    assert.notEqual(await verdict(command, emptyDir), 'allow', command);
  }
  for (const command of ['npm test', 'npm run build', 'npm run lint', 'make', 'just dev', 'yarn start', 'pnpm run typecheck']) {
    assert.equal(await verdict(command, emptyDir), 'allow', command);
  }
});

test('a package.json read back as it is: scripts that are not text are left out, an array runs by index as npm runs it, and one that is not JSON is unread', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-project-shapes-'));
  const withPackage = async (json: string, command: string) => {
    writeFileSync(join(dir, 'package.json'), json);
    return verdict(command, dir);
  };
  // `npm run 0` with {"scripts": ["…"]} runs the first line (npm 11).
  assert.equal(await withPackage('{"scripts":["rm -rf ~"]}', 'npm run 0'), 'deny');
  assert.equal(await withPackage('{"scripts":{"nuke":{"cmd":"rm -rf ~"},"ok":"echo ok"}}', 'npm run ok'), 'allow');
  for (const json of ['null', '[]', '{"scripts":"rm -rf ~"}', '{"scripts":null}', '{"scripts":']) {
    assert.equal(await withPackage(json, 'npm run build'), 'allow', json);
    assert.notEqual(await withPackage(json, 'npm run db:reset'), 'allow', `${json}: judged by its name`);
  }
});
