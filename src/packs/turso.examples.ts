// Evidence for the rules in ./turso.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'turso/destroy': {
    catches: ['turso db destroy acme-prod --yes', 'turso group destroy default'],
    passes: ['turso db list', 'turso db show acme', 'turso db create acme-dev'],
  },
};
