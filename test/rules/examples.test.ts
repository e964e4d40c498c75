// Every rule has its evidence beside its pack (src/packs/<pack>.examples.ts): commands it must catch
// and look-alikes it must pass. This one test runs all of them, so no rule exists without examples
// that prove it, and no examples outlive the rule they were for.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../src/runtime/assess.js';
import { allRules, packs } from '../../src/packs/index.js';
import { examplesByPack } from '../../src/packs/examples.js';
import { rank } from '../../src/core/effect.js';
import { emptyDir, emptyHome } from '../helpers.js';

import { requestText } from '../../src/core/request.js';
import type { Example, Rule, RuleExamples } from '../../src/rules/rule.js';

const run = (example: Example) => analyze(typeof example === 'string' ? { command: example, cwd: emptyDir, env: { HOME: emptyHome } } : { ...example, cwd: emptyDir, env: { HOME: emptyHome } });
const title = (example: Example) => (typeof example === 'string' ? example : `${example.kind} ${requestText(example)}`).split('\n')[0];

test("every built-in rule has examples it catches and look-alikes it passes, in its own pack's examples", () => {
  for (const [pack, rules] of Object.entries(packs)) {
    const examples = examplesByPack[pack];
    assert.ok(examples, `pack ${pack} has no src/packs/${pack}.examples.ts in src/packs/examples.ts`);
    for (const r of rules) {
      assert.ok((examples[r.id]?.catches.length ?? 0) > 0, `${r.id} has no examples it catches`);
      assert.ok((examples[r.id]?.passes.length ?? 0) > 0, `${r.id} has no look-alikes it passes`);
    }
  }
});

test('every examples entry names a rule of its pack, and every examples module a pack', () => {
  for (const [pack, examples] of Object.entries(examplesByPack)) {
    const ids = new Set(packs[pack]?.map((r) => r.id));
    assert.ok(packs[pack], `examples for ${pack}, which is no pack`);
    for (const id of Object.keys(examples)) assert.ok(ids.has(id), `${pack}.examples.ts has examples for ${id}, which is no rule of the ${pack} pack`);
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

for (const [pack, rules] of Object.entries(packs)) {
  for (const r of rules) testExamples(r, examplesByPack[pack]?.[r.id] ?? { catches: [], passes: [] });
}

function testExamples(r: Rule, { catches, passes }: RuleExamples[string]) {
  for (const example of catches) {
    test(`${r.id} catches: ${title(example)}`, async () => {
      const assessment = await run(example);
      assert.ok(
        assessment.findings.some((f) => f.rule === r.id),
        `expected a ${r.id} finding; got ${JSON.stringify(assessment.findings.map((f) => f.rule))}`,
      );
    });
  }
  for (const example of passes) {
    test(`${r.id} passes: ${title(example)}`, async () => {
      const assessment = await run(example);
      // A look-alike may still be reported as something milder (DELETE … WHERE id = 1 is a write).
      const hit = assessment.findings.find((f) => f.rule === r.id && rank(f.effect) >= rank(r.effect));
      assert.equal(hit, undefined, `unexpected ${r.id} finding: ${hit?.summary}`);
    });
  }
}
