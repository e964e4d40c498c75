// Evidence for the rules in ./timeshift.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'timeshift/delete': {
    catches: ["timeshift --delete --snapshot '2024-06-01_01-00-01'", 'timeshift --delete-all', "timeshift --restore --snapshot '2024-06-01_01-00-01' --yes"],
    passes: ['timeshift --list', "timeshift --create --comments 'before upgrade'", 'timeshift --check', 'timeshift --help'],
  },
};
