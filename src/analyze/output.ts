// What a small set of pure commands print, computed without running them. This is what lets
// `echo 'DROP DATABASE app;' | psql`, `printf … | psql`, `cat <<EOF | psql` and
// `eval "$(echo cm0gLXJm… | base64 -d)"` be judged by what they really feed to the next command.

import { table } from '../core/table.js';
import type { Invocation } from '../core/invocation.js';

/** The exact stdout of `inv`, or null when it can't be known without running it. */
export function staticOutput(inv: Invocation): string | null {
  if (inv.argv.some((a) => !a.static || a.mayMultiply)) return null;
  const args = inv.argv.slice(1).map((a) => a.text);
  const stdin = inv.stdin.kind === 'text' && inv.stdin.static ? inv.stdin.text : null;
  switch (inv.program) {
    case 'echo':
      return echo(args);
    case 'printf':
      return args.length && args[0] !== '-v' ? printf(args[0] === '--' ? args.slice(1) : args) : null;
    case 'cat':
      return args.every((a) => a === '-') ? stdin : null;
    case 'base64':
      if (stdin === null) return null;
      if (args.some((a) => a === '-d' || a === '--decode' || a === '-D' || a === '-di')) return decodeBase64(stdin);
      return args.length === 0 ? Buffer.from(stdin, 'latin1').toString('base64').replace(/.{76}/g, '$&\n') + '\n' : null;
    case 'xxd':
      return stdin !== null && args.includes('-r') && args.includes('-p') ? Buffer.from(stdin.replace(/\s+/g, ''), 'hex').toString('latin1') : null;
    case 'rev':
      return stdin !== null && args.length === 0 ? stdin.replace(/[^\n]+/g, (line) => [...line].reverse().join('')) : null;
    case 'true':
    case ':':
      return '';
    default:
      return null;
  }
}

function decodeBase64(text: string): string | null {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return null;
  return Buffer.from(clean, 'base64').toString('latin1');
}

/** bash's builtin echo: -n, -e and -E as leading options, combinable (`-ne`). */
function echo(args: string[]): string {
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length && /^-[neE]+$/.test(args[i]!); i++) {
    for (const f of args[i]!.slice(1)) {
      if (f === 'n') newline = false;
      else if (f === 'e') escapes = true;
      else escapes = false;
    }
  }
  let text = args.slice(i).join(' ');
  if (escapes) {
    const cut = text.indexOf('\\c');
    if (cut >= 0) return expandEscapes(text.slice(0, cut));
    text = expandEscapes(text);
  }
  return newline ? text + '\n' : text;
}

const ESCAPES: Record<string, string> = table({ a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' });

/**
 * echo -e's escapes, and printf's in a `%b` argument: `\0nnn` octal (and, for `%b`, `\nnn` without
 * the 0), `\xHH`, `\uHHHH`, `\UHHHHHHHH` and the letters.
 */
function expandEscapes(text: string, bareOctal = false): string {
  const pattern = bareOctal
    ? /\\(0[0-7]{0,3}|[1-7][0-7]{0,2}|x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|[abeEfnrtv\\])/g
    : /\\(0[0-7]{0,3}|x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|[abeEfnrtv\\])/g;
  return text.replace(pattern, (_, e: string) => character(e) ?? e);
}

/** The character one escape (without its backslash) stands for: octal, hex, Unicode or a letter. */
function character(e: string): string | undefined {
  if (e[0] === '0') return String.fromCharCode(parseInt(e.slice(1) || '0', 8));
  if (/^[1-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
  if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
  if (e[0] === 'u' || e[0] === 'U') return String.fromCodePoint(Math.min(parseInt(e.slice(1), 16), 0x10ffff));
  return ESCAPES[e];
}

/** bash's printf for the common conversions; anything fancier makes the output unknown. */
function printf(args: string[]): string | null {
  const [format, ...rest] = args as [string, ...string[]];
  let out = '';
  let index = 0;
  do {
    let consumed = false;
    let failed = false;
    const piece = format.replace(
      // The format's own escapes: octal is `\nnn`, one to three digits, a leading 0 counted among them.
      /%(%|[-+ 0#]*\d*(?:\.\d+)?([sbdicqxXo]))|\\([0-7]{1,3}|x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|[abeEfnrtv\\"'])/g,
      (all, conv: string | undefined, letter: string | undefined, esc: string | undefined) => {
        if (esc !== undefined) return esc === '"' || esc === "'" ? esc : /^[0-7]/.test(esc) ? String.fromCharCode(parseInt(esc, 8)) : (character(esc) ?? esc);
        if (conv === '%') return '%';
        const value = rest[index++] ?? '';
        consumed = true;
        switch (letter) {
          case 's':
          case 'q':
            return value;
          case 'b':
            return expandEscapes(value, true);
          case 'c':
            return value.slice(0, 1);
          case 'd':
          case 'i':
            return value === '' ? '0' : /^-?\d+$/.test(value) ? String(parseInt(value, 10)) : ((failed = true), all);
          default:
            failed = true;
            return all;
        }
      },
    );
    if (failed) return null;
    out += piece;
    if (!consumed) break;
  } while (index < rest.length);
  return out;
}
