// Evidence for the rules in ./tarsnap.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'tarsnap/delete': {
    catches: ['tarsnap -d -f nightly-2024-06-01', 'tarsnap -df nightly-2024-06-01', 'tarsnap --keyfile /root/tarsnap.key -d -f a -f b', 'tarsnap --nuke'],
    passes: ['tarsnap --list-archives', 'tarsnap -c -f nightly /srv/data', 'tarsnap -c --dry-run -f x /srv', 'tarsnap -x -f nightly', 'tarsnap --print-stats'],
  },
};
