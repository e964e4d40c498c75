// A recursive-descent parser for bash, written for this job rather than taken from a library:
// it runs before every command an agent proposes, so it must start instantly (no WASM to compile)
// and it must report exactly what bash would run, including heredoc bodies and nested substitutions.
// Lexing is done in the parser because bash's lexing depends on where it is (command position,
// inside `$(…)`, inside `"…"`, in a heredoc).

import { BudgetExceeded, ShellSyntaxError, type Assignment, type Command, type List, type Part, type Pipeline, type Redirect, type Statement, type Word } from './ast.js';
import { decodeAnsiC } from './ansi-c.js';

export interface ParseLimits {
  /** Nesting of lists, substitutions and compound commands. */
  maxDepth: number;
}

const defaultParseLimits: ParseLimits = { maxDepth: 64 };

const RESERVED_TERMINATORS = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', 'esac', '}', 'in']);
const REDIRECT_OPS = ['&>>', '<<<', '<<-', '&>', '>>', '>|', '<>', '<<', '<&', '>&', '<', '>'];
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)(\[[^\]]*\])?(\+?)=/;

interface PendingHeredoc {
  redirect: Redirect;
  delimiter: string;
  stripTabs: boolean;
  quoted: boolean;
}

/** Characters that end an unquoted word. */
function isMeta(c: string | undefined): boolean {
  return c === undefined || c === ' ' || c === '\t' || c === '\n' || c === ';' || c === '&' || c === '|' || c === '<' || c === '>' || c === '(' || c === ')';
}

export function parse(source: string, limits: ParseLimits = defaultParseLimits): List {
  return new Parser(source, limits).parseScript();
}

class Parser {
  private pos = 0;
  private pending: PendingHeredoc[] = [];

  constructor(
    private readonly src: string,
    private readonly limits: ParseLimits,
    private depth = 0,
  ) {}

  // ── entry points ────────────────────────────────────────────────────────────

  parseScript(): List {
    const list = this.parseList(new Set(), '');
    this.skipBlanks();
    if (this.pos < this.src.length) {
      throw this.error(`unexpected '${this.src[this.pos]}'`);
    }
    this.readPendingHeredocsAtEnd();
    return list;
  }

  readUntilEnd(): Part[] {
    return this.readParts('heredoc');
  }

  // ── helpers ─────────────────────────────────────────────────────────────────

  private error(message: string, at = this.pos): ShellSyntaxError {
    return new ShellSyntaxError(`${message} at offset ${at}`, at);
  }

  private enter(): void {
    if (++this.depth > this.limits.maxDepth) throw new BudgetExceeded(`nesting deeper than ${this.limits.maxDepth}`);
  }

  private leave(): void {
    this.depth--;
  }

  private startsWith(s: string): boolean {
    return this.src.startsWith(s, this.pos);
  }

