// The one entry point for SQL: which parser, loaded when, and what happens when it fails.
// libpg-query is WASM and costs tens of milliseconds to load, so the runtime loads it only once a command
// actually carries SQL (facts/sql-parser.ts), never for `ls` or `git status`; until then the tokenizer judges.

import { classifyPostgres, type ParseSync } from './postgres.js';
import { classifyWithTokens } from './statements.js';
import type { Dialect, SqlAssessment } from './types.js';
import { strongest } from '../core/effect.js';

let parseSync: ParseSync | null = null;

/** Whether SQL is judged by the real Postgres parser yet (loaded by the runtime, see facts/sql-parser.ts). */
export function postgresParserLoaded(): boolean {
  return parseSync !== null;
}

/** Hands the engine the real Postgres parser, once the runtime has loaded it. */
export function usePostgresParser(parser: ParseSync): void {
  parseSync = parser;
}

/** Cheap test for "is there any SQL in this text", run before deciding to load a parser. */
export function mayContainSql(text: string): boolean {
  return /\b(select|insert|update|delete|drop|truncate|alter|create|merge|with|explain|do|call|execute|copy|grant|vacuum)\b/i.test(text);
}

/**
 * Classifies SQL text. Postgres (and text of unknown dialect) goes through the real Postgres parser
 * when it is loaded; MySQL and SQLite go through the tokenizer. If the real parser rejects the text,
 * the tokenizer judges it anyway, so unparseable SQL that mentions destructive statements is still held.
 */
export function classifySql(text: string, dialect: Dialect): SqlAssessment {
  const assessment = classifyStatements(text, dialect);
  // psql's \gexec runs every value the query returns as a statement of its own: SQL that can't be seen.
  if (dialect !== 'mysql' && /\\gexec\b/.test(text)) {
    const gexec = { effect: 'unknown' as const, summary: "psql's \\gexec runs each row the query returns as SQL, which can't be seen" };
    return { ...assessment, effect: strongest([assessment.effect, gexec.effect]), statements: [...assessment.statements, gexec] };
  }
  return assessment;
}

function classifyStatements(text: string, dialect: Dialect): SqlAssessment {
  if ((dialect === 'postgres' || dialect === 'generic') && parseSync) {
    try {
      return classifyPostgres(text, parseSync);
    } catch (error) {
      const fallback = classifyWithTokens(text, dialect);
      return { ...fallback, parseError: (error as Error).message };
    }
  }
  return classifyWithTokens(text, dialect);
}
