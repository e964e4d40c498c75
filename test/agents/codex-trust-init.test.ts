// `airlock init --agent codex` and Codex's hook trust, through the real CLI and a pseudo-terminal for the
// human: at a terminal the human sees the hooks and says yes, and the trust Codex checks is recorded with
// the rest of config.toml kept; declining, or no terminal, records nothing, says what is left and fails;
// doctor fails while Codex would skip the hook (untrusted, stale hash, turned off). That this is the
// trust the real Codex checks is shown in test/e2e/codex.test.ts.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { codexHooks, readHookStates, trustStatus } from '../../src/agents/codex-trust.js';
import { BIN, airlockEnv, inTerminal } from '../helpers.js';

const USER_CONFIG = '# my Codex settings\nmodel = "gpt-5"\n\n[projects."/home/me/app"]\ntrust_level = "trusted"\n';

function setup(): { home: string; codexHome: string; env: Record<string, string> } {
  const home = mkdtempSync(join(tmpdir(), 'airlock-codex-trust-'));
  const codexHome = join(home, '.codex');
  mkdirSync(codexHome);
  writeFileSync(join(codexHome, 'config.toml'), USER_CONFIG);
  return { home, codexHome, env: airlockEnv(home, { PATH: '/usr/bin:/bin' }) };
}

/** `airlock init --agent codex` at a terminal, where the human trusts the hook as /hooks would. */
function initTrusting(env: Record<string, string>): { status: number; output: string } {
  const r = inTerminal(env, ['init', '--agent', 'codex', '--yes'], [['as /hooks would', 'y']]);
  assert.equal(r.status, 0, r.output);
  return r;
}
const plain = (env: Record<string, string>, args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, input: '' });

/** What Codex would decide for each airlock hook in the installed hooks.json. */
function statuses(codexHome: string): Record<string, string> {
  const file = join(realpathSync(codexHome), 'hooks.json');
  const states = readHookStates(readFileSync(join(codexHome, 'config.toml'), 'utf8'));
  return Object.fromEntries(codexHooks(readFileSync(file, 'utf8'), file).map((h) => [h.key.slice(file.length + 1), trustStatus(h, states)]));
}

