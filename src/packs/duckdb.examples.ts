// Evidence for the rules in ./duckdb.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'duckdb/sql': {
    catches: ["duckdb analytics.duckdb 'DROP TABLE events'", "duckdb data.db -c 'DELETE FROM t'"],
    passes: ["duckdb analytics.duckdb 'SELECT count(*) FROM events'", "duckdb -c 'SELECT 42'"],
  },
};
