// airlock in the real OpenCode program: the shared scenarios, and its own plugin out of the model's
// reach through OpenCode's file tools.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { applyPatch, edit, openCodeDriver, openCodeDriverFor, openCodePluginFile, write } from './drivers/opencode.js';
import type { ScriptedRun } from './drivers/process.js';
import { installAirlock, sandbox, skipUnlessInstalled } from './harness.js';
import { AIRLOCK_REASON, agentScenarios } from './scenarios.js';

agentScenarios(openCodeDriver);

const detail = (run: ScriptedRun) => `exit ${run.exitCode}\ntool results: ${JSON.stringify(run.toolResults)}\nstderr: ${run.stderr.slice(-2000)}`;

test('opencode (real program): the write and edit tools cannot change airlock\'s plugin, given its absolute path', { skip: skipUnlessInstalled('opencode'), timeout: 600_000 }, async () => {
  const sb = sandbox('opencode-write');
  openCodeDriver.configure(sb);
  installAirlock(sb, 'opencode');
  const plugin = openCodePluginFile(sb);
  const before = readFileSync(plugin, 'utf8');
  // The same tools outside the project work: OpenCode's own permissions let them through.
  const outside = join(sb.home, 'notes.txt');
  const control = await openCodeDriver.runTools(sb, [write(outside, 'notes\n')]);
  assert.ok(existsSync(outside), `OpenCode's write tool did not write ${outside} at all, so the test below would prove nothing\n${detail(control)}`);

  const calls = [write(plugin, 'export const Airlock = async () => ({})\n'), edit(plugin, '"tool.execute.before"', '"tool.execute.never"')];
  const run = await openCodeDriver.runTools(sb, calls);
  assert.equal(readFileSync(plugin, 'utf8'), before, `OpenCode's file tools changed ${plugin}\n${detail(run)}`);
  for (const [i, call] of calls.entries()) assert.match(run.toolResults[i] ?? '', AIRLOCK_REASON, `OpenCode did not pass airlock's reason for ${call.name} back to the model\n${detail(run)}`);
  assert.deepEqual(run.offLoopback, [], 'OpenCode tried to leave loopback');
});

// OpenCode gives GPT models (a model name with `gpt-`, not gpt-4 or oss) one apply_patch tool in place
// of write and edit; the patch text names the files it adds, changes or deletes.
test('opencode (real program, a GPT model): the apply_patch tool cannot delete airlock\'s plugin, given its absolute path', { skip: skipUnlessInstalled('opencode'), timeout: 600_000 }, async () => {
  const driver = openCodeDriverFor('gpt-5-airlock-e2e');
  const sb = sandbox('opencode-patch');
  driver.configure(sb);
  installAirlock(sb, 'opencode');
  const plugin = openCodePluginFile(sb);
  const before = readFileSync(plugin, 'utf8');
  const outside = join(sb.home, 'notes.txt');
  const control = await driver.runTools(sb, [applyPatch(`*** Begin Patch\n*** Add File: ${outside}\n+notes\n*** End Patch`)]);
  assert.ok(existsSync(outside), `OpenCode's apply_patch tool did not add ${outside} at all, so the test below would prove nothing\n${detail(control)}`);

  const run = await driver.runTools(sb, [applyPatch(`*** Begin Patch\n*** Delete File: ${plugin}\n*** End Patch`)]);
  assert.ok(existsSync(plugin) && readFileSync(plugin, 'utf8') === before, `OpenCode's apply_patch tool deleted or changed ${plugin}\n${detail(run)}`);
  assert.match(run.toolResults[0] ?? '', AIRLOCK_REASON, `OpenCode did not pass airlock's reason for apply_patch back to the model\n${detail(run)}`);
  assert.deepEqual(run.offLoopback, [], 'OpenCode tried to leave loopback');
});
