// Evidence for the rules in ./rdiff-backup.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'rdiff-backup/remove': {
    catches: ['rdiff-backup --remove-older-than 2W /srv/backup', 'rdiff-backup --force --remove-older-than 1Y backup@bk01::/srv/backup', 'rdiff-backup remove increments --older-than 2W /srv/backup'],
    passes: [
      'rdiff-backup --list-increments /srv/backup',
      'rdiff-backup list increments /srv/backup',
      'rdiff-backup /srv/data /srv/backup',
      'rdiff-backup backup /srv/data /srv/backup',
      'rdiff-backup --help',
    ],
  },
};
