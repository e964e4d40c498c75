// Decoding of bash's $'…' strings, which agents (and attackers) use to spell a command without its
// letters: $'\x72\x6d' is `rm`.

import { table } from '../core/table.js';

const SIMPLE: Record<string, string> = table({
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
});

/**
 * Decodes from `start` (just past `$'`) to the closing quote.
 * Returns the text and the offset just past the closing quote, or end -1 when unterminated.
 */
export function decodeAnsiC(src: string, start: number): { text: string; end: number } {
  let text = '';
  let i = start;
  while (i < src.length) {
    const c = src[i]!;
    if (c === "'") return { text, end: i + 1 };
    if (c !== '\\') {
      text += c;
      i++;
      continue;
    }
    const e = src[i + 1];
    if (e === undefined) break;
    if (e in SIMPLE) {
      text += SIMPLE[e];
      i += 2;
      continue;
    }
    if (e >= '0' && e <= '7') {
      const m = /^[0-7]{1,3}/.exec(src.slice(i + 1, i + 4))!;
      text += String.fromCharCode(parseInt(m[0], 8) & 0xff);
      i += 1 + m[0].length;
      continue;
    }
    const hex = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (hex) {
      const m = new RegExp(`^[0-9a-fA-F]{1,${hex}}`).exec(src.slice(i + 2, i + 2 + hex));
      if (!m) {
        text += '\\' + e;
        i += 2;
        continue;
      }
      const code = parseInt(m[0], 16);
      text += e === 'x' ? String.fromCharCode(code) : code <= 0x10ffff ? String.fromCodePoint(code) : '';
      i += 2 + m[0].length;
      continue;
    }
    if (e === 'c' && i + 2 < src.length) {
      text += String.fromCharCode(src.charCodeAt(i + 2) & 0x1f);
      i += 3;
      continue;
    }
    text += '\\' + e;
    i += 2;
  }
  return { text, end: -1 };
}
