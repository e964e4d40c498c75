// What test/packs/lazy-packs.test.ts compares between the packs in one piece and the packs loaded as
// needed: each finding as a rule reports it, and what its pack says it acts on.

import type { Assessment } from '../../src/core/finding.js';
import type { Request } from '../../src/core/request.js';
import { rule, type RuleSet } from '../../src/rules/rule.js';

export interface Summary {
  findings: unknown[];
  targets: string[];
}

export function summarise(assessment: Assessment, rules: RuleSet): Summary {
  return {
    findings: assessment.findings.map((f) => [f.rule, f.pack, f.effect, f.severity, f.target ?? null, f.forbidden ?? false, f.summary]),
    // RegExps (a pack's schemes) as their source: JSON would make every one `{}`.
    targets: assessment.findings.map((f) => JSON.stringify(rules.targetsOf(f), (_key, value: unknown) => (value instanceof RegExp ? String(value) : value))),
  };
}

/** The requests both sides judge: the same shape the examples test gives them. */
export function exampleRequest(example: string | Request, cwd: string, home: string): Request {
  return typeof example === 'string' ? { command: example, cwd, env: { HOME: home } } : { ...example, cwd, env: { HOME: home } };
}

/** A policy's own rule, as ruleSetWith() adds one after the built-in packs. */
export const policyRule = rule({
  id: 'policy/test-marker',
  effect: 'write',
  severity: 'low',
  programs: ['git', 'echo'],
  summary: 'names the test marker',
  consequence: 'None: a rule of the tests.',
  alternatives: ['leave the marker out'],
  match: (inv) => inv.argv.some((a) => a.text === 'policy-marker'),
});
