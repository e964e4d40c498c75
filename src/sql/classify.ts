// The one entry point for SQL: which parser, loaded when, and what happens when it fails.
// libpg-query is WASM and costs tens of milliseconds to load, so it is loaded only once a command
// actually carries SQL (see analyze/analyze.ts), never for `ls` or `git status`.

import { classifyPostgres, type ParseSync } from './postgres.js';
import { classifyWithTokens } from './statements.js';
import type { Dialect, SqlAssessment } from './types.js';

let parseSync: ParseSync | null = null;
let loading: Promise<void> | null = null;

export function postgresParserLoaded(): boolean {
  return parseSync !== null;
}

export function loadPostgresParser(): Promise<void> {
  loading ??= import('node:v8').then((v8) => {
    // In a short-lived process V8 would spend far longer optimising the parser's WebAssembly than
    // airlock spends using it, and the process waits for that before exiting: baseline code is enough.
    v8.setFlagsFromString('--liftoff-only');
    // From the CommonJS hook bundle, require() skips starting Node's ES module loader (~10 ms).
    return typeof require === 'function' ? (require('libpg-query') as typeof import('libpg-query')) : import('libpg-query');
  }).then(async (m) => {
    await m.loadModule();
    parseSync = m.parseSync as ParseSync;
  });
  return loading;
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
