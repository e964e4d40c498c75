// Argument handling, written once for every rule and wrapper: program basenames, options past which
// a subcommand is found, combined short flags (`-rf`), `--flag=value` and `--flag value`.

import type { Arg } from '../core/invocation.js';

export interface OptionSpec {
  /** Options that take a value, spelled as on the command line: `-u`, `--user`, `-chdir`. */
  value?: readonly string[];
  /** Options are single-dash words (`-auto-approve`, `-chdir=dir`), as in Terraform and Go tools. */
  singleDashWords?: boolean;
  /** Stop at the first positional: what follows belongs to a subcommand or to a wrapped command. */
  stopAtPositional?: boolean;
}

export interface ParsedOptions {
  /** Options in order, with their value (`true` for a plain flag). Short flags come one letter each. */
  options: [name: string, value: string | true][];
  positionals: Arg[];
  /** Index in the input of the first positional (the input length if none). */
  rest: number;
  /** Whether `--` was seen. */
  doubleDash: boolean;
  has(...names: string[]): boolean;
  value(...names: string[]): string | undefined;
  values(...names: string[]): string[];
}

/** The command name as a rule sees it: no directory, no Windows `.exe`. */
export function programName(text: string): string {
  const base = text.slice(text.lastIndexOf('/') + 1);
  return base.replace(/\.exe$/i, '');
}

export function parseOptions(args: readonly Arg[], spec: OptionSpec = {}): ParsedOptions {
  // A list, not a Set: most are a few words, and a Set built on every call cost more than looking through them.
  const valueOptions = spec.value ?? [];
  const options: [string, string | true][] = [];
  const positionals: Arg[] = [];
  let rest = args.length;
  let doubleDash = false;
  for (let i = 0; i < args.length; i++) {
    const text = args[i]!.text;
    if (doubleDash || text === '-' || !text.startsWith('-') || (!args[i]!.static && !text.startsWith('-'))) {
      if (rest === args.length) rest = i;
      if (spec.stopAtPositional) break;
      positionals.push(args[i]!);
      continue;
    }
    if (text === '--') {
      doubleDash = true;
      if (spec.stopAtPositional) {
        rest = i + 1;
        break;
      }
      continue;
    }
    if (text.startsWith('--') || spec.singleDashWords) {
      const eq = text.indexOf('=');
      const name = eq < 0 ? text : text.slice(0, eq);
      if (eq >= 0) options.push([name, text.slice(eq + 1)]);
      else if (valueOptions.includes(name) && i + 1 < args.length) options.push([name, args[++i]!.text]);
      else options.push([name, true]);
      continue;
    }
    // Combined short flags: -rf is -r -f; a letter that takes a value takes the rest of the word or the next one.
    for (let k = 1; k < text.length; k++) {
      const name = '-' + text[k];
      if (valueOptions.includes(name)) {
        const attached = text.slice(k + 1);
        if (attached) options.push([name, attached.replace(/^=/, '')]);
        else if (i + 1 < args.length) options.push([name, args[++i]!.text]);
        else options.push([name, true]);
        break;
      }
      options.push([name, true]);
    }
  }
  if (spec.stopAtPositional && rest === args.length && !doubleDash) rest = args.length;
  return {
    options,
    positionals,
    rest,
    doubleDash,
    has: (...names) => options.some(([n]) => names.includes(n)),
    value: (...names) => {
      for (let k = options.length - 1; k >= 0; k--) {
        const [n, v] = options[k]!;
        if (names.includes(n) && v !== true) return v;
      }
      return undefined;
    },
    values: (...names) => options.filter(([n, v]) => names.includes(n) && v !== true).map(([, v]) => v as string),
  };
}

/** Shell-quotes words so that a list of argv can be handed back to the shell parser. */
export function shellJoin(words: readonly string[]): string {
  return words.map((w) => (/^[A-Za-z0-9_@%+=:,./~-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** prisma's options that take a value, so a value is not read as a subcommand (the prisma pack and its preflight probe). */
export const PRISMA_VALUE_OPTIONS: readonly string[] = [
  '--schema',
  '--url',
  '--file',
  '--name',
  '-n',
  '--from-url',
  '--to-url',
  '--from-schema-datamodel',
  '--to-schema-datamodel',
  '--from-migrations',
  '--to-migrations',
  '--shadow-database-url',
  '--config',
];

/** drizzle-kit's options that take a value (the drizzle pack and its preflight probe). */
export const DRIZZLE_KIT_VALUE_OPTIONS: readonly string[] = ['--config', '--dialect', '--schema', '--url', '--out'];

/** psql's options that take a value, so a value is not read as the database name or the SQL. */
export const PSQL_VALUE_OPTIONS: readonly string[] = [
  '-c',
  '--command',
  '-f',
  '--file',
  '-d',
  '--dbname',
  '-h',
  '--host',
  '-p',
  '--port',
  '-U',
  '--username',
  '-v',
  '--set',
  '--variable',
  '-o',
  '--output',
  '-L',
  '--log-file',
  '-P',
  '--pset',
  '-F',
  '--field-separator',
  '-R',
  '--record-separator',
  '-T',
  '--table-attr',
];
