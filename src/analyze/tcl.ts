// Tcl code that tclsh, wish and expect run: a small model of the language, enough to say what it does
// to files and which commands it starts. Commands are split and their words read as Tcl reads them
// (`{…}` literal, `"…"` and bare words with `$var` and `[cmd]` substituted); bodies of `if`, `proc`,
// loops, `catch` and the like are read as scripts, and so is every `[…]`, which runs. `file delete
// [-force] paths` is `rm [-rf] paths`, `file rename`/`file copy` are `mv`/`cp`, `exec` and `open |…`
// run commands (judged as typed), `open f w` truncates f. A command airlock does not know is code it
// can't read: unknown, unless the caller reads leniently (expect scripts, whose own commands are many).

import { literalWord, type Arg, type Invocation } from '../core/invocation.js';
import { stdinText } from './editors.js';
import type { Derived, UnwrapContext } from './unwrap.js';

interface Word {
  /** The text as Tcl makes it, with substitutions left as written. */
  text: string;
  /** No `$var` or `[cmd]` in it: known before running. */
  static: boolean;
  /** The scripts its `[…]` substitutions run. */
  runs: string[];
  /** `{*}` in front: expands into any number of words. */
  expands: boolean;
}

/**
 * The end of the `{…}` (`open` '{') or `[…]` (`open` '[') that opens at `at`, or -1 when it is not
 * closed. Backslashes escape; inside brackets a braced word is skipped whole.
 */
function closing(code: string, at: number, open: '{' | '['): number {
  const close = open === '{' ? '}' : ']';
  let depth = 0;
  for (let i = at; i < code.length; i++) {
    const c = code[i];
    if (c === '\\') i++;
    else if (c === '{' && open === '[') {
      const end = closing(code, i, '{');
      if (end < 0) return -1;
      i = end;
    } else if (c === open) depth++;
    else if (c === close && --depth === 0) return i;
  }
  return -1;
}

const braceEnd = (code: string, at: number) => closing(code, at, '{');
const bracketEnd = (code: string, at: number) => closing(code, at, '[');

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v' };

/**
 * The commands of a script, each a list of words; null when it can't be split (an unclosed brace,
 * quote or bracket: Tcl would refuse it too, but airlock can't say what part of it runs).
 */
