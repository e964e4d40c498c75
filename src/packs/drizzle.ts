// drizzle-kit: `push --force` applies data-losing statements without asking.

import type { Invocation } from '../core/invocation.js';
import { DRIZZLE_KIT_VALUE_OPTIONS, parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

/** drizzle-kit's options and its subcommand (`push`, `push:pg`, `migrate`…). */
function drizzleKit(inv: Invocation) {
  const parsed = parseOptions(inv.argv.slice(1), { value: DRIZZLE_KIT_VALUE_OPTIONS });
  return { parsed, sub: parsed.positionals[0]?.text ?? '' };
}

export const pushForce = rule({
  id: 'drizzle/push-force',
  effect: 'destroy',
  severity: 'critical',
  programs: ['drizzle-kit'],
  probe: 'drizzle-push',
  summary: 'drizzle-kit push --force applies data-loss statements without asking',
  consequence: 'Columns and tables that differ from the schema are dropped with their data.',
  alternatives: ['drizzle-kit generate, then show the generated SQL to a human', 'drizzle-kit push without --force, so it asks before dropping'],
  match(inv) {
    const { parsed, sub } = drizzleKit(inv);
    return sub.startsWith('push') && parsed.has('--force') && !parsed.has('--help', '-h') ? { target: parsed.value('--config') ?? 'the configured database' } : null;
  },
});

export const schemaChange = rule({
  id: 'drizzle/schema-change',
  effect: 'write',
  severity: 'medium',
  programs: ['drizzle-kit'],
  // A push is looked at with drizzle-kit's own diff (src/preflight/drizzle.ts): one that drops data is a destroy.
  probe: 'drizzle-push',
  summary: 'drizzle-kit changes the database schema or the migration history',
  consequence: "push and migrate change the target database's schema; drop deletes a migration from the project (git can restore the file).",
  alternatives: ['drizzle-kit generate, then show the SQL to a human'],
  match(inv) {
    const { parsed, sub } = drizzleKit(inv);
    if (parsed.has('--help', '-h') || (sub.startsWith('push') && parsed.has('--force'))) return null;
    if (sub.startsWith('push')) return { summary: `drizzle-kit ${sub}` };
    return sub.startsWith('migrate') || sub.startsWith('drop') || sub === 'up' ? { summary: `drizzle-kit ${sub}`, probe: null } : null;
  },
});

export const pack = [pushForce, schemaChange];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['database'], options: { '--url': names.databaseUrl, '--config': names.config } };
