// Flyway: `clean` drops every object in the configured schemas.

import { subcommandRule } from '../rules/subcommands.js';
import { type TargetSpec, names } from '../rules/targets.js';

export const clean = subcommandRule({
  id: 'flyway/clean',
  effect: 'destroy',
  severity: 'critical',
  programs: ['flyway'],
  paths: ['clean', 'undo'],
  summary: 'drops schema objects',
  consequence: 'clean drops every table, view and procedure in the configured schemas; undo reverses applied migrations.',
  alternatives: ['flyway info to see the state', 'keep cleanDisabled=true in production configuration'],
});

export const pack = [clean];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['database'], singleDashWords: true, options: { '-url=': names.databaseUrl } };
