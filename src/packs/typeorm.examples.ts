// Evidence for the rules in ./typeorm.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'typeorm/destructive': {
    catches: ['npx typeorm schema:drop -d dist/data-source.js', 'npx typeorm schema:sync -d src/data-source.ts', 'npx typeorm-ts-node-commonjs migration:revert -d src/ds.ts'],
    passes: ['npx typeorm migration:generate src/migrations/AddOrderIndex -d src/data-source.ts', 'npx typeorm migration:show -d src/data-source.ts', 'npx typeorm schema:log -d src/ds.ts'],
  },
};
