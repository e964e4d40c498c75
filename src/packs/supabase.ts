// Supabase CLI: resetting databases, deleting projects and unsetting Edge Function secrets.

import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

export const destroy = rule({
  id: 'supabase/destroy',
  effect: 'destroy',
  severity: 'critical',
  programs: ['supabase'],
  summary: 'supabase deletes a database or a project',
  consequence: 'Every row in the database, or the whole project with its storage, is deleted.',
  alternatives: ['supabase db dump -f backup.sql first', 'ask the human to run it from the dashboard'],
  match(inv) {
    const parsed = parseOptions(inv.argv.slice(1), { value: ['--db-url', '--project-ref', '--workdir', '--profile', '-o', '--output'] });
    if (parsed.has('--help', '-h')) return null;
    const [a, b] = parsed.positionals.map((x) => x.text);
    if (a === 'db' && b === 'reset') {
      const remote = parsed.has('--linked') || parsed.value('--db-url') !== undefined;
      return {
        target: remote ? (parsed.value('--db-url') ?? 'the linked (remote) project') : 'the local database',
        summary: `supabase db reset drops and recreates ${remote ? 'the remote' : 'the local'} database`,
      };
    }
    if ((a === 'projects' || a === 'branches' || a === 'orgs') && b === 'delete') return { target: parsed.positionals[2]?.text };
    // Edge Function secrets can't be read back once set.
    if (a === 'secrets' && b === 'unset')
      return {
        severity: 'high',
        target: parsed.positionals[2]?.text,
        summary: `supabase secrets unset deletes ${
          parsed.positionals
            .slice(2)
            .map((x) => x.text)
            .join(' ') || 'secrets'
        }`,
      };
    if (a === 'stop' && parsed.has('--no-backup')) return { severity: 'high', summary: 'supabase stop --no-backup deletes the local database volumes' };
    return null;
  },
});

export const pack = [destroy];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['database'], options: { '--db-url': names.databaseUrl, '--profile': names.profile } };
