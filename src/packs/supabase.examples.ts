// Evidence for the rules in ./supabase.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'supabase/destroy': {
    catches: [
      'supabase secrets unset STRIPE_KEY --project-ref abcdefghijklmnop',
      'npx supabase db reset --linked',
      'npx supabase projects delete abcdefghijklmnop',
      'supabase db reset',
      'supabase stop --no-backup',
      'supabase branches delete preview-1',
    ],
    passes: ['supabase secrets list', 'supabase secrets set STRIPE_KEY=x', 'npx supabase projects list', 'supabase db diff', 'supabase start', 'supabase stop', 'supabase db reset --help'],
  },
};
