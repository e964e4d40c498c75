// Every rule carries its own evidence: commands it must catch and look-alikes it must pass.
// This one test runs all of them, so no rule exists without examples that prove it.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../src/runtime/assess.js';
import { allRules, packs } from '../../src/packs/index.js';
import { rank } from '../../src/core/effect.js';
import { emptyDir, emptyHome } from '../helpers.js';

import { requestText } from '../../src/core/request.js';
import type { Example } from '../../src/rules/rule.js';

const run = (example: Example) => analyze(typeof example === 'string' ? { command: example, cwd: emptyDir, env: { HOME: emptyHome } } : { ...example, cwd: emptyDir, env: { HOME: emptyHome } });
const title = (example: Example) => (typeof example === 'string' ? example : `${example.kind} ${requestText(example)}`).split('\n')[0];

test('every built-in rule carries examples it catches and look-alikes it passes', () => {
  for (const r of allRules) {
    assert.ok(r.catches.length > 0, `${r.id} has no examples it catches`);
    assert.ok(r.passes.length > 0, `${r.id} has no look-alikes it passes`);
  }
});

test('rule ids are unique and name their pack', () => {
  const ids = allRules.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length, 'duplicate rule id');
  for (const [name, rules] of Object.entries(packs)) {
    for (const r of rules) assert.ok(r.summary && r.consequence && r.alternatives.length, `${r.id} lacks summary, consequence or alternatives`);
    assert.ok(rules.length > 0, `pack ${name} is empty`);
  }
});

for (const r of allRules) {
  for (const example of r.catches) {
    test(`${r.id} catches: ${title(example)}`, async () => {
      const assessment = await run(example);
      assert.ok(
        assessment.findings.some((f) => f.rule === r.id),
        `expected a ${r.id} finding; got ${JSON.stringify(assessment.findings.map((f) => f.rule))}`,
      );
    });
  }
  for (const example of r.passes) {
    test(`${r.id} passes: ${title(example)}`, async () => {
      const assessment = await run(example);
      // A look-alike may still be reported as something milder (DELETE … WHERE id = 1 is a write).
      const hit = assessment.findings.find((f) => f.rule === r.id && rank(f.effect) >= rank(r.effect));
      assert.equal(hit, undefined, `unexpected ${r.id} finding: ${hit?.summary}`);
    });
  }
}
