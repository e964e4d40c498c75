// Redis: flushing whole databases, and deleting keys in bulk.

import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

const FLUSH = new Set(['FLUSHALL', 'FLUSHDB']);
const DELETE = new Set(['DEL', 'UNLINK']);

export const redis = rule({
  id: 'redis/destructive',
  effect: 'destroy',
  severity: 'critical',
  programs: ['redis-cli', 'valkey-cli', 'keydb-cli'],
  summary: 'deletes Redis data',
  consequence: 'FLUSHALL and FLUSHDB delete every key; keys fed to DEL in bulk are deleted whatever they turn out to be.',
  alternatives: ['redis-cli --scan --pattern … | head to show a human what would go', 'BGSAVE first'],
  match(inv) {
    const parsed = parseOptions(inv.argv.slice(1), {
      value: ['-h', '-p', '-a', '-n', '-u', '-s', '-r', '-i', '-d', '--user', '--pass', '--pattern', '--count', '--cacert', '--cert', '--key', '--sni', '--eval', '--rdb', '--functions-rdb'],
    });
    const lines = parsed.positionals.length ? [parsed.positionals.map((a) => a.text)] : inv.stdin.kind === 'text' ? inv.stdin.text.split('\n').map((l) => l.trim().split(/\s+/)) : [];
    for (const words of lines) {
      const command = (words[0] ?? '').toUpperCase();
      if (FLUSH.has(command)) return { summary: `${command} deletes every key${command === 'FLUSHALL' ? ' in every database' : ' in the database'}` };
      if (DELETE.has(command) && inv.runtimeArgs) return { summary: `${command} of keys fed in at run time (a bulk delete)` };
      if (DELETE.has(command)) return { effect: 'write', severity: 'low', summary: `${command} ${words.slice(1).join(' ')}` };
    }
    return null;
  },
});

export const pack = [redis];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['database'], options: { '-h': names.host, '-u': names.name } };
