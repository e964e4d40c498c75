// Evidence for the rules in ./cockroach.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'cockroach/sql': {
    catches: ['cockroach sql --url "$DB" -e \'DROP DATABASE bank CASCADE\'', "cockroach sql -e 'DELETE FROM accounts'"],
    passes: ["cockroach sql -e 'SHOW TABLES'", 'cockroach node status'],
  },
};
