// Algolia: the `algolia` CLI's deletes (an index, its records, rules, synonyms) and the same
// operations through the REST API at <app>.algolia.net. The API clients' calls (deleteIndex,
// clearObjects, deleteBy) in interpreter code are the interpreters pack's.

import { httpServiceRule } from '../rules/http.js';
import { subcommandRule } from '../rules/subcommands.js';
import { type TargetSpec, names, optionsOf } from '../rules/targets.js';

export const cli = subcommandRule({
  id: 'algolia/cli',
  effect: 'destroy',
  severity: 'high',
  programs: ['algolia'],
  // The docs spell the command group both ways: `algolia indices clear` and `algolia index clear`.
  paths: ['indices delete', 'index delete', 'indices clear', 'index clear', 'objects delete', 'rules delete', 'synonyms delete'],
  valueOptions: ['--profile', '-p', '--application-id', '--api-key', '--object-ids', '--filters', '--rule-ids', '--synonym-ids', '-o', '--output'],
  summary: 'deletes an Algolia index, its records, rules or synonyms',
  consequence: "Algolia deletes them at once; unless the index was exported first, they can't be brought back.",
  alternatives: ['algolia objects browse <index> > backup.ndjson (and algolia settings get, rules browse, synonyms browse) first'],
});

export const http = httpServiceRule({
  id: 'algolia/http',
  effect: 'destroy',
  severity: 'high',
  service: 'Algolia',
  recognise: (url) => /\.(?:algolia\.net|algolianet\.com|algolia\.io)$/.test(url.host),
  endpoints: [
    { methods: ['DELETE'], path: /^\/1\/indexes\/[^/]+\/?$/, what: 'deletes the index with its records, settings, rules and synonyms' },
    { methods: ['POST'], path: /^\/1\/indexes\/[^/]+\/clear\/?$/, own: true, what: 'deletes every record in the index' },
    { methods: ['POST'], path: /^\/1\/indexes\/[^/]+\/deleteByQuery\/?$/, own: true, what: 'deletes every record the filters match' },
    { methods: ['POST'], path: /^\/1\/indexes\/[^/]+\/(?:rules|synonyms)\/clear\/?$/, own: true, what: 'deletes every rule or synonym of the index' },
    { methods: ['POST'], path: /^\/1\/indexes\/[^/]+\/batch\/?$/, body: /"action"\s*:\s*"(?:deleteObject|delete|clear)"/, own: true, what: 'a batch that deletes records' },
    { methods: ['DELETE'], path: /^\/1\/indexes\/[^/]+\/[^/]+/, what: 'deletes a record, rule or synonym' },
  ],
  summary: 'an Algolia API request that deletes an index or records',
  consequence: "Algolia deletes them at once; unless the index was exported first, they can't be brought back.",
  alternatives: ['browse the index (POST /1/indexes/<index>/browse) first and keep the records'],
});

export const pack = [cli, http];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = {
  ...optionsOf(['algolia'], { '--profile': names.profile, '-p': names.profile, '--application-id': names.account }),
};
