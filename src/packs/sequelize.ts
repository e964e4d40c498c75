// sequelize-cli: dropping the database and undoing every migration or seed.

import { subcommandRule } from '../rules/subcommands.js';
import { type TargetSpec, names } from '../rules/targets.js';

export const destructive = subcommandRule({
  id: 'sequelize/destructive',
  effect: 'destroy',
  severity: 'critical',
  programs: ['sequelize', 'sequelize-cli'],
  paths: ['db:drop', 'db:migrate:undo:all', 'db:seed:undo:all', 'db:migrate:undo', 'db:seed:undo'],
  valueOptions: ['--env', '--config', '--url', '--to', '--seed'],
  summary: 'drops the database or undoes migrations',
  consequence: 'The database is dropped, or down migrations drop the tables they created.',
  alternatives: ['sequelize-cli db:migrate:status', 'take a backup first'],
});

export const pack = [destructive];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['database'], options: { '--url': names.databaseUrl, '--env': names.appEnv, '--config': names.config } };
