// find is read the same way whether it deletes (-delete) or runs something (-exec): its own options
// first, then the starting points, then the expression (src/rules/find.ts).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../src/runtime/assess.js';
import { emptyDir, emptyHome } from '../helpers.js';

const findings = async (command: string) => (await analyze({ command, cwd: emptyDir, env: { HOME: emptyHome } })).findings;

test("find -delete past find's own options deletes from the starting point named after them", async () => {
  for (const command of ["find -L / -name '*.sql' -delete", "find -O2 -D tree / -name '*.sql' -delete"]) {
    const hit = (await findings(command)).find((f) => f.rule === 'filesystem/find-delete');
    assert.equal(hit?.target, '/ (matching *.sql)', command);
    assert.equal(hit?.severity, 'critical', command);
  }
});

test('find -exec rm carries the same starting points and patterns to the command it runs', async () => {
  const hit = (await findings("find -L / -name '*.sql' -exec rm {} +")).find((f) => f.rule === 'filesystem/rm');
  assert.equal(hit?.target, '/ (every match of *.sql)');
});
