// Typesense's HTTP API: dropping a collection, deleting documents by id or by filter, and removing
// synonyms, overrides and aliases.

import { hostSays, httpServiceRule } from '../rules/http.js';
import type { TargetSpec } from '../rules/targets.js';

export const http = httpServiceRule({
  id: 'typesense/http',
  effect: 'destroy',
  severity: 'high',
  service: 'Typesense',
  recognise: (url) => url.port === '8108' || /\.typesense\.net$/.test(url.host) || hostSays(url, /^typesense\d*$/),
  endpoints: [
    { methods: ['DELETE'], path: /^\/collections\/[^/]+\/?$/, what: 'drops the collection with all its documents' },
    // Only Typesense has /collections/<name>/documents; deleting by filter_by deletes every match.
    { methods: ['DELETE'], path: /^\/collections\/[^/]+\/documents\/?$/, own: true, what: 'deletes every document the filter_by matches' },
    { methods: ['DELETE'], path: /^\/collections\/[^/]+\/documents\/[^/]+/, own: true, what: 'deletes a document' },
    { methods: ['DELETE'], path: /^\/collections\/[^/]+\/(?:synonyms|overrides)\/[^/]+/, own: true, what: 'deletes a synonym or curation rule' },
    { methods: ['DELETE'], path: /^\/keys\/[^/]+\/?$/, what: 'deletes an API key: every client using it loses access' },
    { methods: ['DELETE'], path: /^\/aliases\/[^/]+/, what: 'deletes an alias: searches through it stop finding the collection', effect: 'write' },
  ],
  summary: 'a Typesense request that drops a collection or deletes documents',
  consequence: 'Typesense deletes the collection or documents at once; only a snapshot taken before brings them back.',
  alternatives: [
    'GET /collections/<name> (num_documents) or search with the same filter first, and show a human what would go',
    'export the documents (GET /collections/<name>/documents/export) first',
  ],
});

export const pack = [http];

/** What its commands act on (src/rules/targets.ts): the server, which the HTTP pack reads from the URL. */
export const targets: TargetSpec = {};
