// Vercel: removing deployments, projects, domains and environment variables; deploying, promoting and
// rolling back, which are production writes with --prod (or --target production) and always for promote
// and rollback, which change what the production domain serves.

import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { subcommandRule } from '../rules/subcommands.js';
import { type TargetSpec, names, productionFlags } from '../rules/targets.js';

const VALUE_OPTIONS = ['--scope', '--token', '-t', '-S', '--cwd', '--target', '-e', '--env', '-b', '--build-env', '-m', '--meta', '-A', '--local-config', '--environment', '--timeout'];

export const remove = subcommandRule({
  id: 'vercel/remove',
  effect: 'destroy',
  severity: 'critical',
  programs: ['vercel', 'vc'],
  paths: ['remove', 'rm', 'project rm', 'project remove', 'projects rm', 'projects remove', 'domains rm', 'dns rm', 'env rm'],
  valueOptions: VALUE_OPTIONS,
  summary: 'removes Vercel deployments, projects or configuration',
  consequence: 'Removed deployments and projects cannot be restored; removed env vars and domains break the live site.',
  alternatives: ['vercel ls to show a human what would go'],
});

/** Subcommands that change what is deployed or how it runs. */
const DEPLOYS = new Set(['deploy', 'redeploy', 'promote', 'rollback']);
/** Subcommands that only show, log in, or work on this machine; anything else in the first place is a folder to deploy. */
const OTHER = new Set([
  'alias',
  'bisect',
  'build',
  'certs',
  'dev',
  'dns',
  'domains',
  'env',
  'git',
  'help',
  'init',
  'inspect',
  'integration',
  'link',
  'list',
  'login',
  'logout',
  'logs',
  'ls',
  'project',
  'projects',
  'pull',
  'remove',
  'rm',
  'switch',
  'teams',
  'telemetry',
  'whoami',
  'blob',
  'cache',
  'open',
  'target',
  'microfrontends',
  'install',
  'i',
]);

export const deploy = rule({
  id: 'vercel/deploy',
  effect: 'write',
  severity: 'medium',
  programs: ['vercel', 'vc'],
  summary: 'deploys to Vercel',
  consequence: 'A new deployment is built; with --prod, or by promote and rollback, it is what the production domain serves.',
  alternatives: ['deploy a preview (without --prod) and show a human the preview URL'],
  match(inv) {
    const p = parseOptions(inv.argv.slice(1), { value: VALUE_OPTIONS });
    if (p.has('--help', '-h', '--version', '-v')) return null;
    const [first, target] = p.positionals.map((a) => a.text);
    if (first !== undefined && (OTHER.has(first) || (!DEPLOYS.has(first) && !/^[./~]/.test(first)))) return null;
    const command = first && DEPLOYS.has(first) ? first : 'deploy';
    const production = p.has('--prod') || p.value('--target') === 'production' || command === 'promote' || command === 'rollback';
    return { target: (command === 'deploy' ? (target ?? (first === 'deploy' ? undefined : first)) : target) ?? undefined, summary: `vercel ${command}${production ? ' to production' : ''}` };
  },
});

export const pack = [remove, deploy];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = {
  options: { '--target': names.environment, '--environment': names.environment, '--scope': names.name },
  of(inv, parsed) {
    const command = parsed.positionals[0]?.text;
    // promote and rollback change what production serves: that is what they are for.
    if (command === 'promote' || command === 'rollback') return [{ type: 'app', environment: 'production', source: `vercel ${command}` }];
    return productionFlags('--prod')(inv, parsed);
  },
};
