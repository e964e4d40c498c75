// Evidence for the rules in ./neon.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'neon/delete': {
    catches: ['neonctl projects delete acme', 'neonctl branches delete main --project-id p1', 'neonctl branches reset dev --parent'],
    passes: ['neonctl projects list', 'neonctl branches create --name dev', 'neonctl connection-string'],
  },
};
