// A careful SQL tokenizer for MySQL/MariaDB and SQLite, and the fallback for any text the Postgres
// parser rejects. It knows every quoting and comment form of the three dialects, so a keyword inside
// a string or a comment is never mistaken for a statement, and MySQL's executable comments
// (`/*! DROP TABLE x */`) are read as the code they are.

import type { Dialect } from './types.js';

type TokenKind = 'word' | 'ident' | 'string' | 'number' | 'op' | 'semi' | 'lparen' | 'rparen' | 'meta';

export interface Token {
  kind: TokenKind;
  /** Upper-cased for words, unquoted content for strings and quoted identifiers. */
  text: string;
}

export function tokenize(sql: string, dialect: Dialect): Token[] {
  const tokens: Token[] = [];
  const n = sql.length;
  let i = 0;
  let atStatementStart = true;
  const push = (t: Token) => {
    tokens.push(t);
    atStatementStart = t.kind === 'semi';
  };
  while (i < n) {
    const c = sql[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    // psql backslash commands and sqlite dot-commands take the rest of their line.
    if (atStatementStart && (c === '\\' || (c === '.' && (dialect === 'sqlite' || dialect === 'generic') && /[a-z]/i.test(sql[i + 1] ?? '')))) {
      let end = sql.indexOf('\n', i);
      if (end < 0) end = n;
      push({ kind: 'meta', text: sql.slice(i, end).trim() });
      tokens.push({ kind: 'semi', text: ';' });
      i = end;
      continue;
    }
    if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? n : end;
      continue;
    }
    if (c === '#' && dialect === 'mysql') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? n : end;
      continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      if (sql[i + 2] === '!' && dialect !== 'postgres') {
        // MySQL runs the inside of /*! … */ (optionally versioned: /*!50001 … */).
        i += 3;
        while (i < n && sql[i]! >= '0' && sql[i]! <= '9') i++;
        continue;
      }
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (sql[i] === '*' && sql[i + 1] === '/') {
          depth--;
          i += 2;
        } else if (sql[i] === '/' && sql[i + 1] === '*' && dialect === 'postgres') {
          depth++;
          i += 2;
        } else i++;
      }
      continue;
    }
    if (c === '*' && sql[i + 1] === '/') {
      i += 2; // end of an executable comment
      continue;
    }
    // E'…' (backslash escapes) and $tag$…$tag$ are PostgreSQL's: in SQLite `e'x'` is a name and a string, `$a` a parameter.
    if (c === "'" || ((c === 'E' || c === 'e') && sql[i + 1] === "'" && dialect !== 'mysql' && dialect !== 'sqlite')) {
      const start = c === "'" ? i : i + 1;
      const [text, end] = quoted(sql, start, "'", dialect === 'mysql' || c !== "'");
      push({ kind: 'string', text });
      i = end;
      continue;
    }
    if (c === '"') {
      const [text, end] = quoted(sql, i, '"', dialect === 'mysql');
      push({ kind: dialect === 'mysql' ? 'string' : 'ident', text });
      i = end;
      continue;
    }
    if (c === '`' || (c === '[' && dialect === 'sqlite')) {
      const close = c === '`' ? '`' : ']';
      const [text, end] = quoted(sql, i, close, false);
      push({ kind: 'ident', text });
      i = end;
      continue;
    }
    if (c === '$' && dialect !== 'mysql' && dialect !== 'sqlite') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 64));
      if (m) {
        const end = sql.indexOf(m[0], i + m[0].length);
        const stop = end < 0 ? n : end;
        push({ kind: 'string', text: sql.slice(i + m[0].length, stop) });
        i = end < 0 ? n : end + m[0].length;
        continue;
      }
    }
    if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      let end = i + 1;
      while (end < n && /[A-Za-z0-9_$\u0080-\uffff]/.test(sql[end]!)) end++;
      push({ kind: 'word', text: sql.slice(i, end).toUpperCase() });
      i = end;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      let end = i + 1;
      while (end < n && /[0-9.eE]/.test(sql[end]!)) end++;
      push({ kind: 'number', text: sql.slice(i, end) });
      i = end;
      continue;
    }
    if (c === ';') {
      push({ kind: 'semi', text: ';' });
      i++;
      continue;
    }
    if (c === '(') {
      push({ kind: 'lparen', text: '(' });
      i++;
      continue;
    }
    if (c === ')') {
      push({ kind: 'rparen', text: ')' });
      i++;
      continue;
    }
    const op = /^(<=>|<>|!=|<=|>=|::|\|\||[=<>+\-*/%,.!~^&|:?@])/.exec(sql.slice(i, i + 3));
    push({ kind: 'op', text: op ? op[0] : c });
    i += op ? op[0].length : 1;
  }
  return tokens;
}

/** Reads a quoted run starting at `start` (the opening quote). Doubled quotes escape; so may backslashes. */
function quoted(sql: string, start: number, close: string, backslash: boolean): [string, number] {
  let text = '';
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i]!;
    if (backslash && c === '\\' && i + 1 < sql.length) {
      text += sql[i + 1];
      i += 2;
      continue;
    }
    if (c === close) {
      if (sql[i + 1] === close) {
        text += close;
        i += 2;
        continue;
      }
      return [text, i + 1];
    }
    text += c;
    i++;
  }
  return [text, sql.length];
}

/** Splits a token stream into statements at top-level semicolons. */
export function splitStatements(tokens: Token[]): Token[][] {
  const out: Token[][] = [];
  let current: Token[] = [];
  for (const t of tokens) {
    if (t.kind === 'semi') {
      if (current.length) out.push(current);
      current = [];
    } else current.push(t);
  }
  if (current.length) out.push(current);
  return out;
}
