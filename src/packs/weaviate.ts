// Weaviate's REST API: deleting a class (a collection, with every object in it), its tenants, objects
// one by one, and objects in batch by a where filter.

import { hostSays, httpServiceRule } from '../rules/http.js';
import { subcommandRule } from '../rules/subcommands.js';
import type { TargetSpec } from '../rules/targets.js';

export const http = httpServiceRule({
  id: 'weaviate/http',
  effect: 'destroy',
  severity: 'high',
  service: 'Weaviate',
  recognise: (url) => /\.weaviate\.(?:network|cloud|io)$/.test(url.host) || hostSays(url, /^weaviate\d*$/),
  // Weaviate's paths are its own: /v1/schema, /v1/objects and /v1/batch/objects are Weaviate whatever the host.
  endpoints: [
    { methods: ['DELETE'], path: /^\/v1\/schema\/[^/]+\/?$/, own: true, what: 'deletes the class (collection) and every object in it', severity: 'critical' },
    { methods: ['DELETE'], path: /^\/v1\/schema\/[^/]+\/tenants\/?$/, own: true, what: 'deletes tenants with all their objects' },
    { methods: ['DELETE'], path: /^\/v1\/objects\/[^/]+/, own: true, what: 'deletes an object' },
    { methods: ['DELETE'], path: /^\/v1\/batch\/objects\/?$/, unlessBody: /"dryRun"\s*:\s*true/, own: true, what: 'deletes every object the where filter matches' },
  ],
  summary: 'a Weaviate request that deletes a collection or objects',
  consequence: 'Weaviate deletes the class or objects at once; only a backup taken before brings them back.',
  alternatives: ['run the batch delete with "dryRun": true first and show a human the count', 'create a backup (POST /v1/backups/<backend>) first'],
});

/** weaviate-cli (`weaviate-cli delete collection`), and its 2.x spelling as `weaviate` (`schema delete`, `data delete`). */
export const cli = subcommandRule({
  id: 'weaviate/cli',
  effect: 'destroy',
  severity: 'high',
  programs: ['weaviate-cli', 'weaviate'],
  paths: ['delete collection', 'delete data', 'delete tenants', 'delete backup', 'schema delete', 'data delete'],
  valueOptions: ['--collection', '--config-file', '--tenant_suffix', '--number_tenants', '--limit'],
  summary: 'deletes Weaviate collections, objects or tenants',
  consequence: 'Weaviate deletes them at once; only a backup taken before brings them back.',
  alternatives: ['weaviate-cli get collection first and show a human what it holds, and create a backup'],
});

export const pack = [http, cli];

/** What its commands act on (src/rules/targets.ts): the server, which the HTTP pack reads from the URL. */
export const targets: TargetSpec = {};
