// Redis: flushing whole databases, deleting keys in bulk, and writing keys (a production write on a
// production host).

import type { Invocation } from '../core/invocation.js';
import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

const FLUSH = new Set(['FLUSHALL', 'FLUSHDB']);
const DELETE = new Set(['DEL', 'UNLINK']);

/** The Redis commands an invocation sends: its arguments, or the lines fed to it on stdin. */
function commandLines(inv: Invocation): string[][] {
  const parsed = parseOptions(inv.argv.slice(1), {
    value: ['-h', '-p', '-a', '-n', '-u', '-s', '-r', '-i', '-d', '--user', '--pass', '--pattern', '--count', '--cacert', '--cert', '--key', '--sni', '--eval', '--rdb', '--functions-rdb'],
  });
  return parsed.positionals.length ? [parsed.positionals.map((a) => a.text)] : inv.stdin.kind === 'text' ? inv.stdin.text.split('\n').map((l) => l.trim().split(/\s+/)) : [];
}

export const redis = rule({
  id: 'redis/destructive',
  effect: 'destroy',
  severity: 'critical',
  programs: ['redis-cli', 'valkey-cli', 'keydb-cli'],
  summary: 'deletes Redis data',
  consequence: 'FLUSHALL and FLUSHDB delete every key; keys fed to DEL in bulk are deleted whatever they turn out to be.',
  alternatives: ['redis-cli --scan --pattern … | head to show a human what would go', 'BGSAVE first'],
  match(inv) {
    for (const words of commandLines(inv)) {
      const command = (words[0] ?? '').toUpperCase();
      if (FLUSH.has(command)) return { summary: `${command} deletes every key${command === 'FLUSHALL' ? ' in every database' : ' in the database'}` };
      if (DELETE.has(command) && inv.runtimeArgs) return { summary: `${command} of keys fed in at run time (a bulk delete)` };
      if (DELETE.has(command)) return { effect: 'write', severity: 'low', summary: `${command} ${words.slice(1).join(' ')}` };
    }
    return null;
  },
});

/** Commands that change keys (DEL and the flushes are the rule above's). */
const WRITES =
  /^(SET|SETEX|SETNX|PSETEX|SETRANGE|MSET|MSETNX|APPEND|INCR|INCRBY|INCRBYFLOAT|DECR|DECRBY|GETSET|GETDEL|GETEX|HSET|HSETNX|HMSET|HDEL|HINCRBY|HINCRBYFLOAT|LPUSH|LPUSHX|RPUSH|RPUSHX|LPOP|RPOP|LSET|LREM|LTRIM|LINSERT|LMOVE|RPOPLPUSH|SADD|SREM|SPOP|SMOVE|ZADD|ZREM|ZINCRBY|ZPOPMIN|ZPOPMAX|ZREMRANGEBYSCORE|ZREMRANGEBYRANK|ZREMRANGEBYLEX|EXPIRE|EXPIREAT|PEXPIRE|PEXPIREAT|PERSIST|RENAME|RENAMENX|XADD|XDEL|XTRIM|PUBLISH|SPUBLISH|RESTORE|COPY|MOVE|PFADD|GEOADD|SETBIT|BITOP|JSON\.SET|JSON\.DEL)$/;

export const write = rule({
  id: 'redis/write',
  effect: 'write',
  severity: 'medium',
  programs: ['redis-cli', 'valkey-cli', 'keydb-cli'],
  summary: 'changes Redis keys',
  consequence: 'The keys hold new values at once; what readers of a production cache or queue see changes with them.',
  alternatives: ['GET the key first and show a human the old and new value'],
  match(inv) {
    const line = commandLines(inv).find((words) => WRITES.test((words[0] ?? '').toUpperCase()));
    return line ? { target: line[1], summary: `${line[0]!.toUpperCase()} ${line.slice(1, 2).join(' ')}`.trim() } : null;
  },
});

export const pack = [redis, write];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['database'], schemes: /^(rediss?|valkey|keydb)$/, options: { '-h': names.host, '-u': names.name } };
