// The commands an awk program runs: `system(cmd)`, `cmd | getline` (and gawk's `|&`), and
// `print … | cmd`, whose printed text is cmd's stdin (`print "rm -rf d" | "sh"` runs rm). Each cmd
// goes through `sh -c`. A command is read when it is string literals, juxtaposed (awk's
// concatenation: `"rm -rf " "d"`), or a variable given one such value once; anything else is built
// at run time, and what it runs is unknown.

import type { Derived } from './unwrap.js';

interface Token {
  kind: 'string' | 'regex' | 'name' | 'number' | 'punct' | 'newline';
  text: string;
  /** A string's value, escapes read. */
  value?: string;
}

const AWK_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\x07', b: '\b', f: '\f', v: '\v' };

/** An awk string's text between its quotes, with its escapes read. */
function awkString(body: string): string {
  return body.replace(/\\([0-7]{1,3}|.)/gs, (_, e: string) => (/^[0-7]/.test(e) ? String.fromCharCode(parseInt(e, 8)) : (AWK_ESCAPES[e] ?? `\\${e}`)));
}

/** Tokens that end a value, after which `/` divides instead of starting a regular expression. */
const endsValue = (t: Token | undefined): boolean => !!t && (t.kind === 'string' || t.kind === 'name' || t.kind === 'number' || t.text === ')' || t.text === ']' || t.text === '$');

function tokenize(code: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < code.length) {
    const c = code[i]!;
    // Blanks, and a backslash that continues the line.
    const blank = /^(?:\\\n|[ \t\r])+/.exec(code.slice(i, i + 256));
    if (blank) {
      i += blank[0].length;
      continue;
    }
    if (c === '#') {
      while (i < code.length && code[i] !== '\n') i++;
      continue;
    }
    if (c === '\n' || c === ';') {
      out.push({ kind: 'newline', text: c });
      i++;
      continue;
    }
    if (c === '"' || (c === '/' && !endsValue(out[out.length - 1]))) {
      let j = i + 1;
      while (j < code.length && code[j] !== c && code[j] !== '\n') j += code[j] === '\\' ? 2 : 1;
      const body = code.slice(i + 1, j);
      out.push(c === '"' ? { kind: 'string', text: code.slice(i, j + 1), value: awkString(body) } : { kind: 'regex', text: code.slice(i, j + 1) });
      i = j + 1;
      continue;
    }
    const word = /^(?:[A-Za-z_]\w*|\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+)/.exec(code.slice(i, i + 256));
    if (word) {
      out.push({ kind: /^[A-Za-z_]/.test(word[0]) ? 'name' : 'number', text: word[0] });
      i += word[0].length;
      continue;
    }
    const punct = /^(?:\|\||\|&|&&|==|!=|<=|>=|>>|\+\+|--|[-+*/%^!<>]=|.)/s.exec(code.slice(i, i + 3))![0];
    out.push({ kind: 'punct', text: punct });
    i += punct.length;
  }
  return out;
}

/** Where an expression stops, reading outward from a pipe or into a call. */
const BOUNDARY = new Set(['{', '}', ',', '=', '&&', '||', '?', ':', '!', '>', '<', '>>', '|', '|&', '+=', '-=', '*=', '/=', '%=', '^=']);
const STATEMENT_WORDS = new Set(['if', 'while', 'for', 'do', 'else', 'return', 'print', 'printf', 'getline', 'in', 'delete', 'exit', 'next']);

/**
 * The value of an expression, when it is made of string literals and variables with one known value,
 * juxtaposed and in parentheses; null when anything else is in it.
 */
function stringValue(tokens: Token[], variables: Map<string, string | null>): string | null {
  let out = '';
  for (const t of tokens) {
    if (t.text === '(' || t.text === ')') continue;
    if (t.kind === 'string') out += t.value!;
    else if (t.kind === 'name' && typeof variables.get(t.text) === 'string' && !STATEMENT_WORDS.has(t.text)) out += variables.get(t.text)!;
    else return null;
  }
  return tokens.length ? out : null;
}

/**
 * The tokens before `end` back to the nearest token (outside parentheses) that `stops` says ends what is
 * read, or an unmatched `(`.
 */
function back(tokens: Token[], end: number, stops: (t: Token) => boolean): Token[] {
  let depth = 0;
  let i = end - 1;
  for (; i >= 0; i--) {
    const t = tokens[i]!;
    if (t.text === ')') depth++;
    else if (t.text === '(') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && stops(t)) break;
  }
  return tokens.slice(i + 1, end);
}

/** The tokens of the expression that ends just before `end`, back to the nearest boundary. */
const expressionBefore = (tokens: Token[], end: number) => back(tokens, end, (t) => t.kind === 'newline' || BOUNDARY.has(t.text) || (t.kind === 'name' && STATEMENT_WORDS.has(t.text)));

/** The tokens of the statement that goes on at `end`, from its start (after `{`, `}`, `;` or a new line). */
const statementBefore = (tokens: Token[], end: number) => back(tokens, end, (t) => t.kind === 'newline' || t.text === '{' || t.text === '}');

/** The tokens of the expression that starts at `start`, up to the end of its statement or an unmatched `)`. */
function expressionAfter(tokens: Token[], start: number): Token[] {
  let depth = 0;
  let i = start;
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text === '(') depth++;
    else if (t.text === ')') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && (t.kind === 'newline' || t.text === '}' || t.text === '{' || t.text === '||' || t.text === '&&' || (t.kind === 'name' && STATEMENT_WORDS.has(t.text)))) break;
  }
  return tokens.slice(start, i);
}

