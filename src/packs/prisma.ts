// Prisma: schema pushes that accept data loss, resets, and raw SQL through `db execute`.

import type { Invocation } from '../core/invocation.js';
import { parseOptions, PRISMA_VALUE_OPTIONS, type ParsedOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { fileSource, sqlHits, stdinSource, type SqlSource } from '../rules/sql-findings.js';
import { type TargetSpec, names } from '../rules/targets.js';
import { perInvocation } from '../rules/memo.js';

/** Set by Prisma's own guard only after a human has agreed; an agent setting it has agreed with itself. */
export const CONSENT_VARIABLE = 'PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION';

/** `prisma`, read once for all of this pack's rules to share (see perInvocation). */
const prisma = perInvocation(readPrisma);

function readPrisma(inv: Invocation): { words: string[]; parsed: ParsedOptions } | null {
  const parsed = parseOptions(inv.argv.slice(1), { value: PRISMA_VALUE_OPTIONS });
  if (parsed.has('--help', '-h')) return null;
  return { words: parsed.positionals.map((a) => a.text), parsed };
}

const BACKUP = 'take a backup of the database first (pg_dump -Fc / mysqldump)';

export const dataLoss = rule({
  id: 'prisma/data-loss',
  effect: 'destroy',
  severity: 'critical',
  programs: ['prisma'],
  summary: 'prisma applies schema changes that delete data',
  // A push that accepts data loss is looked at with Prisma's own diff (src/preflight/prisma.ts), which names what it drops.
  probe: 'prisma-push',
  consequence: 'Columns and tables that are not in the schema are dropped with their data; a reset drops every table.',
  alternatives: ['npx prisma migrate dev --create-only, then show the generated SQL to a human', 'npx prisma migrate diff … --script to see the exact statements', BACKUP],
  match(inv) {
    const p = prisma(inv);
    if (!p) return null;
    const [a, b] = p.words;
    // --force-reset first: it drops everything whatever the diff says, so no probe may clear it.
    if (a === 'db' && b === 'push' && p.parsed.has('--force-reset')) return { summary: 'prisma db push --force-reset drops every table and recreates the schema', probe: null };
    if (a === 'db' && b === 'push' && p.parsed.has('--accept-data-loss')) return { summary: 'prisma db push --accept-data-loss drops whatever the schema no longer has' };
    if (a === 'migrate' && b === 'reset') return { summary: 'prisma migrate reset drops the database and re-runs every migration', probe: null };
    return null;
  },
});

export const execute = rule({
  id: 'prisma/db-execute',
  effect: 'destroy',
  severity: 'critical',
  programs: ['prisma'],
  summary: 'prisma db execute runs destructive SQL',
  consequence: 'Rows, tables or schemas are deleted; only a backup brings them back.',
  alternatives: [BACKUP, 'run the SQL inside BEGIN; … ROLLBACK; first and show the human what it touches'],
  match(inv, ctx) {
    const p = prisma(inv);
    if (!p || p.words[0] !== 'db' || p.words[1] !== 'execute') return null;
    const sources: SqlSource[] = [];
    const file = p.parsed.value('--file');
    if (file) sources.push(fileSource(file, ctx, 'prisma db execute --file', inv));
    if (p.parsed.has('--stdin')) sources.push(stdinSource(inv, 'prisma db execute --stdin') ?? { label: 'prisma db execute --stdin', text: '' });
    return sqlHits(sources, 'generic', ctx);
  },
});

export const schemaChange = rule({
  id: 'prisma/schema-change',
  effect: 'write',
  severity: 'medium',
  programs: ['prisma'],
  summary: 'prisma changes the database schema',
  consequence: 'The schema of the target database changes; without --accept-data-loss Prisma stops before dropping data.',
  // Looked at with Prisma's own diff and the migrations not yet applied (src/preflight/prisma.ts): one that drops data is a destroy.
  probe: 'prisma-push',
  alternatives: ['npx prisma migrate diff … --script to see the statements first'],
  match(inv) {
    const p = prisma(inv);
    if (!p) return null;
    const [a, b] = p.words;
    if (a === 'db' && b === 'push') return !p.parsed.has('--accept-data-loss', '--force-reset');
    if (a === 'migrate' && b === 'deploy') return true;
    // Even with --create-only, migrate dev first applies the migrations the database lacks.
    if (a === 'migrate' && b === 'dev') return true;
    return null;
  },
});

export const forgedConsent = rule({
  id: 'prisma/agent-set-consent',
  effect: 'destroy',
  severity: 'critical',
  programs: ['prisma'],
  summary: `the command sets ${CONSENT_VARIABLE} itself`,
  consequence: 'That variable tells Prisma a human agreed to a dangerous action. Setting it in the command is the agent agreeing with itself, so the action is treated as destructive.',
  alternatives: ['remove the variable and ask the human to run the command'],
  match(inv) {
    return CONSENT_VARIABLE in inv.env;
  },
});

export const pack = [dataLoss, execute, schemaChange, forgedConsent];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['database'], options: { '--url': names.databaseUrl, '--config': names.config, '--file': names.file } };
