// Evidence for the rules in ./digitalocean.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'digitalocean/delete': {
    catches: [
      'doctl compute droplet delete web-01 --force',
      'doctl databases delete db-1',
      'doctl compute volume rm vol-1',
      'doctl kubernetes cluster d prod',
      'doctl compute snapshot delete 123456789 --force',
      'doctl compute image delete 123456789',
      'doctl compute load-balancer remove-droplets 4de7ac8b --droplet-ids 3164444,3164445',
      'doctl compute domain records delete example.com 12345 --force',
    ],
    passes: [
      'doctl compute droplet list',
      'doctl databases get db-1',
      'doctl compute droplet delete --help',
      'doctl compute snapshot list',
      'doctl databases backups 9cc10173-e9ea-4176-9dbc-a4cee4c4ff30',
      'doctl compute droplet-action disable-backups 386734086',
      'doctl compute load-balancer add-droplets 4de7ac8b --droplet-ids 3164444',
      'doctl compute domain records list example.com',
    ],
  },
};