test('at a terminal, init shows the hook and records the trust Codex checks when the human says yes', () => {
  const { codexHome, env } = setup();
  const r = initTrusting(env);
  assert.match(r.output, /airlock's hooks in .*hooks\.json:\s+PreToolUse\s+matcher Bash\|apply_patch\|mcp__\.\*, timeout \d+ s\s+\[untrusted\]\s+[^\n]*hook\.cjs codex/);
  assert.match(r.output, /codex\s+trusted\s+.*config\.toml/);
  assert.doesNotMatch(r.output, /run \/hooks/, 'no step is left');
  const config = readFileSync(join(codexHome, 'config.toml'), 'utf8');
  assert.ok(config.startsWith(USER_CONFIG), "the user's settings are kept byte for byte");
  assert.match(
    config.slice(USER_CONFIG.length),
    /^\n\[hooks\.state\."[^"]+\/\.codex\/hooks\.json:pre_tool_use:0:0"\]\ntrusted_hash = "sha256:[0-9a-f]{64}"\n\n\[hooks\.state\."[^"]+\/\.codex\/hooks\.json:post_tool_use:0:0"\]\ntrusted_hash = "sha256:[0-9a-f]{64}"\n$/,
  );
  assert.deepEqual(statuses(codexHome), { 'pre_tool_use:0:0': 'trusted', 'post_tool_use:0:0': 'trusted' });
  assert.match(plain(env, ['doctor']).stdout, /codex\s+ok\s+allow/);

  // Once trusted, init without a terminal has nothing left to ask and succeeds, changing nothing.
  const again = plain(env, ['init', '--agent', 'codex', '--yes']);
  assert.equal(again.status, 0, again.stdout + again.stderr);
  assert.match(again.stdout, /codex\s+trusted/);
  assert.equal(readFileSync(join(codexHome, 'config.toml'), 'utf8'), config);

  // uninstall puts config.toml back byte for byte, and takes the hook runtime away with the hooks.
  const removed = plain(env, ['uninstall', '--yes']);
  assert.equal(removed.status, 0, removed.stdout + removed.stderr);
  assert.equal(readFileSync(join(codexHome, 'config.toml'), 'utf8'), USER_CONFIG);
  assert.ok(!existsSync(join(env.HOME!, '.local/share/airlock/runtime')), 'the hook runtime is removed');
});

test('declining, or no terminal, records nothing, says what is left and fails; doctor fails too', () => {
  const { codexHome, env } = setup();
  const noTerminal = plain(env, ['init', '--agent', 'codex', '--yes']);
  assert.equal(noTerminal.status, 1, noTerminal.stdout + noTerminal.stderr);
  assert.match(noTerminal.stdout, /codex\s+NOT TRUSTED\s+Codex will not run airlock's hook \(PreToolUse, PostToolUse\)/);
  assert.match(
    noTerminal.stdout,
    /Still needs you:\n\s+codex: Codex skips airlock's hook until you trust it: open Codex, run \/hooks and trust the airlock hook, or run `airlock init --agent codex` at a terminal/,
  );
  assert.equal(readFileSync(join(codexHome, 'config.toml'), 'utf8'), USER_CONFIG);
  const doctor = plain(env, ['doctor']);
  assert.equal(doctor.status, 1);
  assert.match(doctor.stdout, /codex\s+FAIL [\s\S]*Codex skips PreToolUse \(not trusted in \/hooks\), PostToolUse \(not trusted in \/hooks\); fix: run `airlock init --agent codex` at a terminal/);

  const declined = inTerminal(
    env,
    ['init', '--agent', 'codex'],
    [
      ['Go ahead?', 'y'],
      ['as /hooks would', 'n'],
    ],
  );
  assert.equal(declined.status, 1, declined.output);
  assert.match(declined.output, /Not trusted: Codex will skip airlock's hook until you trust it/);
  assert.match(declined.output, /Still needs you:\s+codex: Codex skips airlock's hook/);
  assert.equal(readFileSync(join(codexHome, 'config.toml'), 'utf8'), USER_CONFIG);
});

test('every airlock hook in the file is covered, whatever its event; others are left to their owners', () => {
  const { codexHome, env } = setup();
  assert.equal(plain(env, ['init', '--agent', 'codex', '--yes']).status, 1);
  const file = join(codexHome, 'hooks.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  const ours = json.hooks.PreToolUse[0].hooks[0].command as string;
  // As the installer may add: a PostToolUse entry, and someone else's hook before airlock's.
  json.hooks.PostToolUse = [{ matcher: 'Bash', hooks: [{ type: 'command', command: ours, timeout: 30, statusMessage: 'airlock' }] }];
  json.hooks.PreToolUse.unshift({ matcher: 'Bash', hooks: [{ type: 'command', command: '/usr/local/bin/other-guard' }] });
  writeFileSync(file, JSON.stringify(json, null, 2));
  const r = initTrusting(env);
  assert.match(r.output, /PreToolUse[\s\S]*PostToolUse/);
  assert.doesNotMatch(r.output, /other-guard/);
  assert.deepEqual(statuses(codexHome), { 'pre_tool_use:0:0': 'untrusted', 'pre_tool_use:1:0': 'trusted', 'post_tool_use:0:0': 'trusted' });
  assert.match(plain(env, ['doctor']).stdout, /codex\s+ok/);
});

test('a hook changed since it was trusted, or turned off, fails doctor; init at a terminal trusts it again in place', () => {
  const { codexHome, env } = setup();
  initTrusting(env);
  const file = join(codexHome, 'hooks.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  json.hooks.PreToolUse[0].hooks[0].timeout = 123;
  writeFileSync(file, JSON.stringify(json, null, 2));
  assert.match(plain(env, ['doctor']).stdout, /codex\s+FAIL [\s\S]*Codex skips PreToolUse \(trusted once, but the hook changed since \(the recorded hash is stale\)\)/);

  const configFile = join(codexHome, 'config.toml');
  writeFileSync(configFile, readFileSync(configFile, 'utf8').replace(/(trusted_hash = .*\n)/, '$1enabled = false # off for now\n'));
  assert.match(plain(env, ['doctor']).stdout, /codex\s+FAIL [\s\S]*Codex skips PreToolUse \(turned off in \/hooks\)/);
  const before = readFileSync(configFile, 'utf8');
  const r = initTrusting(env);
  assert.match(r.output, /\[disabled\][\s\S]*Trust this hook in Codex and turn it back on/);
  const after = readFileSync(configFile, 'utf8');
  assert.equal(after.split('\n').length, before.split('\n').length, 'updated in place, no new table');
  assert.match(after, /enabled = true # off for now/);
  assert.deepEqual(statuses(codexHome), { 'pre_tool_use:0:0': 'trusted', 'post_tool_use:0:0': 'trusted' });
});

test('a symlinked CODEX_HOME is keyed by its real path, as Codex keys it', () => {
  const { home, env } = setup();
  const real = join(home, 'real-codex-home');
  mkdirSync(real);
  const link = join(home, 'codex-link');
  symlinkSync(real, link);
  initTrusting({ ...env, CODEX_HOME: link });
  const config = readFileSync(join(real, 'config.toml'), 'utf8');
  assert.ok(readHookStates(config).has(`${realpathSync(real)}/hooks.json:pre_tool_use:0:0`), config);
});

test('a config.toml that is not valid TOML is left alone, with the line named', () => {
  const { codexHome, env } = setup();
  const broken = 'model = "gpt-5"\n[tui\n';
  writeFileSync(join(codexHome, 'config.toml'), broken);
  const r = inTerminal(env, ['init', '--agent', 'codex', '--yes'], [['as /hooks would', 'y']]);
  assert.equal(r.status, 1, r.output);
  assert.match(r.output, /could not read Codex's hook trust: .*config\.toml line 2: expected \] to close the table header/);
  assert.doesNotMatch(r.output, /at [\w.]+ \(|node:internal/, 'no stack trace');
  assert.equal(readFileSync(join(codexHome, 'config.toml'), 'utf8'), broken);
  assert.match(plain(env, ['doctor']).stdout, /codex\s+FAIL [\s\S]*config\.toml line 2/);
});
