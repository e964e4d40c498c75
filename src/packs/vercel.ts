// Vercel: removing deployments, projects, domains and environment variables.

import { subcommandRule } from '../rules/subcommands.js';

export const remove = subcommandRule({
  id: 'vercel/remove',
  effect: 'destroy',
  severity: 'critical',
  programs: ['vercel', 'vc'],
  paths: ['remove', 'rm', 'project rm', 'project remove', 'projects rm', 'projects remove', 'domains rm', 'dns rm', 'env rm'],
  valueOptions: ['--scope', '--token', '-t', '-S', '--cwd'],
  summary: 'removes Vercel deployments, projects or configuration',
  consequence: 'Removed deployments and projects cannot be restored; removed env vars and domains break the live site.',
  alternatives: ['vercel ls to show a human what would go'],
});

export const pack = [remove];
