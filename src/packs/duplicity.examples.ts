// Evidence for the rules in ./duplicity.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'duplicity/remove': {
    catches: [
      'duplicity remove-older-than 6M --force s3://s3.amazonaws.com/acme-prod-backups',
      'duplicity remove-all-but-n-full 2 --force sftp://backup@bk01/srv/dup',
      'duplicity remove-all-inc-of-but-n-full 1 --force file:///srv/dup',
      'duplicity cleanup --force --name prod s3://acme-backups',
      'duply prod purge --force',
      'duply prod backup_purgeFull --force',
      'duply prod cleanup --force',
    ],
    passes: [
      'duplicity remove-older-than 6M s3://s3.amazonaws.com/acme-prod-backups',
      'duplicity cleanup s3://acme-backups',
      'duplicity collection-status s3://acme-backups',
      'duplicity list-current-files s3://acme-backups',
      'duplicity /srv/data s3://acme-backups',
      'duply prod status',
      'duply prod purge',
      'duply prod backup',
    ],
  },
};