/** Variables given a value: the value when every assignment is the same string expression, else null. */
function assignedValues(tokens: Token[]): Map<string, string | null> {
  const values = new Map<string, string | null>();
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'name') continue;
    const op = tokens[i + 1]!.text;
    // `getline x`, `split(s, x)`, `x++`, `x += …`, `for (x in …)` set x to something not read here.
    const setElsewhere = tokens[i - 1]?.text === 'getline' || /^(?:\+\+|--|[-+*/%^]=)$/.test(op) || tokens[i + 1]?.text === 'in' || tokens[i - 1]?.text === ',';
    if (op !== '=' && !setElsewhere) continue;
    const value = op === '=' ? stringValue(expressionAfter(tokens, i + 2), new Map()) : null;
    const before = values.get(t.text);
    values.set(t.text, before === undefined || before === value ? value : null);
  }
  return values;
}

/** A shell word that is `text` exactly. */
const quoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** The text a `print` or `printf` statement prints, when its items are all known. */
function printed(statement: string, items: Token[], variables: Map<string, string | null>): string | null {
  if (!items.length) return null; // print alone prints $0, the input line
  const pieces: string[] = [];
  let current: Token[] = [];
  let depth = 0;
  for (const t of [...items, { kind: 'punct', text: ',' } as Token]) {
    if (t.text === '(') depth++;
    if (t.text === ')') depth--;
    if (t.text === ',' && depth === 0) {
      const value = stringValue(current, variables);
      if (value === null) return null;
      pieces.push(value);
      current = [];
    } else current.push(t);
  }
  if (statement === 'print') return pieces.join(' ') + '\n';
  // printf with a format that converts nothing prints the format.
  return pieces.length === 1 && !/%[^%]/.test(pieces[0]!.replace(/%%/g, '')) ? pieces[0]!.replace(/%%/g, '%') : null;
}

/**
 * `print … > "file"` and `printf … >> "file"`: the file a print statement writes (emptied first for `>`),
 * and what it prints (null when that is only known at run time). A file named at run time (`print >
 * $1 ".txt"`, the usual way to split a file) is left out: nothing names it. A `>` inside parentheses
 * (`print (a > b)`) compares.
 */
function printedInto(tokens: Token[], at: number, variables: Map<string, string | null>): { file: string; text: string | null } | null {
  const statement = statementBefore(tokens, at);
  let depth = 0;
  for (let k = statement.length - 1; k >= 0; k--) {
    const s = statement[k]!;
    if (s.text === ')') depth++;
    else if (s.text === '(') depth--;
    else if (depth === 0 && s.kind === 'name' && (s.text === 'print' || s.text === 'printf')) {
      const file = stringValue(expressionAfter(tokens, at + 1), variables);
      return file ? { file, text: printed(s.text, statement.slice(k + 1), variables) } : null;
    }
  }
  return null;
}

/**
 * The shell commands an awk program runs, as scripts (for `print … | cmd`, with what it prints fed to
 * cmd), and why one can't be read. `fromFile`: a program read from a file, whose commands built at run
 * time are left out rather than held (as for other languages' script files).
 */
export function awkCommands(code: string, origin: string, fromFile = false): Derived[] {
  const tokens = tokenize(code);
  const variables = assignedValues(tokens);
  const out: Derived[] = [];
  const label = `${origin} (shell command in code)`;
  const command = (expression: Token[], how: string, stdin?: string | null): void => {
    const text = stringValue(expression, variables);
    if (text === null) {
      if (!fromFile) out.push({ kind: 'opaque', reason: `${origin} runs a command built at run time (${how} ${expression.map((t) => t.text).join(' ')})` });
      return;
    }
    if (!text.trim()) return;
    if (stdin === undefined) out.push({ kind: 'script', text, label });
    // What the program prints is the command's stdin: `printf` gives it to the script the walker reads.
    else out.push({ kind: 'script', text: `printf '%s' ${stdin === null ? '"$ARG"' : quoted(stdin)} | ${text}`, label });
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'name' && t.text === 'system' && tokens[i + 1]?.text === '(') {
      command(expressionAfter(tokens, i + 2), 'system');
      continue;
    }
    if (t.text === '>' || t.text === '>>') {
      const written = printedInto(tokens, i, variables);
      if (written)
        out.push({ kind: 'script', text: `printf '%s' ${written.text === null ? '"$ARG"' : quoted(written.text)} ${t.text} ${quoted(written.file)}`, label: `${origin} (file written by print)` });
      continue;
    }
    if (t.text !== '|' && t.text !== '|&') continue;
    if (tokens[i + 1]?.text === 'getline') {
      command(expressionBefore(tokens, i), '| getline');
      continue;
    }
    // `print items | cmd`: the items follow the statement's print or printf.
    const statement = statementBefore(tokens, i);
    let at = statement.length - 1;
    while (at >= 0 && !(statement[at]!.kind === 'name' && (statement[at]!.text === 'print' || statement[at]!.text === 'printf'))) at--;
    if (at < 0) continue;
    const name = statement[at]!.text;
    command(expressionAfter(tokens, i + 1), `${name} … |`, printed(name, statement.slice(at + 1), variables));
  }
  return out;
}
