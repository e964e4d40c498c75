// Redis: flushing whole databases, deleting keys or the items in them, and writing keys (a production
// write on a production host). Deleting data from a data store is a destroy even for one key or one
// item (README, How it decides), on loopback too.

import { staticOutput } from '../analyze/output.js';
import { interpreterCode, languageOf, stringLiterals } from '../analyze/interpreters.js';
import type { Invocation } from '../core/invocation.js';
import { parseOptions } from '../rules/argv.js';
import { rule, type Hit, type RuleContext } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

const FLUSH = new Set(['FLUSHALL', 'FLUSHDB']);
/** Commands that delete keys, or items from the value a key holds (a popped item is gone from the store). */
const REMOVE = new Set([
  'DEL',
  'UNLINK',
  'GETDEL',
  'HDEL',
  'SREM',
  'SPOP',
  'ZREM',
  'ZREMRANGEBYSCORE',
  'ZREMRANGEBYRANK',
  'ZREMRANGEBYLEX',
  'ZPOPMIN',
  'ZPOPMAX',
  'BZPOPMIN',
  'BZPOPMAX',
  'ZMPOP',
  'BZMPOP',
  'LREM',
  'LPOP',
  'RPOP',
  'BLPOP',
  'BRPOP',
  'LMPOP',
  'BLMPOP',
  'LTRIM',
  'XDEL',
  'XTRIM',
  'JSON.DEL',
  'JSON.FORGET',
]);
const PORT = /(^|[:,])63(79|80)$/;

/** The Redis commands an invocation sends: its arguments, or the lines fed to it on stdin; null when they are fed from something that can't be read. */
function commandLines(inv: Invocation): string[][] | null {
  const parsed = parseOptions(inv.argv.slice(1), {
    value: ['-h', '-p', '-a', '-n', '-u', '-s', '-r', '-i', '-d', '--user', '--pass', '--pattern', '--count', '--cacert', '--cert', '--key', '--sni', '--eval', '--rdb', '--functions-rdb'],
  });
  if (parsed.positionals.length) return [parsed.positionals.map((a) => a.text)];
  if (inv.stdin.kind === 'text') return inv.stdin.text.split('\n').map((l) => l.trim().split(/\s+/));
  // `redis-cli --pipe < cmds.txt` with a file that can't be read, or commands another program prints at run time.
  return inv.stdin.kind === 'none' ? [] : null;
}

/** The finding for one command line a client sends, or null when it deletes nothing. */
function commandHit(words: readonly string[], via: string): Hit | null {
  const command = (words[0] ?? '').toUpperCase();
  if (FLUSH.has(command)) return { summary: `${command}${via} deletes every key${command === 'FLUSHALL' ? ' in every database' : ' in the database'}` };
  if (command === 'SWAPDB') return { severity: 'high', summary: `SWAPDB ${words.slice(1, 3).join(' ')}${via} swaps two whole databases: the keys each client of one saw are gone from it` };
  if (REMOVE.has(command)) return { severity: 'high', summary: `${command} ${words.slice(1, 4).join(' ')}${via} deletes data`.replace(/ +/g, ' ') };
  if ((command === 'EXPIRE' || command === 'PEXPIRE') && Number(words[2]) <= 0) return { severity: 'high', summary: `${command} ${words[1] ?? ''} ${words[2]}${via} deletes the key at once` };
  const sub = (words[1] ?? '').toUpperCase();
  if (command === 'FUNCTION' && (sub === 'FLUSH' || sub === 'DELETE')) return { severity: 'high', summary: `FUNCTION ${sub}${via} deletes stored function libraries` };
  return null;
}

