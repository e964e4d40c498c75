// Evidence for the rules in ./flyway.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'flyway/clean': {
    catches: ['flyway clean', 'flyway -url=jdbc:postgresql://db/app clean', 'flyway undo'],
    passes: ['flyway migrate', 'flyway info', 'flyway validate'],
  },
};
