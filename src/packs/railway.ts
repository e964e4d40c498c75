// Railway: removing deployments, volumes, services and environments.

import { subcommandRule } from '../rules/subcommands.js';
import { type TargetSpec, names } from '../rules/targets.js';

export const destructive = subcommandRule({
  id: 'railway/destructive',
  effect: 'destroy',
  severity: 'critical',
  programs: ['railway'],
  paths: ['down', 'volume delete', 'volume rm', 'delete', 'service delete', 'environment delete', 'project delete'],
  valueOptions: ['--service', '-s', '--environment', '-e', '--volume', '-v'],
  summary: 'removes Railway deployments, volumes or services',
  consequence: 'Volumes are deleted with their data (and, through the API, their backups); down removes the running deployment.',
  alternatives: ['railway status to show a human what it is'],
});

export const pack = [destructive];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { options: { '-e': names.environment, '--environment': names.environment } };
