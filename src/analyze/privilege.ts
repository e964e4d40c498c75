// What `sudo`, `sudoedit` and `doas` run. Their options are read letter by letter as the programs read
// them, because a misread option turns the next word into "the program": `sudo X=1 psql …` runs psql
// with X=1 in its environment, not a program called X=1. An option airlock does not know makes what
// runs unknown (opaque), never a guess.

import { emptyTable } from '../core/table.js';
import type { Derived } from './unwrap.js';
import { literalWord, type Arg, type Invocation } from '../core/invocation.js';
import { scriptFrom } from './derived.js';

interface Grammar {
  /** Short option letters that take a value (the rest of the word, or the next word). */
  shortValue: string;
  /** Short option letters that take none. */
  shortFlags: string;
  /** Long options that take a value (`--user root` or `--user=root`). */
  longValue: string[];
  /** Long options that take none (an `=value` is still accepted: `--preserve-env=PATH`). */
  longFlags: string[];
}

/** sudo 1.9 (sudo.ws) plus the BSD `-a type` and `-c class`. `-h` is help alone and the host otherwise. */
const SUDO: Grammar = {
  shortValue: 'aCcDghpRrTtUu',
  shortFlags: 'ABbEeHiKklNnPSsVv',
  longValue: ['--auth-type', '--close-from', '--chdir', '--login-class', '--group', '--host', '--prompt', '--chroot', '--role', '--type', '--command-timeout', '--other-user', '--user'],
  longFlags: [
    '--askpass',
    '--background',
    '--bell',
    '--preserve-env',
    '--edit',
    '--help',
    '--set-home',
    '--login',
    '--remove-timestamp',
    '--reset-timestamp',
    '--list',
    '--non-interactive',
    '--no-update',
    '--preserve-groups',
    '--stdin',
    '--shell',
    '--version',
    '--validate',
  ],
};

/** OpenBSD doas (and opendoas): -a style, -C config, -u user; -L, -n, -s. */
const DOAS: Grammar = { shortValue: 'aCu', shortFlags: 'Lns', longValue: [], longFlags: [] };

interface Parsed {
  /** Option letters and long names seen, without their values. */
  options: Set<string>;
  /** The first word after the options (and `--`). */
  rest: number;
  /** An option the grammar doesn't know, if any. */
  unknown?: string;
}

function parse(args: Arg[], grammar: Grammar): Parsed {
  const options = new Set<string>();
  let i = 0;
  for (; i < args.length; i++) {
    const t = args[i]!.text;
    if (t === '--') return { options, rest: i + 1 };
    if (!t.startsWith('-') || t === '-') break;
    if (!args[i]!.static) return { options, rest: i, unknown: t };
    if (t.startsWith('--')) {
      const eq = t.indexOf('=');
      const name = eq < 0 ? t : t.slice(0, eq);
      if (grammar.longValue.includes(name)) {
        if (eq < 0) i++;
      } else if (!grammar.longFlags.includes(name)) return { options, rest: i, unknown: t };
      options.add(name);
      continue;
    }
    for (let k = 1; k < t.length; k++) {
      const letter = t[k]!;
      // sudo's `-h` alone asks for help; followed by a word, that word is the host.
      if (letter === 'h' && grammar === SUDO && k === t.length - 1 && i + 1 >= args.length) {
        options.add('-h');
        break;
      }
      if (grammar.shortValue.includes(letter)) {
        options.add(`-${letter}`);
        if (k === t.length - 1) i++;
        break;
      }
      if (!grammar.shortFlags.includes(letter)) return { options, rest: i, unknown: t };
      options.add(`-${letter}`);
    }
  }
  return { options, rest: i };
}

/** `NAME=value` words after the options: sudo puts them in the command's environment. */
function assignments(args: Arg[], from: number): { env: Record<string, Arg>; rest: number } {
  const env: Record<string, Arg> = emptyTable();
  let i = from;
  for (; i < args.length; i++) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(args[i]!.text);
    if (!m) break;
    env[m[1]!] = { ...args[i]!, text: m[2]! };
  }
  return { env, rest: i };
}

/**
 * The shell sudo -s / -i starts: with words, it runs them as a command line (sudo escapes every
 * character but letters, digits, _, - and $, so the shell sees the same words with $ still expanded;
 * one word holding a whole line, `sudo -i 'rm -rf x'`, is that line); without words, the shell reads
 * its commands from stdin, which the shell's own unwrapping follows.
 */
function viaShell(words: Arg[], env: Record<string, Arg>, label: string): Derived[] {
  if (words.length === 0) return [{ kind: 'argv', argv: [literalWord('sh')], label, env }];
  return scriptFrom(words, label, `the command ${label} runs`, words.length === 1 ? undefined : sudoEscaped);
}

const sudoEscaped = (w: Arg) => w.text.replace(/[^A-Za-z0-9_$-]/g, '\\$&');

/** `sudo -e f…` / `sudoedit f…` edit the files as root: a write to each of them. */
function edits(files: Arg[], label: string): Derived[] {
  return files.length ? [{ kind: 'argv', argv: [literalWord('tee'), literalWord('--'), ...files], label }] : [];
}

export function unwrapSudo(inv: Invocation, args: Arg[]): Derived[] {
  const label = inv.program;
  const parsed = parse(args, SUDO);
  if (parsed.unknown !== undefined) return [{ kind: 'opaque', reason: `${label} is given an option airlock does not know (${parsed.unknown}), so what it runs can't be told` }];
  const o = parsed.options;
  if (inv.program === 'sudoedit' || o.has('-e') || o.has('--edit')) return edits(args.slice(parsed.rest), `${label} -e`);
  // These list, validate or forget credentials, or print help or the version: nothing runs
  // (`-l cmd` only says whether cmd would be allowed).
  if (['-l', '--list', '-v', '--validate', '-K', '--remove-timestamp', '-V', '--version', '--help'].some((f) => o.has(f))) return [];
  if (o.has('-h') && parsed.rest >= args.length) return [];
  const { env, rest } = assignments(args, parsed.rest);
  const words = args.slice(rest);
  if (['-s', '--shell', '-i', '--login'].some((f) => o.has(f))) return viaShell(words, env, `${label} -s`);
  return words.length ? [{ kind: 'argv', argv: words, label, env }] : [];
}

export function unwrapDoas(inv: Invocation, args: Arg[]): Derived[] {
  const parsed = parse(args, DOAS);
  if (parsed.unknown !== undefined) return [{ kind: 'opaque', reason: `doas is given an option airlock does not know (${parsed.unknown}), so what it runs can't be told` }];
  // -C checks a configuration file and -L forgets credentials; neither runs the command.
  if (parsed.options.has('-C') || parsed.options.has('-L')) return [];
  // doas itself passes NAME=value on as the program name (and fails); read as sudo does, to be safe.
  const { env, rest } = assignments(args, parsed.rest);
  const words = args.slice(rest);
  if (parsed.options.has('-s')) return viaShell(words, env, 'doas -s');
  return words.length ? [{ kind: 'argv', argv: words, label: 'doas', env }] : [];
}
