// The install manifest holds the only copies of the agents' settings as they were before airlock, so
// uninstall can put them back. A damaged one is said to be damaged, through the real CLI: uninstall
// changes nothing, init writes no settings (and does not overwrite it), and neither reads it as "nothing
// installed". And the package.json files the hook runtime is built from are read, not assumed.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { InstallManifest, ManifestDamaged } from '../../src/agents/install.js';
import { installRuntime } from '../../src/agents/runtime.js';
import { BIN, airlockEnv, projectRoot, removeAtExit } from '../helpers.js';

function installed() {
  const home = mkdtempSync(join(tmpdir(), 'airlock-manifest-'));
  removeAtExit(home);
  mkdirSync(join(home, '.claude'));
  writeFileSync(join(home, '.claude/settings.json'), '{"model":"opus"}');
  const env = airlockEnv(home, { PATH: '/usr/bin:/bin' });
  const airlock = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, input: '' });
  const init = airlock('init', '--agent', 'claude-code', '--yes');
  assert.equal(init.status, 0, init.stdout + init.stderr);
  return { home, manifest: join(home, 'state/install/manifest.json'), airlock };
}

const DAMAGE: [string, RegExp][] = [
  ['{"entries": []}', /is damaged: it is not a list of entries/],
  ['[{"file": 5}]', /is damaged: entry 1 is not one init writes/],
  ['[', /is damaged: it is not JSON/],
];

test('a damaged install manifest: uninstall says so and changes nothing', () => {
  for (const [text, problem] of DAMAGE) {
    const w = installed();
    writeFileSync(w.manifest, text);
    const settings = readFileSync(join(w.home, '.claude/settings.json'), 'utf8');
    const r = w.airlock('uninstall', '--yes');
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, problem);
    assert.match(r.stderr, /Nothing was changed/);
    assert.doesNotMatch(r.stdout + r.stderr, /internal error|Nothing to uninstall/);
    assert.equal(readFileSync(join(w.home, '.claude/settings.json'), 'utf8'), settings, "airlock's hook is still there: the manifest was not read as empty");
    assert.equal(readFileSync(w.manifest, 'utf8'), text, 'the manifest is left for a human to mend');
  }
});

test('a damaged install manifest: init writes no settings it could not undo, and leaves the manifest alone', () => {
  for (const [text, problem] of DAMAGE) {
    const w = installed();
    writeFileSync(w.manifest, text);
    mkdirSync(join(w.home, '.gemini'));
    writeFileSync(join(w.home, '.gemini/settings.json'), '{"theme":"Dracula"}');
    const r = w.airlock('init', '--agent', 'gemini', '--yes');
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, new RegExp(`gemini\\s+failed[\\s\\S]*${problem.source}`));
    assert.equal(readFileSync(join(w.home, '.gemini/settings.json'), 'utf8'), '{"theme":"Dracula"}');
    assert.equal(readFileSync(w.manifest, 'utf8'), text);
  }
});

test('no manifest is nothing installed; one that cannot be read is not', () => {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-manifest-read-'));
  assert.deepEqual(new InstallManifest(join(dir, 'none.json')).read(), []);
  // A directory where the file should be: unreadable, which is not the same as empty.
  assert.throws(
    () => new InstallManifest(dir).read(),
    (e: Error) => e instanceof ManifestDamaged && /can't be read/.test(e.message),
  );
});

test('the hook runtime is built only from packages whose package.json names their version', () => {
  // A checkout as a user has it, with one of the hook's lazy packages damaged.
  const root = mkdtempSync(join(tmpdir(), 'airlock-runtime-src-'));
  removeAtExit(root);
  cpSync(join(projectRoot, 'dist'), join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, 'package.json'), '{"name":"airlock"}');
  for (const name of ['yaml', 'valibot', 'libpg-query', '@pgsql/types', 'better-sqlite3', 'bindings', 'file-uri-to-path'])
    cpSync(join(projectRoot, 'node_modules', name), join(root, 'node_modules', name), { recursive: true, dereference: true });
  const yaml = join(root, 'node_modules/yaml/package.json');
  const { version: _version, ...withoutVersion } = JSON.parse(readFileSync(yaml, 'utf8')) as Record<string, unknown>;
  writeFileSync(yaml, JSON.stringify(withoutVersion));
  assert.throws(() => installRuntime(root, join(root, 'data'), process.execPath), /node_modules\/yaml\/package\.json names no version of yaml, which the hook loads; reinstall it/);
});
