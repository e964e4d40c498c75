// Evidence for the rules in ./planetscale.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'planetscale/delete': {
    catches: ['pscale database delete acme --force', 'pscale branch delete acme main'],
    passes: ['pscale database list', 'pscale branch list acme', 'pscale connect acme main'],
  },
};
