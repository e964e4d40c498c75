// Evidence for the rules in ./pgbackrest.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'pgbackrest/expire': {
    catches: [
      'pgbackrest --stanza=main expire',
      'pgbackrest --stanza=main --set=20240601-010101F expire',
      'pgbackrest expire --stanza main --repo1-retention-full=1',
      'pgbackrest --stanza=main --log-level-console=info stanza-delete',
      'pgbackrest --stanza=main --force stanza-delete',
      'PGBACKREST_STANZA=prod pgbackrest expire --set 20240601-010101F',
      'pgbackrest --stanza=main --type=full --repo1-retention-full=1 backup',
    ],
    passes: [
      'pgbackrest --stanza=main info',
      'pgbackrest info',
      'pgbackrest --stanza=main --dry-run expire',
      'pgbackrest --stanza=main --type=full backup',
      'pgbackrest --stanza=main check',
      'pgbackrest --stanza=main stanza-create',
      'pgbackrest help expire',
    ],
  },
  'pgbackrest/restore-over': {
    catches: ['pgbackrest --stanza=main --delta restore', 'pgbackrest --stanza=main --force --type=time "--target=2024-06-01 10:00:00" restore'],
    passes: ['pgbackrest --stanza=main restore', 'pgbackrest --stanza=main --pg1-path=/srv/pg-restore restore'],
  },
};
