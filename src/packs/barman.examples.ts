// Evidence for the rules in ./barman.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'barman/delete': {
    catches: [
      'barman delete pg-prod 20240601T010101',
      'barman delete pg-prod oldest',
      'barman -c /etc/barman.conf delete pg-prod last',
      'barman-cloud-backup-delete -b 20240601T010101 s3://acme-prod-barman pg-prod',
      'barman-cloud-backup-delete --retention-policy "RECOVERY WINDOW OF 7 DAYS" s3://acme-prod-barman pg-prod',
    ],
    passes: [
      'barman list-backups pg-prod',
      'barman show-backup pg-prod latest',
      'barman check pg-prod',
      'barman backup pg-prod',
      'barman-cloud-backup-delete --dry-run -b 20240601T010101 s3://acme-prod-barman pg-prod',
      'barman-cloud-backup-delete -t s3://acme-prod-barman pg-prod',
      'barman delete --help',
    ],
  },
};
