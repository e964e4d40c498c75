// Evidence for the rules in ./drizzle.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'drizzle/push-force': {
    catches: ['npx drizzle-kit push --force', 'bunx drizzle-kit push --force --config drizzle.prod.config.ts', 'drizzle-kit push:pg --force'],
    passes: ['bunx drizzle-kit generate', 'npx drizzle-kit migrate', 'npx drizzle-kit studio', 'npx drizzle-kit push --help'],
  },
  'drizzle/schema-change': {
    catches: ['npx drizzle-kit push', 'npx drizzle-kit migrate', 'npx drizzle-kit drop', 'npx drizzle-kit push --strict'],
    passes: ['npx drizzle-kit generate', 'npx drizzle-kit studio', 'npx drizzle-kit check', 'npx drizzle-kit introspect'],
  },
};
