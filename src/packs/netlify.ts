// Netlify: deleting sites.

import { subcommandRule } from '../rules/subcommands.js';

export const deletes = subcommandRule({
  id: 'netlify/delete',
  effect: 'destroy',
  severity: 'critical',
  programs: ['netlify', 'ntl'],
  paths: ['sites:delete', 'sites delete', 'env:unset', 'env unset'],
  valueOptions: ['--site', '--auth'],
  summary: 'deletes a Netlify site',
  consequence: 'The site, its deploys and settings are deleted.',
  alternatives: ['netlify sites:list to show a human what it is'],
});

export const pack = [deletes];
