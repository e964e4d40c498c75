// SQLite can't change most of a table in place, so Prisma and drizzle-kit rebuild it: create a new
// table, copy the rows over, drop the old one, and rename the new one to the old name. The old table's
// DROP is then no loss in itself; what a rebuild can lose is read here, from its SQL and from the table
// as it is now (sqlite-facts.ts reads that from the file).

import { asciiLower, IDENT, statementsOf, unquote } from './sql-script.js';
import type { Dropped } from './schema-diff.js';

/**
 * A table rebuilt by copying: `CREATE TABLE "new_t" (…); INSERT INTO "new_t" ("a", "b") SELECT "a",
 * "b" FROM "t"; DROP TABLE "t"; ALTER TABLE "new_t" RENAME TO "t"`, the four one after the other.
 * Anything else (a statement between them, a WHERE or an expression in the copy, INSERT OR IGNORE, a
 * conflict clause in the new table that skips rows, the old table changed earlier in the script) is no
 * rebuild, and its DROP TABLE a drop.
 */
export interface Rebuild {
  table: string;
  /** The old table's columns the copy selects, each with the new column it goes into (a rebuild selects nothing else). */
  carried: { from: string; to: string }[];
  /** The new table's columns with the types it declares them with. */
  types: Record<string, string>;
  /**
   * Whether the script turned foreign keys off before it, outside a transaction of its own (inside
   * one SQLite ignores that). With them on, dropping the old table deletes its rows first, and a
   * foreign key ON DELETE CASCADE (or SET NULL) elsewhere acts on that. A runner that wraps the whole
   * script in a transaction of its own would make the PRAGMA a no-op too; Prisma and drizzle-kit don't.
   */
  foreignKeysOff: boolean;
}

/** A foreign key whose ON DELETE action deletes or changes rows when what it references goes (CASCADE, SET NULL, SET DEFAULT). */
export interface Cascade {
  table: string;
  column: string;
  action: string;
}

/** A rebuilt table as it is now, read from the database: its columns with their declared types, and the foreign keys that act when it goes. */
export interface TableNow {
  columns: Record<string, string>;
  cascades: Cascade[];
}

