// Statement effects from tokens: the MySQL/SQLite path, and the fail-closed fallback for text the
// Postgres parser rejects.

import { rank, type Effect } from '../core/effect.js';
import { splitStatements, tokenize, type Token } from './tokenizer.js';
import type { Dialect, SqlAssessment, SqlStatement } from './types.js';
import { applyTransactions, type Step } from './transactions.js';

const DESTRUCTIVE_WORDS = new Set(['DROP', 'TRUNCATE', 'DELETE', 'UPDATE', 'ALTER', 'REPLACE', 'MERGE', 'FLUSH', 'PURGE', 'RESET']);
const WRITE_STARTS = new Set([
  'INSERT',
  'REPLACE',
  'MERGE',
  'UPSERT',
  'COPY',
  'LOAD',
  'CREATE',
  'GRANT',
  'REVOKE',
  'COMMENT',
  'VACUUM',
  'REINDEX',
  'CLUSTER',
  'REFRESH',
  'RENAME',
  'OPTIMIZE',
  'REPAIR',
  'ATTACH',
  'DETACH',
  'LOCK',
  'UNLOCK',
  'IMPORT',
  'SECURITY',
  'REASSIGN',
  'IMPORT',
  'LISTEN',
  'NOTIFY',
  'DISCARD',
  'CHECKPOINT',
]);
const READ_STARTS = new Set([
  'SELECT',
  'SHOW',
  'DESCRIBE',
  'DESC',
  'VALUES',
  'TABLE',
  'USE',
  'SET',
  'PRAGMA',
  'HELP',
  'CHECKSUM',
  'FETCH',
  'DECLARE',
  'CLOSE',
  'MOVE',
  'DEALLOCATE',
  'ANALYZE',
  'ANALYSE',
]);
const DESTROYED_OBJECTS = new Set(['DATABASE', 'SCHEMA', 'TABLE', 'TABLES', 'OWNED', 'COLLECTION', 'KEYSPACE', 'TABLESPACE']);
const WHERE_END = new Set(['ORDER', 'LIMIT', 'RETURNING', 'GROUP', 'OFFSET', 'FETCH', 'FOR']);

/** Classifies SQL text with the tokenizer. */
export function classifyWithTokens(sql: string, dialect: Dialect, depth = 0): SqlAssessment {
  const steps: Step[] = [];
  for (const statement of splitStatements(tokenize(sql, dialect))) steps.push(classifyStatement(statement, dialect, depth));
  return { ...applyTransactions(steps), parser: 'tokenizer' };
}

function word(t: Token | undefined): string {
  return t && t.kind === 'word' ? t.text : '';
}

