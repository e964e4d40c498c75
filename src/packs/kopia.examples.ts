// Evidence for the rules in ./kopia.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'kopia/delete': {
    catches: [
      'kopia snapshot delete k2b7d0a8c5e1f3 --delete',
      'kopia snapshot delete --all-snapshots-for-source /srv/data --delete',
      'kopia snapshot expire --all --delete',
      'kopia --config-file /etc/kopia/prod.config snap delete k2b7 --delete',
      'kopia content delete 8a7f3c',
      'kopia blob delete p1234abcd',
      'kopia maintenance run --full --safety=none',
    ],
    passes: [
      'kopia snapshot list',
      'kopia snapshot delete k2b7d0a8c5e1f3',
      'kopia snapshot expire --all',
      'kopia snapshot delete k2b7d0a8c5e1f3 --delete=false',
      'kopia snapshot create /srv/data',
      'kopia maintenance run --full',
      'kopia maintenance info',
      'kopia policy show --global',
      'kopia snapshot delete --help',
      'kopia content list',
    ],
  },
};
