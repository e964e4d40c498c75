// Evidence for the rules in ./sequelize.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'sequelize/destructive': {
    catches: ['npx sequelize-cli db:drop --env production', 'npx sequelize-cli db:migrate:undo:all', 'sequelize db:seed:undo:all'],
    passes: ['npx sequelize-cli db:migrate', 'npx sequelize-cli db:migrate:status', 'npx sequelize-cli db:seed:all'],
  },
};
