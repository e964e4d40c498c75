// Elasticsearch and OpenSearch (one REST API): deleting indices, data streams, documents by query,
// snapshots and templates, over curl, wget or HTTPie; and Curator, which deletes indices and snapshots
// by age or pattern. Closing an index and changing cluster settings are writes: `_open` and another
// PUT undo them.

import { rule } from '../rules/rule.js';
import { hostSays, httpServiceRule, type Endpoint, type RequestUrl } from '../rules/http.js';
import { type TargetSpec, names, optionsOf } from '../rules/targets.js';

/** APIs under `/_…` that only release a search's resources: nothing stored is lost. */
const RELEASES = /^\/_(?:search\/scroll|pit|async_search|sql\/close)(?:\/|$)/;

const endpoints: readonly Endpoint[] = [
  { methods: ['DELETE'], path: RELEASES, own: true, what: "releases a search's scroll or point in time", harmless: true },
  { methods: ['DELETE'], path: /^\/(?:_all|\*)\/?$/, what: 'deletes every index in the cluster', severity: 'critical' },
  { methods: ['DELETE'], path: /^\/_data_stream\/[^/]+/, own: true, what: 'deletes a data stream and all its backing indices' },
  { methods: ['DELETE'], path: /^\/_snapshot\/[^/]+\/[^/]+/, own: true, what: 'deletes a snapshot: a backup is gone' },
  { methods: ['DELETE'], path: /^\/[^/_][^/]*\/_doc\/[^/]+/, own: true, what: 'deletes a document' },
  {
    methods: ['DELETE'],
    path: /^\/_(?:index_template|template|component_template|ilm\/policy|ingest\/pipeline|security\/(?:user|role|api_key)|transform|ml|enrich\/policy|slm\/policy|plugins)(?:\/|$)/,
    own: true,
    what: 'deletes a cluster configuration object (template, policy, pipeline, user, plugin setting)',
  },
  { methods: ['DELETE'], path: /^\/[^/_][^/]*\/?$/, what: 'deletes the index (or every index the pattern matches) with its documents' },
  { methods: ['POST'], path: /\/_delete_by_query\/?$/, own: true, what: '_delete_by_query deletes every document the query matches' },
  { methods: ['POST', 'PUT'], path: /^\/(?:[^/]+\/)?_bulk\/?$/, body: /\{\s*"delete"\s*:/, own: true, what: '_bulk with delete actions deletes the documents it names' },
  { methods: ['POST'], path: /^\/_aliases\/?$/, body: /"remove_index"\s*:/, own: true, what: '_aliases with remove_index deletes the index' },
  { methods: ['POST'], path: /^\/[^/]+\/_update_by_query\/?$/, own: true, what: '_update_by_query rewrites every document the query matches', effect: 'write' },
  { methods: ['POST'], path: /^\/[^/]+\/_close\/?$/, own: true, what: 'closes the index: it can no longer be read or written until it is opened', effect: 'write' },
  { methods: ['PUT'], path: /^\/_cluster\/settings\/?$/, own: true, what: 'changes cluster-wide settings', effect: 'write' },
];

/** A server that is Elasticsearch or OpenSearch by its port or its host name (Elastic Cloud, Amazon OpenSearch). */
function recognise(url: RequestUrl): boolean {
  return (
    url.port === '9200' ||
    url.port === '9243' ||
    /\.(?:found\.io|elastic-cloud\.com|es\.amazonaws\.com|aivencloud\.com)$/.test(url.host) ||
    hostSays(url, /^(?:es\d*|elastic|elasticsearch\d*|opensearch\d*)$/)
  );
}

export const http = httpServiceRule({
  id: 'elasticsearch/http',
  effect: 'destroy',
  severity: 'high',
  service: 'Elasticsearch',
  recognise,
  endpoints,
  summary: 'an Elasticsearch or OpenSearch request that deletes indices or documents',
  consequence: 'The cluster deletes the indices, data streams or documents the request names; only a snapshot taken before brings them back.',
  alternatives: ['GET /_cat/indices/<pattern> (or _count with the same query) first and show a human what would go', 'take a snapshot (PUT /_snapshot/<repo>/<name>) before deleting'],
});

/** Curator's actions that delete, and the ones that only take an index offline. */
const CURATOR_DELETES = /^(?:delete_indices|delete_snapshots)$/;

export const curator = rule({
  id: 'elasticsearch/curator',
  effect: 'destroy',
  severity: 'high',
  programs: ['curator', 'curator_cli'],
  summary: 'Elasticsearch Curator deletes indices or snapshots',
  consequence: 'Every index or snapshot the filters select is deleted; a filter by age or prefix can select more than intended.',
  alternatives: ['run it with --dry-run first and show a human the indices it lists'],
  match(inv, ctx) {
    const words = inv.argv.slice(1).map((a) => a.text);
    if (words.some((w) => w === '--dry-run' || w === '--help' || w === '-h')) return null;
    if (inv.program === 'curator_cli') {
      const action = words.find((w) => /^[a-z_]+$/.test(w) && (CURATOR_DELETES.test(w) || w === 'close'));
      if (!action) return null;
      return action === 'close' ? { effect: 'write', summary: 'curator_cli close: closes the selected indices' } : { summary: `curator_cli ${action}` };
    }
    // curator 3: `curator delete indices --older-than 30`.
    const verb = words.indexOf('delete');
    if (verb >= 0 && /^(?:indices|snapshots)$/.test(words[verb + 1] ?? '')) return { summary: `curator delete ${words[verb + 1]}` };
    // curator 4+: the actions are in the action file, the last operand.
    const file = [...inv.argv.slice(1)].reverse().find((a) => !a.text.startsWith('-') && /\.ya?ml$/.test(a.text));
    if (!file) return null;
    const text = file.static ? ctx.readFile(file.text, inv) : null;
    if (text === null) return { effect: 'unknown', target: file.text, summary: `curator runs the actions in ${file.text}, which can't be read here` };
    const action = /\baction:\s*['"]?(delete_indices|delete_snapshots)\b/.exec(text);
    return action ? { target: file.text, summary: `curator ${file.text}: ${action[1]}` } : null;
  },
});

export const pack = [http, curator];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = {
  // curator_cli --host es-prod; curator --config names the client's hosts.
  ...optionsOf(['curator', 'curator_cli'], { '--host': names.host, '--config': names.file }),
};
