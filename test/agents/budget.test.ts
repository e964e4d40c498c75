// Past an agent's own time limit for its hook, most agents let the command run. So the hook's whole
// time, a wait for a human included, must end inside that limit, and `init` must install limits that
// make room for the policy's approvals.wait where the agent lets it set one.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ANALYSIS_MS, hookBudgetMs, installedTimeoutMs } from '../../src/agents/budget.js';
import { adapters } from '../../src/agents/index.js';
import { projectRoot } from '../helpers.js';

const BIN = join(projectRoot, 'bin/airlock.mjs');

test("budgets: every agent's hook answers inside the agent's limit, with room for the analysis", () => {
  for (const adapter of Object.values(adapters)) {
    for (const wait of [0, 30_000, 5 * 60_000]) {
      const timeout = installedTimeoutMs(adapter, wait);
      const budget = hookBudgetMs(timeout);
      assert.ok(budget < timeout, `${adapter.name}: the hook's budget must end before the agent's limit`);
      assert.ok(timeout - budget >= 3_000, `${adapter.name}: at least 3 s of margin for a busy machine`);
      assert.ok(budget >= ANALYSIS_MS, `${adapter.name}: the analysis fits`);
      if (adapter.hookTimeout.configurable) assert.ok(budget >= ANALYSIS_MS + wait, `${adapter.name}: a wait of ${wait} ms fits in what init installs`);
      else assert.equal(timeout, adapter.hookTimeout.ms, `${adapter.name}: a limit airlock can't set is left as the agent has it`);
    }
  }
  // Copilot CLI's limit is 30 s by default: the old 20 s analysis plus a 20 s wait overran it.
  assert.ok(hookBudgetMs(installedTimeoutMs(adapters.copilot, 0)) <= 27_000);
});

test("init installs time limits that make room for approvals.wait, in each agent's own unit", () => {
  const home = mkdtempSync(join(tmpdir(), 'airlock-budget-init-'));
  mkdirSync(join(home, '.config/airlock'), { recursive: true });
  writeFileSync(join(home, '.config/airlock/policy.yaml'), 'approvals:\n  wait: 10m\n');
  const env = { PATH: '/usr/bin:/bin', HOME: home, AIRLOCK_STATE_DIR: join(home, 'state'), AIRLOCK_ORG_POLICY: '/nonexistent/org.yaml' };
  const r = spawnSync(process.execPath, [BIN, 'init', '--agent', 'claude-code', '--agent', 'gemini', '--agent', 'copilot', '--agent', 'opencode', '--yes'], { encoding: 'utf8', env, cwd: home });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const wanted = (agent: keyof typeof adapters) => installedTimeoutMs(adapters[agent], 10 * 60_000);
  assert.ok(wanted('claude-code') > 10 * 60_000);
  const claude = JSON.parse(readFileSync(join(home, '.claude/settings.json'), 'utf8'));
  const pre = claude.hooks.PreToolUse[0].hooks[0];
  assert.equal(pre.timeout, wanted('claude-code') / 1000, 'Claude Code counts seconds');
  assert.match(pre.command, new RegExp(`--timeout-ms=${wanted('claude-code')}$`), 'the hook knows the limit it runs under');
  const gemini = JSON.parse(readFileSync(join(home, '.gemini/settings.json'), 'utf8'));
  assert.equal(gemini.hooks.BeforeTool[0].hooks[0].timeout, wanted('gemini'), 'Gemini CLI counts milliseconds');
  const copilot = JSON.parse(readFileSync(join(home, '.copilot/hooks/airlock.json'), 'utf8'));
  assert.equal(copilot.hooks.preToolUse[0].timeoutSec, wanted('copilot') / 1000, 'Copilot CLI counts seconds');
  // OpenCode's limit is airlock's own plugin's, fixed inside OpenCode's: the wait is cut to fit instead.
  const plugin = readFileSync(join(home, '.config/opencode/plugins/airlock.js'), 'utf8');
  assert.match(plugin, /timeout: 25000 /);
  assert.match(plugin, /--timeout-ms=25000/);
});

test("a hook told to wait for a human longer than its agent allows answers before the agent's limit, and leaves the request pending", () => {
  const home = mkdtempSync(join(tmpdir(), 'airlock-budget-wait-'));
  mkdirSync(join(home, '.config/airlock'), { recursive: true });
  writeFileSync(join(home, '.config/airlock/policy.yaml'), 'approvals:\n  wait: 10m\n');
  const env = { PATH: process.env.PATH ?? '', HOME: home, AIRLOCK_STATE_DIR: join(home, 'state'), AIRLOCK_ORG_POLICY: '/nonexistent/org.yaml', NO_COLOR: '1' };
  // An agent limit of 8 s: the hook has 5 s, the policy asks for 10 min of waiting.
  const limit = 8_000;
  const started = Date.now();
  const r = spawnSync(process.execPath, [join(projectRoot, 'dist/hook.cjs'), 'copilot', `--timeout-ms=${limit}`], {
    input: JSON.stringify({ sessionId: 's', cwd: home, toolName: 'bash', toolArgs: JSON.stringify({ command: 'terraform destroy -auto-approve' }) }),
    encoding: 'utf8',
    env,
    // Far longer than the limit: this only stops a broken hook from hanging the suite.
    timeout: 120_000,
  });
  const took = Date.now() - started;
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).permissionDecision, 'deny', 'held, not let through');
  // The budget is measured from the hook's own start, so it ends before the agent's limit whatever the machine's speed.
  assert.ok(took < limit + 5_000, `the hook took ${took} ms for an agent limit of ${limit} ms`);
  const pending = spawnSync(process.execPath, [join(projectRoot, 'bin/airlock.mjs'), 'status'], { encoding: 'utf8', env });
  assert.match(pending.stdout, /terraform destroy -auto-approve/, 'the request is still there for the human');
});