export const redis = rule({
  id: 'redis/destructive',
  effect: 'destroy',
  severity: 'critical',
  programs: ['redis-cli', 'valkey-cli', 'keydb-cli'],
  summary: 'deletes Redis data',
  consequence: 'FLUSHALL and FLUSHDB delete every key; DEL, UNLINK, HDEL, SREM, the pops, LTRIM and XTRIM delete keys or the items in them, and SWAPDB swaps whole databases; Redis keeps no undo.',
  alternatives: ['redis-cli --scan --pattern … | head to show a human what would go', 'BGSAVE first'],
  match(inv, ctx) {
    const script = evalFile(inv, ctx);
    if (script) return script;
    const lines = commandLines(inv);
    if (lines === null) return { effect: 'unknown', severity: 'high', summary: `${inv.program} sends commands read at run time, which can't be seen` };
    for (const words of lines) {
      const command = (words[0] ?? '').toUpperCase();
      const scripted = scriptedCommands(command, words);
      if (scripted) return scripted;
      if (REMOVE.has(command) && inv.runtimeArgs) return { summary: `${command} of keys fed in at run time (a bulk delete)` };
      const hit = commandHit(words, '');
      if (hit) return hit;
    }
    return null;
  },
});

/** Commands that change keys (deleting ones are the rule above's). */
const WRITES =
  /^(SET|SETEX|SETNX|PSETEX|SETRANGE|MSET|MSETNX|APPEND|INCR|INCRBY|INCRBYFLOAT|DECR|DECRBY|GETSET|GETEX|HSET|HSETNX|HMSET|HINCRBY|HINCRBYFLOAT|LPUSH|LPUSHX|RPUSH|RPUSHX|LSET|LINSERT|LMOVE|RPOPLPUSH|SADD|SMOVE|ZADD|ZINCRBY|EXPIRE|EXPIREAT|PEXPIRE|PEXPIREAT|PERSIST|RENAME|RENAMENX|XADD|PUBLISH|SPUBLISH|RESTORE|COPY|MOVE|PFADD|GEOADD|SETBIT|BITOP|JSON\.SET)$/;

export const write = rule({
  id: 'redis/write',
  effect: 'write',
  severity: 'medium',
  programs: ['redis-cli', 'valkey-cli', 'keydb-cli'],
  summary: 'changes Redis keys',
  consequence: 'The keys hold new values at once; what readers of a production cache or queue see changes with them.',
  alternatives: ['GET the key first and show a human the old and new value'],
  match(inv) {
    const line = commandLines(inv)?.find((words) => WRITES.test((words[0] ?? '').toUpperCase()));
    return line ? { target: line[1], summary: `${line[0]!.toUpperCase()} ${line.slice(1, 2).join(' ')}`.trim() } : null;
  },
});

/** `redis-cli --eval script.lua keys , args`: the Lua file it runs, judged like EVAL's script; unknown when it can't be read. */
function evalFile(inv: Invocation, ctx: RuleContext): Hit | null {
  const at = inv.argv.findIndex((a) => a.text === '--eval');
  if (at < 0) return null;
  const path = inv.argv[at + 1];
  const text = path?.static ? ctx.readFile(path.text, inv) : null;
  if (text === null) return { effect: 'unknown', severity: 'high', summary: `--eval runs a Lua script (${path?.text ?? 'none named'}) that can't be read` };
  return scriptHit(`the script ${path!.text}`, text);
}

/**
 * Lua run by the server (`EVAL "return redis.call('FLUSHALL')" 0`), or loaded for it to run later
 * (`SCRIPT LOAD`, `FUNCTION LOAD`): the commands it calls; a script that can't be seen is unknown.
 */
function scriptedCommands(command: string, words: readonly string[]): Hit | null {
  if (command === 'EVALSHA' || command === 'EVALSHA_RO' || command === 'FCALL' || command === 'FCALL_RO')
    return { effect: 'unknown', severity: 'high', summary: `${command} runs a script loaded earlier, which can't be seen` };
  if (command === 'EVAL' || command === 'EVAL_RO') return scriptHit('EVAL runs a script that', words[1] ?? '');
  const sub = (words[1] ?? '').toUpperCase();
  if ((command === 'SCRIPT' || command === 'FUNCTION') && sub === 'LOAD') return scriptHit(`${command} LOAD stores a script that`, words.at(-1) ?? '');
  return null;
}

