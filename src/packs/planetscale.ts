// PlanetScale: deleting databases and branches.

import { subcommandRule } from '../rules/subcommands.js';

export const deletes = subcommandRule({
  id: 'planetscale/delete',
  effect: 'destroy',
  severity: 'critical',
  programs: ['pscale'],
  paths: ['database delete', 'branch delete', 'db delete', 'backup delete', 'password delete'],
  valueOptions: ['--org'],
  summary: 'deletes a PlanetScale database or branch',
  consequence: 'The database or branch and every row in it are deleted.',
  alternatives: ['pscale backup create first', 'pscale database show to show a human what it is'],
});

export const pack = [deletes];
