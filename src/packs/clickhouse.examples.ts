// Evidence for the rules in ./clickhouse.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'clickhouse/client': {
    catches: ["clickhouse-client --query 'DROP TABLE events'", "clickhouse client -q 'TRUNCATE TABLE logs'", "clickhouse-client --query 'ALTER TABLE events DELETE WHERE 1'"],
    passes: ["clickhouse-client --query 'SELECT count() FROM events'", "clickhouse-client -q 'SHOW TABLES'"],
  },
};
