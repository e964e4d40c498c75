// Evidence for the rules in ./hasura.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'hasura/migrate-down': {
    catches: ['hasura migrate apply --down all', 'hasura migrate apply --down 3 --database-name default', 'hasura metadata clear'],
    passes: ['hasura migrate apply', 'hasura migrate status', 'hasura migrate apply --down 1 --dry-run'],
  },
};
