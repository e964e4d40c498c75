// Neon: deleting projects, branches and databases.

import { subcommandRule } from '../rules/subcommands.js';

export const deletes = subcommandRule({
  id: 'neon/delete',
  effect: 'destroy',
  severity: 'critical',
  programs: ['neonctl', 'neon'],
  paths: ['projects delete', 'project delete', 'branches delete', 'branch delete', 'databases delete', 'database delete', 'branches reset', 'branch reset'],
  valueOptions: ['--project-id', '--org-id', '--api-key', '-o', '--output'],
  summary: 'deletes a Neon project, branch or database',
  consequence: 'The project, branch or database is deleted with its data; reset replaces a branch with its parent.',
  alternatives: ['neonctl branches create to keep a copy first'],
});

export const pack = [deletes];
