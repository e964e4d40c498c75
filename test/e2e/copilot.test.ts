// airlock in the real GitHub Copilot CLI: the shared scenarios, and its own hook settings out of the
// model's reach through Copilot's file tools.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { copilotDriver, copilotHookFile, create, edit } from './drivers/copilot.js';
import type { ScriptedRun } from './drivers/process.js';
import { installAirlock, sandbox, skipUnlessInstalled } from './harness.js';
import { AIRLOCK_REASON, agentScenarios } from './scenarios.js';

agentScenarios(copilotDriver);

const detail = (run: ScriptedRun) => `exit ${run.exitCode}\ntool results: ${JSON.stringify(run.toolResults)}\nstdout: ${run.stdout.slice(-2000)}\nstderr: ${run.stderr.slice(-2000)}`;

test('copilot (real program): the edit tool cannot change ~/.copilot/hooks/airlock.json, given its absolute path', { skip: skipUnlessInstalled('copilot'), timeout: 600_000 }, async () => {
  const sb = sandbox('copilot-write');
  copilotDriver.configure(sb);
  installAirlock(sb, 'copilot');
  const hooks = copilotHookFile(sb);
  const before = readFileSync(hooks, 'utf8');
  // The same tools outside the project work: --allow-all-tools and --allow-all-paths let them through.
  const outside = join(sb.home, 'notes.txt');
  const control = await copilotDriver.runTools(sb, [create(outside, 'notes\n')]);
  assert.ok(existsSync(outside), `Copilot's create tool did not write ${outside} at all, so the test below would prove nothing\n${detail(control)}`);

  const run = await copilotDriver.runTools(sb, [edit(hooks, '"preToolUse"', '"disabledByTheAgent"')]);
  assert.equal(readFileSync(hooks, 'utf8'), before, `Copilot's edit tool changed ${hooks}\n${detail(run)}`);
  assert.match(run.toolResults[0] ?? '', AIRLOCK_REASON, `Copilot did not pass airlock's reason back to the model\n${detail(run)}`);
  assert.deepEqual(run.offLoopback, [], 'Copilot tried to leave loopback');
});
