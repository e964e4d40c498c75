// Static word expansion: what bash does to a word before a command sees it (brace expansion, tilde
// expansion, parameter and command substitution, quote removal, empty-word removal), as far as it can
// be known without running anything. Whatever can't be known is kept visibly dynamic, never guessed.

import { BudgetExceeded, type List, type Part, type Word } from './ast.js';
import type { Arg } from '../core/invocation.js';

export type { Arg };

/** One argument as the command would receive it. */

export interface ExpandOptions {
  /** The home directory to substitute for `~`; when absent, `~` is kept as `~` (and `$HOME` becomes `~`). */
  home?: string;
  /** Values of variables known statically (from assignments earlier in the same script). */
  variables?: ReadonlyMap<string, string>;
  /** The output of a command substitution, when it can be computed without running anything. */
  commandOutput?: (body: List) => string | null;
  /** Upper bound on words produced by brace expansion. */
  maxFields?: number;
  /**
   * The characters unquoted expansions are split on: $IFS as the script left it, bash's default when
   * it never set it, and null when it set it to something unknown (then no split can be known).
   */
  ifs?: () => string | null;
}

/** $IFS when nothing sets it: bash ignores an inherited one. */
export const DEFAULT_IFS = ' \t\n';

type Token = { ch: string; quoted: boolean } | { part: Part };

const SEQUENCE = /^(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])(?:\.\.(-?\d+))?$/;

/** Expands a command word into the arguments it becomes (zero, one or more). */
export function expandWord(word: Word, options: ExpandOptions = {}): Arg[] {
  const max = options.maxFields ?? 4096;
  // Most words have no unquoted `{`, and brace expansion leaves them as they are: their parts are
  // joined as the tokens would join them, without a token for every character.
  const variants = word.parts.some((p) => p.kind === 'lit' && !p.quoted && p.text.includes('{')) ? braceExpand(toTokens(word.parts), max) : null;
  if (variants === null) return split(joinedLiterals(word.parts), options);
  return variants.flatMap((tokens) => split(fromTokens(tokens), options));
}

/** Expands an assignment value or a redirection target: one field, no brace expansion, no splitting. */
export function expandSingle(parts: Part[], options: ExpandOptions = {}): Arg {
  return render(parts, options);
}

