// Evidence for the rules in ./restic.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'restic/forget': {
    catches: [
      'restic -r s3:s3.amazonaws.com/acme-prod-backups forget --keep-last 7 --prune',
      'restic forget --keep-daily 7 --keep-weekly 4',
      'restic forget 4bba301e',
      'RESTIC_REPOSITORY=b2:acme-prod:restic restic prune',
      'restic --repo /srv/restic-repo prune --max-unused 0',
      'restic forget -l 1 --host db01 --prune',
      'restic rewrite --exclude /var/lib/postgresql --forget',
      'restic repair snapshots --forget',
      'rustic forget --keep-daily 7 --prune',
    ],
    passes: [
      'restic snapshots',
      'restic -r s3:s3.amazonaws.com/acme-prod-backups snapshots --json',
      'restic forget --keep-last 7 --prune --dry-run',
      'restic forget -n --keep-daily 7',
      'restic prune --dry-run',
      'restic rewrite --exclude /tmp',
      'restic repair snapshots',
      'restic backup /srv/data',
      'restic check --read-data',
      'restic forget --help',
      'restic stats',
      'rustic snapshots',
      'rustic forget --dry-run --keep-daily 7',
    ],
  },
  'restic/key-remove': {
    catches: ['restic key remove 8ab3c4d5', 'restic -r sftp:backup@host:/srv/restic key rm 8ab3c4d5'],
    passes: ['restic key list', 'restic key add --new-password-file new.txt', 'restic key remove --help'],
  },
  'restic/unlock-all': {
    catches: ['restic unlock --remove-all', 'restic -r s3:s3.amazonaws.com/acme-prod-backups unlock --remove-all'],
    passes: ['restic unlock', 'restic list locks'],
  },
};
