// airlock in the real Gemini CLI: the shared scenarios, and its own settings out of the model's reach
// through the write_file tool.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { geminiDriver, runGemini } from './drivers/gemini.js';
import { installAirlock, sandbox, skipUnlessInstalled } from './harness.js';
import { AIRLOCK_REASON, agentScenarios } from './scenarios.js';

agentScenarios(geminiDriver);

test('gemini (real program): write_file cannot rewrite ~/.gemini/settings.json, where the hook lives', { skip: skipUnlessInstalled('gemini'), timeout: 600_000 }, async () => {
  const sb = sandbox('gemini-write');
  geminiDriver.configure(sb);
  installAirlock(sb, 'gemini');
  const settings = join(sb.home, '.gemini', 'settings.json');
  const before = readFileSync(settings, 'utf8');
  // Gemini CLI keeps its file tools inside the workspace; with HOME in it, only airlock stands in the way.
  const control = join(sb.home, 'notes.txt');
  const allowed = await runGemini(sb, [{ name: 'write_file', input: { file_path: control, content: 'hi\n' } }], { includeDirectories: [sb.home] });
  assert.equal(existsSync(control) && readFileSync(control, 'utf8'), 'hi\n', `Gemini CLI itself refused a write in HOME, so this test proves nothing\n${JSON.stringify(allowed.toolResults)}`);
  const run = await runGemini(sb, [{ name: 'write_file', input: { file_path: settings, content: '{}\n' } }], { includeDirectories: [sb.home] });
  const detail = `exit ${run.exitCode}\ntool results: ${JSON.stringify(run.toolResults)}\nstderr: ${run.stderr.slice(-2000)}`;
  assert.equal(readFileSync(settings, 'utf8'), before, `write_file changed ${settings}\n${detail}`);
  assert.match(run.toolResults[0] ?? '', AIRLOCK_REASON, `Gemini CLI did not pass airlock's reason back to the model\n${detail}`);
  assert.deepEqual(run.offLoopback, [], 'Gemini CLI tried to leave loopback');
});
