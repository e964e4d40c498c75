// Doctrine (Symfony): dropping the database or schema, forced schema updates, and fixture loads that purge.

import type { Invocation } from '../core/invocation.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

/** `bin/console doctrine:…`, `php bin/console doctrine:…`, `symfony console doctrine:…`. */
function consoleCommand(inv: Invocation): string[] | null {
  const args = inv.argv.slice(1).map((a) => a.text);
  if (inv.program === 'console') return args;
  const at = args.findIndex((a) => a === 'console' || a.endsWith('/console'));
  if ((inv.program === 'php' || inv.program === 'symfony') && at >= 0) return args.slice(at + 1);
  if (inv.program === 'doctrine') return args;
  return null;
}

export const doctrine = rule({
  id: 'doctrine/destructive',
  effect: 'destroy',
  severity: 'critical',
  programs: ['console', 'php', 'symfony', 'doctrine'],
  summary: 'a Doctrine command that drops or purges data',
  consequence: 'The database or its tables are dropped, or purged before fixtures are loaded; schema:update --force can drop columns the mapping no longer has.',
  alternatives: ['doctrine:schema:update --dump-sql to show the SQL to a human first', 'doctrine:fixtures:load --append to keep existing rows'],
  match(inv) {
    const words = consoleCommand(inv);
    if (!words) return null;
    const [command, ...rest] = words;
    if (!command || rest.includes('--help')) return null;
    const force = rest.includes('--force') || rest.includes('-f');
    // Without --force these commands only print what they would do.
    if ((command === 'doctrine:database:drop' || command === 'doctrine:schema:drop') && force) return { target: command };
    if (command === 'doctrine:schema:update' && force) return { summary: 'doctrine:schema:update --force may drop columns and tables the mapping no longer has' };
    if (command === 'doctrine:fixtures:load' && !rest.includes('--append')) return { summary: 'doctrine:fixtures:load purges every table before loading fixtures' };
    return null;
  },
});

export const pack = [doctrine];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['database'], options: { '-e': names.appEnv, '--env': names.appEnv } };
