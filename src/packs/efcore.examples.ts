// Evidence for the rules in ./efcore.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'efcore/destructive': {
    catches: ['dotnet ef database drop --force', 'dotnet ef database update 0', 'dotnet-ef database drop -f'],
    passes: ['dotnet ef migrations add AddOrders', 'dotnet ef database update', 'dotnet ef migrations list', 'dotnet build'],
  },
};
