// Evidence for the rules in ./duplicacy.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'duplicacy/prune': {
    catches: ['duplicacy prune -keep 0:360 -keep 30:180 -keep 7:30', 'duplicacy prune -r 344-350', 'duplicacy prune -storage prod-b2 -keep 0:30 -all', 'duplicacy -log prune -exhaustive'],
    passes: ['duplicacy prune -keep 0:360 -dry-run', 'duplicacy list', 'duplicacy list -storage prod-b2', 'duplicacy backup -stats', 'duplicacy check'],
  },
};
