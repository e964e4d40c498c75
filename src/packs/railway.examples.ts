// Evidence for the rules in ./railway.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'railway/destructive': {
    catches: ['railway volume delete --volume v1', 'railway down -y', 'railway environment delete staging'],
    passes: ['railway status', 'railway up', 'railway logs'],
  },
};
