// Qdrant's HTTP API: deleting a collection, points, their vectors or payload, and snapshots.

import { hostSays, httpServiceRule } from '../rules/http.js';
import type { TargetSpec } from '../rules/targets.js';

export const http = httpServiceRule({
  id: 'qdrant/http',
  effect: 'destroy',
  severity: 'high',
  service: 'Qdrant',
  recognise: (url) => url.port === '6333' || /\.qdrant\.(?:io|tech)$/.test(url.host) || hostSays(url, /^qdrant\d*$/),
  endpoints: [
    { methods: ['DELETE'], path: /^\/collections\/[^/]+\/?$/, what: 'deletes the collection with all its points' },
    { methods: ['POST'], path: /^\/collections\/[^/]+\/points\/delete\/?$/, own: true, what: 'deletes the points the ids or the filter select' },
    { methods: ['POST'], path: /^\/collections\/[^/]+\/points\/vectors\/delete\/?$/, own: true, what: 'deletes named vectors from points' },
    { methods: ['POST'], path: /^\/collections\/[^/]+\/points\/payload\/(?:delete|clear)\/?$/, own: true, what: "deletes the points' payload" },
    { methods: ['DELETE'], path: /^\/(?:collections\/[^/]+\/)?snapshots\/[^/]+/, what: 'deletes a snapshot: a backup is gone' },
  ],
  summary: 'a Qdrant request that deletes a collection or points',
  consequence: 'Qdrant deletes the collection or points at once; only a snapshot taken before brings them back.',
  alternatives: ['POST /collections/<name>/points/count with the same filter first and show a human what would go', 'create a snapshot (POST /collections/<name>/snapshots) first'],
});

export const pack = [http];

/** What its commands act on (src/rules/targets.ts): the server, which the HTTP pack reads from the URL. */
export const targets: TargetSpec = {};
