// Evidence for the rules in ./onepassword.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'onepassword/delete': {
    catches: [
      'op item delete "Prod DB" --vault Production',
      'op item delete xq2ab4kzl3',
      'op document delete "TLS key" --vault Infra',
      'op vault delete Staging',
      'op user delete jane@acme.com',
      'op delete item "Prod DB"',
    ],
    passes: [
      'op item get "Prod DB" --vault Production',
      'op item list --vault Production',
      'op item delete "Prod DB" --archive',
      'op vault list',
      'op read op://Production/db/password',
      'op item delete --help',
    ],
  },
  'onepassword/change': {
    catches: ['op item edit "Prod DB" password=hunter2 --vault Production', 'op item create --category login --title api', 'op user suspend jane@acme.com'],
    passes: ['op item get "Prod DB"', 'op whoami', 'op signin', 'op run -- npm start'],
  },
};
