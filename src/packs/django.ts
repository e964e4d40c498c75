// Django: flush, migrating an app to zero, reset_db, and deletes in `shell -c`; migrations, fixtures and
// shell code, production writes with --settings=…production or DJANGO_SETTINGS_MODULE.

import type { Invocation } from '../core/invocation.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

/** `python manage.py flush` / `django-admin flush`: the management command and its arguments. */
function managementCommand(inv: Invocation): string[] | null {
  const args = inv.argv.slice(1).map((a) => a.text);
  if (inv.program === 'django-admin') return args.filter((a) => !a.startsWith('-'));
  const script = args.findIndex((a) => a.endsWith('manage.py'));
  return script < 0 ? null : args.slice(script + 1);
}

export const destructive = rule({
  id: 'django/destructive-command',
  effect: 'destroy',
  severity: 'critical',
  programs: ['python', 'python3', 'django-admin'],
  summary: 'a Django command that empties the database',
  consequence: "flush deletes every row of every table; migrate <app> zero drops the app's tables; reset_db drops the database.",
  alternatives: ['python manage.py dumpdata > backup.json first', 'python manage.py showmigrations to see where things stand'],
  match(inv) {
    const words = managementCommand(inv);
    if (!words || words.includes('--help') || words.includes('-h')) return null;
    const [command, ...rest] = words;
    if (command === 'flush' || command === 'reset_db' || command === 'reset_schema') return { target: command };
    const positional = rest.filter((a) => !a.startsWith('-'));
    if (command === 'migrate' && positional[1] === 'zero') return { target: positional[0], summary: `migrate ${positional[0]} zero drops every table of the app` };
    if (command === 'shell') {
      const code = rest[rest.findIndex((a) => a === '-c' || a === '--command') + 1] ?? '';
      if (/\.objects\.all\(\)\.delete\(\)|\.objects\.delete\(\)|\.objects\.filter\(\)\.delete\(\)/.test(code)) return { summary: 'shell -c deletes every row of a model' };
      if (/\.delete\(\)/.test(code)) return { effect: 'write', severity: 'medium', summary: 'shell -c deletes records' };
    }
    return null;
  },
});

/** Management commands that change the database or the files the site serves. */
const WRITES = new Set([
  'migrate',
  'loaddata',
  'runscript',
  'createsuperuser',
  'changepassword',
  'createcachetable',
  'collectstatic',
  'clearsessions',
  'remove_stale_contenttypes',
  'shell',
  'dbshell',
]);

export const write = rule({
  id: 'django/write',
  effect: 'write',
  severity: 'medium',
  programs: ['python', 'python3', 'django-admin'],
  summary: 'a Django command that changes the database or the served files',
  consequence: 'Migrations, fixtures, scripts and shell code change the database the settings point at (--settings=…production is production).',
  alternatives: ['python manage.py migrate --plan, or run it against development first and show a human'],
  match(inv) {
    const words = managementCommand(inv);
    if (!words || words.includes('--help') || words.includes('-h')) return null;
    const [command, ...rest] = words;
    if (!command || !WRITES.has(command)) return null;
    if (command === 'migrate' && rest.some((a) => a === '--plan' || a === '--check')) return null;
    // shell and dbshell are interactive: they change something only when code is handed to them.
    if ((command === 'shell' || command === 'dbshell') && !rest.some((a) => a === '-c' || a === '--command' || a.startsWith('--command=')) && inv.stdin.kind === 'none') return null;
    // What it names: the app to migrate, the fixture or script to load; shell code is not a name.
    const target = command === 'shell' || command === 'dbshell' ? undefined : rest.find((a) => !a.startsWith('-'));
    return { target, summary: `manage.py ${command}` };
  },
});

export const pack = [destructive, write];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['database'], options: { '--settings': names.appEnv } };
