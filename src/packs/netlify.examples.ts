// Evidence for the rules in ./netlify.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'netlify/delete': {
    catches: ['netlify sites:delete 1234-abcd --force', 'netlify sites delete 1234'],
    passes: ['netlify deploy --prod', 'netlify sites:list', 'netlify status'],
  },
};
