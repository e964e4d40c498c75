// Cloudflare: wrangler deleting D1 databases, KV namespaces, keys, R2 buckets and objects, and destructive SQL
// sent to a remote D1; flarectl deleting DNS records and zones; wrangler deploys, which are production
// writes with --env production.

import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { subcommandRule } from '../rules/subcommands.js';
import { fileSource, sqlHits, type SqlSource } from '../rules/sql-findings.js';
import { type TargetSpec, names } from '../rules/targets.js';

export const wrangler = rule({
  id: 'cloudflare/wrangler',
  effect: 'destroy',
  severity: 'critical',
  programs: ['wrangler'],
  summary: 'deletes Cloudflare storage or runs destructive SQL on a remote D1 database',
  consequence: 'The D1 database, KV namespace or R2 bucket is deleted with its contents, or rows are deleted from the live database.',
  alternatives: ['wrangler d1 export <db> --remote first', 'run the SQL against --local first and show a human the result'],
  match(inv, ctx) {
    const p = parseOptions(inv.argv.slice(1), { value: ['--command', '--file', '--namespace-id', '--binding', '--name', '-c', '--config', '-e', '--env', '--database', '--jurisdiction'] });
    if (p.has('--help', '-h', '--dry-run')) return null;
    const words = p.positionals.map((a) => a.text);
    const [a, b, c] = words;
    if (a === 'd1' && b === 'execute') {
      if (!p.has('--remote')) return null;
      const sources: SqlSource[] = [
        ...p.values('--command').map((text) => ({ label: 'wrangler d1 execute --remote', text })),
        ...p.values('--file').map((f) => fileSource(f, ctx, 'wrangler d1 execute --file', inv)),
      ];
      return sqlHits(sources, 'sqlite', ctx, c);
    }
    if (a === 'd1' && b === 'delete') return { target: c };
    // A Worker's secrets can't be read back: a deleted one is gone.
    if ((a === 'secret' && b === 'delete') || ((a === 'versions' || a === 'secrets-store') && b === 'secret' && c === 'delete'))
      return { severity: 'high', target: words[a === 'secret' ? 2 : 3], summary: `wrangler ${words.slice(0, a === 'secret' ? 2 : 3).join(' ')} deletes a secret` };
    if ((a === 'kv' || a === 'kv:namespace') && (b === 'namespace' ? c === 'delete' : b === 'delete')) return { target: p.value('--namespace-id', '--binding') };
    // Keys and objects: Wrangler 3 acts on the remote store unless told --local (Wrangler 4 the other way
    // round), so only --local is known to stay on the developer's machine.
    const one = a === 'kv' ? b === 'key' || b === 'bulk' : a === 'kv:key' || a === 'kv:bulk';
    const verb = a === 'kv' ? c : b;
    // Local emulated storage is the developer's own.
    if ((one || (a === 'r2' && b === 'object')) && p.has('--local')) return null;
    if (one && verb === 'delete') {
      const what = a === 'kv:bulk' || b === 'bulk' ? 'the keys listed in' : 'key';
      return { target: p.value('--namespace-id', '--binding'), summary: `wrangler deletes ${what} ${words[a === 'kv' ? 3 : 2] ?? ''} from the KV namespace`.replace(/\s+/g, ' ').trim() };
    }
    if (a === 'r2' && b === 'object' && c === 'delete') return { target: words[3], summary: `wrangler r2 object delete removes ${words[3] ?? 'an object'}` };
    if (a === 'r2' && b === 'bucket' && c === 'delete') return { target: words[3] };
    if (a === 'delete') return { target: p.value('--name') ?? 'the Worker', summary: 'wrangler delete removes the Worker' };
    // Queues, Vectorize indexes, Hyperdrive configs, Pages projects: each group deletes with the same verb.
    const deep = words.slice(1, 3).indexOf('delete');
    if (deep >= 0) return { target: words[deep + 2], summary: `wrangler ${words.slice(0, deep + 2).join(' ')} ${words[deep + 2] ?? ''}`.trim() };
    return null;
  },
});

export const deploy = subcommandRule({
  id: 'cloudflare/deploy',
  effect: 'write',
  severity: 'medium',
  programs: ['wrangler'],
  paths: ['deploy', 'publish', 'versions deploy', 'versions upload', 'pages deploy', 'pages publish', 'secret put', 'secret bulk', 'rollback', 'triggers deploy'],
  valueOptions: ['-e', '--env', '-c', '--config', '--name', '--compatibility-date', '--branch', '--project-name', '--message', '--tag'],
  unless: ['--dry-run'],
  summary: 'deploys a Worker or Pages site, or changes its secrets',
  consequence: 'The new code or secret is live on the environment it goes to (with --env production, production).',
  alternatives: ['wrangler deploy --dry-run first', 'deploy to a staging --env and show a human'],
});

export const flarectl = rule({
  id: 'cloudflare/flarectl-delete',
  effect: 'destroy',
  severity: 'high',
  programs: ['flarectl'],
  summary: 'deletes Cloudflare DNS records, zones or rules',
  consequence: 'A deleted DNS record stops resolving as soon as cached answers expire, and Cloudflare keeps no copy of it; a deleted zone takes every record with it.',
  alternatives: ['flarectl dns list --zone <zone> first and keep the output, so the record can be put back', 'ask the human to delete it in the dashboard'],
  match(inv) {
    const p = parseOptions(inv.argv.slice(1), { value: ['--zone', '--id', '--name', '--type', '--content', '--ttl', '--account-id'] });
    if (p.has('--help', '-h')) return null;
    const words = p.positionals.map((a) => a.text);
    const [group, verb] = words;
    // `flarectl d d` is `flarectl dns delete` by its aliases; `firewall access-rules delete` is a level deeper.
    if (!words.includes('delete') && !(verb === 'd' && (group === 'dns' || group === 'd' || group === 'zone' || group === 'z'))) return null;
    const zone = p.value('--zone') ?? '';
    return { target: zone, summary: `flarectl ${group} delete ${p.value('--id', '--name') ?? ''} ${zone ? `in ${zone}` : ''}`.replace(/\s+/g, ' ').trim() };
  },
});

export const pack = [wrangler, deploy, flarectl];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = {
  options: {
    '-e': names.environment,
    '--env': names.environment,
    '-c': names.config,
    '--config': names.config,
    '--name': names.app,
    '--project-name': names.app,
    '--branch': names.environment,
    '--zone': names.name,
  },
};