function render(parts: Part[], options: ExpandOptions): Arg {
  let text = '';
  let isStatic = true;
  let dynamicStart = false;
  let glob = false;
  let mayMultiply = false;
  const start = firstNonEmpty(parts);
  parts.forEach((part, index) => {
    const atStart = text === '' && index === start;
    switch (part.kind) {
      case 'lit': {
        let value = part.text;
        if (!part.quoted) {
          if (index === 0 && value.startsWith('~')) value = expandTilde(value, parts[1], options.home);
          if (/[*?[]/.test(value)) glob = true;
        }
        text += value;
        break;
      }
      case 'param': {
        const known = paramValue(part, options);
        if (known !== null) {
          text += known;
          break;
        }
        text += part.op || part.inner.length ? '${' + part.name + part.op + innerText(part.inner) + '}' : '$' + part.name;
        isStatic = false;
        if (atStart) dynamicStart = true;
        if (!part.quoted) mayMultiply = true;
        break;
      }
      case 'cmdsub': {
        const output = options.commandOutput?.(part.body) ?? null;
        if (output !== null) {
          text += output.replace(/\n+$/, '');
          break;
        }
        text += part.source;
        isStatic = false;
        if (atStart) dynamicStart = true;
        if (!part.quoted) mayMultiply = true;
        break;
      }
      case 'arith':
        text += '$((' + innerText(part.inner) + '))';
        isStatic = false;
        if (atStart) dynamicStart = true;
        break;
      case 'procsub':
        // bash replaces it with a path such as /dev/fd/63 whose contents are produced at run time:
        // a program reading it (`bash <(curl …)`) reads code nobody can see beforehand.
        text += '/dev/fd/63';
        isStatic = false;
        break;
    }
  });
  return { text, static: isStatic, dynamicStart, glob, mayMultiply };
}

interface Field {
  text: string;
  static: boolean;
  dynamicStart: boolean;
  glob: boolean;
  mayMultiply: boolean;
  /** Something was put in it, if only quotes (`""`) or a delimiter that is not blank: it is a word even when empty. */
  started: boolean;
}

/**
 * A command word as bash makes it into words: the values of unquoted expansions it can know are cut
 * on $IFS (blanks in it fold together and trim, any other character in it ends a word, even an empty
 * one), so `IFS=,; c=rm,-rf,x; $c` runs rm. Values of unknown expansions stay whole and visibly
 * dynamic; known values under an unknown $IFS are dynamic too, since how they split is not known.
 */
function split(parts: Part[], options: ExpandOptions): Arg[] {
  const ifs = options.ifs ? options.ifs() : (options.variables?.get('IFS') ?? DEFAULT_IFS);
  const fields: Arg[] = [];
  let field: Field = emptyField();
  const append = (text: string, quoted: boolean, dynamic: boolean, globbing: boolean): void => {
    if (field.text === '' && dynamic) field.dynamicStart = true;
    field.text += text;
    if (text !== '' || quoted) field.started = true;
    if (dynamic) field.static = false;
    if (globbing && /[*?[]/.test(text)) field.glob = true;
  };
  const end = (): void => {
    if (field.started) fields.push({ text: field.text, static: field.static, dynamicStart: field.dynamicStart, glob: field.glob, mayMultiply: field.mayMultiply });
    field = emptyField();
  };
  const expanded = (value: string, quoted: boolean): void => {
    if (quoted || value === '' || ifs === '') {
      append(value, quoted, false, false);
      return;
    }
    if (ifs === null) {
      append(value, false, true, false);
      field.mayMultiply = true;
      return;
    }
    const pieces = value.split(delimiters(ifs));
    // split() with a capturing group puts each delimiter between the pieces it separates.
    for (let i = 0; i < pieces.length; i += 2) {
      if (i > 0) {
        // A delimiter with a character that is not blank ends a word even when nothing is in it.
        if (/[^ \t\n]/.test(pieces[i - 1]!)) field.started = true;
        end();
      }
      append(pieces[i]!, false, false, true);
    }
  };
  parts.forEach((part, index) => {
    switch (part.kind) {
      case 'lit': {
        let value = part.text;
        if (!part.quoted && index === 0 && value.startsWith('~')) value = expandTilde(value, parts[1], options.home);
        append(value, part.quoted, false, !part.quoted);
        break;
      }
      case 'param': {
        const known = paramValue(part, options);
        if (known !== null) expanded(known, part.quoted);
        else dynamicPart(part.op || part.inner.length ? '${' + part.name + part.op + innerText(part.inner) + '}' : '$' + part.name, part.quoted);
        break;
      }
      case 'cmdsub': {
        const output = options.commandOutput?.(part.body) ?? null;
        if (output !== null) expanded(output.replace(/\n+$/, ''), part.quoted);
        else dynamicPart(part.source, part.quoted);
        break;
      }
      case 'arith':
        append('$((' + innerText(part.inner) + '))', part.quoted, true, false);
        field.started = true;
        break;
      case 'procsub':
        // bash replaces it with a path such as /dev/fd/63 whose contents are produced at run time:
        // a program reading it (`bash <(curl …)`) reads code nobody can see beforehand.
        append('/dev/fd/63', true, false, false);
        field.static = false;
        break;
    }
  });
  end();
  return fields;

  function dynamicPart(text: string, quoted: boolean): void {
    append(text, quoted, true, false);
    if (!quoted) field.mayMultiply = true;
  }
}

function emptyField(): Field {
  return { text: '', static: true, dynamicStart: false, glob: false, mayMultiply: false, started: false };
}

/** What ends a word in an expansion's value: blanks of $IFS, or one other $IFS character with blanks around it. */
function delimiters(ifs: string): RegExp {
  const classOf = (chars: string) => [...chars].map((c) => `\\u{${c.codePointAt(0)!.toString(16)}}`).join('');
  const blanks = [...ifs].filter((c) => c === ' ' || c === '\t' || c === '\n').join('');
  const others = [...ifs].filter((c) => !blanks.includes(c)).join('');
  const blank = blanks ? `[${classOf(blanks)}]*` : '';
  const alternatives = [...(others ? [`${blank}[${classOf(others)}]${blank}`] : []), ...(blanks ? [`[${classOf(blanks)}]+`] : [])];
  return new RegExp(`(${alternatives.join('|')})`, 'u');
}

function firstNonEmpty(parts: Part[]): number {
  const i = parts.findIndex((p) => !(p.kind === 'lit' && p.text === ''));
  return i < 0 ? 0 : i;
}

function paramValue(part: Extract<Part, { kind: 'param' }>, options: ExpandOptions): string | null {
  if (part.op !== '') return null;
  if (part.name === 'HOME') return options.home ?? '~';
  return options.variables?.get(part.name) ?? null;
}

function innerText(parts: Part[]): string {
  return parts.map((p) => (p.kind === 'lit' ? p.text : p.kind === 'param' ? '$' + p.name : p.kind === 'arith' ? '$((…))' : p.source)).join('');
}

/** `~` and `~/x` become the home directory; `~user` and the like are kept as written. */
function expandTilde(value: string, next: Part | undefined, home: string | undefined): string {
  const slash = value.indexOf('/');
  const prefix = slash < 0 ? value : value.slice(0, slash);
  // A tilde prefix runs to the first unquoted slash; if the literal ends first and any other part
  // follows (quoted text, a variable), the prefix is not a plain login name and bash leaves it alone.
  if (slash < 0 && next) return value;
  if (prefix !== '~' || home === undefined) return value;
  return home + value.slice(1);
}

function toTokens(parts: Part[]): Token[] {
  const tokens: Token[] = [];
  for (const part of parts) {
    // An empty quoted part ('' or "") still makes the word an argument, so it must survive as a token.
    if (part.kind === 'lit' && part.text === '' && part.quoted) tokens.push({ ch: '', quoted: true });
    else if (part.kind === 'lit') for (const ch of part.text) tokens.push({ ch, quoted: part.quoted });
    else tokens.push({ part });
  }
  return tokens;
}

/** What fromTokens(toTokens(parts)) gives: neighbouring literals quoted alike joined, empty unquoted ones dropped. */
function joinedLiterals(parts: Part[]): Part[] {
  const out: Part[] = [];
  for (const part of parts) {
    if (part.kind !== 'lit') {
      out.push(part);
      continue;
    }
    if (part.text === '' && !part.quoted) continue;
    const last = out[out.length - 1];
    if (last && last.kind === 'lit' && last.quoted === part.quoted) last.text += part.text;
    else out.push({ kind: 'lit', text: part.text, quoted: part.quoted });
  }
  return out;
}

function fromTokens(tokens: Token[]): Part[] {
  const parts: Part[] = [];
  for (const t of tokens) {
    if ('part' in t) {
      parts.push(t.part);
      continue;
    }
    const last = parts[parts.length - 1];
    if (last && last.kind === 'lit' && last.quoted === t.quoted) last.text += t.ch;
    else parts.push({ kind: 'lit', text: t.ch, quoted: t.quoted });
  }
  return parts;
}

const isUnquoted = (t: Token | undefined, ch: string): boolean => !!t && 'ch' in t && !t.quoted && t.ch === ch;

/** bash brace expansion: `a{b,c}d` → `abd acd`, `{1..3}`, `{a..c}`, nested, with quoted braces left alone. */
function braceExpand(tokens: Token[], max: number, depth = 0): Token[][] {
  // Each brace group costs a level of recursion; a word with hundreds of them is an attack, not a command.
  if (depth > 64) throw new BudgetExceeded('more than 64 brace expressions in one word');
  for (let i = 0; i < tokens.length; i++) {
    if (!isUnquoted(tokens[i], '{')) continue;
    // `${` never reaches here (parameters are parts), but a literal `$` before `{` stops bash too.
    if (i > 0 && isUnquoted(tokens[i - 1], '$')) continue;
    let depth = 0;
    const commas: number[] = [];
    let close = -1;
    for (let j = i + 1; j < tokens.length; j++) {
      if (isUnquoted(tokens[j], '{')) depth++;
      else if (isUnquoted(tokens[j], '}')) {
        if (depth === 0) {
          close = j;
          break;
        }
        depth--;
      } else if (depth === 0 && isUnquoted(tokens[j], ',')) commas.push(j);
    }
    if (close < 0) return [tokens];
    const prefix = tokens.slice(0, i);
    const suffixes = braceExpand(tokens.slice(close + 1), max, depth + 1);
    let alternatives: Token[][];
    if (commas.length > 0) {
      const bounds = [i, ...commas, close];
      alternatives = [];
      for (let k = 0; k + 1 < bounds.length; k++) {
        alternatives.push(...braceExpand(tokens.slice(bounds[k]! + 1, bounds[k + 1]), max, depth + 1));
      }
    } else {
      const inner = tokens.slice(i + 1, close);
      const seq = inner.every((t) => 'ch' in t && !t.quoted) ? sequence(inner.map((t) => (t as { ch: string }).ch).join(''), max) : null;
      if (!seq) continue;
      alternatives = seq.map((s) => [...s].map((ch) => ({ ch, quoted: true })));
    }
    if (alternatives.length * suffixes.length > max) throw new BudgetExceeded(`brace expansion beyond ${max} words`);
    const out: Token[][] = [];
    for (const alt of alternatives) for (const suffix of suffixes) out.push([...prefix, ...alt, ...suffix]);
    return out;
  }
  return [tokens];
}

function sequence(text: string, max: number): string[] | null {
  const m = SEQUENCE.exec(text);
  if (!m) return null;
  const [, a, b, stepText] = m as unknown as [string, string, string, string | undefined];
  const numeric = /^-?\d+$/.test(a) && /^-?\d+$/.test(b);
  if (!numeric && (/\d/.test(a) || /\d/.test(b))) return null;
  const start = numeric ? parseInt(a, 10) : a.charCodeAt(0);
  const end = numeric ? parseInt(b, 10) : b.charCodeAt(0);
  let step = Math.abs(stepText ? parseInt(stepText, 10) : 1) || 1;
  const count = Math.floor(Math.abs(end - start) / step) + 1;
  if (count > max) throw new BudgetExceeded(`brace sequence beyond ${max} words`);
  if (start > end) step = -step;
  const width = numeric && (/^-?0\d/.test(a) || /^-?0\d/.test(b)) ? Math.max(a.length, b.length) : 0;
  const out: string[] = [];
  for (let k = 0, v = start; k < count; k++, v += step) {
    if (!numeric) out.push(String.fromCharCode(v));
    else if (width) out.push(v < 0 ? '-' + String(-v).padStart(width - 1, '0') : String(v).padStart(width, '0'));
    else out.push(String(v));
  }
  return out;
}
