// Chroma: `chroma db delete` (a Chroma Cloud database), and the HTTP API's deletes: a collection, the
// records in one, a database, and /reset, which empties the whole server.

import { hostSays, httpServiceRule } from '../rules/http.js';
import { subcommandRule } from '../rules/subcommands.js';
import type { TargetSpec } from '../rules/targets.js';

export const cli = subcommandRule({
  id: 'chroma/cli',
  effect: 'destroy',
  severity: 'critical',
  programs: ['chroma'],
  paths: ['db delete'],
  summary: 'deletes a Chroma Cloud database',
  consequence: 'The database and every collection in it are deleted; Chroma says this cannot be undone.',
  alternatives: ['export the collections first, and show a human what the database holds'],
});

export const http = httpServiceRule({
  id: 'chroma/http',
  effect: 'destroy',
  severity: 'high',
  service: 'Chroma',
  recognise: (url) => /\.trychroma\.com$/.test(url.host) || hostSays(url, /^(?:chroma|chromadb)\d*$/),
  endpoints: [
    { methods: ['POST'], path: /^\/api\/v[12]\/reset\/?$/, own: true, what: 'resets the server: every collection is deleted', severity: 'critical' },
    { methods: ['DELETE'], path: /^\/api\/v2\/tenants\/[^/]+\/databases\/[^/]+\/collections\/[^/]+\/?$/, own: true, what: 'deletes the collection with its records' },
    { methods: ['DELETE'], path: /^\/api\/v2\/tenants\/[^/]+\/databases\/[^/]+\/?$/, own: true, what: 'deletes the database with its collections' },
    { methods: ['POST'], path: /^\/api\/v2\/tenants\/[^/]+\/databases\/[^/]+\/collections\/[^/]+\/delete\/?$/, own: true, what: 'deletes the records the ids or the where filter select' },
    { methods: ['POST'], path: /^\/api\/v1\/collections\/[^/]+\/delete\/?$/, own: true, what: 'deletes the records the ids or the where filter select' },
    // /api/v1/collections/<x> is a common shape for an application's own API too: only on a Chroma host.
    { methods: ['DELETE'], path: /^\/api\/v1\/collections\/[^/]+\/?$/, what: 'deletes the collection with its records' },
  ],
  summary: 'a Chroma request that deletes a collection, records or everything',
  consequence: 'Chroma deletes them at once; there is no undo.',
  alternatives: ['GET the collection (and its count) first and show a human what would go'],
});

export const pack = [cli, http];

/** What its commands act on (src/rules/targets.ts): the server, which the HTTP pack reads from the URL. */
export const targets: TargetSpec = {};