function classifyStatement(tokens: Token[], dialect: Dialect, depth: number): Step {
  const first = tokens[0]!;
  if (first.kind === 'meta') return meta(first.text);
  const head = word(first);
  switch (head) {
    case 'BEGIN':
      // In MySQL/SQLite `BEGIN` starts a transaction; `BEGIN … END` blocks are only inside routines.
      // SQLite rejects any other words after it, and its shell goes on to the next statement outside any transaction.
      if (dialect === 'sqlite' && !tokens.slice(1).every((t, k) => (k === 0 && ['DEFERRED', 'IMMEDIATE', 'EXCLUSIVE', 'TRANSACTION'].includes(word(t))) || (k === 1 && word(t) === 'TRANSACTION')))
        return statement('read', 'BEGIN … that SQLite rejects: no transaction starts');
      return { kind: 'begin' };
    case 'START':
      if (dialect === 'sqlite') return statement('read', 'START, which SQLite rejects: no transaction starts');
      return word(tokens[1]) === 'TRANSACTION' ? { kind: 'begin' } : statement('read', 'START');
    case 'COMMIT':
    case 'END':
      return { kind: 'commit' };
    case 'ROLLBACK':
      return tokens.some((t) => word(t) === 'TO') ? statement('read', 'ROLLBACK TO SAVEPOINT') : { kind: 'rollback' };
    case 'SAVEPOINT':
    case 'RELEASE':
      return statement('read', head);
    case 'WITH':
      return withStatement(tokens, dialect, depth);
    case 'EXPLAIN':
      return explain(tokens, dialect, depth);
    case 'DELETE':
    case 'UPDATE':
      return filtered(head, tokens);
    case 'TRUNCATE':
      return statement('destroy', `TRUNCATE ${objectName(tokens.slice(1))}: every row is deleted`);
    case 'DROP':
      return drop(tokens);
    case 'ALTER':
      return alter(tokens);
    case 'DO':
    case 'EXECUTE':
    case 'EXEC':
    case 'CALL':
      return embedded(head, tokens, dialect, depth);
    case 'FLUSHALL':
    case 'FLUSHDB':
      return statement('destroy', head);
    case 'PREPARE':
      return prepared(tokens, dialect, depth);
    case 'CREATE':
      return create(tokens, dialect, depth);
  }
  // MariaDB's `ANALYZE <statement>` runs the statement to measure it, like EXPLAIN ANALYZE.
  if ((head === 'ANALYZE' || head === 'ANALYSE') && ['SELECT', 'DELETE', 'UPDATE', 'INSERT', 'REPLACE', 'WITH'].includes(word(tokens[1]))) {
    const inner = classifyStatement(tokens.slice(1), dialect, depth);
    return inner.kind === 'statement' ? statement(inner.statement.effect, `ANALYZE runs it: ${inner.statement.summary}`) : inner;
  }
  // With writable_schema on, the script can edit the schema table itself: tables and columns vanish without a DROP.
  if (head === 'PRAGMA' && word(tokens[1]) === 'WRITABLE_SCHEMA' && tokens.length > 2 && !['OFF', '0', 'FALSE', 'NO'].includes(word(tokens.at(-1)) || tokens.at(-1)!.text.toUpperCase()))
    return statement('destroy', 'PRAGMA writable_schema lets the script rewrite the schema table, which can remove tables and columns without a DROP');
  if (READ_STARTS.has(head)) {
    if (head === 'SELECT' && tokens.some((t) => word(t) === 'INTO') && !tokens.some((t) => word(t) === 'OUTFILE' || word(t) === 'DUMPFILE')) {
      return statement('write', 'SELECT … INTO creates a table');
    }
    return statement('read', head);
  }
  if (WRITE_STARTS.has(head)) return statement('write', head);
  // Something we don't recognise: fail closed if it mentions anything destructive.
  return tokens.some((t) => DESTRUCTIVE_WORDS.has(word(t)))
    ? statement('unknown', `unrecognised statement mentioning ${tokens.map(word).filter((w) => DESTRUCTIVE_WORDS.has(w))[0]}`)
    : statement('read', head || 'statement');
}

function statement(effect: Effect, summary: string): Step {
  return { kind: 'statement', statement: { effect, summary } };
}

/** psql's commands that send query output to the file (or `|command`) named after them, and sqlite's. */
const OUTPUT_META = new Set(['\\o', '\\out', '\\g', '\\gx', '\\w', '\\write', '\\s', '.output', '.once']);

/** psql backslash commands and sqlite dot-commands. */
function meta(text: string): Step {
  const [first, ...rest] = text.split(/\s+/);
  const cmd = first!.toLowerCase();
  const arg = rest.join(' ');
  if (cmd === '\\!' || cmd === '.shell' || cmd === '.system') return statement('unknown', `${cmd} runs a shell command`);
  if (OUTPUT_META.has(cmd) && arg.startsWith('|')) return statement('unknown', `${cmd} ${arg} pipes query output into a shell command`);
  if (OUTPUT_META.has(cmd) && arg) return statement('write', `${cmd} ${arg} writes query output over the local file ${arg.replace(/^'|'$/g, '')}`);
  if (cmd === '\\copy' && /\bprogram\b/i.test(arg)) return statement('unknown', '\\copy … PROGRAM runs a shell command on this machine');
  if (cmd === '\\i' || cmd === '\\ir' || cmd === '\\include' || cmd === '\\include_relative' || cmd === '.read') return statement('unknown', `${cmd} runs SQL from another file`);
  if (cmd === '.restore') return statement('destroy', '.restore replaces the whole database with a backup');
  if (cmd === '\\copy' || cmd === '.import' || cmd === '.save' || cmd === '.clone') return statement('write', cmd);
  return statement('read', cmd);
}

