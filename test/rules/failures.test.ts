// A rule that fails, or a pack that can't be loaded, holds the command as unknown without taking the
// other rules' findings with it: a deny found by another rule still wins (found by the attack review
// of the hook's packs loaded as needed, where a missing pack file turned `rm -rf /` into a hold).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decide } from '../../src/policy/decide.js';
import { analyzeNow } from '../../src/runtime/assess.js';
import { loadedPacks, rule, RuleSet, type Rule } from '../../src/rules/rule.js';
import { emptyDir, emptyHome } from '../helpers.js';

const denies = rule({
  id: 'test/denies',
  effect: 'destroy',
  severity: 'critical',
  programs: ['wipe'],
  summary: 'wipes',
  consequence: 'Gone.',
  alternatives: ['do not'],
  match: () => ({ forbidden: true }),
});
const fails = rule({
  id: 'test/fails',
  effect: 'write',
  severity: 'low',
  programs: ['wipe'],
  summary: 'never gets here',
  consequence: 'None.',
  alternatives: ['none'],
  match: () => {
    throw new Error('this rule broke on token=abc123secret');
  },
});

const judge = (rules: RuleSet, command: string) => {
  const assessment = analyzeNow({ command, cwd: emptyDir, env: { HOME: emptyHome } }, { rules });
  return { assessment, decision: decide({ assessment }) };
};

test('a rule that fails is a finding of its own, and the deny another rule found still wins', () => {
  for (const order of [
    [fails, denies],
    [denies, fails],
  ] as Rule[][]) {
    const { assessment, decision } = judge(new RuleSet({ test: order }), 'wipe everything');
    assert.deepEqual(assessment.findings.map((f) => f.rule).sort(), ['analysis/internal-error', 'test/denies']);
    assert.equal(decision.verdict, 'deny');
    const failure = assessment.findings.find((f) => f.rule === 'analysis/internal-error')!;
    assert.equal(failure.effect, 'unknown');
    assert.match(failure.summary, /rule test\/fails failed/);
    assert.doesNotMatch(failure.summary, /abc123secret/, 'the error message is masked like any summary');
  }
});

test('a pack that cannot be loaded holds what names its programs, and the other packs still judge it', () => {
  const whole = loadedPacks({ broken: [fails], test: [denies] });
  const source = {
    ...whole,
    load: (pack: string) =>
      pack === 'broken'
        ? (() => {
            throw new Error('its rule pack /x/broken.cjs is missing');
          })()
        : whole.load(pack),
  };
  const { assessment, decision } = judge(new RuleSet(source), 'wipe everything');
  assert.deepEqual(assessment.findings.map((f) => f.rule).sort(), ['analysis/rule-pack', 'test/denies']);
  assert.match(assessment.findings.find((f) => f.rule === 'analysis/rule-pack')!.summary, /broken rules for wipe could not be loaded: its rule pack \/x\/broken\.cjs is missing/);
  assert.equal(decision.verdict, 'deny');
  // A program the broken pack does not name is judged as ever.
  assert.deepEqual(judge(new RuleSet(source), 'ls').assessment.findings, []);
});
