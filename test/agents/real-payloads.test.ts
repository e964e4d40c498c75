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
const ALLOW: Record<string, string> = { 'claude-code': '', gemini: '{}\n' };
const PRE_EVENTS = new Set(['PreToolUse', 'BeforeTool']);

const agents = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const fixtures = agents.flatMap((agent) => readdirSync(join(FIXTURES, agent)).filter((f) => f.endsWith('.json')).map((file) => ({ agent, file })));

test('there are captured payloads for Claude Code and Gemini CLI', () => {
  for (const agent of ['claude-code', 'gemini']) assert.ok(fixtures.some((f) => f.agent === agent), `no fixtures for ${agent}`);
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
