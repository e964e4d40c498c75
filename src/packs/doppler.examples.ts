// Evidence for the rules in ./doppler.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'doppler/delete': {
    catches: [
      'doppler secrets delete STRIPE_KEY --project api --config prd --yes',
      'doppler secrets delete -p api -c dev OLD_TOKEN LEGACY_URL -y',
      'DOPPLER_CONFIG=prd doppler secrets delete STRIPE_KEY',
      'doppler configs delete prd_backup --project api --yes',
      'doppler environments delete stg --project api',
      'doppler projects delete api --yes',
    ],
    passes: [
      'doppler secrets',
      'doppler secrets get STRIPE_KEY --plain',
      'doppler secrets download --no-file --format env',
      'doppler configs',
      'doppler run -- npm start',
      'doppler secrets delete --help',
    ],
  },
  'doppler/change': {
    catches: ['doppler secrets set STRIPE_KEY=sk_live_x --config prd', 'doppler secrets upload .env -c dev', 'doppler configs clone --config dev --name dev_copy'],
    passes: ['doppler secrets get STRIPE_KEY', 'doppler setup --project api --config dev --no-interactive', 'doppler configs logs', 'doppler me'],
  },
};
