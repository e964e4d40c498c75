// Evidence for the rules in ./liquibase.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'liquibase/drop-or-rollback': {
    catches: ['liquibase drop-all', 'liquibase --url=jdbc:x rollback-count 3', 'liquibase rollback v1.2'],
    passes: ['liquibase status --verbose', 'liquibase update', 'liquibase rollback-sql v1.2', 'liquibase history'],
  },
};
