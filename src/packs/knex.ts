// knex: rolling every migration back.

import { subcommandRule } from '../rules/subcommands.js';
import { type TargetSpec, names } from '../rules/targets.js';

export const rollback = subcommandRule({
  id: 'knex/rollback',
  effect: 'destroy',
  severity: 'high',
  programs: ['knex'],
  paths: ['migrate:rollback', 'migrate:down'],
  valueOptions: ['--knexfile', '--env', '--cwd', '--name'],
  summary: 'rolls migrations back',
  consequence: 'Down migrations drop the tables and columns the rolled-back migrations created.',
  alternatives: ['npx knex migrate:status', 'take a backup first'],
  when: (_rest, _inv, has) => (has('--all') ? { severity: 'critical', summary: 'knex migrate:rollback --all reverts every migration' } : true),
});

export const pack = [rollback];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['database'], options: { '--env': names.appEnv } };
