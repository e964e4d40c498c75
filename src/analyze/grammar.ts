// A strict reader for the options of programs that run another command. Unlike rules/argv.ts, it
// knows every option a program has and how many words each takes, and it says so when it meets one it
// doesn't know: a misread option turns the next word into "the command" (`flock -w 5 rm …` is not a
// program called 5), so an unknown option makes what runs unknown, never a guess.

import { literalWord, type Arg } from '../core/invocation.js';

export interface Grammar {
  /** Short option letters that take a value: the rest of the word, or the next word. */
  shortValue?: string;
  /** Short option letters whose value can only be attached (`-m/proc/1/ns/mnt`, or just `-m`). */
  shortOptional?: string;
  /** Short option letters that take none. */
  shortFlags?: string;
  /** Long options and how many words of value they take; `optional` takes one only as `--name=value`. */
  long?: Readonly<Record<string, number | 'optional'>>;
  /** Options may follow positionals (GNU getopt's default); otherwise they end at the first positional. */
  permute?: boolean;
}

export interface GrammarParse {
  /** Options in order, with their values (none for a flag). */
  options: { name: string; values: Arg[] }[];
  /** Positional words before `rest` (only when the grammar permutes). */
  positionals: Arg[];
  /** Index of the first word after the options (and `--`). */
  rest: number;
  /** The first word that is an option this grammar does not know, or one built at run time. */
  unknown?: string;
  has(...names: string[]): boolean;
  /** The last value given to any of these options. */
  value(...names: string[]): Arg | undefined;
  values(...names: string[]): Arg[];
}

export function parseGrammar(args: readonly Arg[], grammar: Grammar): GrammarParse {
  const options: { name: string; values: Arg[] }[] = [];
  const positionals: Arg[] = [];
  const result = (rest: number, unknown?: string): GrammarParse => ({
    options,
    positionals,
    rest,
    ...(unknown !== undefined ? { unknown } : {}),
    has: (...names) => options.some((o) => names.includes(o.name)),
    value: (...names) => options.filter((o) => names.includes(o.name) && o.values.length).at(-1)?.values[0],
    values: (...names) => options.filter((o) => names.includes(o.name)).flatMap((o) => o.values),
  });
  const long = grammar.long ?? {};
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    const t = arg.text;
    if (t === '--') return grammar.permute ? (positionals.push(...args.slice(i + 1)), result(args.length)) : result(i + 1);
    if (!t.startsWith('-') || t === '-') {
      if (!grammar.permute) break;
      positionals.push(arg);
      continue;
    }
    if (!arg.static) return result(i, t);
    if (t.startsWith('--')) {
      const eq = t.indexOf('=');
      const name = eq < 0 ? t : t.slice(0, eq);
      const arity = long[name];
      if (arity === undefined) return result(i, t);
      const values: Arg[] = eq < 0 ? [] : [literalWord(t.slice(eq + 1))];
      const wanted = arity === 'optional' ? 0 : arity;
      while (values.length < wanted && i + 1 < args.length) values.push(args[++i]!);
      options.push({ name, values });
      continue;
    }
    for (let k = 1; k < t.length; k++) {
      const letter = t[k]!;
      const name = `-${letter}`;
      const attached = t.slice(k + 1);
      if (grammar.shortValue?.includes(letter)) {
        options.push({ name, values: attached ? [literalWord(attached)] : i + 1 < args.length ? [args[++i]!] : [] });
        break;
      }
      if (grammar.shortOptional?.includes(letter)) {
        options.push({ name, values: attached ? [literalWord(attached)] : [] });
        break;
      }
      if (!grammar.shortFlags?.includes(letter)) return result(i, t);
      options.push({ name, values: [] });
    }
  }
  return result(i);
}
