// `airlock log show`: after the fact, why a command was held, who decided and how it ended, from the
// request's id or any entry number, through the real hook, a human at a (pseudo-)terminal and the
// agent's after-command report.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { agentProposes, agentReportsOutcome, BIN, inTerminal, projectHoldingDestroys } from '../helpers.js';

test("log show tells a held command's story: the command, rules, reason with its evidence, who approved it, its use and its exit status", () => {
  const { dir, env } = projectHoldingDestroys('log-show');
  const command = 'rm -rf ./stale-exports';
  const held = agentProposes(command, dir, env);
  assert.ok(held.id, held.reason);
  assert.equal(inTerminal(env, ['approve', held.id], [['to approve', 'local']]).status, 0);
  assert.equal(agentProposes(command, dir, env).allowed, true);
  agentReportsOutcome(command, dir, env);
  const show = (what: string, ...more: string[]) => spawnSync(process.execPath, [BIN, 'log', 'show', what, ...more], { encoding: 'utf8', env });
  const byId = show(held.id);
  assert.equal(byId.status, 0, byId.stderr);
  assert.match(byId.stdout, /^Entry (\d+), .* UTC: request, verdict approve, effect destroy, environment local/);
  assert.match(byId.stdout, /command {4}rm -rf \.\/stale-exports/);
  assert.match(byId.stdout, /rules {6}filesystem\/rm/);
  assert.match(byId.stdout, /Environment: local \(stale-exports from the path/);
  assert.match(byId.stdout, new RegExp(`request ${held.id} requested[\\s\\S]*request ${held.id} approved by \\S+ via terminal[\\s\\S]*request ${held.id} consumed[\\s\\S]*ran: exit status 0`));
  // The same story from the entry's number, and as JSON.
  const seq = /^Entry (\d+)/.exec(byId.stdout)![1]!;
  assert.equal(show(seq).stdout, byId.stdout);
  const json = JSON.parse(show(held.id, '--json').stdout) as { entry: { seq: number }; story: { kind: string }[] };
  assert.equal(json.entry.seq, Number(seq));
  assert.ok(json.story.some((e) => e.kind === 'outcome'));
  const missing = show('zzzzzz');
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /there is no entry or approval request zzzzzz/);
});
