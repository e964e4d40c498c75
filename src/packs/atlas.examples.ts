// Evidence for the rules in ./atlas.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'atlas/destructive': {
    catches: ['atlas schema clean -u "$DATABASE_URL" --auto-approve', 'atlas migrate down --env prod'],
    passes: ['atlas schema inspect -u "$DATABASE_URL"', 'atlas migrate status', 'atlas migrate down --dry-run'],
  },
};