/** A Lua script's finding: the most destructive command it calls, or unknown when what it calls is computed. */
function scriptHit(what: string, script: string): Hit | null {
  const called = luaCalls(script);
  if (called === null) return { effect: 'unknown', severity: 'high', summary: `${what} calls commands computed at run time, which can't be read` };
  const flush = called.find((c) => FLUSH.has(c));
  if (flush) return { summary: `${what} calls ${flush}, which deletes every key` };
  const removes = called.filter((c) => REMOVE.has(c) || c === 'SWAPDB');
  if (removes.length) return { severity: 'high', summary: `${what} deletes data (${[...new Set(removes)].join(', ')})` };
  return null;
}

/** What a script may use of the `redis` (Valkey: `server`) object besides call/pcall: none of it runs a command. */
const HARMLESS_MEMBER = /^\s*\.\s*(?:log|sha1hex|status_reply|error_reply|setresp|set_repl|replicate_commands|breakpoint|debug|register_function|acl_check_cmd|REPL_\w+|LOG_\w+)\b/;
/** Lua that can reach a function by a name it computes (`_G['red'..'is']`, `load(…)`): nothing it calls can be read. */
const LUA_INDIRECTION = /\b(?:load|loadstring|dofile|loadfile|getfenv|setfenv|rawget|_G|_ENV)\b/;
const LUA_STRING = String.raw`'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"`;
/** A command name written as string literals joined with `..` (`'FL'..'USHDB'`), up to the `,` or `)` that ends the argument. */
const LUA_NAME = new RegExp(String.raw`^\s*\(?\s*((?:${LUA_STRING})(?:\s*\.\.\s*(?:${LUA_STRING}))*)\s*\)?\s*[,)]`);

/**
 * The commands a Lua script calls through redis.call/pcall, upper-cased, with names joined from
 * literals (`'FL'..'USHDB'`) read whole; null when a name is computed (a variable, an escape, a
 * function result), or when `redis` is reached any other way (`local r = redis`, `redis['call']`).
 */
