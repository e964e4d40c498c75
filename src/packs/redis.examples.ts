// Evidence for the rules in ./redis.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'redis/destructive': {
    catches: [
      'redis-cli -h prod-redis.internal -a "$REDIS_PASSWORD" FLUSHALL',
      'kubectl -n production exec -it redis-0 -- redis-cli FLUSHDB',
      "redis-cli --scan --pattern '*' | xargs redis-cli DEL",
      'redis-cli flushall async',
      "redis-cli <<< 'FLUSHDB'",
    ],
    passes: ["redis-cli --scan --pattern 'session:*' | head -20", 'redis-cli GET user:1', 'redis-cli INFO keyspace', 'redis-cli DEL session:abc'],
  },
  'redis/write': {
    catches: [
      'redis-cli -h cache.prod.internal SET feature:checkout on',
      'redis-cli -u redis://cache.prod.internal:6379 HSET user:1 plan pro',
      'redis-cli EXPIRE session:abc 0',
      "redis-cli <<< 'INCR counter'",
    ],
    passes: ['redis-cli -h cache.prod.internal GET feature:checkout', 'redis-cli INFO', 'redis-cli --scan --pattern user:*', 'redis-cli TTL session:abc'],
  },
};
