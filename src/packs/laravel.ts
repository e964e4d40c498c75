// Laravel: artisan commands that drop tables or wipe the database, and tinker deletes.

import { rule } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

const DESTRUCTIVE = new Set(['migrate:fresh', 'migrate:reset', 'migrate:refresh', 'migrate:rollback', 'db:wipe', 'schema:dump --prune']);

export const artisan = rule({
  id: 'laravel/artisan',
  effect: 'destroy',
  severity: 'critical',
  programs: ['php', 'artisan', 'sail'],
  summary: 'an artisan command that drops tables or wipes the database',
  consequence: 'Tables are dropped (and re-created empty); every row in them is lost. With no .env.<env> file Laravel falls back to .env, which may be the real database.',
  alternatives: ['php artisan migrate:status to see where things stand', 'php artisan db:show to confirm which database is configured', 'take a backup first'],
  match(inv) {
    const args = inv.argv.slice(1).map((a) => a.text);
    const at = inv.program === 'artisan' ? -1 : args.findIndex((a) => a === 'artisan' || a.endsWith('/artisan'));
    if (inv.program !== 'artisan' && at < 0) return null;
    const [command, ...rest] = args.slice(at + 1);
    if (!command || rest.includes('--help') || rest.includes('-h')) return null;
    const env = rest.find((a) => a.startsWith('--env='))?.slice(6);
    if (DESTRUCTIVE.has(command)) return { target: env ? `--env=${env}` : 'the configured database' };
    if (command === 'tinker') {
      const code = rest.join(' ');
      if (/->(truncate|delete)\(\)|::truncate\(\)|::query\(\)->delete\(\)|DB::statement\(\s*['"](DROP|TRUNCATE)/i.test(code)) return { summary: 'tinker runs code that empties a table' };
    }
    return null;
  },
});

export const pack = [artisan];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['database'], options: { '--env': names.appEnv } };
