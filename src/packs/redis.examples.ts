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
      `redis-cli EVAL "return redis.call('FLUSHALL')" 0`,
      `redis-cli -h cache.internal eval "redis.pcall('flushdb')" 0`,
      'redis-cli EVALSHA 3f1c0e5a 0',
      `redis-cli EVAL "return redis.call(ARGV[1])" 0 FLUSHALL`,
    ],
    passes: [
      "redis-cli --scan --pattern 'session:*' | head -20",
      'redis-cli GET user:1',
      'redis-cli INFO keyspace',
      'redis-cli DEL session:abc',
      `redis-cli EVAL "return redis.call('GET', KEYS[1])" 1 user:1`,
    ],
  },
  'redis/raw-protocol': {
    catches: [
      "printf 'FLUSHALL\\r\\n' | nc redis.internal 6379",
      'echo FLUSHDB | ncat -C cache 6379',
      "printf '*1\\r\\n$8\\r\\nFLUSHALL\\r\\n' | nc 10.0.0.5 6379",
      'nc cache.prod.internal 6379 < commands.txt',
      "echo 'SHUTDOWN NOSAVE' | socat - TCP:cache:6379",
      "printf 'FLUSHALL\\r\\n' > /dev/tcp/cache.internal/6379",
    ],
    passes: [
      "printf 'PING\\r\\n' > /dev/tcp/127.0.0.1/6379",
      "printf 'PING\\r\\n' | nc cache 6379",
      'echo INFO | nc cache 6379',
      'nc -z db.internal 5432',
      "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc example.com 80",
    ],
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