function luaCalls(script: string): string[] | null {
  if (LUA_INDIRECTION.test(script)) return null;
  // The same text with every string's contents blanked: `redis` inside a key name ('redis:cache') is no reference.
  const code = script.replace(new RegExp(LUA_STRING, 'g'), (s) => s[0] + ' '.repeat(s.length - 2) + s[0]);
  const calls: string[] = [];
  for (const m of code.matchAll(/\b(?:redis|server)\b/g)) {
    const rest = script.slice(m.index! + m[0].length);
    const call = /^\s*\.\s*p?call\s*\(/.exec(rest);
    if (!call) {
      if (HARMLESS_MEMBER.test(rest)) continue;
      return null;
    }
    const name = LUA_NAME.exec(rest.slice(call[0].length));
    const literals = name ? [...name[1]!.matchAll(new RegExp(LUA_STRING, 'g'))].map((l) => l[0].slice(1, -1)) : [];
    // A Lua escape (`'\70LUSHDB'`) spells a name that can't be read as written.
    if (!name || literals.some((l) => l.includes('\\'))) return null;
    calls.push(literals.join('').toUpperCase());
  }
  return calls;
}

const RAW_CLIENTS = new Set(['nc', 'ncat', 'netcat', 'telnet', 'socat']);
/** curl's telnet:// sends its stdin; dict:// and gopher:// send their URL's path: each can speak to Redis. */
const CURL_REDIS_URL = /^(telnet|dict|gopher):\/\/[^/]*:63(?:79|80)(?=\/|$)(.*)$/i;
/** A raw socket opened in interpreter code (python's socket, node's net.connect, ruby's TCPSocket, perl's IO::Socket, php's fsockopen). */
const CODE_SOCKET = /\bsocket\b|\bcreate_connection\b|\bconnect\b|\bcreateConnection\b|\bnet\.Socket\b|\bTCPSocket\b|\bIO::Socket\b|\bfsockopen\b|\bstream_socket_client\b/;
/** A Redis port named in code: 6379 or 6380 as a number or in an address. */
const CODE_REDIS_PORT = /(?<![\w.])63(?:79|80)(?!\w)/;

/** The text a raw carrier sends to a Redis port, null when it can't be seen; undefined when the invocation is no raw carrier to Redis. */
function rawText(inv: Invocation, ctx: RuleContext): { text: string | null; via: string } | undefined {
  // bash's /dev/tcp/host/6379 sends what the command prints.
  if (inv.redirects.some((r) => r.op !== '<' && /^\/dev\/tcp\/[^/]+\/63(79|80)$/.test(r.target.text))) return { text: staticOutput(inv), via: "bash's /dev/tcp" };
  const stdin = inv.stdin.kind === 'text' ? inv.stdin.text : null;
  if (RAW_CLIENTS.has(inv.program) && inv.argv.some((a, i) => i > 0 && PORT.test(a.text))) return { text: stdin, via: inv.program };
  if (inv.program === 'curl') {
    const url = inv.argv.map((a) => CURL_REDIS_URL.exec(a.text)).find((m) => m);
    if (!url) return undefined;
    if (url[1]!.toLowerCase() === 'telnet') return { text: stdin, via: 'curl telnet://' };
    return { text: decodeURIComponentSafe(url[2]!.replace(/^\/_?/, '')).replace(/:/g, ' '), via: `curl ${url[1]!.toLowerCase()}://` };
  }
  if (languageOf(inv.program)) {
    const code = interpreterCode(inv, (path) => ctx.readFile(path, inv));
    if (!code || code === 'unreadable' || !CODE_SOCKET.test(code.code) || !CODE_REDIS_PORT.test(code.code)) return undefined;
    // Only what the code's strings hold is sent: Python's `del x` is no Redis DEL.
    return { text: unescapeCode(stringLiterals(code.code).join(' ')), via: code.origin };
  }
  return undefined;
}

const decodeURIComponentSafe = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** Code's `\r\n` and `\x46` escapes read as what they send, so `b'SELECT 15\r\nFLUSHDB\r\n'` splits into its commands. */
const unescapeCode = (code: string) => code.replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))).replace(/\\[rnt]/g, ' ');

/** Redis spoken directly over a socket (`printf 'FLUSHALL\r\n' | nc cache 6379`): the commands on its stdin. */
export const rawProtocol = rule({
  id: 'redis/raw-protocol',
  effect: 'destroy',
  severity: 'critical',

  summary: 'sends Redis commands that delete data straight to a Redis port',
  consequence: 'FLUSHALL and FLUSHDB sent over a raw connection delete every key, and DEL and the like the keys they name, with no client in between to notice.',
  alternatives: ['use redis-cli, so the command can be read and approved'],
  match(inv, ctx) {
    const sent = rawText(inv, ctx);
    if (!sent) return null;
    if (sent.text === null) return { effect: 'unknown', severity: 'high', summary: `${sent.via || 'the shell'} sends commands that can't be seen to a Redis port` };
    // Inline commands (`FLUSHALL\r\n`) or RESP (`*1\r\n$8\r\nFLUSHALL\r\n`): every word that is a command, with what follows it.
    const words = sent.text.split(/[\s'"`;(),]+/);
    for (let i = 0; i < words.length; i++) {
      const hit = commandHit(words.slice(i), ` sent over ${sent.via}`);
      if (hit) return hit;
      if (words[i]!.toUpperCase() === 'SHUTDOWN') return { summary: 'SHUTDOWN sent over a raw connection stops Redis (NOSAVE loses what was not saved)' };
    }
    return null;
  },
});

export const pack = [redis, write, rawProtocol];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['database'], schemes: /^(rediss?|valkey|keydb)$/, options: { '-h': names.host, '-u': names.name } };