function objectName(tokens: Token[]): string {
  const skip = new Set(['TABLE', 'ONLY', 'IF', 'EXISTS', 'FROM', 'INTO', 'LOW_PRIORITY', 'QUICK', 'IGNORE']);
  const names: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'word' && skip.has(t.text)) continue;
    if (t.kind !== 'word' && t.kind !== 'ident') break;
    let name = t.kind === 'word' ? t.text.toLowerCase() : t.text;
    while (tokens[i + 1]?.text === '.' && tokens[i + 2]) {
      const part = tokens[i + 2]!;
      name += '.' + (part.kind === 'word' ? part.text.toLowerCase() : part.text);
      i += 2;
    }
    names.push(name);
    if (tokens[i + 1]?.text !== ',') break;
    i++;
  }
  return names.join(', ') || '(unnamed)';
}

/** The index of the first word from `from` on that is not inside parentheses and passes `test`; -1 if none. */
function outsideParentheses(tokens: Token[], from: number, test: (word: string) => boolean): number {
  let depth = 0;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'lparen') depth++;
    else if (t.kind === 'rparen') depth--;
    else if (depth === 0 && test(word(t))) return i;
  }
  return -1;
}

/** DELETE/UPDATE: destructive when nothing narrows it, or when the condition is always true. */
function filtered(head: string, tokens: Token[]): Step {
  const target = objectName(tokens.slice(1));
  const where = outsideParentheses(tokens, 0, (w) => w === 'WHERE');
  const verb = head === 'DELETE' ? 'deletes' : 'rewrites';
  if (where < 0) return statement('destroy', `${head} on ${target} with no WHERE: ${verb} every row`);
  const after = outsideParentheses(tokens, where + 1, (w) => WHERE_END.has(w));
  const end = after < 0 ? tokens.length : after;
  if (isTautology(tokens.slice(where + 1, end))) return statement('destroy', `${head} on ${target} with an always-true WHERE: ${verb} every row`);
  return statement('write', `${head} on ${target} with a WHERE clause`);
}

const LITERAL_WORDS = new Set(['TRUE', 'FALSE', 'NULL', 'AND', 'OR', 'NOT', 'IS', 'LIKE', 'BETWEEN', 'IN']);

/**
 * Whether a WHERE condition is true for every row: a constant condition that holds (`1=1`, `TRUE`,
 * `'a'='a'`), an OR with such a branch, or a column compared with itself.
 */
function isTautology(cond: Token[]): boolean {
  if (cond.length === 0) return true;
  for (const branch of splitTopLevel(cond, 'OR')) {
    const constant = branch.every(
      (t) => t.kind === 'number' || t.kind === 'string' || t.kind === 'op' || t.kind === 'lparen' || t.kind === 'rparen' || (t.kind === 'word' && LITERAL_WORDS.has(t.text)),
    );
    if (constant && evaluateConstant(branch) !== false) return true;
    const stripped = branch.filter((t) => t.kind !== 'lparen' && t.kind !== 'rparen');
    if (stripped.length === 3 && stripped[1]!.text === '=' && stripped[0]!.kind !== 'number' && stripped[0]!.kind !== 'string' && sameToken(stripped[0]!, stripped[2]!)) return true;
  }
  return false;
}

function sameToken(a: Token, b: Token): boolean {
  return a.kind === b.kind && a.text === b.text;
}

function splitTopLevel(tokens: Token[], keyword: string): Token[][] {
  const out: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === 'lparen') depth++;
    if (t.kind === 'rparen') depth--;
    if (depth === 0 && word(t) === keyword) out.push([]);
    else out[out.length - 1]!.push(t);
  }
  return out;
}

