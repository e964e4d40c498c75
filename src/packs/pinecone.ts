// Pinecone: the `pc` CLI's deletes, and the REST API's: the control plane at api.pinecone.io (indexes,
// collections, backups) and an index's own host (vectors by id, by filter or all of them, namespaces).

import { hostSays, httpServiceRule } from '../rules/http.js';
import { subcommandRule } from '../rules/subcommands.js';
import { type TargetSpec, names, optionsOf } from '../rules/targets.js';

export const cli = subcommandRule({
  id: 'pinecone/cli',
  effect: 'destroy',
  severity: 'high',
  programs: ['pc'],
  paths: ['index delete', 'project delete', 'organization delete', 'api-key delete'],
  valueOptions: ['-n', '--name', '-i', '--id', '-o', '--organization-id', '-p', '--project-id'],
  summary: 'deletes a Pinecone index, project, organization or API key',
  consequence: "The index and every vector in it (or the project with all its indexes) are deleted; Pinecone can't restore them.",
  alternatives: ['pc index describe --name <index> first, and enable deletion protection on indexes that matter'],
});

export const http = httpServiceRule({
  id: 'pinecone/http',
  effect: 'destroy',
  severity: 'high',
  service: 'Pinecone',
  recognise: (url) => /(?:^|\.)pinecone\.io$/.test(url.host) || hostSays(url, /^pinecone$/),
  endpoints: [
    { methods: ['DELETE'], path: /^\/indexes\/[^/]+\/?$/, what: 'deletes the index and every vector in it' },
    { methods: ['DELETE'], path: /^\/(?:collections|backups)\/[^/]+\/?$/, what: 'deletes a collection or backup' },
    { methods: ['POST'], path: /^\/vectors\/delete\/?$/, own: true, what: 'deletes vectors by id, by filter, or all of them (deleteAll)' },
    { methods: ['DELETE'], path: /^\/vectors\/delete\/?$/, own: true, what: 'deletes vectors by id, or all of them (deleteAll)' },
    { methods: ['DELETE'], path: /^\/namespaces\/[^/]+\/?$/, what: 'deletes a namespace and every vector in it' },
  ],
  summary: 'a Pinecone request that deletes an index or vectors',
  consequence: "Pinecone deletes them at once and can't restore them unless a backup or collection was made first.",
  alternatives: ['GET /describe_index_stats first and show a human how many vectors would go', 'create a backup of the index first'],
});

export const pack = [cli, http];

/** What its commands act on (src/rules/targets.ts); over HTTP, the server, which the HTTP pack reads from the URL. */
export const targets: TargetSpec = {
  ...optionsOf(['pc'], { '--name': names.name, '-n': names.name, '--project-id': names.project, '-p': names.project, '--organization-id': names.account, '-o': names.account }),
};
