// What a schema push or migration on a SQLite file loses, read from the file itself (opened read-only,
// in the hook's own process, after the tool's diff): each table it rebuilds as it is now, the rows and
// values of what it drops, and the columns a rebuild copies into another type. Both probes (drizzle-kit's
// and Prisma's) answer with their SQL and the file; the reading is done here, once.

import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { describeDrop, dropsIn, type Dropped, type SchemaDiff } from './schema-diff.js';
import { rebuildsIn, rebuildTypeChanges, type Cascade, type TableNow } from './sqlite-rebuild.js';

const load = typeof require === 'function' ? require : createRequire(import.meta.url);

/** Where airlock's own better-sqlite3 is: the drizzle-kit probe's child opens the file with it. */
export const sqliteDriverPath = (): string => load.resolve('better-sqlite3');

/** The foreign keys in other tables that delete or change their rows when the table (both parameters) goes. */
const CASCADES = `SELECT m.name AS "table", f."from" AS "column", f.on_delete AS "action"
  FROM sqlite_master m, pragma_foreign_key_list(m.name) f
  WHERE m.type = 'table' AND lower(f."table") = lower(?) AND lower(m.name) <> lower(?) AND f.on_delete IN ('CASCADE', 'SET NULL', 'SET DEFAULT')`;

/** A table as it is now, or null when the file has no such table (renamed earlier in the script, say): then its rebuild counts as dropping it. */
function tableNow(db: BetterSqlite3.Database, table: string): TableNow | null {
  const columns = db.prepare('SELECT name, type FROM pragma_table_info(?)').all(table) as { name: string; type: string }[];
  if (!columns.length) return null;
  return { columns: Object.fromEntries(columns.map((c) => [c.name, c.type])), cascades: db.prepare(CASCADES).all(table, table) as Cascade[] };
}

/** How many rows a dropped table holds, or values a column does; undefined when it can't be counted (not there yet). */
function count(db: BetterSqlite3.Database, drop: Dropped): number | undefined {
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  try {
    const counted = drop.column === undefined ? 'count(*)' : `count(${quote(drop.column)})`;
    return Number((db.prepare(`SELECT ${counted} AS n FROM ${drop.table.map(quote).join('.')}`).get() as { n: number }).n);
  } catch {
    return undefined;
  }
}

/** The diff with what the SQLite file says about it; unchanged for another database, or a file not there yet (the push creates it). */
export function withSqliteFacts(diff: SchemaDiff): SchemaDiff {
  if (diff.dialect !== 'sqlite' || diff.database?.kind !== 'sqlite') return diff;
  const Database = load('better-sqlite3') as typeof BetterSqlite3;
  const db = new Database(diff.database.file, { readonly: true, fileMustExist: true });
  try {
    const rebuilds = rebuildsIn(diff.statements);
    const rebuilt: Record<string, TableNow> = {};
    for (const rebuild of rebuilds) {
      const now = tableNow(db, rebuild.table);
      if (now) rebuilt[rebuild.table] = now;
    }
    const rows: Record<string, number> = { ...diff.rows };
    for (const drop of dropsIn(diff.statements, rebuilt)) {
      const n = count(db, drop);
      if (n !== undefined) rows[describeDrop(drop)] = n;
    }
    const lossy: string[] = [];
    for (const rebuild of rebuilds) {
      const now = rebuilt[rebuild.table];
      for (const change of now ? rebuildTypeChanges(rebuild, now) : []) {
        const values = count(db, { table: [rebuild.table], column: change.column });
        const what = `column ${change.column} of ${rebuild.table} is copied from ${change.from} into ${change.to}`;
        if (values === undefined) lossy.push(`${what}, and its values could not be counted, so they may change`);
        else if (values > 0) lossy.push(`${what} with ${values} value${values === 1 ? '' : 's'} in it, which may change them`);
      }
    }
    return { ...diff, rebuilt, rows, warnings: [...diff.warnings, ...lossy], dataLoss: diff.dataLoss || lossy.length > 0 };
  } finally {
    db.close();
  }
}
