// Laravel: artisan commands that drop tables or wipe the database, and tinker deletes; migrations, seeders
// and tinker code, production writes with APP_ENV=production or --env=production.

import type { Invocation } from '../core/invocation.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

const DESTRUCTIVE = new Set(['migrate:fresh', 'migrate:reset', 'migrate:refresh', 'migrate:rollback', 'db:wipe', 'schema:dump --prune']);

/** The artisan command and its arguments (`php artisan migrate --force`, `sail artisan …`, `./artisan …`); null for help. */
function artisanCommand(inv: Invocation): [string, ...string[]] | null {
  const args = inv.argv.slice(1).map((a) => a.text);
  const at = inv.program === 'artisan' ? -1 : args.findIndex((a) => a === 'artisan' || a.endsWith('/artisan'));
  if (inv.program !== 'artisan' && at < 0) return null;
  const [command, ...rest] = args.slice(at + 1);
  return !command || rest.includes('--help') || rest.includes('-h') ? null : [command, ...rest];
}

export const artisan = rule({
  id: 'laravel/artisan',
  effect: 'destroy',
  severity: 'critical',
  programs: ['php', 'artisan', 'sail'],
  summary: 'an artisan command that drops tables or wipes the database',
  consequence: 'Tables are dropped (and re-created empty); every row in them is lost. With no .env.<env> file Laravel falls back to .env, which may be the real database.',
  alternatives: ['php artisan migrate:status to see where things stand', 'php artisan db:show to confirm which database is configured', 'take a backup first'],
  match(inv) {
    const call = artisanCommand(inv);
    if (!call) return null;
    const [command, ...rest] = call;
    const env = rest.find((a) => a.startsWith('--env='))?.slice(6);
    if (DESTRUCTIVE.has(command)) return { target: env ? `--env=${env}` : 'the configured database' };
    if (command === 'tinker') {
      const code = rest.join(' ');
      if (/->(truncate|delete)\(\)|::truncate\(\)|::query\(\)->delete\(\)|DB::statement\(\s*['"](DROP|TRUNCATE)/i.test(code)) return { summary: 'tinker runs code that empties a table' };
    }
    return null;
  },
});

/** Commands that change the database's schema or rows. */
const WRITES = new Set(['migrate', 'migrate:install', 'db:seed', 'tinker']);

export const write = rule({
  id: 'laravel/write',
  effect: 'write',
  severity: 'medium',
  programs: ['php', 'artisan', 'sail'],
  summary: 'an artisan command that changes the database',
  consequence: 'Migrations, seeders and tinker code change the database APP_ENV (or --env) picks: with production, the live one.',
  alternatives: ['php artisan migrate --pretend, and show a human the SQL'],
  match(inv) {
    const call = artisanCommand(inv);
    if (!call || !WRITES.has(call[0])) return null;
    const [command, ...rest] = call;
    if (rest.includes('--pretend')) return null;
    // tinker is interactive: it runs something only when code is handed to it.
    if (command === 'tinker' && !rest.some((a) => a.startsWith('--execute')) && inv.stdin.kind === 'none') return null;
    return { summary: `artisan ${command}` };
  },
});

export const pack = [artisan, write];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['database'], options: { '--env': names.appEnv } };
