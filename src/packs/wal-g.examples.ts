// Evidence for the rules in ./wal-g.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'wal-g/delete': {
    catches: [
      'wal-g delete retain FULL 5 --confirm',
      'wal-g delete before base_000000010000000000000009 --confirm',
      'wal-g delete everything FORCE --confirm',
      'wal-g delete target base_000000010000000000000009 --confirm',
      'wal-g delete garbage --confirm',
      'WALG_S3_PREFIX=s3://acme-prod-walg wal-g delete retain 3 --confirm',
      'wal-g --config /etc/wal-g/prod.yaml delete retain FULL 2 --confirm',
      'wal-g st rm basebackups_005/base_000000010000000000000009',
    ],
    passes: [
      'wal-g delete retain FULL 5',
      'wal-g delete everything FORCE',
      'wal-g backup-list --detail',
      'wal-g backup-push /var/lib/postgresql/data',
      'wal-g st ls basebackups_005',
      'wal-g delete --help',
    ],
  },
};
