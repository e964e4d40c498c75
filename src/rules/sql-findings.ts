// Turning SQL that a command would send into findings, shared by every pack whose tool runs SQL.

import type { Effect } from '../core/effect.js';
import type { Invocation } from '../core/invocation.js';
import type { Dialect } from '../sql/types.js';
import type { Hit, RuleContext } from './rule.js';

/** One place SQL comes from: `-c` text, a file, stdin. `text` null means it can't be seen. */
export interface SqlSource {
  label: string;
  text: string | null;
  /** Why the text can't be seen, when it can't. */
  unseen?: string;
}

const SEVERITY: Record<Effect, Hit['severity']> = { read: 'low', write: 'medium', unknown: 'high', destroy: 'critical' };

export function sqlHits(sources: SqlSource[], dialect: Dialect, ctx: RuleContext, target?: string): Hit[] {
  const hits: Hit[] = [];
  for (const source of sources) {
    if (source.text === null) {
      hits.push({
        effect: 'unknown',
        severity: 'high',
        summary: `runs SQL that can't be seen before it runs: ${source.unseen ?? source.label}`,
        consequence: 'Whatever that SQL does to the database happens without anyone having read it.',
        ...(target ? { target } : {}),
      });
      continue;
    }
    const result = ctx.sql(source.text, dialect);
    if (result.effect === 'read') continue;
    const worst = result.statements.find((s) => s.effect === result.effect) ?? result.statements[0];
    const note = result.parseError ? ` (the SQL parser rejected it: ${result.parseError}; judged by keywords)` : '';
    hits.push({
      effect: result.effect,
      severity: SEVERITY[result.effect],
      summary: `${source.label}: ${worst?.summary ?? 'SQL'}${note}`,
      consequence: result.effect === 'destroy' ? 'Rows, tables or whole databases are deleted; only a backup brings them back.' : 'Data in the database is changed.',
      ...(target ? { target } : {}),
    });
  }
  return hits;
}

/** SQL a client reads from stdin: a heredoc, `echo … |`, `< file`; null when nothing comes in. */
export function stdinSource(inv: Invocation, label: string): SqlSource | null {
  const s = inv.stdin;
  if (s.kind === 'none') return null;
  if (s.kind === 'text') return { label: `${label} (stdin)`, text: s.text };
  if (s.kind === 'file') return { label, text: null, unseen: `reads ${s.path.text}, which airlock could not read` };
  return { label, text: null, unseen: `reads SQL produced at run time by \`${s.producer}\`` };
}

/** SQL from a file the command names; unreadable files are unseen, and so held. */
export function fileSource(path: string, ctx: RuleContext, label: string, inv: Invocation): SqlSource {
  const text = ctx.readFile(path, inv);
  return text === null ? { label, text: null, unseen: `${label} ${path}, which airlock could not read` } : { label: `${label} ${path}`, text };
}

/**
 * The SQL a client invocation sends: inline statements (`-e`, `--query`), files (`-f`), and stdin
 * when neither is given, as every SQL client reads its script from stdin then.
 */
export function clientSources(inv: Invocation, ctx: RuleContext, label: string, inline: string[], files: string[]): SqlSource[] {
  const sources: SqlSource[] = [...inline.map((text) => ({ label, text })), ...files.map((f) => fileSource(f, ctx, `${label} file`, inv))];
  if (sources.length === 0) {
    const stdin = stdinSource(inv, label);
    if (stdin) sources.push(stdin);
  }
  return sources;
}

/**
 * Client commands that run another file's SQL, by dialect: psql's `\i`/`\ir`/`\include`, the mysql
 * client's `source`/`\.`, sqlite3's `.read`. A file the same command wrote earlier is read as it wrote it.
 */
const INCLUDES: Readonly<Record<Dialect, RegExp | null>> = {
  postgres: /^[ \t]*\\(?:i|ir|include|include_relative)[ \t]+(\S+)/gm,
  mysql: /^[ \t]*(?:source|\\\.)[ \t]+([^\s;]+)/gim,
  sqlite: /^[ \t]*\.read[ \t]+(\S+)/gm,
  generic: null,
};

/** `sources` with the files their SQL includes added after them (three levels deep; an unreadable one is unseen). */
export function withIncludes(sources: SqlSource[], dialect: Dialect, ctx: RuleContext, inv: Invocation, depth = 0): SqlSource[] {
  const pattern = INCLUDES[dialect];
  if (!pattern) return sources;
  const out: SqlSource[] = [];
  for (const source of sources) {
    out.push(source);
    if (source.text === null) continue;
    for (const m of source.text.matchAll(pattern)) {
      const path = m[1]!.replace(/^['"]|['"]$/g, '');
      if (depth >= 3) {
        out.push({ label: source.label, text: null, unseen: `${source.label} includes ${path} through more files than airlock follows` });
        continue;
      }
      out.push(...withIncludes([fileSource(path, ctx, `${source.label} includes`, inv)], dialect, ctx, inv, depth + 1));
    }
  }
  return out;
}
