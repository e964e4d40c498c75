// Liquibase: drop-all and the rollback family.

import { subcommandRule } from '../rules/subcommands.js';
import { type TargetSpec, names } from '../rules/targets.js';

const ROLLBACKS = ['rollback', 'rollback-count', 'rollback-to-date', 'rollbackCount', 'rollbackToDate', 'rollback-one-changeset', 'rollback-one-update'];

export const destructive = subcommandRule({
  id: 'liquibase/drop-or-rollback',
  effect: 'destroy',
  severity: 'critical',
  programs: ['liquibase', 'lb'],
  paths: ['drop-all', 'dropAll', ...ROLLBACKS],
  summary: 'drops database objects or rolls changes back',
  consequence: 'drop-all drops every object in the schema; rollbacks undo changesets, dropping what they created.',
  alternatives: ['liquibase rollback-sql / update-sql to print the SQL for a human first', 'liquibase status --verbose'],
});

export const pack = [destructive];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['database'], options: { '--url': names.databaseUrl } };
