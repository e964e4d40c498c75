// What a command's words and surroundings say, read for what they are: a device path is hardware on
// this machine, not a development environment; a home directory is home wherever it lives; a database
// URL in .env concerns database clients, not the files an interpreter deletes. None of these can be
// shown by a rule's examples (they are about the environment and the policy's answer), so they are
// checked here.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { guess } from '../../src/context/heuristics.js';
import { check, emptyHome, removeAtExit } from '../helpers.js';

test('writing over a disk device is never allowed, however it is spelled', async () => {
  for (const command of [
    'dd if=/dev/zero of=/dev/sda bs=1M',
    'sudo dd if=ubuntu.iso of=/dev/disk2 bs=4m',
    'mkfs.ext4 /dev/sdb1',
    'sudo wipefs -a /dev/sdb',
    'blkdiscard /dev/nvme0n1',
    'shred -n 1 /dev/sda',
    'sgdisk --zap-all /dev/sda',
    'parted -s /dev/sda mklabel gpt',
    'cat ubuntu.iso > /dev/sdb',
  ]) {
    const d = await check(command);
    assert.equal(d.verdict, 'deny', `${command}: ${d.verdict}`);
    assert.notEqual(d.environment, 'development', `${command}: /dev is no development environment`);
  }
  // An interactive partition editor writes only when told to, and a loop device is an image file
  // attached as a disk: held for a human, not refused.
  assert.equal((await check('fdisk /dev/sdb')).verdict, 'approve');
  assert.equal((await check('sudo mkfs.ext4 /dev/loop0p1')).verdict, 'approve');
  // Devices that are not disks are what they always were.
  for (const command of ['echo hi > /dev/null', 'dd if=/dev/zero of=/dev/null count=1', 'echo hi > /dev/stdout', 'echo hi > /dev/tty', 'dd if=/dev/zero of=disk.img bs=1M count=10']) {
    assert.equal((await check(command)).verdict, 'allow', command);
  }
});

test('a device path names no environment', () => {
  for (const value of ['/dev/sda', 'of=/dev/sda', '/dev/dev-vg/root', '/dev/mapper/prod-data']) assert.equal(guess('argument', value), null, value);
  assert.equal(guess('argument', 'deploy/dev')?.environment, 'development', 'a folder of the project named dev still says development');
});

test('home is home wherever it lives: with HOME under /tmp, its paths are not temporary files', async () => {
  const root = mkdtempSync(join(tmpdir(), 'airlock-tmp-home-'));
  removeAtExit(root);
  const home = join(root, 'u');
  mkdirSync(join(home, 'proj'), { recursive: true });
  const env = { HOME: home };
  for (const command of ['rm -rf ~', 'rm -rf "$HOME"', `rm -rf ${home}`, `rm -rf ${home}/`]) {
    assert.equal((await check(command, { env })).verdict, 'deny', command);
  }
  // A folder in that home is held like any folder in a home directory, not let through as a temporary one.
  for (const command of ['rm -rf ~/proj', `rm -rf ${home}/proj`]) {
    const d = await check(command, { env });
    assert.equal(d.verdict, 'approve', command);
  }
  // Interpreter code and redirects read it the same way.
  assert.equal((await check(`python3 -c "import shutil; shutil.rmtree('${home}/proj')"`, { env })).verdict, 'approve');
  assert.equal((await check(`echo x > ${home}/notes.md`, { env })).verdict, 'approve');
  assert.equal((await check(`python3 -c "import shutil; shutil.rmtree('${home}/proj')"`, { env: { HOME: emptyHome } })).verdict, 'allow');
  // The same path is temporary when it is not anyone's home.
  assert.equal((await check(`rm -rf ${home}/proj`, { env: { HOME: emptyHome } })).verdict, 'allow');
});

test('a database URL in .env concerns database tools, not the files an interpreter deletes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-dotenv-scope-'));
  removeAtExit(dir);
  writeFileSync(join(dir, '.env'), 'DATABASE_URL=postgres://app:secret@localhost:5432/app\n');
  const env = { HOME: emptyHome };
  for (const command of [
    'rm -rf /var/lib/postgresql',
    `python3 -c "import shutil; shutil.rmtree('/var/lib/postgresql')"`,
    `node -e "require('fs').rmSync('/var/lib/postgresql', {recursive: true})"`,
  ]) {
    const d = await check(command, { cwd: dir, env });
    assert.equal(d.verdict, 'approve', `${command}: a local DATABASE_URL must not lower the stakes`);
    assert.notEqual(d.environment, 'local', command);
  }
  // A path inside the project is the developer's own copy, for interpreter code as for rm.
  assert.equal((await check(`python3 -c "import shutil; shutil.rmtree('src')"`, { cwd: dir, env })).environment, 'local');
  // For the database code an interpreter runs, the project's database still counts.
  const reset = await check('python3 -c "from app import db; db.drop_all()"', { cwd: dir, env });
  assert.equal(reset.environment, 'local');
});

test("a database URL counts for the clients of that database: a postgres:// DATABASE_URL is not redis-cli's", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-dotenv-schemes-'));
  removeAtExit(dir);
  writeFileSync(join(dir, '.env'), 'DATABASE_URL=postgres://app:secret@db.prod.acme.com:5432/app\n');
  const env = { HOME: emptyHome };
  assert.equal((await check('redis-cli -h localhost SET feature:x on', { cwd: dir, env })).verdict, 'allow');
  assert.equal((await check('mongosh mongodb://localhost/app --eval "db.users.updateOne({}, {})"', { cwd: dir, env })).environment === 'production', false);
  // The same URL still counts for the tools that speak to it.
  assert.equal((await check('npx prisma migrate deploy', { cwd: dir, env })).environment, 'production');
  writeFileSync(join(dir, '.env'), 'REDIS_URL=redis://cache.prod.acme.com:6379\n');
  const redis = await check('redis-cli SET feature:x on', { cwd: dir, env });
  assert.equal(redis.verdict, 'approve');
  assert.equal(redis.environment, 'production');
});
