// Apache Solr: `bin/solr delete` and `bin/solr zk rm`, and the HTTP API's deletes: an update with a
// <delete> (XML) or "delete" (JSON) command, and the Collections, Cores and Configsets APIs' DELETE and
// UNLOAD actions, which Solr takes as GET requests as readily as POST.

import { hostSays, httpServiceRule } from '../rules/http.js';
import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { subcommandRule } from '../rules/subcommands.js';
import { type TargetSpec, names, optionsOf } from '../rules/targets.js';

export const cli = subcommandRule({
  id: 'solr/cli',
  effect: 'destroy',
  severity: 'high',
  programs: ['solr'],
  paths: ['delete', 'zk rm'],
  valueOptions: ['-c', '--name', '-collection', '-z', '--zk-host', '-p', '--port', '-s', '--solr-url', '-url', '-u', '--credentials'],
  summary: 'deletes a Solr core or collection, or a ZooKeeper node',
  consequence: 'The core or collection is deleted with its index (and, by default, its configset); a ZooKeeper node removed with -r takes every node under it.',
  alternatives: ['back the collection up first (/admin/collections?action=BACKUP) and show a human its document count'],
});

/** Delete commands in an update's body: `<delete><query>*:*</query></delete>`, `{"delete":{"query":"*:*"}}`, `{"delete":"id"}`. */
const UPDATE_DELETES = /<delete\b|"delete"\s*:/;

export const http = httpServiceRule({
  id: 'solr/http',
  effect: 'destroy',
  severity: 'high',
  service: 'Solr',
  recognise: (url) => url.port === '8983' || url.path.startsWith('/solr/') || hostSays(url, /^solr\d*$/),
  endpoints: [
    { methods: ['GET', 'POST'], path: /\/admin\/collections\/?$/, query: /(?:^|&)action=(?:DELETE|DELETESHARD|DELETEBACKUP)(?:&|$)/i, what: 'deletes a collection, a shard or a backup' },
    {
      methods: ['GET', 'POST'],
      path: /\/admin\/cores\/?$/,
      query: /(?:^|&)action=UNLOAD\b.*delete(?:Index|DataDir|InstanceDir)=true|delete(?:Index|DataDir|InstanceDir)=true.*action=UNLOAD\b/i,
      what: 'unloads a core and deletes its index or data',
    },
    { methods: ['GET', 'POST'], path: /\/admin\/configs\/?$/, query: /(?:^|&)action=DELETE(?:&|$)/i, what: 'deletes a configset' },
    { methods: ['POST'], path: /\/update(?:\/json|\/xml)?(?:\/docs)?\/?$/, body: UPDATE_DELETES, what: 'an update that deletes the documents its ids or query select' },
    { methods: ['GET'], path: /\/update(?:\/json|\/xml)?\/?$/, query: /stream\.body=.*(?:<delete\b|"delete"\s*:)/, what: 'an update that deletes the documents its ids or query select' },
    { methods: ['DELETE'], path: /^\/api\/(?:collections|cores|c)\/[^/]+\/?$/, what: 'deletes a collection through the v2 API' },
  ],
  summary: 'a Solr request that deletes documents, a core or a collection',
  consequence: 'Solr deletes them once the update commits; only a backup taken before brings them back.',
  alternatives: ['run the same query with /select?q=…&rows=0 first and show a human numFound', 'back the collection up first (/admin/collections?action=BACKUP)'],
});

/**
 * The post tool (`bin/post`, and `bin/solr post` since Solr 9) sends its -d arguments as an update:
 * a <delete> there deletes what it names, `<delete><query>*:*</query></delete>` everything.
 */
export const post = rule({
  id: 'solr/post',
  effect: 'destroy',
  severity: 'high',
  programs: ['post', 'solr'],
  summary: "Solr's post tool sends a delete command",
  consequence: 'Solr deletes the documents the ids or the query select once the update commits.',
  alternatives: ['run the same query with /select?q=…&rows=0 first and show a human numFound'],
  match(inv) {
    const args = inv.program === 'solr' ? (inv.argv[1]?.text === 'post' ? inv.argv.slice(2) : null) : inv.argv.slice(1);
    if (!args) return null;
    const p = parseOptions(args, { value: ['-c', '-url', '--solr-update-url', '-type', '--type', '-params', '--params', '-host', '-port', '-u', '--credentials'] });
    // -d is a flag: the words after it are the data, as the tool reads them.
    const data = p.positionals.map((a) => a.text).join(' ');
    return p.has('-d', '--data') && UPDATE_DELETES.test(data) ? { target: p.value('-c') ?? undefined } : null;
  },
});

export const pack = [cli, http, post];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = {
  ...optionsOf(['solr', 'post'], { '-z': names.host, '--zk-host': names.host, '--solr-url': names.url }),
};
