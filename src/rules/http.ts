// HTTP requests as the rules judge them: the method, the URLs and the body a curl, wget or HTTPie
// command line sends, each URL split into host, port, path and query. Shared by the generic HTTP pack
// and by the packs of services that are spoken to over HTTP (Elasticsearch, Meilisearch, Qdrant…),
// which name their own endpoints with httpServiceRule.

import type { Effect, Severity } from '../core/effect.js';
import { literalWord, type Arg, type Invocation } from '../core/invocation.js';
import { parseOptions } from './argv.js';
import { rule, type Hit, type Rule, type RuleDefinition } from './rule.js';

export interface HttpRequest {
  method: string;
  urls: string[];
  body: string;
  /** A config file curl reads more of its request from (-K, --config) that can't be read: the method and URL may be in it. */
  unreadable?: string;
  /** A file the body is sent from that can't be read (too big, not there yet): what it asks for is not known. */
  unreadBody?: string;
}

export const HTTP_PROGRAMS = ['curl', 'wget', 'http', 'https', 'xh', 'xhs'];

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/** curl's options that take a value, so a value is not read as a URL. */
export const CURL_VALUE_OPTIONS = [
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

/** Headers that make servers (Rails, Express method-override, Google APIs…) treat a POST as another method. */
const METHOD_OVERRIDE = /^\s*X-(?:HTTP-)?Method(?:-Override)?\s*:\s*([A-Za-z]+)/i;

/** The method a header sets through an override, if one does. */
const overridden = (headers: readonly string[]) => headers.map((h) => METHOD_OVERRIDE.exec(h)?.[1]).find(Boolean);

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

/** curl's arguments with those its config files (-K, --config, `-K -` from stdin) add, and the first config that can't be read. */
function curlArgs(inv: Invocation, readFile: ReadFile): { args: Arg[]; unreadable?: string } {
  const args = inv.argv.slice(1);
  if (!args.some((a) => a.text === '-K' || a.text.startsWith('--config') || /^-K./.test(a.text))) return { args };
  const added: Arg[] = [];
  for (const config of parseOptions(args, { value: CURL_VALUE_OPTIONS }).values('-K', '--config')) {
    const text = config === '-' ? (inv.stdin.kind === 'text' && inv.stdin.static ? inv.stdin.text : null) : readFile(config);
    if (text === null) return { args, unreadable: config };
    added.push(...configArgs(text));
  }
  return { args: [...args, ...added] };
}

/** Reads a file the command names (a request body curl sends with `-d @file`); null when it can't be read. */
export type ReadFile = (path: string) => string | null;

/**
 * The request a curl, wget or HTTPie command line sends, or null for any other program. A body sent
 * from a file (`--data-binary @bulk.ndjson`, `-d @-` from a heredoc, HTTPie's `@body.json`) is read
 * when `readFile` can; one that can't be read counts as empty, and is named in `unreadBody`.
 */
export function httpRequest(inv: Invocation, readFile: ReadFile = () => null): HttpRequest | null {
  const args = inv.argv.slice(1);
  const stdin = inv.stdin.kind === 'text' ? inv.stdin.text : '';
  let unreadBody: string | undefined;
  const content = (path: string) => {
    if (path === '-') return stdin;
    const text = readFile(path);
    if (text === null) unreadBody ??= path;
    return text ?? '';
  };
  const request = sent(inv, args, stdin, content, readFile);
  return request && unreadBody !== undefined ? { ...request, unreadBody } : request;
}

function sent(inv: Invocation, args: Arg[], stdin: string, content: (path: string) => string, readFile: ReadFile): HttpRequest | null {
  switch (inv.program) {
    case 'curl': {
      const { args: all, unreadable } = curlArgs(inv, readFile);
      const p = parseOptions(all, { value: CURL_VALUE_OPTIONS });
      // --data-raw sends an @ as it is; the others read the file it names (--data-urlencode also as name@file).
      const data = [
        ...p.values('-d', '--data', '--data-binary', '--json').map((v) => (v.startsWith('@') ? content(v.slice(1)) : v)),
        ...p.values('--data-raw'),
        ...p.values('--data-urlencode').map((v) => {
          const at = /^([^=@]*)@(.+)$/.exec(v);
          return at ? `${at[1] ? `${at[1]}=` : ''}${content(at[2]!)}` : v;
        }),
      ];
      const sends = p.values('-d', '--data', '--data-binary', '--json', '--data-raw', '--data-urlencode').length > 0;
      // -G sends the data in the query string of a GET.
      const method = (overridden(p.values('-H', '--header')) ?? p.value('-X', '--request') ?? (sends && !p.has('-G', '--get') ? 'POST' : 'GET')).toUpperCase();
      return { method, urls: [...p.values('--url'), ...p.positionals.map((a) => a.text)], body: data.join('\n'), ...(unreadable === undefined ? {} : { unreadable }) };
    }
    case 'wget': {
      const p = parseOptions(args, { value: ['--method', '--body-data', '--body-file', '-O', '--output-document', '--header', '-U', '--user-agent', '--post-data', '--post-file'] });
      const body = [...p.values('--body-data', '--post-data'), ...p.values('--body-file', '--post-file').map(content)].join('\n');
      const sends = p.values('--body-data', '--post-data', '--body-file', '--post-file').length > 0;
      const method = overridden(p.values('--header')) ?? p.value('--method') ?? (sends ? 'POST' : 'GET');
      return { method: method.toUpperCase(), urls: p.positionals.map((a) => a.text), body };
    }
    case 'http':
    case 'https':
    case 'xh':
    case 'xhs': {
      const p = parseOptions(args, { value: ['-a', '--auth', '-o', '--output', '--session', '--verify', '--cert', '--cert-key', '--proxy', '--timeout'] });
      // --offline builds the request and prints it without sending it.
      if (p.has('--offline')) return null;
      const words = p.positionals.map((a) => a.text);
      const given = METHODS.has(words[0]?.toUpperCase() ?? '') ? words.shift()!.toUpperCase() : 'GET';
      // HTTPie's header items are `Name:value`.
      const method = (overridden(words.slice(1)) ?? given).toUpperCase();
      const items = words.slice(1).map((w) => (/^@[^=]/.test(w) ? content(w.slice(1)) : w));
      return { method, urls: words.slice(0, 1), body: [...items, stdin].filter(Boolean).join(' ') };
    }
    default:
      return null;
  }
}

export interface RequestUrl {
  /** The URL as written. */
  text: string;
  /** Lower-cased, brackets kept for IPv6 (`[::1]`). */
  host: string;
  /** '' when the URL names none. */
  port: string;
  path: string;
  query: string;
  /** Scheme, host and port: what the request goes to. */
  origin: string;
  loopback: boolean;
}

/** A URL as curl and HTTPie read one: the scheme may be left out, and HTTPie's `:9200/x` is localhost. */
export function parseUrl(text: string): RequestUrl | null {
  const written = text.trim();
  const full = written.startsWith(':') ? `localhost${written}` : written;
  const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(?:[^@/?#]*@)?(\[[^\]]*\]|[^/:?#]+)(?::(\d*))?([^?#]*)(?:\?([^#]*))?/i.exec(full);
  if (!m) return null;
  const host = m[2]!.toLowerCase();
  const port = m[3] ?? '';
  const scheme = m[1]?.toLowerCase() ?? 'http';
  return { text: written, host, port, path: m[4] || '/', query: m[5] ?? '', origin: `${scheme}://${host}${port ? `:${port}` : ''}`, loopback: isLoopbackHost(host) };
}

function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || /^127\./.test(h) || h === '::1' || h === '0.0.0.0';
}

export interface RequestUrls extends HttpRequest {
  parsed: RequestUrl[];
}

/**
 * The last request read, for the invocation it was read from, with files or without: every service's
 * rule asks for the same invocation's request in turn (a dozen of them for one curl). The files an
 * invocation names read the same for every rule judging the one request it belongs to.
 */
let lastRequest: { inv: Invocation; readsFiles: boolean; request: RequestUrls | null } | undefined;

/** The request with its URLs parsed; null for a program that sends none. Shared by the rules, which must not change it. */
export function parsedRequest(inv: Invocation, readFile?: ReadFile): RequestUrls | null {
  const readsFiles = readFile !== undefined;
  if (lastRequest?.inv === inv && lastRequest.readsFiles === readsFiles) return lastRequest.request;
  const req = httpRequest(inv, readFile);
  const request = req ? { ...req, parsed: req.urls.map(parseUrl).filter((u): u is RequestUrl => u !== null) } : null;
  lastRequest = { inv, readsFiles, request };
  return request;
}

/** The well-known ports of data stores spoken to over HTTP: a request to one is to the data, not to an application. */
const DATA_STORE_PORTS: Readonly<Record<string, string>> = {
  '9200': 'Elasticsearch or OpenSearch',
  '9243': 'Elasticsearch',
  '7700': 'Meilisearch',
  '8108': 'Typesense',
  '5984': 'CouchDB',
  '8086': 'InfluxDB',
  '6333': 'Qdrant',
  '9090': 'Prometheus',
  '8983': 'Solr',
};

/** Path shapes only data stores' APIs have (an application's own API lives under its own prefix, `/api/todos`). */
const DATA_STORE_PATHS: readonly [RegExp, string][] = [
  [/\/_(?:doc|delete_by_query|data_stream|snapshot|all|index_template|template|bulk|aliases)(?:\/|$)/, 'Elasticsearch'],
  [/^\/indexes(?:\/|$)/, 'Meilisearch'],
  [/^\/collections(?:\/|$)/, 'Typesense or Qdrant'],
  [/^\/api\/v1\/admin\/tsdb(?:\/|$)/, 'Prometheus'],
  [/^\/v1\/(?:schema|objects|batch\/objects)(?:\/|$)/, 'Weaviate'],
  [/^\/solr(?:\/|$)/, 'Solr'],
  [/^\/api\/v2\/tenants\/|^\/api\/v[12]\/reset$/, 'Chroma'],
  // What `kubectl proxy` serves on localhost:8001: a DELETE there deletes from the cluster.
  [/^\/(?:api\/v1|apis\/[\w.-]+\/v\d\w*)\/(?:namespaces|nodes|persistentvolumes|customresourcedefinitions|clusterroles|clusterrolebindings|storageclasses)\b/, 'the Kubernetes API (kubectl proxy)'],
];

/** Which data store a URL reaches, by its port or its path, or null when it may be any server. */
export function dataStoreOf(url: RequestUrl): string | null {
  if (Object.hasOwn(DATA_STORE_PORTS, url.port)) return DATA_STORE_PORTS[url.port]!;
  return DATA_STORE_PATHS.find(([re]) => re.test(url.path))?.[1] ?? null;
}

/** One of a service's endpoints that loses data (or, with `effect: 'write'`, changes it). */
export interface Endpoint {
  methods: readonly string[];
  path: RegExp;
  query?: RegExp;
  body?: RegExp;
  /** It loses nothing (closing a search's scroll): the service speaks for it, and says nothing. */
  harmless?: true;
  /** A body that makes it harmless (Weaviate's `"dryRun": true`). */
  unlessBody?: RegExp;
  /** Only this service's API has this path (or body): the server needs no other sign that it is this service. */
  own?: boolean;
  what: string;
  effect?: Effect;
  severity?: Severity;
}

export interface ServiceRuleDefinition extends Omit<RuleDefinition, 'match' | 'programs'> {
  service: string;
  /** A server of this service by its host name or port (`*.algolia.net`, `:7700`). */
  recognise(url: RequestUrl): boolean;
  endpoints: readonly Endpoint[];
}

/**
 * Whether some service's rule speaks for each URL of the request, by its method and path and whatever
 * it does with the body (Weaviate's batch delete with `"dryRun": true` is its to let through): the
 * generic HTTP rule leaves such a request to it, so it is reported once, in the service's words.
 * Each httpServiceRule adds its service here when its pack is defined.
 */
const services: ((req: RequestUrls, url: RequestUrl) => boolean)[] = [];
export function claimedByService(req: RequestUrls): boolean {
  return req.parsed.length > 0 && req.parsed.every((url) => services.some((claims) => claims(req, url)));
}

/** A rule for a service's HTTP API: a request matching one of its endpoints, sent to a server of the service. */
export function httpServiceRule(def: ServiceRuleDefinition): Rule {
  const { service, recognise, endpoints, ...rest } = def;
  const endpointOf = (req: RequestUrls, url: RequestUrl): Endpoint | undefined =>
    endpoints.find(
      (e) => e.methods.includes(req.method) && e.path.test(url.path) && (!e.query || e.query.test(decodeQuery(url.query))) && (!e.body || e.body.test(req.body)) && (e.own || recognise(url)),
    );
  services.push((req, url) => endpointOf(req, url) !== undefined);
  return rule({
    ...rest,
    programs: HTTP_PROGRAMS,
    match(inv, ctx) {
      const req = parsedRequest(inv, (path) => ctx.readFile(path, inv));
      if (!req) return null;
      const hits: Hit[] = [];
      for (const url of req.parsed) {
        // An endpoint that deletes depending on the body (`_bulk`, Solr's update), sent a body airlock can't read.
        const blind = req.unreadBody !== undefined ? endpoints.find((e) => e.body && e.methods.includes(req.method) && e.path.test(url.path) && (e.own || recognise(url))) : undefined;
        if (blind && !endpointOf(req, url)) {
          hits.push({
            effect: 'unknown',
            severity: 'high',
            target: url.text,
            summary: `${service}: the body comes from ${req.unreadBody}, which airlock could not read, and decides whether this request deletes (${blind.what})`,
          });
          continue;
        }
        const endpoint = endpointOf(req, url);
        if (endpoint && !endpoint.harmless && !endpoint.unlessBody?.test(req.body))
          hits.push({
            target: url.text,
            summary: `${service}: ${endpoint.what}`,
            ...(endpoint.effect ? { effect: endpoint.effect } : {}),
            ...(endpoint.severity ? { severity: endpoint.severity } : endpoint.effect === 'write' ? { severity: 'medium' as const } : {}),
          });
      }
      return hits;
    },
  });
}

/** A query string as its server reads it: `+` is a space, `%xx` the character. */
export function decodeQuery(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** A host name that says which service it is: a label or dotted part equal to one of the words (`es-prod.internal`, `meili.example.com`). */
export function hostSays(url: RequestUrl, words: RegExp): boolean {
  return url.host.split(/[.-]/).some((part) => words.test(part));
}
