// Redis: flushing whole databases, deleting keys in bulk, and writing keys (a production write on a
// production host).

import { staticOutput } from '../analyze/output.js';
import type { Invocation } from '../core/invocation.js';
import { parseOptions } from '../rules/argv.js';
import { rule, type Hit } from '../rules/rule.js';
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
      const scripted = scriptedCommands(command, words);
      if (scripted) return scripted;
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

/** Lua run by the server (`EVAL "return redis.call('FLUSHALL')" 0`): the commands it calls; a script that can't be seen is unknown. */
function scriptedCommands(command: string, words: readonly string[]): Hit | null {
  if (command === 'EVALSHA' || command === 'EVALSHA_RO' || command === 'FCALL' || command === 'FCALL_RO')
    return { effect: 'unknown', severity: 'high', summary: `${command} runs a script loaded earlier, which can't be seen` };
  if (command !== 'EVAL' && command !== 'EVAL_RO') return null;
  const called = [...(words[1] ?? '').matchAll(/redis\.(?:p?call)\s*\(\s*['"]([A-Za-z]+)['"]/g)].map((m) => m[1]!.toUpperCase());
  const flush = called.find((c) => FLUSH.has(c));
  if (flush) return { summary: `EVAL runs a script that calls ${flush}, which deletes every key` };
  // Commands named by a variable, or built from strings, can't be read.
  if (/redis\.(?:p?call)\s*\(\s*[^'"\s]/.test(words[1] ?? '')) return { effect: 'unknown', severity: 'high', summary: 'EVAL runs a script whose commands are computed at run time' };
  if (called.some((c) => DELETE.has(c))) return { effect: 'write', severity: 'low', summary: `EVAL runs a script that deletes keys (${called.join(', ')})` };
  return null;
}

const RAW_CLIENTS = new Set(['nc', 'ncat', 'netcat', 'telnet', 'socat']);

/** Redis spoken directly over a socket (`printf 'FLUSHALL\r\n' | nc cache 6379`): the commands on its stdin. */
export const rawProtocol = rule({
  id: 'redis/raw-protocol',
  effect: 'destroy',
  severity: 'critical',

  summary: 'sends Redis commands that delete data straight to a Redis port',
  consequence: 'FLUSHALL and FLUSHDB sent over a raw connection delete every key, with no client in between to notice.',
  alternatives: ['use redis-cli, so the command can be read and approved'],
  match(inv) {
    // A socket client given a Redis port sends what is on its stdin; bash's /dev/tcp/host/6379 sends what the command prints.
    const viaBash = inv.redirects.some((r) => r.op !== '<' && /^\/dev\/tcp\/[^/]+\/63(79|80)$/.test(r.target.text));
    if (!viaBash && !(RAW_CLIENTS.has(inv.program) && inv.argv.some((a, i) => i > 0 && /(^|[:,])63(79|80)$/.test(a.text)))) return null;
    const text = viaBash ? staticOutput(inv) : inv.stdin.kind === 'text' ? inv.stdin.text : null;
    if (text === null) return { effect: 'unknown', severity: 'high', summary: `${inv.program || 'the shell'} sends commands that can't be seen to a Redis port` };
    // Inline commands (`FLUSHALL\r\n`) or RESP (`*1\r\n$8\r\nFLUSHALL\r\n`): every word that is a command.
    const commands = text.split(/[\s]+/).map((w) => w.toUpperCase());
    const flush = commands.find((c) => FLUSH.has(c));
    if (flush) return { summary: `${flush} sent over ${inv.program || "bash's /dev/tcp"} deletes every key` };
    if (commands.some((c) => c === 'SHUTDOWN')) return { summary: 'SHUTDOWN sent over a raw connection stops Redis (NOSAVE loses what was not saved)' };
    if (commands.some((c) => DELETE.has(c))) return { effect: 'write', severity: 'low', summary: `keys deleted over ${inv.program}` };
    return null;
  },
});

export const pack = [redis, write, rawProtocol];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['database'], schemes: /^(rediss?|valkey|keydb)$/, options: { '-h': names.host, '-u': names.name } };