  /** Skips spaces, tabs, line continuations and comments; never newlines. */
  private skipBlanks(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '#') {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  private consumeNewline(): void {
    this.pos++;
    this.readPendingHeredocs();
  }

  /** Skips blanks and newlines (a "linebreak" in the POSIX grammar). */
  private skipLinebreaks(): void {
    for (;;) {
      this.skipBlanks();
      if (this.src[this.pos] === '\n') this.consumeNewline();
      else return;
    }
  }

  /** The next bare word if it is made only of plain characters, for spotting reserved words. */
  private peekBareWord(): string | null {
    let end = this.pos;
    while (end < this.src.length && !isMeta(this.src[end])) {
      const c = this.src[end];
      if (c === '"' || c === "'" || c === '\\' || c === '$' || c === '`') return null;
      end++;
    }
    return end > this.pos ? this.src.slice(this.pos, end) : null;
  }

  private takeReserved(word: string): boolean {
    if (this.peekBareWord() === word) {
      this.pos += word.length;
      return true;
    }
    return false;
  }

  private expectReserved(word: string): void {
    this.skipLinebreaks();
    if (!this.takeReserved(word)) throw this.error(`expected '${word}'`);
  }

  // ── heredocs ────────────────────────────────────────────────────────────────

  private readPendingHeredocs(): void {
    const pending = this.pending;
    this.pending = [];
    for (const h of pending) {
      const lines: string[] = [];
      let terminated = false;
      while (this.pos < this.src.length) {
        let end = this.src.indexOf('\n', this.pos);
        if (end < 0) end = this.src.length;
        let line = this.src.slice(this.pos, end);
        this.pos = Math.min(end + 1, this.src.length);
        if (h.stripTabs) line = line.replace(/^\t+/, '');
        if (line === h.delimiter) {
          terminated = true;
          break;
        }
        lines.push(line);
      }
      // bash accepts a heredoc that runs to the end of input (with a warning); so do we.
      void terminated;
      const body = lines.length ? lines.join('\n') + '\n' : '';
      const parts: Part[] = h.quoted ? [{ kind: 'lit', text: body, quoted: true }] : new Parser(body, this.limits, this.depth).readUntilEnd();
      h.redirect.heredoc = { parts, quoted: h.quoted, delimiter: h.delimiter };
    }
  }

  private readPendingHeredocsAtEnd(): void {
    for (const h of this.pending) h.redirect.heredoc = { parts: [], quoted: h.quoted, delimiter: h.delimiter };
    this.pending = [];
  }

  // ── lists, and-or lists, pipelines ──────────────────────────────────────────

  /**
   * Parses statements until a reserved terminator word, or `closer` (`)` for subshells and `$(…)`,
   * `;;` style arm ends for case).
   */
  private parseList(terminators: Set<string>, closer: string): List {
    this.enter();
    const list: List = [];
    for (;;) {
      this.skipLinebreaks();
      if (this.pos >= this.src.length) break;
      const c = this.src[this.pos];
      if (closer && c === closer) break;
      if (closer === ')' && c === ';' && this.src[this.pos + 1] === ';') break;
      if (c === ';' && (this.src[this.pos + 1] === ';' || this.src[this.pos + 1] === '&')) break; // case arm end
      const bare = this.peekBareWord();
      if (bare !== null && terminators.has(bare)) break;
      if (c === ')') break;
      const statement = this.parseStatement();
      list.push(statement);
      this.skipBlanks();
      const sep = this.src[this.pos];
      if (sep === ';' && this.src[this.pos + 1] !== ';' && this.src[this.pos + 1] !== '&') this.pos++;
      else if (sep === '&' && this.src[this.pos + 1] !== '&' && this.src[this.pos + 1] !== '>') {
        statement.background = true;
        this.pos++;
      } else if (sep === '\n') this.consumeNewline();
      else break;
    }
    this.leave();
    return list;
  }

  /** bash rejects empty bodies: `if then fi`, `{ }`, `( )`, `while do done`. */
  private nonEmpty(list: List, what: string): List {
    if (list.length === 0) throw this.error(`empty ${what}`);
    return list;
  }

  private parseStatement(): Statement {
    const pipelines: Pipeline[] = [this.parsePipeline()];
    const operators: ('&&' | '||')[] = [];
    for (;;) {
      this.skipBlanks();
      if (this.startsWith('&&') || this.startsWith('||')) {
        operators.push(this.src.slice(this.pos, this.pos + 2) as '&&' | '||');
        this.pos += 2;
        this.skipLinebreaks();
        pipelines.push(this.parsePipeline());
      } else break;
    }
    return { pipelines, operators, background: false };
  }

  private parsePipeline(): Pipeline {
    this.skipBlanks();
    let negated = false;
    for (;;) {
      if (this.takeReserved('!')) {
        negated = !negated;
        this.skipBlanks();
      } else if (this.takeReserved('time')) {
        this.skipBlanks();
        if (this.takeReserved('-p')) this.skipBlanks();
      } else break;
    }
    const commands: Command[] = [this.parseCommand()];
    for (;;) {
      this.skipBlanks();
      if (this.src[this.pos] === '|' && this.src[this.pos + 1] !== '|') {
        this.pos += this.src[this.pos + 1] === '&' ? 2 : 1;
        this.skipLinebreaks();
        commands.push(this.parseCommand());
      } else break;
    }
    return { commands, negated };
  }

  // ── commands ────────────────────────────────────────────────────────────────

  private parseCommand(): Command {
    this.skipBlanks();
    const c = this.src[this.pos];
    if (c === undefined) throw this.error('unexpected end of input, expected a command');
    if (c === '(') {
      if (this.src[this.pos + 1] === '(') return this.withRedirects(this.parseArithCommand());
      this.pos++;
      const body = this.nonEmpty(this.parseList(new Set(), ')'), 'subshell');
      if (this.src[this.pos] !== ')') throw this.error("expected ')' to close the subshell");
      this.pos++;
      return this.withRedirects({ type: 'subshell', body, redirects: [] });
    }
    const bare = this.peekBareWord();
    switch (bare) {
      case '{': {
        this.pos++;
        const body = this.nonEmpty(this.parseList(new Set(['}']), ''), 'command group');
        this.expectReserved('}');
        return this.withRedirects({ type: 'group', body, redirects: [] });
      }
      case 'if':
        return this.withRedirects(this.parseIf());
      case 'while':
      case 'until':
        return this.withRedirects(this.parseLoop(bare === 'until'));
      case 'for':
      case 'select':
        return this.withRedirects(this.parseFor());
      case 'case':
        return this.withRedirects(this.parseCase());
      case 'function':
        return this.parseFunctionKeyword();
      case '[[':
        return this.withRedirects(this.parseTest());
    }
    if (bare !== null && RESERVED_TERMINATORS.has(bare) && bare !== 'in') {
      throw this.error(`unexpected '${bare}'`);
    }
    return this.parseSimpleCommand();
  }

  private withRedirects(command: Exclude<Command, { type: 'function' }>): Command {
    for (;;) {
      this.skipBlanks();
      const r = this.tryRedirect();
      if (!r) return command;
      command.redirects.push(r);
    }
  }

  private parseIf(): Exclude<Command, { type: 'function' }> {
    this.pos += 2;
    const clauses: { condition: List; body: List }[] = [];
    let otherwise: List | null = null;
    const condStop = new Set(['then']);
    const bodyStop = new Set(['elif', 'else', 'fi']);
    for (;;) {
      const condition = this.nonEmpty(this.parseList(condStop, ''), 'if condition');
      this.expectReserved('then');
      const body = this.nonEmpty(this.parseList(bodyStop, ''), 'then branch');
      clauses.push({ condition, body });
      this.skipLinebreaks();
      if (this.takeReserved('elif')) continue;
      if (this.takeReserved('else')) {
        otherwise = this.nonEmpty(this.parseList(new Set(['fi']), ''), 'else branch');
        this.expectReserved('fi');
        break;
      }
      this.expectReserved('fi');
      break;
    }
    return { type: 'if', clauses, otherwise, redirects: [] };
  }

  private parseLoop(until: boolean): Exclude<Command, { type: 'function' }> {
    this.pos += 5; // 'while' and 'until' are both five letters
    const condition = this.nonEmpty(this.parseList(new Set(['do']), ''), 'loop condition');
    this.expectReserved('do');
    const body = this.nonEmpty(this.parseList(new Set(['done']), ''), 'loop body');
    this.expectReserved('done');
    return { type: 'loop', until, condition, body, redirects: [] };
  }

  private parseFor(): Exclude<Command, { type: 'function' }> {
    this.pos += this.startsWith('for') ? 3 : 6;
    this.skipBlanks();
    if (this.startsWith('((')) {
      const header = this.readArithWord();
      this.skipBlanks();
      if (this.src[this.pos] === ';') this.pos++;
      const body = this.parseDoGroup();
      return { type: 'for', variable: '', items: null, header, body, redirects: [] };
    }
    const variable = this.peekBareWord();
    if (!variable || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) throw this.error("expected a variable name after 'for'");
    this.pos += variable.length;
    this.skipLinebreaks();
    let items: Word[] | null = null;
    if (this.takeReserved('in')) {
      items = [];
      for (;;) {
        this.skipBlanks();
        const c = this.src[this.pos];
        if (c === ';' || c === '\n' || c === undefined) break;
        items.push(this.readWord());
      }
    }
    this.skipBlanks();
    if (this.src[this.pos] === ';') this.pos++;
    const body = this.parseDoGroup();
    return { type: 'for', variable, items, header: null, body, redirects: [] };
  }

  private parseDoGroup(): List {
    this.skipLinebreaks();
    if (this.takeReserved('{')) {
      const body = this.nonEmpty(this.parseList(new Set(['}']), ''), 'loop body');
      this.expectReserved('}');
      return body;
    }
    this.expectReserved('do');
    const body = this.nonEmpty(this.parseList(new Set(['done']), ''), 'loop body');
    this.expectReserved('done');
    return body;
  }

  private parseCase(): Exclude<Command, { type: 'function' }> {
    this.pos += 4;
    this.skipBlanks();
    const subject = this.readWord();
    this.skipLinebreaks();
    if (!this.takeReserved('in')) throw this.error("expected 'in' after the case subject");
    const arms: { patterns: Word[]; body: List }[] = [];
    for (;;) {
      this.skipLinebreaks();
      if (this.takeReserved('esac')) break;
      if (this.pos >= this.src.length) throw this.error("expected 'esac'");
      if (this.src[this.pos] === '(') this.pos++;
      const patterns: Word[] = [];
      for (;;) {
        this.skipBlanks();
        patterns.push(this.readWord());
        this.skipBlanks();
        if (this.src[this.pos] === '|') {
          this.pos++;
          continue;
        }
        break;
      }
      if (this.src[this.pos] !== ')') throw this.error("expected ')' after a case pattern");
      this.pos++;
      const body = this.parseList(new Set(['esac']), '');
      arms.push({ patterns, body });
      this.skipBlanks();
      if (this.startsWith(';;&')) this.pos += 3;
      else if (this.startsWith(';;') || this.startsWith(';&')) this.pos += 2;
    }
    return { type: 'case', subject, arms, redirects: [] };
  }

  private parseFunctionKeyword(): Command {
    this.pos += 8;
    this.skipBlanks();
    const name = this.readWord();
    this.skipBlanks();
    if (this.startsWith('()')) this.pos += 2;
    else if (this.src[this.pos] === '(') {
      this.pos++;
      this.skipBlanks();
      if (this.src[this.pos] !== ')') throw this.error("expected ')' in function definition");
      this.pos++;
    }
    this.skipLinebreaks();
    return { type: 'function', name: literalText(name), body: this.parseCommand() };
  }

  private parseTest(): Exclude<Command, { type: 'function' }> {
    this.pos += 2;
    const words: Word[] = [];
    for (;;) {
      this.skipLinebreaks();
      if (this.pos >= this.src.length) throw this.error("expected ']]'");
      if (this.peekBareWord() === ']]') {
        this.pos += 2;
        break;
      }
      const c = this.src[this.pos];
      // Inside [[ ]] these are operators, not command separators.
      if (c === '(' || c === ')' || c === '!' || c === '<' || c === '>') {
        this.pos++;
        continue;
      }
      if (this.startsWith('&&') || this.startsWith('||')) {
        this.pos += 2;
        continue;
      }
      words.push(this.readWord());
    }
    return { type: 'test', words, redirects: [] };
  }

  private parseArithCommand(): Exclude<Command, { type: 'function' }> {
    return { type: 'arith', expression: this.readArithWord(), redirects: [] };
  }

  /** Reads `(( … ))` and returns its inside as a word (substitutions inside it still run). */
  private readArithWord(): Word {
    const start = this.pos;
    this.pos += 2;
    const parts = this.readParts('arith');
    if (!this.startsWith('))')) throw this.error("expected '))'", start);
    this.pos += 2;
    return { parts, source: this.src.slice(start, this.pos) };
  }

  private parseSimpleCommand(): Command {
    const start = this.pos;
    const assigns: Assignment[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      this.skipBlanks();
      const c = this.src[this.pos];
      if (c === undefined || c === '\n' || c === ';' || c === ')') break;
      if (c === '&' && this.src[this.pos + 1] !== '>') break;
      if (c === '|') break;
      if ((c === '<' || c === '>') && this.src[this.pos + 1] === '(') {
        words.push(this.readWord());
        continue;
      }
      const r = this.tryRedirect();
      if (r) {
        redirects.push(r);
        continue;
      }
      if (c === '(') {
        if (words.length === 1 && assigns.length === 0) {
          // name () compound-command
          this.pos++;
          this.skipBlanks();
          if (this.src[this.pos] !== ')') throw this.error("expected ')' in function definition");
          this.pos++;
          this.skipLinebreaks();
          return { type: 'function', name: literalText(words[0]!), body: this.parseCommand() };
        }
        throw this.error("unexpected '('");
      }
      if (words.length === 0) {
        const m = ASSIGNMENT.exec(this.peekAssignmentPrefix());
        if (m) {
          assigns.push(this.readAssignment(m));
          continue;
        }
      }
      words.push(this.readWord());
    }
    if (words.length === 0 && assigns.length === 0 && redirects.length === 0) {
      throw this.error(this.pos >= this.src.length ? 'unexpected end of input, expected a command' : `unexpected '${this.src[this.pos]}'`);
    }
    return { type: 'simple', assigns, words, redirects, source: this.src.slice(start, this.pos).trim() };
  }

  /** The raw text up to the first metacharacter, used only to test for `NAME=`. */
  private peekAssignmentPrefix(): string {
    let end = this.pos;
    while (end < this.src.length && !isMeta(this.src[end]) && this.src[end] !== '=') end++;
    return this.src.slice(this.pos, end + 1);
  }

  private readAssignment(m: RegExpExecArray): Assignment {
    const name = m[1]!;
    const append = m[3] === '+';
    this.pos += m[0].length;
    if (this.src[this.pos] === '(') {
      const start = this.pos;
      this.pos++;
      const array: Word[] = [];
      for (;;) {
        this.skipLinebreaks();
        if (this.src[this.pos] === ')') {
          this.pos++;
          break;
        }
        if (this.pos >= this.src.length) throw this.error("expected ')' to close the array", start);
        array.push(this.readWord());
      }
      return { name, append, value: { parts: [], source: this.src.slice(start, this.pos) }, array };
    }
    const start = this.pos;
    const parts = isMeta(this.src[this.pos]) ? [] : this.readParts('word');
    return { name, append, value: { parts, source: this.src.slice(start, this.pos) } };
  }

  private tryRedirect(): Redirect | null {
    const start = this.pos;
    let fd: number | null = null;
    let p = this.pos;
    while (p < this.src.length && this.src[p]! >= '0' && this.src[p]! <= '9') p++;
    if (p > this.pos && (this.src[p] === '<' || this.src[p] === '>')) {
      fd = Number(this.src.slice(this.pos, p));
    } else if (this.src[p] === '{') {
      const close = this.src.slice(p, p + 66).indexOf('}') + p;
      if (close > p && /^\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(this.src.slice(p, close + 1)) && (this.src[close + 1] === '<' || this.src[close + 1] === '>')) {
        p = close + 1;
      } else p = this.pos;
    } else p = this.pos;
    const op = REDIRECT_OPS.find((o) => this.src.startsWith(o, p));
    if (!op) {
      this.pos = start;
      return null;
    }
    if (op.startsWith('&') && p !== this.pos) {
      this.pos = start;
      return null;
    }
    this.pos = p + op.length;
    this.skipBlanks();
    const c = this.src[this.pos];
    const procsub = (c === '<' || c === '>') && this.src[this.pos + 1] === '(';
    if (isMeta(c) && !procsub) throw this.error(`expected a file name after '${op}'`);
    const target = this.readWord();
    const redirect: Redirect = { op, fd, target };
    if (op === '<<' || op === '<<-') {
      const quoted = target.parts.some((part) => part.kind === 'lit' && part.quoted);
      this.pending.push({ redirect, delimiter: delimiterText(target), stripTabs: op === '<<-', quoted });
    }
    return redirect;
  }

  // ── words ───────────────────────────────────────────────────────────────────

  private readWord(): Word {
    const start = this.pos;
    const c = this.src[this.pos];
    if ((c === '<' || c === '>') && this.src[this.pos + 1] === '(') {
      this.pos += 2;
      const body = this.parseList(new Set(), ')');
      if (this.src[this.pos] !== ')') throw this.error("expected ')' to close the process substitution", start);
      this.pos++;
      const procsub: Part = { kind: 'procsub', direction: c, body, source: this.src.slice(start, this.pos) };
      const rest = isMeta(this.src[this.pos]) ? [] : this.readParts('word');
      return { parts: [procsub, ...rest], source: this.src.slice(start, this.pos) };
    }
    const parts = this.readParts('word');
    if (parts.length === 0 && this.pos === start) throw this.error(`unexpected '${c ?? 'end of input'}'`);
    return { parts, source: this.src.slice(start, this.pos) };
  }

  /**
   * Reads word parts in one of four contexts:
   *  - word: an unquoted shell word, ending at a metacharacter;
   *  - dquote: inside "…", ending at the closing quote (not consumed here);
   *  - heredoc: a heredoc body with an unquoted delimiter, running to the end of the text;
   *  - arith: inside (( … )), ending at the matching '))';
   *  - brace: inside ${…}, ending at the matching '}'.
   */
  private readParts(mode: 'word' | 'dquote' | 'heredoc' | 'arith' | 'brace'): Part[] {
    const parts: Part[] = [];
    const quoted = mode === 'dquote' || mode === 'heredoc';
    let lit = '';
    let litQuoted = quoted;
    let parenDepth = 0;
    const pushLit = (text: string, q: boolean) => {
      if (lit && litQuoted !== q) flush();
      litQuoted = q;
      lit += text;
    };
    const flush = () => {
      if (lit) parts.push({ kind: 'lit', text: lit, quoted: litQuoted });
      lit = '';
    };
    const src = this.src;
    for (;;) {
      const c = src[this.pos];
      if (c === undefined) {
        if (mode === 'dquote') throw this.error('unterminated double quote');
        if (mode === 'arith') throw this.error("expected '))'");
        if (mode === 'brace') throw this.error("unterminated '${'");
        break;
      }
      if (mode === 'word' && isMeta(c)) break;
      if (mode === 'dquote' && c === '"') break;
      if (mode === 'brace' && c === '}') break;
      if (mode === 'arith') {
        if (c === '(') parenDepth++;
        else if (c === ')') {
          if (parenDepth === 0 && src[this.pos + 1] === ')') break;
          if (parenDepth > 0) parenDepth--;
        }
      }
      if (c === '\\') {
        const next = src[this.pos + 1];
        if (next === '\n') {
          // A line continuation vanishes, even in the middle of a word. Not inside a quoted heredoc body,
          // but those never reach this function.
          this.pos += 2;
          continue;
        }
        if (next === undefined) {
          pushLit('\\', quoted);
          this.pos++;
          continue;
        }
        if (mode === 'word' || mode === 'brace' || mode === 'arith') {
          pushLit(next, true);
          this.pos += 2;
          continue;
        }
        // Inside double quotes (and unquoted heredocs) a backslash escapes only these characters.
        if (next === '$' || next === '`' || next === '\\' || (next === '"' && mode === 'dquote')) {
          pushLit(next, true);
          this.pos += 2;
          continue;
        }
        pushLit('\\', true);
        this.pos++;
        continue;
      }
      if (c === "'" && (mode === 'word' || mode === 'brace')) {
        const end = src.indexOf("'", this.pos + 1);
        if (end < 0) throw this.error('unterminated single quote');
        if (end === this.pos + 1) {
          flush();
          parts.push({ kind: 'lit', text: '', quoted: true });
        }
        pushLit(src.slice(this.pos + 1, end), true);
        this.pos = end + 1;
        continue;
      }
      if (c === '"' && (mode === 'word' || mode === 'brace' || mode === 'arith')) {
        const open = this.pos;
        this.pos++;
        flush();
        const inner = this.readParts('dquote');
        if (src[this.pos] !== '"') throw this.error('unterminated double quote', open);
        this.pos++;
        if (inner.length === 0) parts.push({ kind: 'lit', text: '', quoted: true });
        else parts.push(...inner);
        continue;
      }
      if (c === '`') {
        flush();
        parts.push(this.readBackticks(quoted));
        continue;
      }
      if (c === '$') {
        const next = src[this.pos + 1];
        if (next === "'" && (mode === 'word' || mode === 'brace')) {
          const { text, end } = decodeAnsiC(src, this.pos + 2);
          if (end < 0) throw this.error("unterminated $'…' string");
          pushLit(text, true);
          this.pos = end;
          continue;
        }
        if (next === '"' && (mode === 'word' || mode === 'brace')) {
          this.pos++;
          continue; // $"…" is a translatable string; without a catalogue it is just "…"
        }
        if (next === '(' && src[this.pos + 2] === '(') {
          flush();
          const start = this.pos;
          this.pos += 1;
          this.pos += 2;
          const inner = this.readParts('arith');
          if (!this.startsWith('))')) throw this.error("expected '))'", start);
          this.pos += 2;
          parts.push({ kind: 'arith', inner, quoted });
          continue;
        }
        if (next === '(') {
          flush();
          const start = this.pos;
          this.pos += 2;
          const body = this.parseList(new Set(), ')');
          this.skipLinebreaks();
          if (src[this.pos] !== ')') throw this.error("expected ')' to close '$('", start);
          this.pos++;
          parts.push({ kind: 'cmdsub', body, quoted, source: src.slice(start, this.pos) });
          continue;
        }
        if (next === '{') {
          flush();
          parts.push(this.readBraceParam(quoted));
          continue;
        }
        const name = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(src.slice(this.pos + 1, this.pos + 64));
        if (name) {
          flush();
          parts.push({ kind: 'param', name: name[0], op: '', inner: [], quoted });
          this.pos += 1 + name[0].length;
          continue;
        }
        pushLit('$', quoted);
        this.pos++;
        continue;
      }
      pushLit(c, quoted);
      this.pos++;
    }
    flush();
    return parts;
  }

  private readBraceParam(quoted: boolean): Part {
    const start = this.pos;
    this.pos += 2;
    this.enter();
    const m = /^[!#]?(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-])/.exec(this.src.slice(this.pos, this.pos + 128));
    let name = '';
    if (m) {
      name = m[0];
      this.pos += name.length;
    }
    const opMatch = /^(?::?[-=?+]|##?|%%?|\/\/?|\^\^?|,,?|:|@|\[)/.exec(this.src.slice(this.pos, this.pos + 3));
    const op = opMatch ? opMatch[0] : '';
    this.pos += op.length;
    const inner = this.readParts('brace');
    if (this.src[this.pos] !== '}') throw this.error("unterminated '${'", start);
    this.pos++;
    this.leave();
    return { kind: 'param', name: name.replace(/^[!#]/, ''), op: name.startsWith('#') || name.startsWith('!') ? name[0]! + op : op, inner, quoted };
  }

  private readBackticks(quoted: boolean): Part {
    const start = this.pos;
    this.pos++;
    let text = '';
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) throw this.error('unterminated backquote', start);
      if (c === '`') {
        this.pos++;
        break;
      }
      if (c === '\\') {
        const next = this.src[this.pos + 1];
        if (next === '`' || next === '\\' || next === '$' || (quoted && next === '"')) {
          text += next;
          this.pos += 2;
          continue;
        }
      }
      text += c;
      this.pos++;
    }
    const body = new Parser(text, this.limits, this.depth + 1).parseScript();
    return { kind: 'cmdsub', body, quoted, source: this.src.slice(start, this.pos) };
  }
}

/** The text of a word made only of literal parts (used for names and heredoc delimiters). */
function literalText(word: Word): string {
  return word.parts.map((p) => (p.kind === 'lit' ? p.text : '')).join('');
}

/** bash removes quotes from a heredoc delimiter but does not expand it. */
function delimiterText(word: Word): string {
  return word.parts
    .map((p) => {
      if (p.kind === 'lit') return p.text;
      if (p.kind === 'param') return '$' + (p.op || p.inner.length ? `{${p.name}}` : p.name);
      if (p.kind === 'cmdsub' || p.kind === 'procsub') return p.source;
      return '';
    })
    .join('');
}
