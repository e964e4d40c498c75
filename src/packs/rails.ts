// Rails: database tasks that drop, reset or truncate, the flag that turns off Rails' own guard, and code
// run inside the application (runner), a production write with RAILS_ENV=production.

import type { Invocation } from '../core/invocation.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

const DESTRUCTIVE_TASKS = new Set([
  'db:drop',
  'db:drop:all',
  'db:reset',
  'db:schema:load',
  'db:structure:load',
  'db:truncate_all',
  'db:seed:replant',
  'db:migrate:reset',
  'db:rollback',
  'db:migrate:down',
  'db:purge',
  'db:purge:all',
  'db:setup',
]);
const DISPOSABLE_ENVIRONMENTS = new Set(['test']);

/** `RAILS_ENV=test` in the environment, as a task argument, or `-e test`. */
function railsEnv(inv: Invocation): string | undefined {
  const args = inv.argv.slice(1).map((a) => a.text);
  const arg = args.find((a) => a.startsWith('RAILS_ENV='))?.slice(10);
  const flag = args.findIndex((a) => a === '-e' || a === '--environment');
  return arg ?? (flag >= 0 ? args[flag + 1] : undefined) ?? inv.env.RAILS_ENV?.text;
}

function guardDisabled(inv: Invocation): boolean {
  return 'DISABLE_DATABASE_ENVIRONMENT_CHECK' in inv.env || inv.argv.some((a) => a.text.startsWith('DISABLE_DATABASE_ENVIRONMENT_CHECK='));
}

export const databaseTasks = rule({
  id: 'rails/database-task',
  effect: 'destroy',
  severity: 'critical',
  programs: ['rails', 'rake'],
  summary: 'a Rails task that drops, reloads or empties the database',
  consequence: 'Tables are dropped or emptied; every row in them is gone unless a backup is restored.',
  alternatives: ['bin/rails db:migrate:status to see where the schema stands', 'take a backup first (pg_dump / mysqldump)', 'run it against RAILS_ENV=test if the goal is a clean test database'],
  match(inv) {
    const args = inv.argv.slice(1).map((a) => a.text);
    if (args.includes('--help') || args.includes('-h') || args.includes('-T')) return null;
    const tasks = args.filter((a) => DESTRUCTIVE_TASKS.has(a));
    if (tasks.length === 0) return null;
    const env = railsEnv(inv);
    const disabled = guardDisabled(inv);
    // A test database is rebuilt by every test run; resetting it is routine, unless the guard is off.
    if (env && DISPOSABLE_ENVIRONMENTS.has(env) && !disabled) return null;
    return {
      target: env ? `RAILS_ENV=${env}` : 'the configured database',
      summary: `rails ${tasks.join(' ')}${disabled ? " with DISABLE_DATABASE_ENVIRONMENT_CHECK, which turns off Rails' guard against running it in production" : ''}`,
    };
  },
});

export const runnerCode = rule({
  id: 'rails/runner-mass-delete',
  effect: 'destroy',
  severity: 'high',
  programs: ['rails'],
  summary: 'rails runner deletes every record of a model',
  consequence: 'delete_all and destroy_all remove every row of the table (destroy_all also runs callbacks that may delete more).',
  alternatives: ['scope it: Model.where(…).delete_all, and show the count first', 'run it in a transaction in the console and show the result to a human'],
  match(inv) {
    const args = inv.argv.slice(1).map((a) => a.text);
    const at = args.findIndex((a) => a === 'runner' || a === 'r');
    if (at < 0) return null;
    const code = args
      .slice(at + 1)
      .filter((a, i, all) => !a.startsWith('-') && all[i - 1] !== '-e')
      .join(' ');
    const m = /\b([A-Z]\w*)(?:\.all)?\.(delete_all|destroy_all)\b/.exec(code) ?? /\.(delete_all|destroy_all)\b/.exec(code);
    if (!m) return null;
    if (/\.where\(/.test(code) && !/\.or\(\w+\.all\)/.test(code)) return { effect: 'write', severity: 'medium', summary: `rails runner ${m[0]} on a scoped relation` };
    return { target: m[1] };
  },
});

export const runner = rule({
  id: 'rails/runner',
  effect: 'write',
  severity: 'medium',
  programs: ['rails'],
  summary: 'runs Ruby code inside the application, against its database',
  consequence: 'The code runs with the application and its database connection: whatever it does to records happens in the environment RAILS_ENV names.',
  alternatives: ['run it against development first, and show a human the code and what it changed'],
  match(inv) {
    const args = inv.argv.slice(1).map((a) => a.text);
    if (args.includes('--help') || args.includes('-h')) return null;
    const command = args.find((a) => !a.startsWith('-') && !/^[A-Z_]+=/.test(a));
    // The console reads its code from stdin when an agent pipes it in (`echo '…' | rails c`).
    if (command === 'console' || command === 'c') return inv.stdin.kind === 'none' ? null : { summary: `rails ${command} with code fed on stdin` };
    if (command !== 'runner' && command !== 'r') return null;
    return { summary: `rails ${command} ${args.slice(args.indexOf(command) + 1).join(' ')}`.trim() };
  },
});

const MIGRATIONS = new Set(['db:migrate', 'db:prepare', 'db:create', 'db:seed', 'db:migrate:up', 'db:migrate:redo', 'db:encryption:init', 'data:migrate']);

export const migrate = rule({
  id: 'rails/migrate',
  effect: 'write',
  severity: 'medium',
  programs: ['rails', 'rake'],
  summary: 'changes the database schema or seeds data',
  consequence: "The target database's schema or rows change.",
  alternatives: ['bin/rails db:migrate:status to show a human what would run'],
  match(inv) {
    const task = inv.argv
      .slice(1)
      .map((a) => a.text)
      .find((a) => MIGRATIONS.has(a));
    return task ? { summary: `rails ${task}` } : null;
  },
});

export const pack = [databaseTasks, runnerCode, runner, migrate];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['database'], options: { '-e': names.appEnv, '--environment': names.appEnv } };