/** Evaluates a condition made only of literals; null when it is not simple enough to tell. */
function evaluateConstant(tokens: Token[]): boolean | null {
  const inner = tokens.length >= 2 && tokens[0]!.kind === 'lparen' && tokens[tokens.length - 1]!.kind === 'rparen' ? tokens.slice(1, -1) : tokens;
  const ands = splitTopLevel(inner, 'AND');
  if (ands.length > 1) {
    const values = ands.map(evaluateConstant);
    return values.includes(false) ? false : values.includes(null) ? null : true;
  }
  if (word(inner[0]) === 'NOT') {
    const v = evaluateConstant(inner.slice(1));
    return v === null ? null : !v;
  }
  if (inner.length === 1) {
    const t = inner[0]!;
    if (word(t) === 'TRUE') return true;
    if (word(t) === 'FALSE' || word(t) === 'NULL') return false;
    if (t.kind === 'number') return Number(t.text) !== 0;
    if (t.kind === 'string') return Number(t.text) !== 0 && t.text !== '';
    return null;
  }
  if (inner.length === 3 && inner[1]!.kind === 'op') {
    const [a, op, b] = [value(inner[0]!), inner[1]!.text, value(inner[2]!)];
    if (a === undefined || b === undefined || a === null || b === null) return a === null || b === null ? false : null;
    switch (op) {
      case '=':
      case '<=>':
        return a === b;
      case '<>':
      case '!=':
        return a !== b;
      case '<':
        return a < b;
      case '>':
        return a > b;
      case '<=':
        return a <= b;
      case '>=':
        return a >= b;
    }
  }
  return null;
}

function value(t: Token): string | number | null | undefined {
  if (t.kind === 'number') return Number(t.text);
  if (t.kind === 'string') return t.text;
  if (word(t) === 'NULL') return null;
  if (word(t) === 'TRUE') return 1;
  if (word(t) === 'FALSE') return 0;
  return undefined;
}

function drop(tokens: Token[]): Step {
  const kinds: string[] = [];
  for (let i = 1; i < tokens.length && tokens[i]!.kind === 'word'; i++) {
    const w = tokens[i]!.text;
    if (w === 'IF' || w === 'EXISTS' || w === 'TEMPORARY' || w === 'TEMP') break;
    kinds.push(w);
    if (kinds.length === 2) break;
  }
  const object = kinds.find((k) => DESTROYED_OBJECTS.has(k)) ?? kinds[0] ?? 'object';
  const nameStart = tokens.findIndex((t, i) => i > 0 && (t.kind === 'ident' || (t.kind === 'word' && !['IF', 'EXISTS', 'TEMPORARY', 'TEMP', ...kinds].includes(t.text))));
  const name = nameStart > 0 ? objectName(tokens.slice(nameStart)) : '';
  const cascade = tokens.some((t) => word(t) === 'CASCADE');
  if (DESTROYED_OBJECTS.has(object)) return statement('destroy', `DROP ${object} ${name}`.trim() + ': the data in it is deleted');
  if (cascade) return statement('destroy', `DROP ${object} ${name} CASCADE also drops everything that depends on it`);
  return statement('write', `DROP ${object} ${name}`.trim());
}

function alter(tokens: Token[]): Step {
  const what = word(tokens[1]);
  if (what !== 'TABLE') return statement('write', `ALTER ${what}`);
  const target = objectName(tokens.slice(2));
  // ClickHouse mutations: ALTER TABLE t DELETE WHERE … / UPDATE … WHERE …, judged like DELETE and UPDATE.
  const mutation = tokens.findIndex((t, i) => i > 2 && (word(t) === 'DELETE' || word(t) === 'UPDATE') && tokens[i - 1]?.kind !== 'op' && word(tokens[i - 1]) !== 'ON');
  if (mutation > 0) return filtered(word(tokens[mutation]), [tokens[mutation]!, ...tokens.slice(2, 3), ...tokens.slice(mutation + 1)]);
  for (let i = 2; i < tokens.length; i++) {
    if (word(tokens[i]) !== 'DROP') continue;
    const next = word(tokens[i + 1]);
    if (
      next === 'COLUMN' ||
      tokens[i + 1]?.kind === 'ident' ||
      (next && !['CONSTRAINT', 'INDEX', 'KEY', 'PRIMARY', 'FOREIGN', 'DEFAULT', 'NOT', 'CHECK', 'TRIGGER', 'PARTITION', 'IDENTITY', 'EXPRESSION', 'ROW', 'SYSTEM'].includes(next))
    ) {
      return statement('destroy', `ALTER TABLE ${target} DROP COLUMN: the column's data is deleted`);
    }
    if (next === 'PARTITION') return statement('destroy', `ALTER TABLE ${target} DROP PARTITION: the partition's rows are deleted`);
  }
  return statement('write', `ALTER TABLE ${target}`);
}

