// Evidence for the rules in ./mikro-orm.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'mikro-orm/destructive': {
    catches: ['npx mikro-orm schema:drop --run', 'npx mikro-orm schema:fresh --run --seed', 'npx mikro-orm migration:fresh', 'npx mikro-orm migration:down'],
    passes: ['npx mikro-orm migration:up', 'npx mikro-orm schema:drop --dump', 'npx mikro-orm debug'],
  },
};
