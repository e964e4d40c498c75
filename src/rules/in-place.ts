// In-place edits that leave nothing behind: `sed -i d f`, `sed -ni '' f`, `perl -ni -e '' f`,
// `perl -pi -e '$_ = ""' f`, `gawk -i inplace 'NR < 0' f`. Each tool writes back only what its script
// prints, so a script that deletes every line or prints nothing empties every file it is given, with no
// backup unless a suffix was asked for (`sed -i.bak`, `perl -i.orig`, `inplace::suffix`).

import type { Arg, Invocation } from '../core/invocation.js';

export interface InPlaceEdit {
  /** The files written back. */
  files: Arg[];
  /** What in the script leaves them empty, for messages. */
  how: string;
}

/** The files an in-place edit empties, or null when it is no in-place edit, keeps a backup, or its script leaves something. */
export function emptyingEdit(inv: Invocation): InPlaceEdit | null {
  if (inv.program === 'sed' || inv.program === 'gsed') return sedEdit(inv.argv.slice(1));
  if (inv.program === 'perl') return perlEdit(inv.argv.slice(1));
  if (inv.program === 'gawk' || inv.program === 'awk') return awkEdit(inv.argv.slice(1));
  return null;
}

interface Switches {
  /** Scripts given with -e (or the program's equivalent); undefined when one came from a file. */
  scripts: string[] | undefined;
  positionals: Arg[];
  inPlace: boolean;
  backup: boolean;
  flags: Set<string>;
}

/**
 * Reads bundled single-letter switches the way sed and perl do: `-ni`, `-pi.bak`, `-e CODE`, `-eCODE`.
 * `value` letters take the rest of the word or the next one; `suffix` letters take the rest of the word only.
 */
function readSwitches(args: Arg[], letters: { value: string; suffix: string; long: Record<string, 'flag' | 'value' | 'in-place'> }): Switches {
  const out: Switches = { scripts: [], positionals: [], inPlace: false, backup: false, flags: new Set() };
  for (let i = 0; i < args.length; i++) {
    const text = args[i]!.text;
    if (text === '--') {
      out.positionals.push(...args.slice(i + 1));
      break;
    }
    if (text.startsWith('--')) {
      const [name, attached] = text.includes('=') ? [text.slice(0, text.indexOf('=')), text.slice(text.indexOf('=') + 1)] : [text, undefined];
      const kind = letters.long[name!];
      if (kind === 'in-place') {
        out.inPlace = true;
        out.backup ||= !!attached;
      } else if (kind === 'value') {
        const value = attached ?? args[++i]?.text;
        if (name === '--expression' && value !== undefined) out.scripts?.push(value);
        else if (name === '--file') out.scripts = undefined;
      } else out.flags.add(name!);
      continue;
    }
    if (!text.startsWith('-') || text === '-') {
      out.positionals.push(args[i]!);
      continue;
    }
    for (let k = 1; k < text.length; k++) {
      const letter = text[k]!;
      const rest = text.slice(k + 1);
      if (letter === 'i') {
        out.inPlace = true;
        out.backup ||= rest !== '';
        break;
      }
      // perl's -0 and -l take only the digits that follow (`-0777`, `-0x1ff`, `-l0`): `-0pi` is -0, -p and -i.
      if (letters.suffix.includes(letter) && (letter === '0' || letter === 'l')) {
        out.flags.add(`-${letter}`);
        k += /^(?:x[0-9a-fA-F]*|[0-7]*)/.exec(rest)![0].length;
        continue;
      }
      if (letters.suffix.includes(letter)) {
        out.flags.add(`-${letter}`);
        break;
      }
      if (letters.value.includes(letter)) {
        const value = rest !== '' ? rest : args[++i]?.text;
        if ((letter === 'e' || letter === 'E') && value !== undefined) out.scripts?.push(value);
        else if (letter === 'f') out.scripts = undefined;
        break;
      }
      out.flags.add(`-${letter}`);
    }
  }
  return out;
}

