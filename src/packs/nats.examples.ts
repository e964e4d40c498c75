// Evidence for the rules in ./nats.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'nats/delete': {
    catches: [
      'nats stream rm ORDERS -f',
      'nats --server nats://nats.prod:4222 stream purge ORDERS --force',
      'nats str del ORDERS',
      'nats stream purge ORDERS --subject orders.eu -f',
      'nats stream rmm ORDERS 1042 -f',
      'nats consumer rm ORDERS billing -f',
      'nats kv del config',
      'nats kv rm config feature.flags -f',
      'nats kv purge config feature.flags',
      'nats --context prod object rm backups',
      'nats obj del backups 2026-11-30.tar.gz',
      'nats s delete ORDERS -f',
      'nats c del ORDERS billing',
      'nats server account purge billing -f',
    ],
    passes: [
      'nats stream ls',
      'nats stream info ORDERS',
      'nats consumer report ORDERS',
      'nats kv get config feature.flags',
      'nats kv ls',
      'nats sub "orders.>"',
      'nats s ls',
      'nats server account info billing',
      'nats stream rm --help',
      'nats stream add ORDERS --subjects "orders.*" --defaults',
    ],
  },
};
