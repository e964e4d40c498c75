// MikroORM: schema drops, fresh schemas and migration rollbacks.

import { subcommandRule } from '../rules/subcommands.js';
import { type TargetSpec, names } from '../rules/targets.js';

export const destructive = subcommandRule({
  id: 'mikro-orm/destructive',
  effect: 'destroy',
  severity: 'critical',
  programs: ['mikro-orm', 'mikro-orm-esm'],
  paths: ['schema:drop', 'schema:fresh', 'migration:fresh', 'migration:down', 'database:drop'],
  valueOptions: ['--config', '--to', '--from'],
  unless: ['--dump', '-d'],
  summary: 'drops the schema or reverts migrations',
  consequence: 'Tables are dropped (and re-created empty for the fresh variants).',
  alternatives: ['run it with --dump to print the SQL for a human first'],
  when: (_rest, inv, has) => !(inv.argv.some((a) => a.text.startsWith('schema:')) && !has('--run', '-r')),
});

export const pack = [destructive];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['database'], options: { '--config': names.config } };