const SED_ADDRESS = String.raw`(?:\d+|\$|\/(?:[^/\\]|\\.)*\/I?M?)`;
/** One sed command: its address (or none), and its letter with what follows. */
const SED_COMMAND = new RegExp(String.raw`^(${SED_ADDRESS}(?:\s*,\s*${SED_ADDRESS})?)?\s*(!?)\s*([a-zA-Z=#{}])(.*)$`, 's');
/** Addresses that select every line. */
const EVERY_LINE = /^(?:|1\s*,\s*\$|0\s*,\s*\$|\/\^?\/|\/\.\*\/|\/\^\.\*\$\/)$/;
/** A substitution of a whole line by nothing: `s/.*/ /`, `s|^.*$||g`. */;
const WHOLE_LINE_GONE = /^(.)\^?\.\*\$?\1\1[gI]*$/;

/** What one sed command does to the output: prints something, removes every line, or neither. */
function sedCommandEffect(command: string): 'prints' | 'wipes' | 'other' {
  const m = SED_COMMAND.exec(command);
  if (!m) return 'other';
  const [, address = '', negated, letter, rest = ''] = m;
  if ('pPlwW=rR'.includes(letter!)) return 'prints';
  if (letter === 's') {
    const d = rest[0];
    const parts = d ? rest.split(d) : [];
    if (/[pw]/.test(parts[3] ?? '')) return 'prints';
    return !negated && EVERY_LINE.test(address.trim()) && WHOLE_LINE_GONE.test(rest.trim()) ? 'wipes' : 'other';
  }
  if (letter === 'Q') return !negated && (address === '' || address.trim() === '1') ? 'wipes' : 'other';
  return 'dDc'.includes(letter!) && !negated && EVERY_LINE.test(address.trim()) ? 'wipes' : 'other';
}

function sedEdit(args: Arg[]): InPlaceEdit | null {
  const s = readSwitches(args, { value: 'efl', suffix: '', long: { '--in-place': 'in-place', '--expression': 'value', '--file': 'value', '--line-length': 'value' } });
  if (!s.inPlace || s.backup || !s.scripts) return null;
  const scripts = s.scripts.length ? s.scripts : [s.positionals.shift()?.text ?? ''];
  const files = s.positionals;
  if (!files.length) return null;
  const commands = scripts
    .join('\n')
    .split(/[;\n]/)
    .map((c) => c.trim())
    .filter(Boolean);
  const effects = commands.map(sedCommandEffect);
  if (effects.includes('prints')) return null;
  const quiet = s.flags.has('-n') || s.flags.has('--quiet') || s.flags.has('--silent');
  if (quiet) return { files, how: `sed -n ${JSON.stringify(scripts.join('; '))} prints nothing` };
  const wipe = commands[effects.indexOf('wipes')];
  return wipe === undefined ? null : { files, how: `sed ${JSON.stringify(wipe)} removes every line` };
}

/** Perl code that leaves each record empty under -p. */
const PERL_EMPTIES = /\$_\s*=\s*(?:''|""|q\(\)|qq\(\)|undef)\s*(?:;|$)|\bundef\s*\(?\s*\$_|(?:^|[;{\s])s([/|#!,])\^?\.[*+]\$?\1\1[gsmx]*\s*(?:;|$)/;
const PERL_PRINTS = /\b(?:print|printf|say|syswrite)\b/;

function perlEdit(args: Arg[]): InPlaceEdit | null {
  const s = readSwitches(args, { value: 'eEfIMmx', suffix: '0lFCdDV', long: {} });
  if (!s.inPlace || s.backup || !s.scripts?.length) return null;
  const code = s.scripts.join('\n');
  const files = s.positionals;
  if (!files.length) return null;
  if (s.flags.has('-p')) return PERL_EMPTIES.test(code) ? { files, how: `perl -p ${JSON.stringify(code)} empties every line` } : null;
  if (s.flags.has('-n')) return PERL_PRINTS.test(code) ? null : { files, how: `perl -n ${JSON.stringify(code)} prints nothing` };
  return null;
}

/** awk patterns that are never true: the rule they lead prints nothing. */
const NEVER = /^(?:0|!\s*1|""|NR\s*(?:<=?\s*0|==\s*0)|NR\s*<\s*0|0\s*>\s*NR)$/;

function awkEdit(args: Arg[]): InPlaceEdit | null {
  let inPlace = false;
  let backup = false;
  let program: string | undefined;
  let fromFile = false;
  const files: Arg[] = [];
  for (let i = 0; i < args.length; i++) {
    const text = args[i]!.text;
    const value = (flag: string) => (text === flag ? (args[++i]?.text ?? '') : text.slice(flag.length).replace(/^=/, ''));
    if (text === '-i' || text.startsWith('--include') || (text.startsWith('-i') && !text.startsWith('-i-'))) {
      if (/^inplace(\.awk)?$/.test(value(text.startsWith('--include') ? '--include' : '-i'))) inPlace = true;
    } else if (text === '-v' || text.startsWith('-v') || text.startsWith('--assign')) {
      if (/^(inplace::suffix|INPLACE_SUFFIX)=./.test(value(text.startsWith('--assign') ? '--assign' : '-v'))) backup = true;
    } else if (text === '-f' || text.startsWith('--file') || (text.startsWith('-f') && text.length > 2)) {
      value(text.startsWith('--file') ? '--file' : '-f');
      fromFile = true;
    } else if (text === '-F' || text === '-e' || text === '--source') {
      if (text === '-F') i++;
      else program = args[++i]?.text;
    } else if (text === '--') continue;
    else if (text.startsWith('-') && text !== '-') continue;
    else if (program === undefined && !fromFile) program = text;
    else if (!/^[A-Za-z_]\w*=/.test(text)) files.push(args[i]!);
  }
  if (!inPlace || backup || fromFile || program === undefined || !files.length) return null;
  return awkPrintsNothing(program) ? { files, how: `awk ${JSON.stringify(program)} prints nothing` } : null;
}

/** Whether an awk program prints nothing: no print statement, and every rule without an action has a pattern that is never true. */
function awkPrintsNothing(program: string): boolean {
  if (/\b(?:print|printf|system|getline)\b|>/.test(program.replace(/"(?:[^"\\]|\\.)*"/g, '""'))) return false;
  // Actions are dropped; what stays is the patterns, each followed by `{}` when it had an action.
  let outside = '';
  let depth = 0;
  for (const ch of program) {
    if (ch === '{') {
      if (depth++ === 0) outside += '{';
    } else if (ch === '}') {
      if (--depth === 0) outside += '}';
    } else if (depth === 0) outside += ch;
  }
  const bare = outside
    .replace(/[^{};\n]*\{\}/g, '\n')
    .split(/[;\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
  return bare.every((p) => NEVER.test(p));
}
