// Django: flush, migrating an app to zero, reset_db, and deletes in `shell -c`.

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

export const pack = [destructive];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['database'], options: { '--settings': names.appEnv } };
