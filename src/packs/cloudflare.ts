// Cloudflare (wrangler): deleting D1 databases, KV namespaces and R2 buckets, destructive SQL sent to a
// remote D1, and deploys, which are production writes with --env production.

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
    const p = parseOptions(inv.argv.slice(1), { value: ['--command', '--file', '--namespace-id', '--binding', '--name', '-c', '--config', '-e', '--env', '--database'] });
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
    if ((a === 'kv' || a === 'kv:namespace') && (b === 'namespace' ? c === 'delete' : b === 'delete')) return { target: p.value('--namespace-id', '--binding') };
    if (a === 'r2' && b === 'bucket' && c === 'delete') return { target: words[3] };
    if (a === 'delete') return { target: p.value('--name') ?? 'the Worker', summary: 'wrangler delete removes the Worker' };
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

export const pack = [wrangler, deploy];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = {
  options: { '-e': names.environment, '--env': names.environment, '-c': names.config, '--config': names.config, '--name': names.app, '--project-name': names.app, '--branch': names.environment },
};
