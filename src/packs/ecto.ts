// Ecto (Elixir): dropping, resetting or fully rolling back the database.

import { rule } from '../rules/rule.js';
import { type TargetSpec } from '../rules/targets.js';

export const ecto = rule({
  id: 'ecto/destructive',
  effect: 'destroy',
  severity: 'critical',
  programs: ['mix'],
  summary: 'an Ecto task that drops or rolls back the database',
  consequence: 'The database is dropped, or every migration is rolled back with the tables it created.',
  alternatives: ['mix ecto.migrations to see where things stand', 'take a backup first'],
  match(inv) {
    const args = inv.argv.slice(1).map((a) => a.text);
    const task = args[0];
    if (task === 'ecto.drop' || task === 'ecto.reset') return { target: inv.env.MIX_ENV?.text ?? 'the configured database' };
    if (task === 'ecto.rollback' && (args.includes('--all') || args.includes('--to'))) return { summary: `mix ecto.rollback ${args.includes('--all') ? '--all' : '--to'} rolls back many migrations` };
    return null;
  },
});

export const pack = [ecto];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['database'] };