const CREATE = new RegExp(String.raw`^\s*CREATE\s+TABLE\s+(${IDENT})\s*\(([\s\S]*)\)\s*$`, 'i');
// One whitespace character around the lazy list, not \s+: a run of them would make the match take the square of its length.
const INSERT_SELECT = new RegExp(String.raw`^\s*INSERT\s+INTO\s+(${IDENT})\s*\(([^)]*)\)\s*SELECT\s([\s\S]*?)\sFROM\s+(${IDENT})\s*$`, 'i');
const RENAME = new RegExp(String.raw`^\s*ALTER\s+TABLE\s+(${IDENT})\s+RENAME\s+TO\s+(${IDENT})\s*$`, 'i');
const DROP_ONE = new RegExp(String.raw`^\s*DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?(${IDENT})\s*$`, 'i');
const BARE = new RegExp(String.raw`^\s*(${IDENT})\s*$`);
const FOREIGN_KEYS = /^\s*PRAGMA\s+foreign_keys\s*=\s*['"]?(\w+)['"]?\s*$/i;
/** Words that end a column's type in its definition, and those that begin a table constraint instead of a column. */
const AFTER_TYPE = /^(CONSTRAINT|PRIMARY|NOT|NULL|UNIQUE|CHECK|DEFAULT|COLLATE|REFERENCES|GENERATED|AS)$/i;
const TABLE_CONSTRAINT = /^(CONSTRAINT|PRIMARY|UNIQUE|CHECK|FOREIGN)$/i;

/** A declared type as SQLite keeps it, spelled one way: `decimal (10, 2)` is `DECIMAL(10,2)`. */
const normalType = (type: string) =>
  type
    .toUpperCase()
    .replace(/\s*([(),])\s*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();

/** The parts of a list split at its top-level commas (not those inside parentheses or quotes). */
function topLevel(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let current = '';
  for (const c of list) {
    if (quote) quote = c === quote ? '' : quote;
    else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  return [...out, current].map((s) => s.trim());
}

/** The columns a CREATE TABLE body declares, each with its type (normalType), or null when a clause skips rows on conflict. */
function declaredTypes(body: string): Record<string, string> | null {
  if (/\bON\s+CONFLICT\b/i.test(body)) return null;
  const out: Record<string, string> = {};
  for (const definition of topLevel(body)) {
    const name = new RegExp(String.raw`^(${IDENT})\s*([\s\S]*)$`).exec(definition);
    // A definition the reader can't name is a column it can't compare: no rebuild it can vouch for.
    if (!name) return null;
    if (TABLE_CONSTRAINT.test(name[1]!)) continue;
    const words = name[2]!.match(/\([^)]*\)|[^\s(]+/g) ?? [];
    const end = words.findIndex((w) => AFTER_TYPE.test(w));
    out[asciiLower(unquote(name[1]!))] = normalType((end < 0 ? words : words.slice(0, end)).join(' '));
  }
  return out;
}

const TOUCHES = new RegExp(String.raw`^\s*(?:CREATE|ALTER|DROP)\s+(?:TEMP\s+|TEMPORARY\s+)?TABLE\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?(${IDENT})(?:[\s\S]*\bRENAME\s+TO\s+(${IDENT}))?`, 'i');

/** The tables (lower case) the statements before `end` create, alter, rename (either name) or drop. */
function touchedBefore(list: readonly string[], end: number): Set<string> {
  const out = new Set<string>();
  for (const sql of list.slice(0, Math.max(0, end))) {
    const m = TOUCHES.exec(sql);
    if (m) for (const name of [m[1], m[2]]) if (name) out.add(asciiLower(unquote(name)));
  }
  return out;
}

/** Where each rebuild's DROP TABLE is among statementsOf(statements), with the rebuild. */
export function rebuildsAt(statements: readonly string[]): Map<number, Rebuild> {
  const list = statements.flatMap(statementsOf);
  const out = new Map<number, Rebuild>();
  let foreignKeysOff = false;
  let inTransaction = false;
  list.forEach((sql, i) => {
    // SQLite ignores PRAGMA foreign_keys inside a transaction (BEGIN, or a SAVEPOINT outside one).
    if (/^\s*(BEGIN|SAVEPOINT)\b/i.test(sql)) inTransaction = true;
    if (/^\s*(COMMIT|END|ROLLBACK)\s*(TRANSACTION\s*)?$/i.test(sql)) inTransaction = false;
    const pragma = FOREIGN_KEYS.exec(sql);
    if (pragma && !inTransaction) foreignKeysOff = /^(off|0|false|no)$/i.test(pragma[1]!);
    const insert = INSERT_SELECT.exec(sql);
    if (!insert) return;
    const [copy, old] = [unquote(insert[1]!), unquote(insert[4]!)];
    const create = CREATE.exec(list[i - 1] ?? '');
    const drop = DROP_ONE.exec(list[i + 1] ?? '');
    const rename = RENAME.exec(list[i + 2] ?? '');
    if (!create || unquote(create[1]!) !== copy || !drop || unquote(drop[1]!) !== old || !rename || unquote(rename[1]!) !== copy || unquote(rename[2]!) !== old) return;
    // What the file says the table has now is what the rebuild copies only if nothing earlier in the script changed it.
    if (touchedBefore(list, i - 1).has(asciiLower(old))) return;
    const types = declaredTypes(create[2]!);
    const into = topLevel(insert[2]!).map((item) => BARE.exec(item)?.[1]);
    const selected = topLevel(insert[3]!).map((item) => BARE.exec(item)?.[1]);
    // Every column selected as it is, each into the column at its place in the INSERT's list: the tools
    // write nothing else, and an expression, a DISTINCT or a set operation may change or drop rows.
    if (!types || into.length !== selected.length || [...into, ...selected].some((name) => name === undefined)) return;
    const carried = selected.map((from, k) => ({ from: unquote(from!), to: unquote(into[k]!) }));
    out.set(i + 1, { table: old, carried, types, foreignKeysOff });
  });
  return out;
}

/** The tables the statements rebuild. */
export const rebuildsIn = (statements: readonly string[]): Rebuild[] => [...rebuildsAt(statements).values()];

/** The statements without the DROP TABLE of each rebuild (what a rebuild loses is in rebuildLosses): what the SQL classifier reads. */
export function withoutRebuildDrops(statements: readonly string[]): string[] {
  const drops = rebuildsAt(statements);
  return drops.size ? statements.flatMap(statementsOf).filter((_, i) => !drops.has(i)) : [...statements];
}

/** What a rebuild loses: the columns the table has now that the copy doesn't carry, and, with foreign keys on, the rows that cascade from it. */
export function rebuildLosses(rebuild: Rebuild, now: TableNow): Dropped[] {
  // SQLite reads names without regard to ASCII case.
  const carried = new Set(rebuild.carried.map((c) => asciiLower(c.from)));
  const out: Dropped[] = Object.keys(now.columns)
    .filter((column) => !carried.has(asciiLower(column)))
    .map((column) => ({ table: [rebuild.table], column }));
  if (!rebuild.foreignKeysOff) for (const c of now.cascades) out.push({ table: [c.table], column: c.column, cascade: `${rebuild.table} (ON DELETE ${c.action})` });
  return out;
}

/** The columns a rebuild copies into a column of another declared type (TEXT into INTEGER turns '01234' into 1234): their values may change. */
export function rebuildTypeChanges(rebuild: Rebuild, now: TableNow): { column: string; from: string; to: string }[] {
  const declared = Object.fromEntries(Object.entries(now.columns).map(([c, t]) => [asciiLower(c), normalType(t)]));
  return rebuild.carried.flatMap(({ from, to }) => {
    const before = declared[asciiLower(from)];
    const after = rebuild.types[asciiLower(to)];
    return before !== undefined && after !== undefined && before !== after ? [{ column: from, from: before || 'no type', to: after || 'no type' }] : [];
  });
}
