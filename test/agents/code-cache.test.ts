// The hook runs its bundle with the V8 code cache made when it was built (scripts/hook-loader.cjs):
// that cache is accepted for the bundle it was made for, and a cache from another build, one V8
// rejects, or none at all leaves the hook answering exactly as before, only slower.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import vm from 'node:vm';
import { installRuntime } from '../../src/agents/runtime.js';
import { projectRoot } from '../helpers.js';

const dist = join(projectRoot, 'dist');
const loader = createRequire(import.meta.url)(join(dist, 'hook.cjs')) as {
  cacheFor(stamp: string): Buffer | undefined;
  stampOf(source: string): string;
  CODE: string;
};

const wrap = (source: string) => `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;

test('the code cache built beside the hook bundle names its build, and V8 accepts it', () => {
  const source = readFileSync(loader.CODE, 'utf8');
  const stamp = loader.stampOf(source);
  assert.match(stamp, /^\/\*airlock-build:[0-9a-f]{64}\*\/$/);
  const cachedData = loader.cacheFor(stamp);
  assert.ok(cachedData && cachedData.length > 0, 'npm run build made dist/hook-code.cache');
  const script = new vm.Script(wrap(source), { filename: loader.CODE, cachedData });
  assert.equal(script.cachedDataRejected, false);
  // Any other build's stamp finds nothing.
  assert.equal(loader.cacheFor(stamp.replace(/[0-9a-f]{8}\*\//, '00000000*/')), undefined);
  assert.equal(loader.cacheFor(''), undefined);
});

/** A copy of the hook in a folder of its own, with `cache` as its code cache (none when null). */
function hookWith(cache: Buffer | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-code-cache-'));
  copyFileSync(join(dist, 'hook.cjs'), join(dir, 'hook.cjs'));
  copyFileSync(join(dist, 'hook-code.cjs'), join(dir, 'hook-code.cjs'));
  // The packs it loads as commands name their programs.
  symlinkSync(join(dist, 'packs'), join(dir, 'packs'));
  symlinkSync(join(projectRoot, 'node_modules'), join(dir, 'node_modules'));
  if (cache) writeFileSync(join(dir, 'hook-code.cache'), cache);
  return join(dir, 'hook.cjs');
}

const home = mkdtempSync(join(tmpdir(), 'airlock-code-cache-home-'));

function answer(hook: string, command: string) {
  const payload = { session_id: 's', cwd: home, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } };
  const r = spawnSync(process.execPath, [hook, 'claude-code'], { input: JSON.stringify(payload), encoding: 'utf8', cwd: home, env: { PATH: process.env.PATH ?? '', HOME: home } });
  return { status: r.status, stdout: r.stdout, decision: r.stdout ? (JSON.parse(r.stdout).hookSpecificOutput?.permissionDecision as string) : 'allow', stderr: r.stderr };
}

test('a cache from another build, one V8 rejects, or none: the hook answers as with its own', () => {
  const own = readFileSync(join(dist, 'hook-code.cache'));
  const stamp = loader.stampOf(readFileSync(loader.CODE, 'utf8'));
  const variants: Record<string, Buffer | null> = {
    own,
    none: null,
    'another build': Buffer.concat([Buffer.from('/*airlock-build:' + '0'.repeat(64) + '*/\n'), own.subarray(stamp.length + 1)]),
    'not V8 code': Buffer.concat([Buffer.from(`${stamp}\n`), Buffer.alloc(4096, 7)]),
    'cut short': own.subarray(0, Math.floor(own.length / 2)),
  };
  const commands = { 'git status && ls -la src': 'allow', 'rm -rf ~': 'deny', 'cat ~/.local/state/airlock/audit.key': 'deny', 'echo {} > ~/.claude/settings.json': 'deny' };
  const expected = Object.fromEntries(Object.keys(commands).map((c) => [c, answer(join(dist, 'hook.cjs'), c)]));
  for (const [name, cache] of Object.entries(variants)) {
    const hook = hookWith(cache);
    for (const [command, decision] of Object.entries(commands)) {
      const got = answer(hook, command);
      assert.equal(got.status, 0, `${name}: ${command}: ${got.stderr}`);
      assert.equal(got.decision, decision, `${name}: ${command}`);
      assert.equal(got.stdout, expected[command]!.stdout, `${name}: ${command}`);
      assert.equal(got.stderr, '', `${name}: ${command}`);
    }
  }
});

test('an installed runtime holds the bundle and its code cache beside the hook', () => {
  const data = mkdtempSync(join(tmpdir(), 'airlock-code-cache-data-'));
  const runtime = installRuntime(projectRoot, data, process.execPath);
  for (const name of ['hook.cjs', 'hook-code.cjs', 'hook-code.cache', 'packs/git.cjs']) assert.ok(existsSync(join(runtime.dir, name)), name);
  assert.equal(answer(runtime.bundle, 'rm -rf ~').decision, 'deny');
});
