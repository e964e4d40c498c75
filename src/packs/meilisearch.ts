// Meilisearch's HTTP API: deleting an index, all of its documents, or a batch of them.

import { hostSays, httpServiceRule } from '../rules/http.js';
import type { TargetSpec } from '../rules/targets.js';

export const http = httpServiceRule({
  id: 'meilisearch/http',
  effect: 'destroy',
  severity: 'high',
  service: 'Meilisearch',
  recognise: (url) => url.port === '7700' || /\.meilisearch\.(?:io|com)$/.test(url.host) || hostSays(url, /^(?:meili|meilisearch)\d*$/),
  endpoints: [
    { methods: ['DELETE'], path: /^\/indexes\/[^/]+\/?$/, what: 'deletes the index with its documents and settings' },
    { methods: ['DELETE'], path: /^\/indexes\/[^/]+\/documents\/?$/, what: 'deletes every document in the index', severity: 'critical' },
    { methods: ['DELETE'], path: /^\/indexes\/[^/]+\/documents\/[^/]+/, what: 'deletes a document' },
    { methods: ['POST'], path: /^\/indexes\/[^/]+\/documents\/delete(?:-batch)?\/?$/, own: true, what: 'deletes the documents the ids or the filter select' },
    { methods: ['DELETE'], path: /^\/keys\/[^/]+\/?$/, what: 'deletes an API key: every client using it loses access' },
    { methods: ['DELETE'], path: /^\/indexes\/[^/]+\/settings(?:\/|$)/, what: "resets the index's settings to their defaults", effect: 'write' },
  ],
  summary: 'a Meilisearch request that deletes an index or documents',
  consequence: 'Meilisearch deletes the index or documents at once; only a dump or snapshot taken before brings them back.',
  alternatives: ['GET /indexes/<uid>/stats first and show a human how many documents would go', 'create a dump (POST /dumps) before deleting'],
});

export const pack = [http];

/** What its commands act on (src/rules/targets.ts): the server, which the HTTP pack reads from the URL. */
export const targets: TargetSpec = {};
