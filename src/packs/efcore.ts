// Entity Framework Core: dropping the database or migrating it back to nothing.

import { rule } from '../rules/rule.js';
import { type TargetSpec } from '../rules/targets.js';

export const efcore = rule({
  id: 'efcore/destructive',
  effect: 'destroy',
  severity: 'critical',
  programs: ['dotnet', 'dotnet-ef'],
  summary: 'an EF Core command that drops the database or all its tables',
  consequence: 'database drop deletes the database; database update 0 reverts every migration, dropping every table.',
  alternatives: ['dotnet ef migrations script to show the SQL to a human first', 'take a backup first'],
  match(inv) {
    const words = inv.argv
      .slice(1)
      .map((a) => a.text)
      .filter((w) => !w.startsWith('-'));
    const ef = inv.program === 'dotnet' ? (words[0] === 'ef' ? words.slice(1) : null) : words;
    if (!ef || ef[0] !== 'database') return null;
    if (ef[1] === 'drop') return true;
    if (ef[1] === 'update' && ef[2] === '0') return { summary: 'dotnet ef database update 0 reverts every migration' };
    return null;
  },
});

export const pack = [efcore];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['database'] };
