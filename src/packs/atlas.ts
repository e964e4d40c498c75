// Atlas: `schema clean` drops everything; `migrate down` reverts applied migrations.

import { subcommandRule } from '../rules/subcommands.js';
import { type TargetSpec, names } from '../rules/targets.js';

export const destructive = subcommandRule({
  id: 'atlas/destructive',
  effect: 'destroy',
  severity: 'critical',
  programs: ['atlas'],
  paths: ['schema clean', 'migrate down'],
  valueOptions: ['-u', '--url', '--env', '--dev-url', '--to', '--dir', '-c', '--config'],
  unless: ['--dry-run'],
  summary: 'drops schema objects',
  consequence: 'Every table in the schema (schema clean) or those created by the reverted migrations (migrate down) is dropped with its data.',
  alternatives: ['run it with --dry-run and show the plan to a human'],
});

export const pack = [destructive];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['database'], options: { '--url': names.databaseUrl, '-u': names.name, '--env': names.environment, '-c': names.config, '--config': names.config } };
