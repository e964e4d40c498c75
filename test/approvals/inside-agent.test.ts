// A terminal an agent opens is not the human's: `airlock approve` (and every command only a human may
// run) refuses when an agent program is among its ancestors, even in a real pseudo-terminal with the
// right answers typed. Here the agent is a program named `claude` that runs the terminal, as Claude
// Code's tools run under it.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { agentProposes, BIN, inTerminal, projectRoot, projectHoldingDestroys } from '../helpers.js';

test("approve refuses in a terminal an agent runs, and the request stays pending; the same at the human's own terminal approves", () => {
  const { home, dir, env } = projectHoldingDestroys('inside-agent');
  const held = agentProposes('rm -rf ./old-builds', dir, env);
  assert.ok(held.id, held.reason);
  // The "agent": a program named claude that runs the pseudo-terminal as a child, as an agent's tool call would.
  const agent = join(home, 'claude');
  writeFileSync(agent, '#!/bin/sh\n"$@"\nexit $?\n');
  chmodSync(agent, 0o755);
  const pty = join(projectRoot, 'test/fixtures/pty-run.py');
  const r = spawnSync(agent, ['python3', pty, JSON.stringify([process.execPath, BIN, 'approve', held.id]), JSON.stringify([['to approve', 'local']])], { encoding: 'utf8', env });
  assert.equal(r.status, 0, r.stderr);
  const inside = JSON.parse(r.stdout) as { status: number; output: string };
  assert.equal(inside.status, 2, inside.output);
  assert.match(inside.output, /this terminal runs inside claude \(pid \d+\); a terminal an agent runs is not the human's own/);
  assert.equal(agentProposes('rm -rf ./old-builds', dir, env).allowed, false, 'still held');
  // The human's own terminal: approved.
  assert.equal(inTerminal(env, ['approve', held.id], [['to approve', 'local']]).status, 0);
  assert.equal(agentProposes('rm -rf ./old-builds', dir, env).allowed, true);
});
