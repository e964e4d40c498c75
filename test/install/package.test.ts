// airlock installed as a package, as a user would: `npm pack`, `npm install -g` of the tarball into a
// prefix of its own (better-sqlite3 built by npm from source, once), the `airlock` it links doing its
// main job, and `airlock init` pointing an agent's hook at airlock's own data directory: with the
// global package removed afterwards, the installed hook still holds a destructive command.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectRoot, scratchDir } from '../helpers.js';

test('npm install -g of the packed tarball works, and the hooks init installs keep working without it', () => {
  const dir = scratchDir('package');
  // dist/ is already built; --ignore-scripts keeps npm from rebuilding it under the other tests' feet.
  execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir, '--silent'], { cwd: projectRoot, encoding: 'utf8' });
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'npm pack made a tarball');
  const prefix = join(dir, 'prefix');
  const installed = spawnSync('npm', ['install', '-g', '--prefix', prefix, join(dir, tarball), '--no-audit', '--no-fund', '--prefer-offline'], { encoding: 'utf8' });
  assert.equal(installed.status, 0, installed.stderr);
  const home = join(dir, 'home');
  mkdirSync(join(home, '.claude'), { recursive: true });
  const env = { PATH: `${join(prefix, 'bin')}:${process.env.PATH ?? ''}`, HOME: home, AIRLOCK_ORG_POLICY: '/nonexistent/org.yaml', NO_COLOR: '1' };
  const airlock = (...args: string[]) => spawnSync('airlock', args, { encoding: 'utf8', env, cwd: home });
  assert.match(airlock('--version').stdout, /^airlock \d+\.\d+\.\d+/);
  const checked = airlock('check', 'terraform destroy -auto-approve');
  assert.equal(checked.status, 11, checked.stderr);
  assert.match(checked.stdout, /^APPROVE/);
  const init = airlock('init', '--agent', 'claude-code', '--yes');
  assert.equal(init.status, 0, init.stdout + init.stderr);
  // The hook command points into airlock's data directory, not into the package.
  const settings = JSON.parse(readFileSync(join(home, '.claude/settings.json'), 'utf8'));
  const command = settings.hooks.PreToolUse.find((e: { hooks: { command: string }[] }) => e.hooks.some((h) => h.command.includes('airlock')))!.hooks[0]!.command as string;
  assert.ok(command.includes(join(home, '.local/share/airlock/runtime/')), command);
  assert.ok(!command.includes(prefix), command);
  // The global package gone: the installed hook still answers, and holds what it must.
  rmSync(prefix, { recursive: true, force: true });
  assert.equal(existsSync(prefix), false);
  const payload = JSON.stringify({ session_id: 's', cwd: home, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'rm -rf /srv/data' } });
  const hook = spawnSync('/bin/sh', ['-c', command], { input: payload, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: home } });
  assert.equal(hook.status, 0, hook.stderr);
  assert.equal(JSON.parse(hook.stdout).hookSpecificOutput.permissionDecision, 'deny');
});
