// The per-project escape hatch: `airlock allow RULE --project DIR` at a human's terminal writes into the
// user's own policy, and from then on the rule no longer holds in DIR (and only there). Without a
// terminal it refuses; the agent is denied the command by the hook; a project file can't open one itself.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync as read, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { agentProposes, airlockEnv, BIN, inTerminal, scratchDir } from '../helpers.js';

test('an escape hatch is opened only at a terminal, into the user policy, and applies in that project alone', () => {
  const home = scratchDir('allow');
  const env = airlockEnv(home);
  const project = (name: string, extra = '') => {
    const dir = join(home, name);
    mkdirSync(join(dir, '.airlock'), { recursive: true });
    writeFileSync(join(dir, '.airlock/policy.yaml'), `matrix:\n  local: { destroy: approve }\n  unknown: { destroy: approve }\n${extra}`);
    return dir;
  };
  const mine = project('mine');
  const other = project('other', `projects:\n  ${JSON.stringify(join(home, 'other'))}:\n    allow: [filesystem/rm]\n`);
  const userPolicy = join(home, '.config/airlock/policy.yaml');
  // No terminal: refused, nothing written.
  const piped = spawnSync(process.execPath, [BIN, 'allow', 'filesystem/rm', '--project', mine], { encoding: 'utf8', env });
  assert.equal(piped.status, 2);
  assert.match(piped.stderr, /refusing to run without an interactive terminal/);
  assert.equal(existsSync(userPolicy), false);
  // The agent asking for it through its tools: denied by the hook.
  const asked = agentProposes(`airlock allow filesystem/rm --project ${mine}`, mine, env);
  assert.equal(asked.allowed, false);
  assert.match(asked.reason, /only a human may run|blocked/);
  // A mistyped rule: refused with the nearest ids.
  const typo = inTerminal(env, ['allow', 'filesystem/rn', '--project', mine], []);
  assert.equal(typo.status, 2);
  assert.match(typo.output, /did you mean filesystem\/rm/);
  // At the human's terminal: written into their own policy.
  assert.equal(agentProposes('rm -rf ./data', mine, env).allowed, false);
  const opened = inTerminal(env, ['allow', 'filesystem/rm', '--project', mine], []);
  assert.equal(opened.status, 0, opened.output);
  assert.match(read(userPolicy, 'utf8'), new RegExp(`projects:\\n  ${mine.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\n    allow:\\n      - filesystem/rm`));
  assert.equal(agentProposes('rm -rf ./data', mine, env).allowed, true, 'no longer held in that project');
  mkdirSync(join(mine, 'sub'));
  assert.equal(agentProposes('rm -rf ./data', join(mine, 'sub'), env).allowed, true, 'and below it');
  // Elsewhere it still holds, and a project's own `projects:` is ignored, and said so.
  assert.equal(agentProposes('rm -rf ./data', other, env).allowed, false);
  assert.match(spawnSync(process.execPath, [BIN, 'policy', 'show', '--cwd', other], { encoding: 'utf8', env }).stdout, /projects: ignored: only your user policy may open an escape hatch/);
  // Forbidden stays forbidden.
  assert.equal(agentProposes('rm -rf ~', mine, env).allowed, false);
});
