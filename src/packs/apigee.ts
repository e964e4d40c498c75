// Apigee (apigeecli): deleting API proxies, shared flows, products, apps, developers, environments and
// key-value maps, and undeploying a proxy, which stops it serving at once.

import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

const VALUES = [
  '-o',
  '--org',
  '-e',
  '--env',
  '-n',
  '--name',
  '-v',
  '--rev',
  '-t',
  '--token',
  '-r',
  '--region',
  '-f',
  '--file',
  '-p',
  '--proxy',
  '-a',
  '--account',
  '--mapname',
  '-m',
  '--keyname',
  '-k',
];

export const apigeecli = rule({
  id: 'apigee/delete',
  effect: 'destroy',
  severity: 'high',
  programs: ['apigeecli'],
  summary: 'deletes or undeploys Apigee API proxies and their configuration',
  consequence: 'An undeployed proxy stops answering in that environment at once; a deleted one goes with every revision, and deleted apps and developers take their API keys with them.',
  alternatives: ['apigeecli apis export first, so the proxy and its revisions can be imported again', 'ask the human to do it in the Apigee console'],
  match(inv) {
    const p = parseOptions(inv.argv.slice(1), { value: VALUES });
    if (p.has('--help', '-h')) return null;
    const words = p.positionals.map((a) => a.text);
    // `apis clean` deletes every revision that isn't deployed.
    const verb = words.find((w) => w === 'delete' || w === 'undeploy' || w === 'clean');
    if (!verb) return null;
    const name = p.value('-n', '--name') ?? '';
    const env = p.value('-e', '--env');
    return {
      severity: verb === 'undeploy' ? 'medium' : 'high',
      target: name,
      summary: `apigeecli ${words.slice(0, words.indexOf(verb) + 1).join(' ')} ${name}${env ? ` in ${env}` : ''}`.trim(),
    };
  },
});

export const pack = [apigeecli];

/** What its commands act on (src/rules/targets.ts): the organization is a Google Cloud project. */
export const targets: TargetSpec = { acts: ['gcp'], options: { '-o': names.project, '--org': names.project, '-e': names.environment, '--env': names.environment } };
