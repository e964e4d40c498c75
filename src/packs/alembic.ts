// Alembic: downgrades run the down migrations, which drop tables and columns.

import { subcommandRule } from '../rules/subcommands.js';
import { type TargetSpec, names } from '../rules/targets.js';

export const downgrade = subcommandRule({
  id: 'alembic/downgrade',
  effect: 'destroy',
  severity: 'high',
  programs: ['alembic'],
  paths: ['downgrade'],
  valueOptions: ['-c', '--config', '-n', '--name', '-x'],
  unless: ['--sql'],
  summary: 'runs down migrations',
  consequence: 'Down migrations drop the tables and columns the up migrations created, with their data.',
  alternatives: ['alembic downgrade <rev> --sql to print the SQL for a human first', 'take a backup first'],
});

export const pack = [downgrade];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['database'], options: { '-c': names.config, '--config': names.config } };
