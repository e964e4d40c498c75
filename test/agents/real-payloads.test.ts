// The hook payloads the real agent programs sent (captured by test/e2e/capture-hook-payloads.ts into
// test/fixtures/agents/), fed to the real hook process: each is understood, and the same payload with
// a catastrophic command or path in it is refused in the agent's own protocol.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../helpers.js';

const HOOK = join(projectRoot, 'dist/hook.cjs');
const FIXTURES = join(projectRoot, 'test/fixtures/agents');
const home = mkdtempSync(join(tmpdir(), 'airlock-real-payloads-'));
const env = { PATH: process.env.PATH ?? '', HOME: home, AIRLOCK_STATE_DIR: join(home, 'state'), AIRLOCK_ORG_POLICY: '/nonexistent/org.yaml' };

type Payload = { hook_event_name: string; tool_name: string; tool_input: Record<string, unknown> };

function hook(agent: string, payload: Payload) {
  const r = spawnSync(process.execPath, [HOOK, agent], { input: JSON.stringify(payload), encoding: 'utf8', env, cwd: home });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status };
}

/** What an allowed call gets back, per agent. */
const ALLOW: Record<string, string> = { 'claude-code': '', codex: '', gemini: '{}\n' };
const PRE_EVENTS = new Set(['PreToolUse', 'BeforeTool']);

const agents = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const fixtures = agents.flatMap((agent) => readdirSync(join(FIXTURES, agent)).filter((f) => f.endsWith('.json')).map((file) => ({ agent, file })));

test('there are captured payloads for Claude Code, Codex and Gemini CLI', () => {
  for (const agent of ['claude-code', 'codex', 'gemini']) assert.ok(fixtures.some((f) => f.agent === agent), `no fixtures for ${agent}`);
});

for (const { agent, file } of fixtures) {
  const payload = JSON.parse(readFileSync(join(FIXTURES, agent, file), 'utf8')) as Payload;

  test(`${agent} ${file}: the real payload is understood and the harmless call allowed`, () => {
    const r = hook(agent, payload);
    assert.deepEqual(r, { stdout: ALLOW[agent], stderr: '', exitCode: 0 });
  });

  if (!PRE_EVENTS.has(payload.hook_event_name)) continue;
  test(`${agent} ${file}: the same payload aimed at the user's home or airlock's hook settings is refused`, () => {
    const input = { ...payload.tool_input };
    if (typeof input.command === 'string') input.command = 'rm -rf ~';
    else input.file_path = join(home, agent === 'gemini' ? '.gemini' : '.claude', 'settings.json');
    const r = hook(agent, { ...payload, tool_input: input });
    assert.equal(r.exitCode, 0, r.stderr);
    const answer = JSON.parse(r.stdout) as { decision?: string; hookSpecificOutput?: { permissionDecision?: string } };
    assert.equal(answer.hookSpecificOutput?.permissionDecision ?? answer.decision, 'deny', r.stdout);
  });
}

/** What the audit log holds for the outcome payloads: the exit status each agent's event really carries, or a plain note that it has none. */
test('after-command payloads: each outcome is recorded with the exit status the agent reports, and says so when it reports none', () => {
  const expected: Record<string, number | null> = {
    'claude-code/PostToolUse.Bash.json': 0, // Claude Code sends PostToolUse only for a command that succeeded
    'claude-code/PostToolUseFailure.Bash-failing.json': 3, // "Exit code 3" in its error text
    'gemini/AfterTool.run_shell_command.json': 0, // no "Exit Code:" line means 0
    'gemini/AfterTool.run_shell_command-failing.json': 3,
    'codex/PostToolUse.Bash.json': null, // Codex hands hooks no exit status at all
  };
  const state = mkdtempSync(join(tmpdir(), 'airlock-outcomes-'));
  const local = { ...env, AIRLOCK_STATE_DIR: state };
  for (const name of Object.keys(expected)) {
    const [agent] = name.split('/');
    const r = spawnSync(process.execPath, [HOOK, agent!], { input: readFileSync(join(FIXTURES, name), 'utf8'), encoding: 'utf8', env: local, cwd: home });
    assert.equal(r.status, 0, `${name}: ${r.stderr}`);
    assert.equal(r.stderr, '', name);
  }
  const log = spawnSync(process.execPath, [join(projectRoot, 'bin/airlock.mjs'), 'log', '--json'], { encoding: 'utf8', env: local });
  const outcomes = log.stdout.trim().split('\n').map((l) => JSON.parse(l) as { kind: string; agent: string; command?: string; detail: { exitCode: number | null; exitCodeNote?: string } }).filter((e) => e.kind === 'outcome');
  assert.deepEqual(outcomes.map((o) => o.detail.exitCode), Object.values(expected));
  assert.match(outcomes[4]!.detail.exitCodeNote ?? '', /codex does not report the exit status/);
  for (const o of outcomes) assert.ok(o.command, 'the command is recorded with its outcome');
});
