// Evidence for the rules in ./scripts.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'scripts/destructive-name': {
    catches: ['npm run db:reset', 'just nuke', 'make teardown', 'pnpm run db:drop', 'yarn run wipe-data', 'bun run reset'],
    passes: ['npm test', 'npm run build', 'make', 'just lint', 'pnpm dev', 'yarn start'],
  },
};
