// Evidence for the rules in ./infisical.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'infisical/delete': {
    catches: ['infisical secrets delete STRIPE_KEY --env=prod', 'infisical secrets delete DB_URL OLD_KEY --env dev --path /apps/api', 'infisical secrets folders delete --env=prod --name legacy'],
    passes: ['infisical secrets --env=prod', 'infisical secrets get STRIPE_KEY --env=prod', 'infisical export --env=dev', 'infisical run --env=dev -- npm start', 'infisical secrets delete --help'],
  },
  'infisical/change': {
    catches: ['infisical secrets set STRIPE_KEY=sk_live_x --env=prod', 'infisical secrets folders create --env=dev --name api'],
    passes: ['infisical secrets get STRIPE_KEY --env=prod', 'infisical init', 'infisical login'],
  },
};
