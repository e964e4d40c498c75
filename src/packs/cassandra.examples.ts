// Evidence for the rules in ./cassandra.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'cassandra/cqlsh': {
    catches: ["cqlsh cassandra-prod -e 'DROP KEYSPACE app;'", "cqlsh -e 'TRUNCATE app.events'"],
    passes: ["cqlsh -e 'SELECT * FROM app.users LIMIT 1'", "cqlsh -e 'DESCRIBE KEYSPACES'"],
  },
};
