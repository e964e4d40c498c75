// The Codex trust computation against what the real Codex 0.171 reported (`codex app-server`,
// `hooks/list`, saved in test/fixtures/agents/codex-hooks-list-0.171.json), and the config.toml edits:
// trust read back the way Codex reads it, and every other byte of the user's file kept.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { codexHookHash, codexHooks, isAirlockHook, readHookStates, recordTrust, scanToml, TomlSyntaxError, TrustEditError, trustStatus } from '../../src/agents/codex-trust.js';
import { projectRoot } from '../helpers.js';

interface Fixture {
  sourcePath: string;
  hooksJson: string;
  hooks: Array<{ key: string; matcher: string | null; timeoutSec: number; command: string; currentHash: string }>;
}
const fixture = JSON.parse(readFileSync(join(projectRoot, 'test/fixtures/agents/codex-hooks-list-0.171.json'), 'utf8')) as Fixture;

test('every hook Codex 0.171 listed has the key, matcher, timeout and hash Codex computed', () => {
  const mine = codexHooks(fixture.hooksJson, fixture.sourcePath);
  const byKey = new Map(mine.map((h) => [h.key, h]));
  for (const real of fixture.hooks) {
    const h = byKey.get(real.key);
    assert.ok(h, `no hook computed for ${real.key}`);
    assert.equal(h.hash, real.currentHash, `hash of ${real.key}`);
    assert.equal(h.matcher, real.matcher, `matcher of ${real.key}`);
    assert.equal(h.timeoutSec, real.timeoutSec, `timeout of ${real.key}`);
    assert.equal(h.command, real.command);
  }
  // Nothing Codex skips: empty commands, prompt hooks, events it does not read (StopFailure, Notification).
  assert.deepEqual(mine.map((h) => h.key).sort(), fixture.hooks.map((h) => h.key).sort());
});

test('the hash binds the command, matcher, timeout and status message', () => {
  const base = { type: 'command', command: 'node /a/hook.cjs codex', timeout: 300, statusMessage: 'airlock' };
  const h = codexHookHash('PreToolUse', 'Bash', base);
  assert.match(h!, /^sha256:[0-9a-f]{64}$/);
  assert.notEqual(codexHookHash('PreToolUse', 'Bash', { ...base, command: 'node /b/hook.cjs codex' }), h);
  assert.notEqual(codexHookHash('PreToolUse', 'Bash|apply_patch', base), h);
  assert.notEqual(codexHookHash('PreToolUse', 'Bash', { ...base, timeout: 30 }), h);
  assert.notEqual(codexHookHash('PreToolUse', 'Bash', { ...base, statusMessage: 'x' }), h);
  assert.notEqual(codexHookHash('PostToolUse', 'Bash', base), h);
  // Key order in the file and fields Codex ignores do not matter; a missing timeout is Codex's default.
  assert.equal(codexHookHash('PreToolUse', 'Bash', { statusMessage: 'airlock', timeout: 300, command: 'node /a/hook.cjs codex', type: 'command', commandWindows: 'x', other: 1 }), h);
  assert.equal(codexHookHash('PreToolUse', 'Bash', { type: 'command', command: 'c' }), codexHookHash('PreToolUse', 'Bash', { type: 'command', command: 'c', timeout: 600 }));
  assert.equal(codexHookHash('PreToolUse', 'Bash', { type: 'prompt' }), null);
  assert.equal(codexHookHash('Notification', null, base), null);
});

test("airlock's hooks are told from others by their command", () => {
  for (const command of ['/usr/bin/node /opt/airlock/dist/hook.cjs codex', "'/opt/my node/node' '/opt/air lock/dist/hook.cjs' codex", 'airlock hook codex', '/usr/bin/node /x/airlock.mjs hook codex'])
    assert.ok(isAirlockHook({ command }), command);
  for (const command of ['/usr/bin/node /opt/airlock/dist/hook.cjs claude-code', 'echo airlock', 'other-guard codex', '/x/hook.cjs codexx']) assert.ok(!isAirlockHook({ command }), command);
});

const HOOKS = [
  { key: '/home/u/.codex/hooks.json:pre_tool_use:0:0', hash: 'sha256:aaa' },
  { key: '/home/u/.codex/hooks.json:post_tool_use:0:0', hash: 'sha256:bbb' },
];

test('recording trust in a missing or empty config.toml writes the tables /hooks would write', () => {
  const expected =
    '[hooks.state."/home/u/.codex/hooks.json:pre_tool_use:0:0"]\ntrusted_hash = "sha256:aaa"\n\n[hooks.state."/home/u/.codex/hooks.json:post_tool_use:0:0"]\ntrusted_hash = "sha256:bbb"\n';
  assert.equal(recordTrust(null, HOOKS), expected);
  assert.equal(recordTrust('', HOOKS), expected);
  const states = readHookStates(expected);
  assert.equal(trustStatus(HOOKS[0]!, states), 'trusted');
  assert.equal(trustStatus({ ...HOOKS[0]!, hash: 'sha256:new' }, states), 'modified');
  assert.equal(trustStatus({ key: 'other', hash: 'x' }, states), 'untrusted');
});

