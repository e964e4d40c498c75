// Evidence for the rules in ./ecto.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'ecto/destructive': {
    catches: ['mix ecto.drop', 'mix ecto.reset', 'mix ecto.rollback --all', 'MIX_ENV=prod mix ecto.rollback --to 20240101000000'],
    passes: ['mix ecto.migrate', 'mix ecto.rollback', 'mix ecto.migrations', 'mix test'],
  },
};
