// Evidence for the rules in ./knex.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'knex/rollback': {
    catches: ['npx knex migrate:rollback --all', 'npx knex migrate:rollback', 'knex migrate:down --env production'],
    passes: ['npx knex migrate:latest', 'npx knex migrate:status', 'npx knex migrate:make add_orders'],
  },
};
