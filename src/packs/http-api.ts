// HTTP requests that delete: DELETE to any API (Elasticsearch indices, Stripe customers…), Elasticsearch
// _delete_by_query, and GraphQL mutations that delete. A DELETE to loopback is a write: it is the
// developer's own server, not someone's data store.

import { literalWord, type Arg, type Invocation } from '../core/invocation.js';
import { parseOptions } from '../rules/argv.js';
import { rule, type Hit, type RuleContext } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

interface HttpRequest {
  method: string;
  urls: string[];
  body: string;
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/** Headers that make servers (Rails, Express method-override, Google APIs…) treat a POST as another method. */
const METHOD_OVERRIDE = /^\s*X-(?:HTTP-)?Method(?:-Override)?\s*:\s*([A-Za-z]+)/i;

/**
 * A curl config file as the arguments it stands for: `request = "DELETE"`, `-X DELETE`,
 * `url: https://…`, `header = "X-HTTP-Method-Override: DELETE"` (curl's --config syntax).
 */
function configArgs(text: string): Arg[] {
  const out: Arg[] = [];
  for (const raw of text.split('\n')) {
    const m = /^\s*(-{0,2}[A-Za-z][\w-]*)(?:\s*[=:]\s*|\s+)?(.*?)\s*$/.exec(raw);
    if (!m || raw.trim().startsWith('#')) continue;
    const name = m[1]!.startsWith('-') ? m[1]! : `--${m[1]}`;
    const value = m[2]!.replace(/^"(.*)"$/, '$1').replace(/\\(["\\])/g, '$1');
    out.push(literalWord(name));
    if (value) out.push(literalWord(value));
  }
  return out;
}

/** curl's arguments with those its config files (-K, --config) add; null when a config can't be read. */
function curlArgs(inv: Invocation, ctx: RuleContext): Arg[] | null {
  const args = inv.argv.slice(1);
  if (!args.some((a) => a.text === '-K' || a.text.startsWith('--config') || /^-K./.test(a.text))) return args;
  const configs = parseOptions(args, { value: CURL_VALUES }).values('-K', '--config');
  const added: Arg[] = [];
  for (const config of configs) {
    const text = config === '-' ? (inv.stdin.kind === 'text' && inv.stdin.static ? inv.stdin.text : null) : ctx.readFile(config, inv);
    if (text === null) return null;
    added.push(...configArgs(text));
  }
  return [...args, ...added];
}

const CURL_VALUES = [
  '-X',
  '--request',
  '-d',
  '--data',
  '--data-raw',
  '--data-binary',
  '--data-urlencode',
  '--json',
  '-H',
  '--header',
  '-u',
  '--user',
  '-o',
  '--output',
  '-A',
  '--user-agent',
  '-e',
  '--referer',
  '-b',
  '--cookie',
  '-c',
  '--cookie-jar',
  '--url',
  '-F',
  '--form',
  '-T',
  '--upload-file',
  '-m',
  '--max-time',
  '--connect-timeout',
  '-w',
  '--write-out',
  '--cacert',
  '--cert',
  '--key',
  '-x',
  '--proxy',
  '--resolve',
  '-K',
  '--config',
];

function request(inv: Invocation, ctx: RuleContext): HttpRequest | 'unreadable' | null {
  const args = inv.argv.slice(1);
  switch (inv.program) {
    case 'curl': {
      const all = curlArgs(inv, ctx);
      if (!all) return 'unreadable';
      const p = parseOptions(all, { value: CURL_VALUES });
      const body = p.values('-d', '--data', '--data-raw', '--data-binary', '--json').join('\n');
      const override = p
        .values('-H', '--header')
        .map((h) => METHOD_OVERRIDE.exec(h)?.[1])
        .find(Boolean);
      const method = (override ?? p.value('-X', '--request') ?? (body ? 'POST' : 'GET')).toUpperCase();
      return { method, urls: [...p.values('--url'), ...p.positionals.map((a) => a.text)], body };
    }
    case 'wget': {
      const p = parseOptions(args, { value: ['--method', '--body-data', '-O', '--output-document', '--header', '-U', '--user-agent', '--post-data'] });
      const body = p.values('--body-data', '--post-data').join('\n');
      const override = p
        .values('--header')
        .map((h) => METHOD_OVERRIDE.exec(h)?.[1])
        .find(Boolean);
      return { method: (override ?? p.value('--method') ?? (body ? 'POST' : 'GET')).toUpperCase(), urls: p.positionals.map((a) => a.text), body };
    }
    case 'http':
    case 'https':
    case 'xh':
    case 'xhs': {
      const p = parseOptions(args, { value: ['-a', '--auth', '-o', '--output', '--session', '--verify', '--cert', '--cert-key', '--proxy', '--timeout'] });
      const words = p.positionals.map((a) => a.text);
      const given = METHODS.has(words[0]?.toUpperCase() ?? '') ? words.shift()!.toUpperCase() : 'GET';
      // httpie's header items are `Name:value`.
      const override = words.map((w) => METHOD_OVERRIDE.exec(w)?.[1]).find(Boolean);
      return { method: (override ?? given).toUpperCase(), urls: words.slice(0, 1), body: words.slice(1).join(' ') };
    }
    default:
      return null;
  }
}

/** Paths of the Kubernetes API, as `kubectl proxy` serves it on localhost:8001. */
const KUBERNETES_API = /^\/(?:api\/v1|apis\/[\w.-]+\/v\d\w*)\/(?:namespaces|nodes|persistentvolumes|customresourcedefinitions|clusterroles|clusterrolebindings|storageclasses)\b/;

function pathOf(url: string): string {
  return /^(?:[a-z+]+:\/\/)?[^/]*(\/[^?#]*)?/i.exec(url)?.[1] ?? '/';
}

function isLoopback(url: string): boolean {
  const host = /^(?:[a-z+]+:\/\/)?(?:[^@/]*@)?(\[[^\]]+\]|[^/:?#]+)/i.exec(url)?.[1]?.toLowerCase() ?? '';
  return host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '[::1]' || host === '0.0.0.0';
}

const GRAPHQL_DELETE = /\bmutation\b[\s\S]*?\b(\w*(?:[dD]elete|[rR]emove|[dD]estroy|[dD]rop|[pP]urge|[wW]ipe)\w*)\s*[({]/;

export const httpDelete = rule({
  id: 'http-api/delete',
  effect: 'destroy',
  severity: 'high',
  programs: ['curl', 'wget', 'http', 'https', 'xh', 'xhs'],
  summary: 'an HTTP request that deletes data',
  consequence: 'The server deletes what the request names: an index, a record, a volume and its backups. There is no undo on the client side.',
  alternatives: ['GET the same resource first and show a human what would be deleted', "use the service's console, where deletes ask for confirmation"],
  match(inv, ctx) {
    const req = request(inv, ctx);
    if (!req) return null;
    if (req === 'unreadable')
      return {
        effect: 'unknown',
        severity: 'medium',
        summary: 'curl reads its request from a config file airlock could not read',
        consequence: 'The method and URL are in the config: it may be a DELETE.',
      };
    // kubectl proxy serves the cluster's API on loopback: a DELETE there deletes from the cluster.
    const remote = req.urls.filter((u) => !isLoopback(u) || KUBERNETES_API.test(pathOf(u)));
    const local = remote.length === 0 && req.urls.length > 0;
    const downgrade = (hit: Hit): Hit => (local ? { ...hit, effect: 'write', severity: 'low', summary: `${hit.summary} (to loopback: the developer's own server)` } : hit);
    const target = req.urls[0];
    if (req.method === 'DELETE') return downgrade({ target, summary: `HTTP DELETE ${target ?? ''}`.trim() });
    if (req.urls.some((u) => /\/_delete_by_query\b/.test(u))) return downgrade({ target, summary: 'Elasticsearch _delete_by_query deletes every document the query matches' });
    const mutation = GRAPHQL_DELETE.exec(req.body);
    if (mutation) return downgrade({ target, summary: `GraphQL mutation ${mutation[1]}` });
    return null;
  },
});

export const pack = [httpDelete];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = {
  // curl -u names the account (`-u "$STRIPE_LIVE_KEY:"`); -d's body may name the environment.
  options: { '-u': names.name, '--url': names.url, '-d': names.name, '-e': names.name, '-c': names.file, '--config': names.file },
};
