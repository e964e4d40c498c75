// Trial mode, as a team adopting airlock would use it: with `mode: warn` in the user's policy a
// destructive command is let through by the real hook, runs, and is recorded as "would have held";
// `airlock trial` sums up what enforcement would have done. What is denied stays denied, and a project
// file can't switch enforcement off by itself.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { agentProposes, airlockEnv, BIN, scratchDir } from '../helpers.js';

function setUp(userPolicy: string, projectPolicy: string) {
  const home = scratchDir('trial');
  const dir = join(home, 'project');
  mkdirSync(join(dir, '.airlock'), { recursive: true });
  mkdirSync(join(home, '.config/airlock'), { recursive: true });
  writeFileSync(join(home, '.config/airlock/policy.yaml'), userPolicy);
  writeFileSync(join(dir, '.airlock/policy.yaml'), projectPolicy);
  mkdirSync(join(dir, 'data'));
  writeFileSync(join(dir, 'data/rows.csv'), 'id\n1\n');
  return { home, dir, env: airlockEnv(home) };
}

const HOLD_DESTROYS = 'matrix:\n  local: { destroy: approve }\n  unknown: { destroy: approve }\n';

test('in trial mode a destructive command is let through, runs, and is recorded as would-have-held; airlock trial sums it up', () => {
  const s = setUp('mode: warn\n', HOLD_DESTROYS);
  const proposed = agentProposes('rm -rf ./data', s.dir, s.env);
  assert.equal(proposed.allowed, true, proposed.reason);
  execFileSync('sh', ['-c', 'rm -rf ./data'], { cwd: s.dir });
  assert.equal(existsSync(join(s.dir, 'data')), false, 'it ran');
  // What is forbidden stays forbidden in a trial.
  assert.equal(agentProposes('rm -rf ~', s.dir, s.env).allowed, false);
  const summary = spawnSync(process.execPath, [BIN, 'trial'], { encoding: 'utf8', env: s.env });
  assert.equal(summary.status, 0, summary.stderr);
  assert.match(summary.stdout, /1 command\(s\) ran that enforcement would have held for approval/);
  assert.match(summary.stdout, /by rule:\n +1 +filesystem\/rm/);
  assert.match(summary.stdout, /would have held +local +rm -rf \.\/data/);
  const json = JSON.parse(spawnSync(process.execPath, [BIN, 'trial', '--json'], { encoding: 'utf8', env: s.env }).stdout) as { wouldHaveHeld: number; recent: { seq: number }[] };
  assert.equal(json.wouldHaveHeld, 1);
  const shown = spawnSync(process.execPath, [BIN, 'log', 'show', String(json.recent[0]!.seq)], { encoding: 'utf8', env: s.env }).stdout;
  assert.match(shown, /verdict allow/);
  assert.match(shown, /Allowed in trial mode \(mode: warn for local\): airlock would have held this for approval/);
  assert.match(spawnSync(process.execPath, [BIN, 'policy', 'show', '--cwd', s.dir], { encoding: 'utf8', env: s.env }).stdout, /mode: TRIAL \(warn\) in production .*local/);
});

test('trial mode per environment, and a project file cannot turn enforcement off by itself', () => {
  const perEnv = setUp('mode: { production: enforce, local: warn }\n', HOLD_DESTROYS);
  assert.equal(agentProposes('rm -rf ./data', perEnv.dir, perEnv.env).allowed, true);
  assert.equal(agentProposes("psql 'postgres://app@db.prod.internal/app' -c 'DROP TABLE users'", perEnv.dir, perEnv.env).allowed, false, 'production still enforced');
  const project = setUp('', `${HOLD_DESTROYS}mode: warn\n`);
  assert.equal(agentProposes('rm -rf ./data', project.dir, project.env).allowed, false, 'the project asked for warn; it is not its to ask');
  const shown = spawnSync(process.execPath, [BIN, 'policy', 'show', '--cwd', project.dir], { encoding: 'utf8', env: project.env }).stdout;
  assert.match(shown, /NOT APPLIED:\n.*mode: warn for production ignored: a project file may not turn enforcement off unless your policy sets project_may_relax/);
  assert.match(shown, /mode: enforce everywhere/);
});

test('a project file relaxing what it may not is told so, by policy show and by check, and the stricter verdict stands', () => {
  const s = setUp('', 'matrix:\n  unknown: { destroy: allow }\nrules:\n  allow: [filesystem/rm]\n');
  const shown = spawnSync(process.execPath, [BIN, 'policy', 'show', '--cwd', s.dir], { encoding: 'utf8', env: s.env }).stdout;
  assert.match(shown, /matrix\.unknown\.destroy: allow ignored, approve stays: a project file may only make it stricter unless your policy sets project_may_relax/);
  assert.match(shown, /rules\.allow: filesystem\/rm ignored: a project file may not allow a rule/);
  const checked = spawnSync(process.execPath, [BIN, 'check', '--cwd', s.dir, 'rm -rf /srv/data'], { encoding: 'utf8', env: s.env });
  assert.equal(checked.status, 11, checked.stdout);
  assert.match(checked.stderr, /airlock: policy note: .*filesystem\/rm ignored/);
});
