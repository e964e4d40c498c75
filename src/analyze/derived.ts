// The few shapes every wrapper's reading ends in (unwrap.ts, later.ts, privilege.ts): the words it
// runs as a command, a command line it hands to a shell, or a script file it runs; or, when that
// can't be known, why.

import type { Arg } from '../core/invocation.js';
import type { Derived, UnwrapContext } from './unwrap.js';

/** The words as a command of their own, if there are any. */
export function argvFrom(words: Arg[], label: string, extra: Partial<Extract<Derived, { kind: 'argv' }>> = {}): Derived[] {
  return words.length ? [{ kind: 'argv', argv: words, label, ...extra }] : [];
}

/**
 * Words a shell runs as its command line, joined with spaces as it would see them (each spelled by
 * `spell`, as written unless the wrapper escapes them); unknown when one is built at run time. `what`
 * names it in that reason.
 */
export function scriptFrom(words: Arg[], label: string, what: string, spell = (w: Arg) => w.text): Derived[] {
  if (words.length === 0) return [];
  if (words.some((w) => !w.static)) return [{ kind: 'opaque', reason: `${what} is built at run time: ${words.map((w) => w.text).join(' ')}` }];
  return [{ kind: 'script', text: words.map(spell).join(' '), label }];
}

/** A script file the wrapper runs: its text, or why it can't be known. */
export function scriptFile(file: Arg, ctx: UnwrapContext, label: string): Derived[] {
  if (!file.static) return [{ kind: 'opaque', reason: `${label} runs a script whose name is built at run time: ${file.text}` }];
  const content = ctx.readFile(file.text);
  if (content === null) return [{ kind: 'opaque', reason: `${label} runs ${file.text}, which airlock could not read` }];
  return [{ kind: 'script', text: content, label: `${label} ${file.text}` }];
}
