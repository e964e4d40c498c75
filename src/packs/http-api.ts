// HTTP requests that delete: DELETE to any API (Stripe customers, a CouchDB database…), the deletes of
// data stores that have no pack of their own (Prometheus' admin API, InfluxDB, CouchDB's purge), and
// GraphQL mutations that delete; a request a search or vector store's pack knows is left to that pack.
// A DELETE to loopback is a write when it goes to the developer's own application
// (`localhost:3000/api/todos/1`), and a destroy when it goes to a data store running there: the
// store's well-known port or its API's path says which (`localhost:5984/orders`).
// POST, PUT and PATCH to a remote host are writes (a POST that only reads, a search or a GraphQL query,
// is not), production writes when the host says so (`api.prod.acme.com`, `prod-api.…`) or a live payment
// key is sent.

import { rule, type Hit } from '../rules/rule.js';
import { HTTP_PROGRAMS, claimedByService, dataStoreOf, decodeQuery, parsedRequest, type RequestUrl, type RequestUrls } from '../rules/http.js';
import type { Target } from '../core/target.js';
import { type TargetSpec, names } from '../rules/targets.js';

const GRAPHQL_DELETE = /\bmutation\b[\s\S]*?\b(\w*(?:[dD]elete|[rR]emove|[dD]estroy|[dD]rop|[pP]urge|[wW]ipe)\w*)\s*[({]/;

/** Requests other than DELETE that delete data in a data store, whatever host it runs on. */
const DATA_DELETES: readonly { path: RegExp; query?: RegExp; body?: RegExp; what: string }[] = [
  { path: /\/api\/v1\/admin\/tsdb\/delete_series$/, what: 'Prometheus delete_series deletes every sample of the series it selects' },
  { path: /\/api\/v2\/delete$/, what: 'InfluxDB /api/v2/delete deletes every point its predicate matches' },
  // InfluxQL sent to /query: the statement is in the q parameter, in the URL or the body.
  { path: /\/query$/, query: /\bq=\s*(?:DROP|DELETE)\b/i, what: 'InfluxQL DROP or DELETE sent to /query' },
  { path: /\/query$/, body: /\bq=\s*(?:DROP|DELETE)\b/i, what: 'InfluxQL DROP or DELETE sent to /query' },
  { path: /\/_purge$/, what: 'CouchDB _purge removes documents and their history for good' },
  { path: /\/_bulk_docs$/, body: /"_deleted"\s*:\s*true/, what: 'CouchDB _bulk_docs deletes the documents marked _deleted' },
];

function dataDelete(url: RequestUrl, method: string, body: string): string | null {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return null;
  const query = decodeQuery(url.query);
  const found = DATA_DELETES.find((d) => d.path.test(url.path) && (!d.query || d.query.test(query)) && (!d.body || d.body.test(body)));
  return found?.what ?? null;
}

export const httpDelete = rule({
  id: 'http-api/delete',
  effect: 'destroy',
  severity: 'high',
  programs: HTTP_PROGRAMS,
  summary: 'an HTTP request that deletes data',
  consequence: 'The server deletes what the request names: an index, a record, a volume and its backups. There is no undo on the client side.',
  alternatives: ['GET the same resource first and show a human what would be deleted', "use the service's console, where deletes ask for confirmation"],
  match(inv, ctx) {
    const req = parsedRequest(inv, (path) => ctx.readFile(path, inv));
    // A service's own pack (Elasticsearch, Qdrant…) says what the request does, in its words.
    if (!req || claimedByService(req)) return null;
    const first = req.parsed[0];
    const target = req.urls[0];
    const store = req.parsed.map(dataStoreOf).find((s) => s !== null);
    // Only the developer's own application, on this machine, makes a delete a write.
    const local = req.parsed.length > 0 && req.parsed.every((u) => u.loopback) && !store;
    const downgrade = (hit: Hit): Hit => (local ? { ...hit, effect: 'write', severity: 'low', summary: `${hit.summary} (to loopback: the developer's own server)` } : hit);
    const where = store && first?.loopback ? ` (${store} on this machine: its data is lost as surely as a server's)` : '';
    if (req.method === 'DELETE') return downgrade({ target, summary: `HTTP DELETE ${target ?? ''}`.trim() + where });
    for (const url of req.parsed) {
      const what = dataDelete(url, req.method, req.body);
      if (what) return { target: url.text, summary: what + where };
    }
    const mutation = GRAPHQL_DELETE.exec(req.body);
    if (mutation) return downgrade({ target, summary: `GraphQL mutation ${mutation[1]}` });
    return null;
  },
});

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);
/** POST endpoints that only read: Elasticsearch/OpenSearch searches and counts. */
const READ_ENDPOINT = /\/(_search|_msearch|_count|_mget|_validate\/query|_field_caps|_sql|_explain\/[^/?#]+)$/;

/** A request that POSTs only to read: a search, or a GraphQL query with no mutation in it. */
function onlyReads(req: RequestUrls): boolean {
  if (req.method !== 'POST' || req.parsed.length === 0) return false;
  if (req.parsed.every((u) => READ_ENDPOINT.test(u.path))) return true;
  return /["']?query["']?\s*:/.test(req.body) && !/\bmutation\b/.test(req.body) && req.parsed.every((u) => /\/graphql\b/i.test(u.path));
}

export const httpWrite = rule({
  id: 'http-api/write',
  effect: 'write',
  severity: 'medium',
  programs: HTTP_PROGRAMS,
  summary: 'an HTTP request that changes data',
  consequence: 'The server creates or changes what the request names; against a production API (or with a live payment key) real customers and money are involved.',
  alternatives: ['send it to a staging or test-mode endpoint first, and show a human the request'],
  match(inv, ctx) {
    const req = parsedRequest(inv, (path) => ctx.readFile(path, inv));
    // A service's own pack (Elasticsearch, Qdrant…) says what the request does, in its words.
    if (!req || !WRITE_METHODS.has(req.method) || onlyReads(req) || claimedByService(req)) return null;
    const remote = req.parsed.find((u) => !u.loopback);
    return remote ? { target: remote.text, summary: `HTTP ${req.method} ${remote.text}` } : null;
  },
});

export const pack = [httpDelete, httpWrite];

/** Live-mode secret keys of payment APIs (Stripe's `sk_live_`, restricted `rk_live_`): a request made with one moves real money. */
const LIVE_KEY = /\b[sr]k_live_[A-Za-z0-9]/;

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = {
  // curl -u names the account (`-u "$STRIPE_LIVE_KEY:"`); -d's body may name the environment.
  options: { '-u': names.name, '--url': names.url, '-d': names.name, '-e': names.name, '-c': names.file, '--config': names.file },
  // The server a request goes to is its target: `es-prod.internal:9200` is production, `localhost:9200` local.
  // A live payment key is masked wherever it is shown; what it says (live mode) is evidence of production.
  of(inv) {
    const req = parsedRequest(inv);
    const servers: Target[] = (req?.parsed ?? []).filter((u) => !u.host.includes('$')).map((u) => ({ type: 'name', kind: 'url', value: u.origin, source: "the request's server" }));
    return inv.argv.some((a) => LIVE_KEY.test(a.text)) ? [...servers, { type: 'app', environment: 'production', source: 'a live-mode payment API key' }] : servers;
  },
};
