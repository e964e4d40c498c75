// TypeORM: dropping or force-synchronising the schema, and reverting migrations.

import { subcommandRule } from '../rules/subcommands.js';
import { type TargetSpec, names } from '../rules/targets.js';

export const destructive = subcommandRule({
  id: 'typeorm/destructive',
  effect: 'destroy',
  severity: 'critical',
  programs: ['typeorm', 'typeorm-ts-node-commonjs', 'typeorm-ts-node-esm'],
  paths: ['schema:drop', 'schema:sync', 'migration:revert'],
  valueOptions: ['-d', '--dataSource', '-c', '--connection', '-f', '--config'],
  summary: 'drops or rewrites the schema',
  consequence: 'schema:drop drops every table; schema:sync drops columns and tables that are not in the entities; migration:revert runs a down migration.',
  alternatives: ['npx typeorm schema:log to show the SQL to a human first', 'npx typeorm migration:show'],
});

export const pack = [destructive];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['database'], options: { '-d': names.name, '-c': names.config, '--config': names.config, '-f': names.file } };
