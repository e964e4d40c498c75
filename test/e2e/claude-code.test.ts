// airlock in the real Claude Code program: the shared scenarios, and its own settings out of the
// model's reach through the Write tool.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { claudeCodeDriver, runClaudeCode } from './drivers/claude-code.js';
import { installAirlock, sandbox, skipUnlessInstalled } from './harness.js';
import { AIRLOCK_REASON, agentScenarios } from './scenarios.js';

agentScenarios(claudeCodeDriver);

test('claude-code (real program): the Write tool cannot rewrite ~/.claude/settings.json, where the hook lives', { skip: skipUnlessInstalled('claude-code'), timeout: 600_000 }, async () => {
  const sb = sandbox('claude-code-write');
  claudeCodeDriver.configure(sb);
  installAirlock(sb, 'claude-code');
  const settings = join(sb.home, '.claude', 'settings.json');
  const before = readFileSync(settings, 'utf8');
  const run = await runClaudeCode(sb, [{ name: 'Write', input: { file_path: settings, content: '{}\n' } }]);
  const detail = `exit ${run.exitCode}\ntool results: ${JSON.stringify(run.toolResults)}\nstderr: ${run.stderr.slice(-2000)}`;
  assert.equal(readFileSync(settings, 'utf8'), before, `the Write tool changed ${settings}\n${detail}`);
  assert.match(run.toolResults[0] ?? '', AIRLOCK_REASON, `Claude Code did not pass airlock's reason back to the model\n${detail}`);
  assert.deepEqual(run.offLoopback, [], 'Claude Code tried to leave loopback');
});