function withStatement(tokens: Token[], dialect: Dialect, depth: number): Step {
  // A data-modifying CTE: WITH x AS (DELETE …) SELECT …. Judge every parenthesised statement in it.
  let worst: SqlStatement = { effect: 'read', summary: 'WITH query' };
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.kind !== 'lparen') continue;
    const head = word(tokens[i + 1]);
    if (head !== 'DELETE' && head !== 'UPDATE' && head !== 'INSERT') continue;
    let d = 0;
    let end = i;
    for (; end < tokens.length; end++) {
      if (tokens[end]!.kind === 'lparen') d++;
      else if (tokens[end]!.kind === 'rparen' && --d === 0) break;
    }
    const inner = classifyStatement(tokens.slice(i + 1, end), dialect, depth);
    if (inner.kind === 'statement' && rank(inner.statement.effect) > rank(worst.effect)) worst = { effect: inner.statement.effect, summary: `data-modifying CTE: ${inner.statement.summary}` };
  }
  const main = tokens.findIndex((t, i) => i > 0 && ['DELETE', 'UPDATE', 'INSERT'].includes(word(t)) && tokens[i - 1]!.kind === 'rparen');
  if (main > 0) {
    const inner = classifyStatement(tokens.slice(main), dialect, depth);
    if (inner.kind === 'statement' && rank(inner.statement.effect) > rank(worst.effect)) worst = inner.statement;
  }
  return { kind: 'statement', statement: worst };
}

function explain(tokens: Token[], dialect: Dialect, depth: number): Step {
  let i = 1;
  let analyze = false;
  if (tokens[i]?.kind === 'lparen') {
    let d = 0;
    for (; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.kind === 'lparen') d++;
      else if (t.kind === 'rparen' && --d === 0) {
        i++;
        break;
      } else if (word(t) === 'ANALYZE' || word(t) === 'ANALYSE') analyze = !['FALSE', 'OFF', '0'].includes(word(tokens[i + 1]) || tokens[i + 1]?.text || '');
    }
  }
  while (['ANALYZE', 'ANALYSE', 'VERBOSE', 'EXTENDED', 'PARTITIONS', 'FORMAT', 'QUERY', 'PLAN'].includes(word(tokens[i]))) {
    if (word(tokens[i]) === 'ANALYZE' || word(tokens[i]) === 'ANALYSE') analyze = true;
    i++;
  }
  if (!analyze || i >= tokens.length) return statement('read', 'EXPLAIN (the statement is planned, not run)');
  const inner = classifyStatement(tokens.slice(i), dialect, depth);
  return inner.kind === 'statement' ? statement(inner.statement.effect, `EXPLAIN ANALYZE runs it: ${inner.statement.summary}`) : inner;
}

/**
 * `PREPARE name AS <statement>` (PostgreSQL) and `PREPARE name FROM '<statement>'` (MySQL): what EXECUTE
 * will run, judged where it is written. MySQL's text built at run time (`FROM @sql`, `FROM CONCAT(…)`)
 * can't be seen.
 */
