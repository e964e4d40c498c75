// Evidence for the rules in ./minio.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'minio/remove': {
    catches: [
      'mc rm prod/uploads/avatars/42.png',
      'mc rm --recursive --force prod/uploads/tmp/',
      'mc rm -r --force --versions play/archive',
      'mc rb prod/old-reports',
      'mc rb --force minio/backups',
      'mc mirror --remove ./public prod/www',
      'mc mirror --overwrite --remove --watch dist/ s3/acme-site',
      'mc admin user remove prod alice',
      'mc ilm rule remove --id rule-1 prod/uploads',
      'mc admin bucket remote rm prod/uploads --arn arn:minio:replication::x:uploads',
    ],
    passes: [
      'mc ls prod/uploads',
      'mc cp report.pdf prod/docs/report.pdf',
      'mc mirror ./public prod/www',
      'mc mirror --remove --dry-run ./public prod/www',
      'mc rm --recursive --force --dry-run prod/uploads/tmp/',
      'mc stat prod/uploads/avatars/42.png',
      'mc rb --help',
      'mc admin user list prod',
      'mc ilm rule ls prod/uploads',
    ],
  },
};
