// NATS JetStream through the `nats` CLI: removing and purging streams, consumers, key-value buckets and
// keys, and object stores. `nats kv del BUCKET` removes the bucket, `nats kv del BUCKET KEY` one key.

import { rule } from '../rules/rule.js';
import { subcommandWords } from '../rules/subcommands.js';
import { type TargetSpec, names, variableTargets } from '../rules/targets.js';

const NATS_VALUES = [
  '-s',
  '--server',
  '--context',
  '--creds',
  '--nkey',
  '--user',
  '--password',
  '--token',
  '--tlscert',
  '--tlskey',
  '--tlsca',
  '--js-domain',
  '--js-api-prefix',
  '--subject',
  '--seq',
  '--keep',
  '--timeout',
  '--connection-name',
  '--inbox-prefix',
];

/** The CLI's nouns and their short aliases. */
const NOUNS: Readonly<Record<string, 'stream' | 'consumer' | 'kv' | 'object'>> = {
  stream: 'stream',
  str: 'stream',
  st: 'stream',
  ms: 'stream',
  s: 'stream',
  consumer: 'consumer',
  con: 'consumer',
  obs: 'consumer',
  c: 'consumer',
  kv: 'kv',
  object: 'object',
  obj: 'object',
};
const REMOVE = new Set(['rm', 'del', 'delete']);

export const natsDelete = rule({
  id: 'nats/delete',
  effect: 'destroy',
  severity: 'critical',
  programs: ['nats'],
  summary: 'removes or purges a JetStream stream, consumer, key-value bucket or object store',
  consequence: 'A removed or purged stream loses every message in it; a removed bucket every key and its history; a removed consumer its position.',
  alternatives: ['nats stream info / nats kv status to show a human what is there', 'nats stream backup first'],
  match(inv) {
    const { words, has } = subcommandWords(inv, NATS_VALUES);
    if (has('--help', '-h', '--help-long') || words.includes('help')) return null;
    // `nats server account purge NAME` deletes every JetStream asset of the account, cluster-wide.
    if (words[0] === 'server' && (words[1] === 'account' || words[1] === 'acct') && words[2] === 'purge')
      return { target: words[3], summary: `nats server account purge ${words[3] ?? ''}: deletes every stream, consumer and bucket of the account`.trim() };
    const noun = NOUNS[words[0] ?? ''];
    const verb = words[1] ?? '';
    const [name, item] = words.slice(2);
    if (!noun) return null;
    const what = `nats ${words.slice(0, 4).join(' ')}`;
    if (noun === 'stream' && REMOVE.has(verb)) return { target: name, summary: `${what}: deletes the stream and every message in it` };
    if (noun === 'stream' && verb === 'purge') return { target: name, summary: `${what}: deletes ${has('--subject', '--seq', '--keep') ? 'the selected messages' : 'every message'} in the stream` };
    if (noun === 'stream' && verb === 'rmm') return { severity: 'medium', target: name, summary: `${what}: deletes a message from the stream` };
    if (noun === 'consumer' && REMOVE.has(verb)) return { severity: 'high', target: name, summary: `${what}: deletes the consumer and its delivery position` };
    if ((noun === 'kv' || noun === 'object') && (REMOVE.has(verb) || verb === 'purge')) {
      const store = noun === 'kv' ? 'key-value bucket' : 'object store';
      if (item) return { severity: 'high', target: `${name} ${item}`, summary: `${what}: deletes ${item} from the ${store}${verb === 'purge' ? ' with its history' : ''}` };
      return { target: name, summary: `${what}: deletes the ${store} and everything in it` };
    }
    if (['add', 'edit', 'put', 'create', 'update', 'restore', 'copy', 'revert', 'compact'].includes(verb)) return { effect: 'write', severity: 'medium', target: name, summary: what };
    return null;
  },
});

export const pack = [natsDelete];

/** What its commands act on (src/rules/targets.ts): the server URL and the named context that holds one, as options or variables. */
export const targets: TargetSpec = {
  options: { '-s': names.url, '--server': names.url, '--context': names.name },
  of: (inv) => variableTargets(inv, { NATS_URL: names.url, NATS_CONTEXT: names.name }),
};