function prepared(tokens: Token[], dialect: Dialect, depth: number): Step {
  const name = tokens[1]?.text ?? '';
  const at = tokens.findIndex((t, i) => i >= 2 && (word(t) === 'AS' || word(t) === 'FROM'));
  if (at < 0) return statement('read', `PREPARE ${name}`);
  const body = tokens.slice(at + 1);
  let inner: SqlStatement;
  if (word(tokens[at]) === 'AS') {
    const step = body.length ? classifyStatement(body, dialect, depth) : null;
    inner = step?.kind === 'statement' ? step.statement : { effect: 'read', summary: 'PREPARE' };
  } else if (body.length === 1 && body[0]!.kind === 'string') {
    if (depth >= 3) return statement('unknown', 'PREPARE nested too deeply to follow');
    inner = scanBody(body[0]!.text, dialect, depth + 1);
  } else return statement('unknown', `PREPARE ${name} FROM SQL built at run time, which can't be seen`);
  return inner.effect === 'read' ? statement('read', `PREPARE ${name}`) : statement(inner.effect, `PREPARE ${name} (run by EXECUTE): ${inner.summary}`);
}

/**
 * MariaDB's `EXECUTE IMMEDIATE <expression>`: one string literal, or CONCAT() of literals only, is the
 * SQL it runs and is judged; a variable or any other expression is SQL built at run time, unknown.
 */
function executeImmediate(tokens: Token[], dialect: Dialect, depth: number): Step {
  const stop = tokens.findIndex((t, i) => i >= 2 && word(t) === 'USING');
  const expr = tokens.slice(2, stop < 0 ? tokens.length : stop);
  const concat = word(expr[0]) === 'CONCAT' && expr[1]?.kind === 'lparen' && expr.at(-1)?.kind === 'rparen' ? expr.slice(2, -1) : null;
  const parts = concat ? concat.filter((_, i) => i % 2 === 0) : expr;
  const literal = parts.length > 0 && parts.every((t) => t.kind === 'string') && (!concat || concat.every((t, i) => (i % 2 === 0 ? t.kind === 'string' : t.text === ',')));
  if (!literal || (!concat && parts.length !== 1)) return statement('unknown', "EXECUTE IMMEDIATE of SQL built at run time, which can't be seen");
  if (depth >= 3) return statement('unknown', 'EXECUTE IMMEDIATE nested too deeply to follow');
  const inner = scanBody(parts.map((t) => t.text).join(''), dialect, depth + 1);
  return inner.effect === 'read' ? statement('read', 'EXECUTE IMMEDIATE') : statement(inner.effect, `EXECUTE IMMEDIATE: ${inner.summary}`);
}

/** What CREATE replaces or stores: MariaDB's CREATE OR REPLACE TABLE/DATABASE drops what was there; a routine's body is judged. */
function create(tokens: Token[], dialect: Dialect, depth: number): Step {
  const words = tokens.slice(1, 6).map(word);
  const replace = words[0] === 'OR' && words[1] === 'REPLACE';
  const object = words.slice(replace ? 2 : 0).find((w) => !['TEMPORARY', 'TEMP', 'DEFINER', 'AGGREGATE'].includes(w)) ?? '';
  if (replace && ['TABLE', 'DATABASE', 'SCHEMA'].includes(object) && !words.includes('TEMPORARY'))
    return statement('destroy', `CREATE OR REPLACE ${object} ${objectName(tokens.slice(4))} drops the existing ${object.toLowerCase()} and everything in it first`);
  if ((object === 'FUNCTION' || object === 'PROCEDURE') && depth < 3) {
    // A PostgreSQL body is a quoted string; MySQL's BEGIN … END is split on `;` and its statements judged on their own already.
    let inner: SqlStatement = { effect: 'read', summary: 'routine' };
    for (const t of tokens) {
      const body = t.kind === 'string' ? scanBody(t.text, dialect, depth + 1) : null;
      if (body && rank(body.effect) > rank(inner.effect)) inner = body;
    }
    if (rank(inner.effect) > rank('write')) return statement(inner.effect, `CREATE ${object}: its body, run when it is called: ${inner.summary}`);
  }
  if (object === 'TRIGGER' && depth < 3) {
    const inner = triggerBody(tokens, dialect, depth);
    if (rank(inner.effect) > rank('write')) return statement(inner.effect, `CREATE TRIGGER: its body, run whenever it fires (the same script may fire it): ${inner.summary}`);
  }
  return statement('write', 'CREATE');
}

