// HTTP requests that delete: DELETE to any API (Elasticsearch indices, Stripe customers…), Elasticsearch
// _delete_by_query, and GraphQL mutations that delete. A DELETE to loopback is a write: it is the
// developer's own server, not someone's data store. POST, PUT and PATCH to a remote host are writes,
// production writes when the host says so (`api.prod.acme.com`, `prod-api.…`) or a live payment key is sent.

import type { Invocation } from '../core/invocation.js';
import { parseOptions } from '../rules/argv.js';
import { rule, type Hit } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

interface HttpRequest {
  method: string;
  urls: string[];
  body: string;
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

function request(inv: Invocation): HttpRequest | null {
  const args = inv.argv.slice(1);
  switch (inv.program) {
    case 'curl': {
      const p = parseOptions(args, {
        value: [
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
        ],
      });
      const body = p.values('-d', '--data', '--data-raw', '--data-binary', '--json').join('\n');
      const method = (p.value('-X', '--request') ?? (body ? 'POST' : 'GET')).toUpperCase();
      return { method, urls: [...p.values('--url'), ...p.positionals.map((a) => a.text)], body };
    }
    case 'wget': {
      const p = parseOptions(args, { value: ['--method', '--body-data', '-O', '--output-document', '--header', '-U', '--user-agent', '--post-data'] });
      const body = p.values('--body-data', '--post-data').join('\n');
      return { method: (p.value('--method') ?? (body ? 'POST' : 'GET')).toUpperCase(), urls: p.positionals.map((a) => a.text), body };
    }
    case 'http':
    case 'https':
    case 'xh':
    case 'xhs': {
      const p = parseOptions(args, { value: ['-a', '--auth', '-o', '--output', '--session', '--verify', '--cert', '--cert-key', '--proxy', '--timeout'] });
      const words = p.positionals.map((a) => a.text);
      const method = METHODS.has(words[0]?.toUpperCase() ?? '') ? words.shift()!.toUpperCase() : 'GET';
      return { method, urls: words.slice(0, 1), body: words.slice(1).join(' ') };
    }
    default:
      return null;
  }
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
  match(inv) {
    const req = request(inv);
    if (!req) return null;
    const remote = req.urls.filter((u) => !isLoopback(u));
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

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);
/** POST endpoints that only read: Elasticsearch/OpenSearch searches and counts. */
const READ_ENDPOINT = /\/(_search|_msearch|_count|_mget|_validate\/query|_field_caps|_sql|_explain\/[^/?#]+)(?:[?#]|$)/;

/** A request that POSTs only to read: a search, or a GraphQL query with no mutation in it. */
function onlyReads(req: HttpRequest): boolean {
  if (req.method !== 'POST') return false;
  if (req.urls.length > 0 && req.urls.every((u) => READ_ENDPOINT.test(u))) return true;
  return /["']?query["']?\s*:/.test(req.body) && !/\bmutation\b/.test(req.body) && req.urls.every((u) => /\/graphql\b/i.test(u));
}

export const httpWrite = rule({
  id: 'http-api/write',
  effect: 'write',
  severity: 'medium',
  programs: ['curl', 'wget', 'http', 'https', 'xh', 'xhs'],
  summary: 'an HTTP request that changes data',
  consequence: 'The server creates or changes what the request names; against a production API (or with a live payment key) real customers and money are involved.',
  alternatives: ['send it to a staging or test-mode endpoint first, and show a human the request'],
  match(inv) {
    const req = request(inv);
    if (!req || !WRITE_METHODS.has(req.method) || onlyReads(req)) return null;
    const remote = req.urls.filter((u) => !isLoopback(u));
    return remote.length ? { target: remote[0], summary: `HTTP ${req.method} ${remote[0]}` } : null;
  },
});

export const pack = [httpDelete, httpWrite];

/** Live-mode secret keys of payment APIs (Stripe's `sk_live_`, restricted `rk_live_`): a request made with one moves real money. */
const LIVE_KEY = /\b[sr]k_live_[A-Za-z0-9]/;

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = {
  // curl -u names the account (`-u "$STRIPE_LIVE_KEY:"`); -d's body may name the environment.
  options: { '-u': names.name, '--url': names.url, '-d': names.name, '-e': names.name, '-c': names.file, '--config': names.file },
  // The key itself is masked wherever it is shown; what it says (live mode) is evidence of production.
  of: (inv) => (inv.argv.some((a) => LIVE_KEY.test(a.text)) ? [{ type: 'app', environment: 'production', source: 'a live-mode payment API key' }] : []),
};
