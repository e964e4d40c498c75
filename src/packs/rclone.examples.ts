// Evidence for the rules in ./rclone.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'rclone/delete': {
    catches: [
      'rclone sync ./backups prod-s3:acme-backups/db',
      'rclone sync --transfers 8 /srv/backups b2:acme-prod-backups',
      'rclone bisync ./docs gdrive:docs --resync',
      'rclone move prod-s3:acme-backups/2024 archive:acme/2024',
      'rclone delete prod-s3:acme-backups/db --min-age 30d',
      'rclone deletefile prod-s3:acme-backups/db/2024-06-01.sql.gz',
      'rclone purge prod-s3:acme-backups/old',
      'rclone cleanup gdrive:',
      'rclone dedupe --dedupe-mode newest gdrive:backups',
      'rclone --config /etc/rclone.conf purge prod:bucket',
    ],
    passes: [
      'rclone ls prod-s3:acme-backups',
      'rclone lsd prod-s3:',
      'rclone lsf prod-s3:acme-backups',
      'rclone check ./backups prod-s3:acme-backups/db',
      'rclone size prod-s3:acme-backups',
      'rclone sync --dry-run ./backups prod-s3:acme-backups/db',
      'rclone sync -n ./backups prod-s3:acme-backups/db',
      'rclone purge --dry-run prod-s3:acme-backups/old',
      'rclone sync ./site prod-s3:www --backup-dir prod-s3:www-old/2024-06-01',
      'rclone dedupe rename gdrive:backups',
      'rclone copy ./backups prod-s3:acme-backups/db',
      'rclone sync --help',
      'rclone config show',
    ],
  },
  'rclone/rmdir': {
    catches: ['rclone rmdir prod-s3:acme-backups/empty', 'rclone rmdirs prod-s3:acme-backups --leave-root'],
    passes: ['rclone lsd prod-s3:acme-backups', 'rclone rmdirs --dry-run prod-s3:acme-backups'],
  },
  'rclone/copy': {
    catches: ['rclone copy ./backups prod-s3:acme-backups/db', 'rclone copyto dump.sql.gz prod-s3:acme-backups/db/dump.sql.gz', 'rclone mkdir prod-s3:acme-new'],
    passes: ['rclone ls prod-s3:acme-backups', 'rclone copy --dry-run ./backups prod-s3:acme-backups/db'],
  },
};