export function tclCommands(code: string): Word[][] | null {
  const commands: Word[][] = [];
  let words: Word[] = [];
  let i = 0;
  const end = () => {
    if (words.length) commands.push(words);
    words = [];
  };
  while (i < code.length) {
    const c = code[i]!;
    if (c === '\\' && code[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\n' || c === ';') {
      end();
      i++;
      continue;
    }
    if (c === '#' && words.length === 0) {
      while (i < code.length && code[i] !== '\n') i += code[i] === '\\' ? 2 : 1;
      continue;
    }
    let expands = false;
    if (code.startsWith('{*}', i) && code[i + 3] && !/\s/.test(code[i + 3]!)) {
      expands = true;
      i += 3;
    }
    if (code[i] === '{') {
      const close = braceEnd(code, i);
      if (close < 0) return null;
      words.push({ text: code.slice(i + 1, close), static: !expands, runs: [], expands });
      i = close + 1;
      continue;
    }
    const quoted = code[i] === '"';
    let j = quoted ? i + 1 : i;
    let text = '';
    let known = true;
    const runs: string[] = [];
    for (;;) {
      if (j >= code.length) {
        if (quoted) return null;
        break;
      }
      const d = code[j]!;
      if (quoted ? d === '"' : /[\s;]/.test(d)) break;
      if (d === '\\') {
        const e = code[j + 1] ?? '';
        text += e === '\n' ? ' ' : (ESCAPES[e] ?? e);
        j += 2;
      } else if (d === '[') {
        const close = bracketEnd(code, j);
        if (close < 0) return null;
        runs.push(code.slice(j + 1, close));
        text += code.slice(j, close + 1);
        known = false;
        j = close + 1;
      } else if (d === '$' && /[\w:{(]/.test(code[j + 1] ?? '')) {
        known = false;
        text += d;
        j++;
      } else {
        text += d;
        j++;
      }
    }
    words.push({ text, static: known && !expands, runs, expands });
    i = quoted ? j + 1 : j;
  }
  end();
  return commands;
}

const asArg = (w: Word): Arg =>
  w.static ? literalWord(w.text) : { text: w.text, static: false, dynamicStart: !w.text.startsWith('/') && !/^[\w.]/.test(w.text), glob: false, mayMultiply: w.expands };

/** A Tcl list's elements (space-separated, `{…}` and `"…"` grouped), for `open "|cmd args"`. */
function listElements(text: string): Word[] | null {
  const parsed = tclCommands(text.replace(/\n/g, ' '));
  return parsed === null ? null : parsed.flat();
}

/** Tcl's own redirections in `exec`: `|`, `<`, `>`, `2>`, `>&`, `&` and the rest, and `<< value`. */
const EXEC_REDIRECT = /^(\|&?|<<|<@|<|>>&|>>|>&|>@|>|2>>|2>@1|2>@|2>|&)(.*)$/s;

const shellQuote = (text: string) => (/^[\w@%+=:,./~-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`);

/** `exec` words as a shell command line that runs the same pipeline, `"$ARG"` for a word built at run time; null when a program's name is. */
function execScript(words: Word[]): string | null {
  const out: string[] = [];
  let programNext = true;
  const word = (w: Word | undefined) => (w === undefined ? "''" : w.static ? shellQuote(w.text) : '"$ARG"');
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const r = w.static ? EXEC_REDIRECT.exec(w.text) : null;
    if (!r) {
      // A program whose name is built at run time can't be judged; its arguments can, as unknown words.
      if (!w.static && programNext) return null;
      out.push(word(w));
      programNext = false;
    } else if (r[1] === '|' || r[1] === '|&' || r[1] === '&') {
      out.push(r[1]);
      programNext = r[1] !== '&';
    } else if (r[1] === '2>@1') out.push('2>&1');
    else if (r[1]!.includes('@')) {
      // `>@ chan`, `<@ chan`: a channel Tcl already has open, no file by that name.
      if (!r[2]) i++;
    } else {
      // `> file` or `>file`; `<< text` feeds text.
      const op = r[1] === '<<' ? '<<<' : r[1]!;
      out.push(`${op} ${r[2] ? shellQuote(r[2]) : word(words[++i])}`);
    }
  }
  return out.join(' ');
}

/** Commands that only compute, print, or read: nothing they do reaches a file or a process. */
const HARMLESS = new Set(
  (
    'puts set incr append lappend list lindex llength lrange lsearch lsort lreplace lassign lset lrepeat lreverse concat join split ' +
    'string format scan expr return break continue gets read close flush tell seek eof fconfigure fblocked chan clock array dict ' +
    'regexp regsub info global variable upvar unset update vwait binary encoding pwd cd glob package exit error throw tailcall yield ' +
    'namespace rename lmap apply coroutine zlib socket after fileevent trace interp load subst'
  ).split(' '),
);

/** expect's own commands; their braced words are patterns and bodies, read leniently. */
const EXPECT_COMMANDS = new Set(
  'expect expect_after expect_before expect_background expect_user expect_tty send send_user send_error send_tty send_log interact exp_continue exp_internal log_user log_file match_max close wait sleep stty timestamp remove_nulls parity debug exp_pid disconnect'.split(
    ' ',
  ),
);

/** Commands whose bodies are scripts at known places (others, such as `if`, are read by shape). */
const BODIES: Record<string, (words: Word[]) => Word[]> = {
  proc: (w) => w.slice(3, 4),
  while: (w) => w.slice(2, 3),
  for: (w) => [w[1], w[3], w[4]].filter((x): x is Word => !!x),
  foreach: (w) => w.slice(-1),
  lmap: (w) => w.slice(-1),
  catch: (w) => w.slice(1, 2),
  try: (w) => w.slice(1).filter((x) => x.text.includes('\n') || x === w[1] || /\s/.test(x.text)),
  uplevel: (w) => w.slice(/^#?\d+$/.test(w[1]?.text ?? '') ? 2 : 1),
  time: (w) => w.slice(1, 2),
  timerate: (w) => w.slice(1, 2),
  switch: (w) => switchBodies(w),
};

/** `switch ?opts? value {pat body …}` or `switch value pat body …`: every other word is a body. */
function switchBodies(words: Word[]): Word[] {
  let i = 1;
  while (words[i]?.text.startsWith('-')) if (words[i++]!.text === '--') break;
  const rest = words.slice(i + 1);
  const pairs = rest.length === 1 ? (listElements(rest[0]!.text) ?? []) : rest;
  return pairs.filter((_, k) => k % 2 === 1);
}

interface Reading {
  origin: string;
  lenient: boolean;
  ctx: UnwrapContext;
  procs: Set<string>;
  depth: number;
}

/** What one Tcl script runs and deletes, as commands airlock judges; opaque for what it can't read. */
export function tclEffects(code: string, origin: string, ctx: UnwrapContext, lenient = false): Derived[] {
  return script(code, { origin, lenient, ctx, procs: new Set(), depth: 0 });
}

function script(code: string, r: Reading): Derived[] {
  if (r.depth > 12) return [{ kind: 'opaque', reason: `${r.origin}: Tcl nested too deep to read` }];
  const commands = tclCommands(code);
  if (commands === null) return r.lenient ? [] : [{ kind: 'opaque', reason: `${r.origin} runs Tcl airlock can't split into commands` }];
  // Procedures are defined before they are called, usually; a call reads as its body, read at its definition.
  for (const words of commands) if (words[0]?.text === 'proc' && words[1]?.static) r.procs.add(words[1].text);
  return commands.flatMap((words) => command(words, { ...r, depth: r.depth + 1 }));
}

function command(words: Word[], r: Reading): Derived[] {
  const out: Derived[] = words.flatMap((w) => w.runs.flatMap((inner) => script(inner, r)));
  const name = words[0]!;
  const label = `${r.origin} (Tcl ${name.text})`;
  const unknown = (why: string): Derived[] => [...out, { kind: 'opaque', reason: `${r.origin} ${why}` }];
  if (!name.static) return unknown(`runs a Tcl command whose name is built at run time: ${name.text}`);
  const args = words.slice(1);
  const n = name.text.replace(/^::/, '');
  switch (n) {
    case 'file': {
      const sub = args[0]?.text;
      if (sub !== 'delete' && sub !== 'rename' && sub !== 'copy') return out;
      let i = 1;
      let force = false;
      for (; args[i]?.text.startsWith('-'); i++) {
        if (args[i]!.text === '--') {
          i++;
          break;
        }
        if (args[i]!.text === '-force') force = true;
      }
      const paths = args.slice(i).map(asArg);
      if (!paths.length) return out;
      const program = sub === 'delete' ? ['rm', force ? '-rf' : '-f'] : sub === 'rename' ? ['mv', ...(force ? ['-f'] : ['-n'])] : ['cp', '-r', ...(force ? ['-f'] : ['-n'])];
      return [...out, { kind: 'argv', argv: [...[...program, '--'].map(literalWord), ...paths], label }];
    }
    case 'exec': {
      let i = 0;
      while (args[i] && /^-(ignorestderr|keepnewline)$/.test(args[i]!.text)) i++;
      if (args[i]?.text === '--') i++;
      const text = execScript(args.slice(i));
      return text === null ? unknown(`runs a command built at run time: exec ${args.map((a) => a.text).join(' ')}`) : text ? [...out, { kind: 'script', text, label }] : out;
    }
    case 'open': {
      const target = args[0];
      if (!target) return out;
      if (target.text.startsWith('|')) {
        const elements = target.static ? listElements(target.text.slice(1)) : null;
        const text = elements && execScript(elements);
        return text ? [...out, { kind: 'script', text, label }] : unknown(`opens a pipe to a command built at run time: ${target.text}`);
      }
      const mode = args[1]?.text ?? 'r';
      // Mode w and TRUNC empty the file as they open it; a and APPEND add to it.
      const redirect = /^w\+?$|TRUNC/.test(mode) ? '>' : /^a\+?$|APPEND|WRONLY|RDWR|^r\+$/.test(mode) ? '>>' : null;
      if (redirect === null) return out;
      if (!target.static) return unknown(`opens a file whose name is built at run time for writing: ${target.text}`);
      return [...out, { kind: 'script', text: `: ${redirect} ${shellQuote(target.text)}`, label }];
    }
    case 'eval':
    case 'uplevel':
    case 'namespace':
    case 'after':
    case 'source':
      return [...out, ...runsScript(n, args, r)];
    case 'if':
      return [...out, ...ifBodies(args).flatMap((w) => body(w, r))];
    case 'expr':
      // `expr {[cmd]}`: expr substitutes what its braces kept from the parser.
      return [...out, ...args.flatMap((w) => (w.static ? substitutions(w.text).flatMap((inner) => script(inner, r)) : []))];
    case 'spawn': {
      // expect's spawn runs a program with its words; its own options come first.
      let i = 0;
      while (args[i]?.text.startsWith('-')) i += /^-(open|leaveopen|ignore)$/.test(args[i]!.text) ? 2 : 1;
      const rest = args.slice(i);
      if (rest[0] && !rest[0].static) return unknown(`spawns a program whose name is built at run time: ${rest.map((w) => w.text).join(' ')}`);
      return rest.length ? [...out, { kind: 'argv', argv: rest.map(asArg), label }] : out;
    }
    case 'system': {
      if (args.some((w) => !w.static)) return unknown(`runs a shell command built at run time: ${args.map((w) => w.text).join(' ')}`);
      return args.length ? [...out, { kind: 'script', text: args.map((w) => w.text).join(' '), label }] : out;
    }
  }
  const bodies = BODIES[n];
  // Loop conditions are expressions: what their `[…]` runs runs too.
  const conditions = n === 'while' ? args.slice(0, 1) : n === 'for' ? args.slice(1, 2) : [];
  const tested = conditions.flatMap((w) => (w.static ? substitutions(w.text).flatMap((inner) => script(inner, r)) : []));
  if (bodies) return [...out, ...tested, ...bodies(words).flatMap((w) => body(w, r))];
  if (EXPECT_COMMANDS.has(n) && r.lenient) {
    // Patterns and bodies alike: a body's commands are read, a pattern reads as nothing.
    return [...out, ...args.filter((w) => w.static && /[\n;]|^\s*\w/.test(w.text)).flatMap((w) => script(w.text, r))];
  }
  if (HARMLESS.has(n) || r.procs.has(n) || r.lenient) return out;
  return unknown(`runs the Tcl command ${n}, which airlock does not read`);
}

/** A body word: read as a script when its text is known, unknown otherwise. */
function body(w: Word, r: Reading): Derived[] {
  if (!w.static) return r.lenient ? [] : [{ kind: 'opaque', reason: `${r.origin} runs a Tcl body built at run time: ${w.text}` }];
  return script(w.text, r);
}

/** The scripts of the `[…]` substitutions in an expression's text (braces in it skipped). */
function substitutions(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '[') {
      const close = bracketEnd(text, i);
      if (close < 0) break;
      out.push(text.slice(i + 1, close));
      i = close;
    }
  }
  return out;
}

/** `if cond ?then? body ?elseif cond ?then? body? … ?else? ?body?`: the bodies, and each condition's `[…]` as a script. */
function ifBodies(args: Word[]): Word[] {
  const out: Word[] = [];
  let i = 0;
  while (i < args.length) {
    const condition = args[i++]!;
    if (condition.static) out.push(...substitutions(condition.text).map((text) => ({ ...condition, text })));
    if (args[i]?.text === 'then') i++;
    if (args[i]) out.push(args[i++]!);
    if (args[i]?.text === 'elseif') i++;
    else if (args[i]?.text === 'else') {
      if (args[i + 1]) out.push(args[i + 1]!);
      break;
    } else if (args[i]) {
      out.push(args[i]!);
      break;
    }
  }
  return out;
}

/** `eval`, `uplevel`, `namespace eval`, `after ms script` and `source file`: the script they run. */
function runsScript(name: string, args: Word[], r: Reading): Derived[] {
  let words = args;
  if (name === 'namespace') {
    if (args[0]?.text !== 'eval' && args[0]?.text !== 'inscope') return [];
    words = args.slice(2);
  } else if (name === 'after') {
    words = /^\d+$/.test(args[0]?.text ?? '') ? args.slice(1) : args[0]?.text === 'idle' ? args.slice(1) : [];
  } else if (name === 'uplevel' && /^#?\d+$/.test(args[0]?.text ?? '')) words = args.slice(1);
  if (!words.length) return [];
  if (words.some((w) => !w.static)) return r.lenient ? [] : [{ kind: 'opaque', reason: `${r.origin} runs Tcl built at run time: ${name} ${words.map((w) => w.text).join(' ')}` }];
  if (name !== 'source') return script(words.map((w) => w.text).join(' '), r);
  const file = words[words.length - 1]!.text;
  const text = r.ctx.readFile(file);
  return text === null ? [{ kind: 'opaque', reason: `${r.origin} sources ${file}, which airlock could not read` }] : script(text, { ...r, origin: `${r.origin} (source ${file})` });
}

/** wish's Tk options that take a value. */
const WISH_VALUE = new Set(['-colormap', '-display', '-geometry', '-name', '-use', '-visual', '-encoding']);

/**
 * tclsh, wish and jimsh: `tclsh [-encoding name] [file args…]` runs the file; with no file, the
 * script on stdin. wish takes Tk's options first, and `-file`.
 */
export function tclInterpreter(inv: Invocation, args: Arg[], ctx: UnwrapContext): Derived[] {
  const who = inv.program;
  const wish = who.startsWith('wish');
  let i = 0;
  while (i < args.length) {
    const t = args[i]!.text;
    if (t === '-encoding' || (wish && WISH_VALUE.has(t))) i += 2;
    else if (wish && (t === '-file' || t === '-f')) {
      i++;
      break;
    } else if (wish && t === '--') {
      i++;
      break;
    } else if (wish && t.startsWith('-')) i++;
    else break;
  }
  const file = args[i];
  if (file) {
    if (!file.static) return [{ kind: 'opaque', reason: `${who} runs a script whose name is built at run time: ${file.text}` }];
    const text = ctx.readFile(file.text);
    if (text === null) return [{ kind: 'opaque', reason: `${who} runs ${file.text}, which airlock could not read` }];
    return tclEffects(text, `${who} ${file.text}`, ctx);
  }
  const stdin = stdinText(inv, ctx, who);
  if (stdin === null) return [];
  if ('reason' in stdin) return [{ kind: 'opaque', reason: stdin.reason }];
  return tclEffects(stdin.text, `${who} (stdin)`, ctx);
}
