// Kong Gateway: decK syncs and resets, which delete every entity the state file doesn't hold, and Admin API
// requests that delete services, routes, consumers, plugins and certificates or replace a DB-less
// gateway's whole configuration.

import type { Target } from '../core/target.js';
import { parseOptions } from '../rules/argv.js';
import { hostSays, httpServiceRule } from '../rules/http.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

const DECK_VALUES = [
  '--kong-addr',
  '--konnect-addr',
  '--konnect-control-plane-name',
  '--konnect-runtime-group-name',
  '--konnect-token',
  '--konnect-token-file',
  '--konnect-email',
  '--konnect-password-file',
  '-w',
  '--workspace',
  '--select-tag',
  '--headers',
  '--ca-cert',
  '--ca-cert-file',
  '--tls-client-cert',
  '--tls-client-key',
  '--tls-server-name',
  '--parallelism',
  '--rps-limit',
  '-s',
  '--state',
  '-o',
  '--output-file',
  '--analytics',
  '--timeout',
];

export const deckSync = rule({
  id: 'kong/deck-sync',
  effect: 'destroy',
  severity: 'high',
  programs: ['deck'],
  summary: 'makes a Kong gateway match a decK file, deleting every entity the file lacks',
  consequence:
    'Services, routes, consumers (with their credentials) and plugins missing from the file are deleted from the gateway; a partial or wrong file takes traffic down. deck reset deletes everything.',
  alternatives: ['deck gateway diff with the same file, and show the diff to a human', 'deck gateway apply, which adds and updates without deleting'],
  match(inv) {
    const p = parseOptions(inv.argv.slice(1), { value: DECK_VALUES });
    if (p.has('--help', '-h')) return null;
    const words = p.positionals.map((a) => a.text);
    // `deck sync` and `deck reset` are the older spellings of `deck gateway sync` and `deck gateway reset`.
    const [verb, ...files] = words[0] === 'gateway' || words[0] === 'konnect' ? words.slice(1) : words;
    const target = p.value('--kong-addr', '--konnect-control-plane-name', '--konnect-runtime-group-name') ?? '';
    if (verb === 'reset') return { severity: 'critical', target, summary: `deck reset deletes every entity on the gateway${target ? ` at ${target}` : ''}` };
    if (verb !== 'sync') return null;
    const state = [...p.values('-s', '--state'), ...files];
    return { target, summary: `deck sync makes the gateway${target ? ` at ${target}` : ''} match ${state.join(' ') || 'kong.yaml'}, deleting what it lacks` };
  },
});

/** The Admin API's entities (optionally under a workspace): deleting one removes it and what hangs from it (a consumer's credentials, a service's routes). */
const ENTITY = /^\/(?:[\w-]+\/)?(?:services|routes|consumers|plugins|upstreams|targets|certificates|ca_certificates|snis|keys|key-sets|vaults|workspaces|consumer_groups|licenses)\/[^/]+/;

export const adminApi = httpServiceRule({
  id: 'kong/admin-api-delete',
  effect: 'destroy',
  severity: 'high',
  service: 'Kong Admin API',
  // The Admin API listens on 8001 (8444 over TLS); behind a proxy its host name usually says kong.
  recognise: (url) => url.port === '8001' || url.port === '8444' || hostSays(url, /^kong\d*$/),
  endpoints: [
    { methods: ['DELETE'], path: ENTITY, what: 'deletes a gateway entity (a service, route, consumer, plugin or certificate) and what depends on it' },
    { methods: ['POST'], path: /^\/(?:[\w-]+\/)?config\/?$/, what: "replaces a DB-less gateway's whole configuration, dropping what the new one lacks" },
  ],
  summary: "deletes Kong gateway entities or replaces the gateway's configuration through the Admin API",
  consequence:
    "The deleted service, route, consumer or plugin stops working at once and Kong keeps no copy; POST /config replaces a DB-less gateway's whole configuration, dropping what the new one lacks.",
  alternatives: ['GET the entity first and keep it, so it can be put back', 'change the gateway with deck gateway diff and a reviewed file'],
});

export const pack = [deckSync, adminApi];

/**
 * What its commands act on (src/rules/targets.ts): decK's Admin API address and Konnect control plane (a
 * request's server is read by the HTTP pack). Only deck's own long options: the pack's rules also see
 * curl, whose short options mean other things.
 */
export const targets: TargetSpec = {
  options: { '--kong-addr': names.url, '--konnect-control-plane-name': names.name, '--konnect-runtime-group-name': names.name },
  of(inv) {
    const addr = inv.env.DECK_KONG_ADDR;
    return addr?.static ? [{ type: 'name', kind: 'url', value: addr.text, source: 'DECK_KONG_ADDR=… on the command' } satisfies Target] : [];
  },
};
