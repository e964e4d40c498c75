// Evidence for the rules in ./borg.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'borg/delete': {
    catches: [
      'borg delete /srv/borg::db-2024-06-01',
      'borg delete ssh://backup@bk01/./repo',
      'borg delete --force ssh://backup@bk01/./repo::app-2024-01-01',
      'BORG_REPO=ssh://backup@bk01/./prod borg prune --keep-daily 7 --keep-weekly 4',
      'borg prune -v --list -d 7 -w 4 /srv/borg',
      'borg compact /srv/borg',
      'borg recreate /srv/borg::app-2024-06-01 --exclude "*.sql"',
      'borg -r /srv/borg repo-delete',
      'borg --remote-path borg1 delete ssh://backup@bk01/./repo::x',
    ],
    passes: [
      'borg list /srv/borg',
      'borg info /srv/borg::db-2024-06-01',
      'borg prune --dry-run --list --keep-daily 7 /srv/borg',
      'borg prune -n --keep-daily 7 /srv/borg',
      'borg delete --dry-run /srv/borg::db-2024-06-01',
      'borg recreate -n /srv/borg::x --exclude "*.log"',
      'borg delete --cache-only /srv/borg',
      'borg create /srv/borg::{now} /srv/data',
      'borg check /srv/borg',
      'borg delete --help',
    ],
  },
  'borg/break-lock': {
    catches: ['borg break-lock /srv/borg', 'BORG_REPO=ssh://backup@bk01/./prod borg break-lock'],
    passes: ['borg list /srv/borg', 'borg break-lock --help'],
  },
};