/** The worst statement in a trigger's body, read as a procedural body is (the event words before ON are not statements). */
function triggerBody(tokens: Token[], dialect: Dialect, depth: number): SqlStatement {
  const on = tokens.findIndex((t) => word(t) === 'ON');
  return worstStatementIn(tokens.slice(on + 1), dialect, depth + 1, 'trigger');
}

/** DO blocks, EXECUTE and CALL: judge the SQL inside their string bodies; what can't be seen is unknown. */
function embedded(head: string, tokens: Token[], dialect: Dialect, depth: number): Step {
  if (head === 'CALL') return statement('write', `CALL ${objectName(tokens.slice(1))} runs a stored procedure`);
  if (head === 'EXECUTE' && word(tokens[1]) === 'IMMEDIATE') return executeImmediate(tokens, dialect, depth);
  const strings = tokens.filter((t) => t.kind === 'string').map((t) => t.text);
  if (strings.length === 0) return statement(head === 'EXECUTE' ? 'write' : 'unknown', `${head} of SQL that can't be seen`);
  if (depth >= 3) return statement('unknown', `${head} nested too deeply to follow`);
  let worst: SqlStatement = { effect: 'read', summary: head };
  for (const s of strings) {
    const inner = scanBody(s, dialect, depth + 1);
    if (rank(inner.effect) > rank(worst.effect)) worst = inner;
  }
  return { kind: 'statement', statement: worst };
}

/**
 * Procedural bodies (plpgsql and the like) are not plain statement lists, so every place a
 * data-changing keyword starts a statement is judged on its own, and string literals are judged as SQL.
 */
export function scanBody(body: string, dialect: Dialect, depth = 0): SqlStatement {
  const tokens = tokenize(body, dialect);
  let worst = worstStatementIn(tokens, dialect, depth, 'procedural block');
  if (depth < 3)
    for (const t of tokens)
      if (t.kind === 'string' && /\b(drop|delete|truncate|update|alter)\b/i.test(t.text)) {
        const inner = scanBody(t.text, dialect, depth + 1);
        if (rank(inner.effect) > rank(worst.effect)) worst = inner;
      }
  return worst;
}

/** The worst of the statements that start at a data-changing word in a body's tokens, each judged on its own. */
function worstStatementIn(tokens: Token[], dialect: Dialect, depth: number, what: string): SqlStatement {
  let worst: SqlStatement = { effect: 'read', summary: what };
  const consider = (s: SqlStatement) => {
    if (rank(s.effect) > rank(worst.effect)) worst = s;
  };
  for (let i = 0; i < tokens.length; i++) {
    const w = word(tokens[i]);
    if (['DELETE', 'UPDATE', 'DROP', 'TRUNCATE', 'ALTER', 'INSERT', 'EXECUTE'].includes(w) && (i === 0 || !['ON', 'CASCADE', 'SET'].includes(word(tokens[i - 1])))) {
      let end = i + 1;
      while (end < tokens.length && tokens[end]!.kind !== 'semi') end++;
      // A procedural EXECUTE runs the text its expression computes: one string literal (with USING's
      // parameters or INTO after it) is judged as SQL; anything else (`'DR' || 'OP …'`, a variable,
      // format()) can't be seen.
      if (w === 'EXECUTE') {
        const expr = tokens.slice(i + 1, end);
        const stop = expr.findIndex((t) => word(t) === 'USING' || word(t) === 'INTO');
        const computed = stop < 0 ? expr : expr.slice(0, stop);
        if (computed.length !== 1 || computed[0]!.kind !== 'string') consider({ effect: 'unknown', summary: 'EXECUTE of SQL the block computes at run time' });
      }
      const step = classifyStatement(tokens.slice(i, end), dialect, depth);
      if (step.kind === 'statement') consider(step.statement);
    }
  }
  return worst;
}