test("recording trust keeps every other byte of the user's config.toml", () => {
  const user = [
    '# my settings',
    'model = "gpt-5"   # inline comment',
    "model_provider = 'local'",
    '',
    '[model_providers.local]',
    'name = "Local"',
    'base_url = "http://127.0.0.1:1234/v1"',
    'headers = { "X-A" = "b", n = 1 }',
    'args = [',
    '  "--x", # a comment in an array',
    '  [1, 2],',
    ']',
    'prompt = """',
    '[hooks.state."not a header"]',
    'still the string \\',
    '   """',
    "raw = '''",
    "[not.a.header]'''",
    'when = 1979-05-27 07:32:00Z',
    '',
    '[projects."/home/u/proj"]',
    'trust_level = "trusted"',
    '',
    '[[hooks.PreToolUse]]',
    'matcher = "^Bash$"',
    '[[hooks.PreToolUse.hooks]]',
    'type = "command"',
    'command = "other"',
  ].join('\n');
  const out = recordTrust(user, HOOKS);
  assert.ok(out.startsWith(user + '\n'), out);
  assert.equal(
    out.slice(user.length),
    '\n\n[hooks.state."/home/u/.codex/hooks.json:pre_tool_use:0:0"]\ntrusted_hash = "sha256:aaa"\n\n[hooks.state."/home/u/.codex/hooks.json:post_tool_use:0:0"]\ntrusted_hash = "sha256:bbb"\n',
  );
  assert.equal(readHookStates(out).size, 2, 'the table-looking lines inside strings are not tables');
  // Recording again changes nothing.
  assert.equal(recordTrust(out, HOOKS), out);
});

test('an existing hook state is updated in place, with its comments, other keys and line endings', () => {
  const before =
    'model = "o3"\r\n\r\n[hooks.state."/home/u/.codex/hooks.json:pre_tool_use:0:0"]\r\nenabled = false # I turned it off\r\ntrusted_hash = "sha256:old" # trust hash\r\ncustom = 1\r\n\r\n[hooks.state."/home/u/.codex/hooks.json:post_tool_use:0:0"]\r\nenabled = true\r\n\r\n[tui]\r\nx = 1\r\n';
  const out = recordTrust(before, HOOKS);
  assert.equal(
    out,
    'model = "o3"\r\n\r\n[hooks.state."/home/u/.codex/hooks.json:pre_tool_use:0:0"]\r\nenabled = false # I turned it off\r\ntrusted_hash = "sha256:aaa" # trust hash\r\ncustom = 1\r\n\r\n[hooks.state."/home/u/.codex/hooks.json:post_tool_use:0:0"]\r\nenabled = true\r\ntrusted_hash = "sha256:bbb"\r\n\r\n[tui]\r\nx = 1\r\n',
  );
  assert.equal(trustStatus(HOOKS[0]!, readHookStates(out)), 'disabled');
  const enabled = recordTrust(before, HOOKS, { enable: true });
  assert.match(enabled, /enabled = true # I turned it off/);
  assert.equal(trustStatus(HOOKS[0]!, readHookStates(enabled)), 'trusted');
});

test('trust written as an inline table or dotted keys is read, and replaced in place where it can be', () => {
  const inline = '[hooks.state]\n"/home/u/.codex/hooks.json:pre_tool_use:0:0" = { trusted_hash = \'sha256:old\' }\n';
  assert.equal(readHookStates(inline).get(HOOKS[0]!.key)?.trustedHash, 'sha256:old');
  assert.equal(recordTrust(inline, [HOOKS[0]!]), '[hooks.state]\n"/home/u/.codex/hooks.json:pre_tool_use:0:0" = { trusted_hash = "sha256:aaa" }\n');
  const dotted = 'hooks.state."/home/u/.codex/hooks.json:pre_tool_use:0:0".enabled = false\n';
  assert.equal(readHookStates(dotted).get(HOOKS[0]!.key)?.enabled, false);
  assert.throws(() => recordTrust(dotted, [HOOKS[0]!]), TrustEditError);
  assert.throws(() => recordTrust('hooks = { state = {} }\n', [HOOKS[0]!]), TrustEditError);
  // A dotted `hooks.…` elsewhere does not stop a new [hooks.state."…"] table.
  assert.match(recordTrust('hooks.state."x".enabled = false\n', [HOOKS[0]!]), /\n\[hooks\.state\."\/home\/u\/\.codex\/hooks\.json:pre_tool_use:0:0"\]\ntrusted_hash = "sha256:aaa"\n$/);
});

test('keys with quotes, backslashes and non-ASCII text are escaped and read back', () => {
  const key = '/home/u "q"\\dir/é/hooks.json:pre_tool_use:0:0';
  const out = recordTrust(null, [{ key, hash: 'sha256:k' }]);
  assert.equal(out, '[hooks.state."/home/u \\"q\\"\\\\dir/é/hooks.json:pre_tool_use:0:0"]\ntrusted_hash = "sha256:k"\n');
  assert.equal(readHookStates(out).get(key)?.trustedHash, 'sha256:k');
  assert.equal(readHookStates('[hooks.state."\\u00e9"]\ntrusted_hash = "h"').get('é')?.trustedHash, 'h');
});

test('a config.toml that is not TOML is refused with its line, and left alone', () => {
  for (const [text, line] of [
    ['a = 1\nb = \n', 2],
    ['a = "unterminated\n', 1],
    ['[table\nx = 1\n', 1],
    ['x = 1 2\n', 1],
    ['x = [1, 2\n', 2],
  ] as const) {
    assert.throws(
      () => recordTrust(text, HOOKS),
      (error: unknown) => error instanceof TomlSyntaxError && error.line === line,
      JSON.stringify(text),
    );
  }
  assert.doesNotThrow(() => scanToml('a = 1\nb = -inf\nc = 0x1F\nd = 1e10\ne = 07:32:00\nf = 1979-05-27T07:32:00.999-07:00\n'));
});
