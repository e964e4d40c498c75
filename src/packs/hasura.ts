// Hasura: applying down migrations, and clearing metadata.

import { subcommandRule } from '../rules/subcommands.js';
import { type TargetSpec, names } from '../rules/targets.js';

export const down = subcommandRule({
  id: 'hasura/migrate-down',
  effect: 'destroy',
  severity: 'high',
  programs: ['hasura'],
  paths: ['migrate apply', 'metadata clear'],
  valueOptions: ['--down', '--endpoint', '--admin-secret', '--database-name', '--version', '--goto'],
  unless: ['--dry-run'],
  summary: 'reverts migrations or clears metadata',
  consequence: 'Down migrations drop what the up migrations created; clearing metadata removes every tracked table and permission.',
  alternatives: ['hasura migrate status', 'run it with --dry-run first'],
  when: (_rest, inv) => inv.argv.some((a) => a.text === '--down' || a.text.startsWith('--down=') || a.text === '--goto') || inv.argv.some((a) => a.text === 'clear'),
});

export const pack = [down];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['database'], options: { '--database-url': names.databaseUrl } };
