// Evidence for the rules in ./digitalocean.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'digitalocean/delete': {
    catches: ['doctl compute droplet delete web-01 --force', 'doctl databases delete db-1', 'doctl compute volume rm vol-1', 'doctl kubernetes cluster d prod'],
    passes: ['doctl compute droplet list', 'doctl databases get db-1', 'doctl compute droplet delete --help'],
  },
};
