// Netlify: deleting sites and environment variables; deploying, which is a production write with --prod
// (a deploy without it is a draft at its own preview URL).

import { subcommandRule } from '../rules/subcommands.js';
import { type TargetSpec, names, productionFlags } from '../rules/targets.js';

const VALUE_OPTIONS = ['--site', '--auth', '-d', '--dir', '-f', '--functions', '-m', '--message', '-a', '--alias', '--context', '--filter', '--timeout'];

export const deletes = subcommandRule({
  id: 'netlify/delete',
  effect: 'destroy',
  severity: 'critical',
  programs: ['netlify', 'ntl'],
  paths: ['sites:delete', 'sites delete', 'env:unset', 'env unset'],
  valueOptions: VALUE_OPTIONS,
  summary: 'deletes a Netlify site',
  consequence: 'The site, its deploys and settings are deleted.',
  alternatives: ['netlify sites:list to show a human what it is'],
});

export const deploy = subcommandRule({
  id: 'netlify/deploy',
  effect: 'write',
  severity: 'medium',
  programs: ['netlify', 'ntl'],
  paths: ['deploy', 'env:set', 'env set', 'env:import', 'env import', 'api'],
  valueOptions: VALUE_OPTIONS,
  summary: 'deploys to Netlify or changes its settings',
  consequence: 'With --prod the deploy is what the live site serves; env:set changes what the next build runs with.',
  alternatives: ['netlify deploy without --prod (a draft at its own URL), and show a human the preview'],
});

export const pack = [deletes, deploy];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = {
  options: { '--site': names.name, '--context': names.environment, '-a': names.name, '--alias': names.name },
  of: productionFlags('--prod', '-p', '--prodIfUnlocked', '--prod-if-unlocked'),
};
