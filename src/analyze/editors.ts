// Editors that run commands: vim and ex (`-c '!cmd'`, `+'r !cmd'`, Ex commands on stdin in ex mode,
// `-S`/`-u` script files), ed (`!cmd` lines on stdin, `ed '!cmd'`), and emacs (`--eval`, `-l`,
// `--script`: Emacs Lisp, which airlock does not read whole). Each Ex or ed command that hands a line to
// the shell is judged as that line; a vim command that could run code some other way (`call system()`,
// `:lua`, `:source`, a `:normal` that types `:`) leaves what runs unknown.

import { table } from '../core/table.js';
import { literalWord, type Arg, type Invocation } from '../core/invocation.js';
import { argvFrom, scriptFrom } from './derived.js';
import type { Derived, UnwrapContext } from './unwrap.js';

type Unwrapper = (inv: Invocation, args: Arg[], ctx: UnwrapContext) => Derived[];

const opaque = (reason: string): Derived[] => [{ kind: 'opaque', reason }];

/** The text a program reads on stdin, when it is known; otherwise why not. */
export function stdinText(inv: Invocation, ctx: UnwrapContext, who: string): { text: string } | { reason: string } | null {
  const stdin = inv.stdin;
  if (stdin.kind === 'none') return null;
  if (stdin.kind === 'text') return stdin.static ? { text: stdin.text } : { reason: `${who} runs commands from stdin that are built at run time` };
  if (stdin.kind === 'file') {
    const text = stdin.path.static ? ctx.readFile(stdin.path.text) : null;
    return text === null ? { reason: `${who} runs commands read from ${stdin.path.text}, which airlock could not read` } : { text };
  }
  return { reason: `${who} runs commands produced at run time by \`${stdin.producer}\`` };
}

/** A line range in front of an Ex or ed command: `%`, `1,$`, `.,+3`, `'a,'b`, `/re/`. */
export const RANGE =
  /^(?:[%*]|(?:[.$]|\d+|'[a-z<>]|\/(?:[^/\\]|\\.)*\/|\?(?:[^?\\]|\\.)*\?)?(?:\s*[+-]\d*)*)(?:\s*[,;]\s*(?:[.$]|\d+|'[a-z<>]|\/(?:[^/\\]|\\.)*\/|\?(?:[^?\\]|\\.)*\?)?(?:\s*[+-]\d*)*)*/;

/** `!cmd`, `r !cmd`, `w !cmd`, `e !cmd` (any range in front, `r!cmd` as well as `r !cmd`): the shell command, or null. */
function shellCommandOf(command: string): string | null {
  const bang = /^!(.*)$/s.exec(command) ?? /^(?:r|re|rea|read)\s*!(.*)$/s.exec(command) ?? /^(?:w|wr|wri|writ|write|W|up|update|e|ed|edi|edit|E)\s+!(.*)$/s.exec(command);
  return bang ? bang[1]!.trim() : null;
}

/** Command modifiers that run the command after them. */
const MODIFIER =
  /^(sil|sile|silen|silent|keepa|keepalt|keepj|keepjumps|keepm|keepmarks|keepp|keeppatterns|noa|noautocmd|unsil|unsilent|verb|verbose|lockm|lockmarks|hid|hide|bo|botright|to|topleft|vert|vertical|tab|lefta|leftabove|abo|aboveleft|rightb|rightbelow|bel|belowright|conf|confirm|bro|browse)!?\s+/;

/** Ex commands that change only the buffer or the files it is written to, or vim's settings: nothing else runs. */
const PLAIN_EX =
  /^(q|qu|qui|quit|qa|qal|qall|quita|quitall|wq|wqa|wqall|x|xi|xit|exi|exit|xa|xall|w|wr|wri|writ|write|wa|wall|up|update|sav|saveas|e|ed|edi|edit|ene|enew|bd|bdelete|bn|bnext|bp|bprevious|b|buffer|set|se|setl|setlocal|setg|setglobal|syn|syntax|filet|filetype|s|su|sub|substitute|&|&&|~|d|de|del|delete|y|ya|yank|pu|put|m|mo|move|t|co|copy|j|jo|join|>|<|a|ap|app|appe|appen|append|i|in|ins|inse|inser|insert|c|ch|cha|chan|chang|change|ret|retab|sor|sort|le|left|ri|right|ce|center|noh|nohlsearch|u|un|und|undo|red|redo|k|ma|mark|p|pr|print|nu|number|l|list|z|=|ec|echo|echom|echomsg|redr|redraw|let|unl|unlet|if|en|endif|el|else|elsei|elseif|for|endfo|endfor|wh|while|endw|endwhile|fu|function|endf|endfunction|retu|return|try|endt|endtry|cat|catch|fina|finally|norm|normal|g|gl|global|v|vg|vglobal|ar|args|n|next|N|Next|prev|previous|rew|rewind|la|last|f|file|vi|visual|ene|cq|cquit|colo|colorscheme|startinsert|star|stopinsert|stopi|hi|highlight|sp|split|vs|vsplit|new|vne|vnew|on|only|tabnew|tabe|tabedit|diffthis|diffoff|diffupdate|diffu|wincmd|winc|res|resize|cd|lcd|pwd|redraw!|nohl)$/;

/** Vim functions that run commands, delete or write files, or load code. */
const VIM_CALLS =
  /\b(system|systemlist|job_start|jobstart|termopen|term_start|libcall|libcallnr|delete|rename|writefile|mkdir|setfperm|execute|luaeval|py3eval|pyeval|pyxeval|perleval|rubyeval|feedkeys|remote_send|remote_expr)\s*\(/;

/**
 * One Ex command line of vim or ex: the shell command it runs, or why what it runs can't be known, or
 * nothing. `:g/re/cmd` is read as cmd; `:normal` keys that leave normal mode for a command line can't be read.
 */
function exCommand(raw: string, who: string, depth = 0): Derived[] {
  let line = raw.trim().replace(/^[:\s]+/, '');
  if (!line || line.startsWith('"')) return [];
  // `:silent! cmd`, `:keepalt cmd`, `:noautocmd cmd`… only change how the command runs; `:bufdo cmd` and
  // the like run it in each buffer, window or list entry.
  for (let prefix = MODIFIER.exec(line); prefix; prefix = MODIFIER.exec(line)) line = line.slice(prefix[0].length);
  const each = /^(bufdo|bufd|windo|wind|tabdo|tabd|argdo|argd|cdo|cfdo|ldo|lfdo)!?\s+(.*)$/s.exec(line);
  if (each && depth < 4) return exCommand(each[2]!, who, depth + 1);
  line = line.replace(RANGE, '').trim();
  // A line number alone only moves the cursor.
  if (!line) return [];
  const shell = shellCommandOf(line);
  if (shell !== null) return shell ? [{ kind: 'script', text: shell, label: `${who} !` }] : [];
  if (VIM_CALLS.test(line) || /\\=/.test(line)) return opaque(`${who} runs an Ex command that calls code airlock does not read: ${raw.trim()}`);
  const name = /^([A-Za-z]+|[&~<>=!]+)/.exec(line)?.[1] ?? '';
  const rest = line.slice(name.length);
  // `:g/re/cmd` and `:v/re/cmd` run cmd on each matching line.
  if (/^(g|gl|global|v|vg|vglobal)$/.test(name) && depth < 4) {
    const m = /^!?\s*([^\w\s"|])((?:(?!\1)[^\\]|\\.)*)\1(.*)$/s.exec(rest);
    return m ? exCommand(m[3]!, who, depth + 1) : [];
  }
  // Keys typed in normal mode: a `:`, `!` or `Q` in them reaches a command line airlock doesn't follow.
  if (/^(norm|normal)$/.test(name)) return /[:!Q@]/.test(rest) ? opaque(`${who} types keys that run commands: ${raw.trim()}`) : [];
  if (PLAIN_EX.test(name)) return [];
  return opaque(`${who} runs an Ex command airlock does not read: ${raw.trim()}`);
}

/**
 * Lines of Ex (or ed) commands, with the text that `a`, `i` and `c` take in between (up to a lone `.`)
 * left out: it is what goes into the file, not a command.
 */
function commandLines(text: string, each: (line: string) => Derived[]): Derived[] {
  const out: Derived[] = [];
  let inserting = false;
  for (const line of text.split('\n')) {
    if (inserting) {
      if (line === '.') inserting = false;
      continue;
    }
    const command = line.trim().replace(/^:+/, '').replace(RANGE, '').trim();
    if (/^(a|ap|app|appe|appen|append|i|in|ins|inse|inser|insert|c|ch|cha|chan|chang|change)!?$/.test(command)) {
      inserting = true;
      continue;
    }
    out.push(...each(line));
  }
  return out;
}

/** A file of Ex commands (`-S session.vim`, `-u vimrc`): each line read, or unknown when it can't be. */
function exFile(file: Arg, ctx: UnwrapContext, who: string): Derived[] {
  const text = file.static ? ctx.readFile(file.text) : null;
  if (text === null) return opaque(`${who} runs the Ex commands in ${file.text}, which airlock could not read`);
  return commandLines(text, (line) => exCommand(line, who));
}

/** vim's options that take the next word. */
const VIM_VALUE: ReadonlySet<string> = new Set([
  '-c',
  '--cmd',
  '-S',
  '-u',
  '-U',
  '-i',
  '-T',
  '-w',
  '-W',
  '-t',
  '-r',
  '-L',
  '--servername',
  '--listen',
  '--startuptime',
  '-l',
  '--remote-send',
  '--remote-expr',
  '--log',
]);

/** One argument of vim's, read: an Ex command (`+cmd`, `-c`, `--cmd`), another option with its value, or a file to edit. */
export type VimArgument = { kind: 'command'; option: string; value: Arg } | { kind: 'option'; option: string; value?: Arg } | { kind: 'file'; arg: Arg };

/** Letters that take a value inside a bundle of short options (`-sc cmd`, `-Nesc cmd`), besides `c`. */
const VIM_BUNDLED_VALUE = 'SuUiTWwt';

/**
 * vim's arguments as vim reads them: short options bundle (`-Nesc '%d'` is -N -e -s -c '%d'), `-c` takes
 * the rest of its word or the next one, `-s` is silent mode once -e or -E started ex mode and a file of
 * keys otherwise, `-S` without a file loads Session.vim. `ex` starts in ex mode.
 */
export function vimArguments(args: Arg[], program: string): { items: VimArgument[]; exMode: boolean } {
  let exMode = program === 'ex';
  const items: VimArgument[] = [];
  /** The next word as an option's value; `-S` takes it only when it is no option. */
  const next = (i: number, option: string): Arg | undefined => (option === '-S' && (!args[i + 1] || /^[-+]/.test(args[i + 1]!.text)) ? undefined : args[i + 1]);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const t = a.text;
    if (t === '--') {
      items.push(...args.slice(i + 1).map((arg): VimArgument => ({ kind: 'file', arg })));
      break;
    }
    if (t.startsWith('+')) {
      // `+N` and `+/pattern` only move the cursor.
      if (!/^\+(\d*|\/.*)$/s.test(t)) items.push({ kind: 'command', option: '+', value: { ...a, text: t.slice(1) } });
      continue;
    }
    if (!t.startsWith('-') || t === '-') {
      if (t !== '-') items.push({ kind: 'file', arg: a });
      continue;
    }
    const eq = t.indexOf('=');
    const option = t.startsWith('--') && eq > 0 ? t.slice(0, eq) : t;
    if (VIM_VALUE.has(option) || t.startsWith('--')) {
      const value = option !== t ? { ...a, text: t.slice(eq + 1) } : VIM_VALUE.has(option) ? next(i, option) : undefined;
      if (value && option === t) i++;
      items.push(option === '-c' || option === '--cmd' ? { kind: 'command', option, value: value ?? literalWord('') } : { kind: 'option', option, ...(value ? { value } : {}) });
      continue;
    }
    // A bundle of short options: flags, and at most one letter that takes a value, last.
    for (let k = 1; k < t.length; k++) {
      const letter = t[k]!;
      const rest = t.slice(k + 1);
      if (letter === 'e' || letter === 'E') exMode = true;
      else if (letter === 'c') {
        const value = rest ? { ...a, text: rest } : args[++i];
        if (value) items.push({ kind: 'command', option: '-c', value });
        break;
      } else if ((letter === 's' && !exMode) || (VIM_BUNDLED_VALUE.includes(letter) && !(letter === 'w' && /^\d/.test(rest)))) {
        const value = rest ? undefined : next(i, `-${letter}`);
        if (value) i++;
        items.push({ kind: 'option', option: `-${letter}`, ...(value ? { value } : {}) });
        break;
      }
    }
  }
  return { items, exMode };
}

/**
 * vim, vi, ex, view, nvim and the like. Ex mode (`ex`, `-e`, `-E`, `-es`) reads Ex commands on stdin;
 * otherwise `-s file` is keys typed in normal mode, whose `:` lines are Ex commands.
 */
const vim: Unwrapper = (inv, args, ctx) => {
  const who = inv.program;
  const { items, exMode } = vimArguments(args, who);
  const out: Derived[] = [];
  for (const item of items) {
    if (item.kind === 'file') continue;
    if (item.kind === 'command') {
      if (!item.value.static) return opaque(`${who} runs an Ex command built at run time: ${item.value.text}`);
      out.push(...exCommand(item.value.text, who));
      continue;
    }
    const { option, value } = item;
    if (option === '-s') {
      if (!value) continue;
      const text = value.static ? ctx.readFile(value.text) : null;
      if (text === null) return opaque(`${who} types the keys in ${value.text}, which airlock could not read`);
      // Keys in normal mode: lines that start a command line are Ex commands; any other keys may run one.
      for (const line of text.split('\n').filter((l) => l.trim())) {
        if (/^:/.test(line)) out.push(...exCommand(line, who));
        else return opaque(`${who} types keys from ${value.text} that airlock does not read`);
      }
    } else if (option === '-S') out.push(...exFile(value ?? literalWord('Session.vim'), ctx, who));
    else if (!value) continue;
    else if ((option === '-u' || option === '-U') && !/^(NONE|NORC|DEFAULTS)$/.test(value.text)) out.push(...exFile(value, ctx, who));
    else if (option === '-l') out.push(...opaque(`${who} -l runs the Lua script ${value.text}, which airlock does not read`));
    else if (option === '--remote-send' || option === '--remote-expr') out.push(...opaque(`${who} ${option} makes another vim run what it is sent: ${value.text}`));
  }
  if (exMode) {
    const stdin = stdinText(inv, ctx, who);
    if (stdin && 'reason' in stdin) return [...out, ...opaque(stdin.reason)];
    if (stdin) out.push(...commandLines(stdin.text, (line) => exCommand(line, who)));
  }
  return out;
};

/** ed's commands: `!cmd`, `r !cmd`, `w !cmd` and `e !cmd` run the shell; `g/re/cmds` runs cmds. */
function edCommand(raw: string): Derived[] {
  let line = raw.replace(RANGE, '').trim();
  const global = /^[gvGV]([^\s\w])((?:(?!\1)[^\\]|\\.)*)\1(.*)$/s.exec(line);
  if (global) line = global[3]!.replace(RANGE, '').trim();
  const shell = shellCommandOf(line);
  return shell ? [{ kind: 'script', text: shell, label: 'ed !' }] : [];
}

/** `ed [-s] [-p prompt] [file]`: its commands come on stdin; a file named `!cmd` is read from cmd's output. */
const ed: Unwrapper = (inv, args, ctx) => {
  const out: Derived[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.text === '-p' || a.text === '--prompt') i++;
    else if (a.text.startsWith('!')) out.push(...scriptFrom([{ ...a, text: a.text.slice(1) }], 'ed !file', 'the command ed reads its file from'));
  }
  const stdin = stdinText(inv, ctx, 'ed');
  if (stdin && 'reason' in stdin) return [...out, ...opaque(stdin.reason)];
  if (stdin) out.push(...commandLines(stdin.text, edCommand));
  return out;
};

// ---- emacs ----

/** Emacs Lisp strings, as written: `"a \"b\""`. */
const ELISP_STRING = /"((?:[^"\\]|\\.)*)"/g;

const elispStrings = (text: string): string[] => [...text.matchAll(ELISP_STRING)].map((m) => m[1]!.replace(/\\(.)/g, '$1'));

/** The text of the form that opens at `at`, up to its closing parenthesis (strings skipped over). */
function formAt(code: string, at: number): string {
  let depth = 0;
  for (let i = at; i < code.length; i++) {
    const c = code[i];
    if (c === '"') {
      for (i++; i < code.length && code[i] !== '"'; i++) if (code[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return code.slice(at, i + 1);
  }
  return code.slice(at);
}

/**
 * The calls in Emacs Lisp that delete files or run programs, with literal arguments, as the commands
 * they amount to. Any other code is not read: the caller holds it as unknown whatever is found here.
 */
function elispEffects(code: string, origin: string): Derived[] {
  const out: Derived[] = [];
  for (const m of code.matchAll(
    /\((delete-directory|delete-file|shell-command|shell-command-to-string|async-shell-command|call-process|call-process-shell-command|process-file|start-process|start-process-shell-command|process-lines|make-process)\b/g,
  )) {
    const form = formAt(code, m.index!);
    // Only a call whose first argument is written out says what it acts on; any other is left to the unknown the caller adds.
    if (!/^\(\S+\s+"/.test(form)) continue;
    const strings = elispStrings(form);
    const label = `${origin} (${m[1]})`;
    switch (m[1]) {
      case 'delete-directory':
        // With a non-nil RECURSIVE argument it takes everything under it.
        if (strings[0] !== undefined)
          out.push(...argvFrom([literalWord('rm'), ...(/"\s+[^\s)]/.test(form) && !/"\s+nil\b/.test(form) ? [literalWord('-rf')] : [literalWord('-d')]), literalWord(strings[0])], label));
        break;
      case 'delete-file':
        if (strings[0] !== undefined) out.push(...argvFrom([literalWord('rm'), literalWord('-f'), literalWord(strings[0])], label));
        break;
      case 'shell-command':
      case 'shell-command-to-string':
      case 'async-shell-command':
      case 'call-process-shell-command':
        if (strings[0] !== undefined) out.push({ kind: 'script', text: strings[0], label });
        break;
      case 'start-process':
      case 'start-process-shell-command':
        // The first two arguments are the process's name and buffer.
        if (m[1] === 'start-process-shell-command' && strings[2] !== undefined) out.push({ kind: 'script', text: strings[2], label });
        else if (strings.length > 1) out.push(...argvFrom(strings.slice(1).map(literalWord), label));
        break;
      default:
        if (strings.length) out.push(...argvFrom(strings.map(literalWord), label));
    }
  }
  return out;
}

/** emacs's options that take the next word. */
const EMACS_VALUE = new Set([
  '--eval',
  '-eval',
  '--execute',
  '-l',
  '--load',
  '-load',
  '--script',
  '-scriptload',
  '-f',
  '--funcall',
  '-funcall',
  '--chdir',
  '-L',
  '--directory',
  '--insert',
  '-insert',
  '-t',
  '--terminal',
  '-d',
  '--display',
  '--fg-daemon',
  '--bg-daemon',
  '-x',
]);

/** Functions called with -f that only compile or test code they are given, and run none of it on the disk. */
const EMACS_SAFE_FUNCTIONS = /^(batch-byte-compile|batch-native-compile|batch-byte-recompile-directory|ert-run-tests-batch-and-exit|package-initialize|kill-emacs)$/;

/** emacs and emacsclient: `--eval`, `-l`/`--load`, `--script`, `-x` and `-f` run Emacs Lisp. */
const emacs: Unwrapper = (inv, args, ctx) => {
  const who = inv.program;
  const out: Derived[] = [];
  const code: { text: string; origin: string }[] = [];
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!.text;
    const eq = t.indexOf('=');
    const option = t.startsWith('--') && eq > 0 ? t.slice(0, eq) : t;
    // emacsclient's -e / --eval takes no value: its other words are the expressions.
    if (who === 'emacsclient' && /^(-e|--eval)$/.test(option)) {
      for (const a of args.slice(i + 1)) if (!a.text.startsWith('-')) code.push({ text: a.text, origin: `${who} --eval` });
      break;
    }
    if (!EMACS_VALUE.has(option)) continue;
    const value = option !== t ? t.slice(eq + 1) : args[++i]?.text;
    if (value === undefined) continue;
    if (/^-?-(eval|execute)$/.test(option)) code.push({ text: value, origin: `${who} --eval` });
    else if (/^(-l|-?-load|--script|-scriptload|-x)$/.test(option)) {
      const text = ctx.readFile(value);
      if (text === null) out.push(...opaque(`${who} loads ${value}, which airlock could not read`));
      else code.push({ text, origin: `${who} ${value}` });
    } else if (/^(-f|-?-funcall)$/.test(option) && !EMACS_SAFE_FUNCTIONS.test(value)) out.push(...opaque(`${who} calls the Emacs Lisp function ${value}, which airlock does not read`));
  }
  for (const c of code) {
    out.push(...elispEffects(c.text, c.origin));
    // Emacs Lisp can do anything, spelled any way: what it does beyond the calls read above is unknown.
    out.push(...opaque(`${c.origin} runs Emacs Lisp, which airlock does not read whole: ${c.text.length > 120 ? c.text.slice(0, 120) + '…' : c.text}`));
  }
  return out;
};

// ---- sed ----

/** A sed address: a line number, `$`, `/re/` or `\cREc`, `first~step`, and a second one after a comma. */
const SED_ADDRESS = /^(?:\d+(?:~\d+)?|\$|\/(?:[^/\\]|\\.)*\/I?M?|\\(.)(?:(?!\1)[^\\]|\\.)*\1I?M?)(?:\s*,\s*(?:\d+|\$|[+~]\d+|\/(?:[^/\\]|\\.)*\/I?M?))?/;

/** The end of a `s` or `y` command's delimited part that starts at `from` (the delimiter's index). */
function delimitedEnd(script: string, from: number): number {
  const delimiter = script[from];
  let i = from + 1;
  while (i < script.length && script[i] !== delimiter) i += script[i] === '\\' ? 2 : 1;
  return i;
}

/**
 * GNU sed's commands that run the shell: `e command` runs command, a bare `e` runs the pattern space, and
 * `s///e` runs the line it made. The rest of the script (substitutions, text for a/i/c, file names) is
 * stepped over so nothing in it is mistaken for a command.
 */
function sedCommands(script: string): Derived[] {
  const out: Derived[] = [];
  const toLineEnd = (i: number) => {
    const end = script.indexOf('\n', i);
    return end < 0 ? script.length : end;
  };
  let i = 0;
  while (i < script.length) {
    const c = script[i]!;
    if (/[\s;{}!]/.test(c)) {
      i++;
      continue;
    }
    const address = SED_ADDRESS.exec(script.slice(i));
    if (address && address[0]) {
      i += address[0].length;
      continue;
    }
    i++;
    if (c === 's' || c === 'y') {
      // Three delimiters: `s/re/text/`, `y/abc/xyz/`.
      const end = delimitedEnd(script, delimitedEnd(script, i));
      const flags = /^[^;\n}]*/.exec(script.slice(end + 1))![0];
      if (c === 's' && /^[\dgIiMmpe]*e/.test(flags)) {
        out.push(...opaque(`sed runs the lines its s///e command makes as shell commands: ${script.slice(i - 1, end + 1 + flags.length)}`));
        // A pattern that takes the whole line, replaced by fixed text: that text is the command.
        const middle = delimitedEnd(script, i);
        const pattern = script.slice(i + 1, middle);
        const replacement = script.slice(middle + 1, end);
        if (/^\^?\.\*\$?$/.test(pattern) && !/&|\\\d/.test(replacement)) out.push({ kind: 'script', text: replacement.replace(/\\(.)/g, '$1'), label: 'sed s///e' });
      }
      i = end + 1 + flags.length;
    } else if (c === 'e') {
      const end = toLineEnd(i);
      const command = script.slice(i, end).trim();
      out.push(...(command ? [{ kind: 'script' as const, text: command, label: 'sed e' }] : opaque('sed runs the lines it reads as shell commands (a bare `e`)')));
      i = end;
    } else if (/[aicrRwW:#]/.test(c)) {
      // Text, a file name, a label or a comment: up to the end of the line (a/i/c go on past lines ending in `\`).
      let end = toLineEnd(i);
      while (/[aic]/.test(c) && script[end - 1] === '\\' && end < script.length) end = toLineEnd(end + 1);
      i = end;
    } else if (/[btTqQlLv]/.test(c)) i += /^[^;\n}]*/.exec(script.slice(i))![0].length;
  }
  return out;
}

/** `sed -e script`, `-f file` or the first operand; `--sandbox` refuses e, r and w. */
const sed: Unwrapper = (_inv, args, ctx) => {
  const scripts: string[] = [];
  let operand = true;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const t = a.text;
    if (t === '--sandbox') return [];
    // `-e s`, `--expression=s`, and flags run together with it: `-ne s`, `-n -es`, `-nf file`.
    const m = /^(?:-([nsEruz]*)([ef])|--(expression|file))(?:=?(.*))?$/s.exec(t);
    if (m && !(m[1] === undefined && m[3] === undefined)) {
      const file = m[2] === 'f' || m[3] === 'file';
      const value = m[4] ? { ...a, text: m[4] } : args[++i];
      operand = false;
      if (!value) continue;
      if (!value.static) return opaque(`sed runs a script built at run time: ${value.text}`);
      if (file) {
        const text = value.text === '-' ? null : ctx.readFile(value.text);
        if (text === null) return opaque(`sed runs the script in ${value.text}, which airlock could not read`);
        scripts.push(text);
      } else scripts.push(value.text);
    } else if (/^-[nrEsuz]*i?$|^--(quiet|silent|regexp-extended|separate|unbuffered|null-data|posix|debug|follow-symlinks|in-place.*)$|^-i\S*$|^-l$|^--line-length/.test(t)) {
      if (t === '-l') i++;
    } else if (operand && !t.startsWith('-')) {
      if (!a.static) return opaque(`sed runs a script built at run time: ${t}`);
      scripts.push(t);
      operand = false;
    }
  }
  // Each -e adds a line to one script: text that `1i\` starts can go on in the next -e.
  return scripts.length ? sedCommands(scripts.join('\n')) : [];
};

// ---- lldb ----

const LLDB_COMMANDS = /^(-o|--one-line|-O|--one-line-before-file|-k|--one-line-on-crash)$/;
const LLDB_FILES = /^(-s|--source|-S|--source-before-file|-K|--source-on-crash)$/;

/**
 * lldb's command lines (`-o`, `-O`, `-k`) and command files (`-s`, `-S`, `-K`): `platform shell cmd` and
 * `shell`-like commands run the shell, `script` runs Python airlock does not read, and `run` starts the
 * program it was given.
 */
const lldb: Unwrapper = (_inv, args, ctx) => {
  const dd = args.findIndex((a) => a.text === '--');
  const own = dd < 0 ? args : args.slice(0, dd);
  let program = dd < 0 ? [] : args.slice(dd + 1);
  const lines: string[] = [];
  for (let i = 0; i < own.length; i++) {
    const option = own[i]!.text;
    if (LLDB_COMMANDS.test(option) || LLDB_FILES.test(option)) {
      const value = own[++i];
      if (value && !value.static) return opaque(`lldb runs a command built at run time: ${value.text}`);
      const text = value && (LLDB_COMMANDS.test(option) ? value.text : ctx.readFile(value.text));
      if (text === null) return opaque(`lldb runs the commands in ${value!.text}, which airlock could not read`);
      if (text) lines.push(...text.split('\n'));
    } else if (/^(-f|--file)$/.test(option)) program = own.slice(i + 1, i + 2);
    else if (/^(-c|--core|-p|--attach-pid|-n|--attach-name|-a|--arch|-l|--script-language)$/.test(option)) i++;
    else if (!option.startsWith('-') && !program.length) program = [own[i]!];
  }
  return lines.flatMap((line) => lldbCommand(line.trim(), program));
};

/** One lldb command line: the shell command, program or code it runs. */
function lldbCommand(line: string, program: Arg[]): Derived[] {
  const shell = /^(?:platform\s+shell|pl\s+sh)\s+(?:-h\s+\S+\s+|-t\s+\S+\s+|--\s+)*(.*)$/s.exec(line);
  if (shell) return scriptFrom([literalWord(shell[1]!)], 'lldb platform shell', 'the command lldb runs');
  if (/^(script|scr|command\s+script|command\s+source|expression|expr|e|p|po|print|call)\b/.test(line)) return opaque(`lldb runs code airlock does not read: ${line}`);
  return /^(r|run|process\s+launch)\b/.test(line) ? argvFrom(program, 'lldb run') : [];
}

/** vim and the names it is installed under. */
export const VIM_PROGRAMS: ReadonlySet<string> = new Set([
  'vim',
  'vi',
  'ex',
  'view',
  'vimdiff',
  'gvim',
  'nvim',
  'rvim',
  'rview',
  'evim',
  'vim.basic',
  'vim.tiny',
  'vim.nox',
  'vim.gtk3',
  'gview',
  'gvimdiff',
]);

export const EDITOR_UNWRAPPERS: Record<string, Unwrapper> = table({
  sed,
  gsed: sed,
  lldb,
  ...Object.fromEntries([...VIM_PROGRAMS].map((n) => [n, vim])),
  ed,
  emacs,
  'emacs-nox': emacs,
  emacsclient: emacs,
});

// ---- less's input preprocessor ----

/** Variables whose value is a command line that a program started later runs (less runs $LESSOPEN on each file it opens). */
const COMMAND_VARIABLES = new Set(['LESSOPEN', 'LESSCLOSE']);
const SETS_VARIABLES = new Set(['export', 'declare', 'typeset', 'local', 'readonly']);

/**
 * `LESSOPEN='|cmd %s' less file`, `export LESSOPEN=…` or a bare `LESSOPEN=…`: the value is a command less
 * runs, `%s` the file's name; a leading `|` or `||` (output read from a pipe) and `-` (stdin too) are
 * less's own marks. Judged where it is set, not again in each command run with it.
 */
export function commandVariables(inv: Invocation): Derived[] {
  const out: Derived[] = [];
  const judge = (name: string, value: Arg) => {
    if (!COMMAND_VARIABLES.has(name) || inv.outer?.env[name]?.text === value.text) return;
    const command = value.text.replace(/^\|{1,2}/, '').replace(/^-/, '');
    const file = inv.program === 'less' ? (inv.argv.slice(1).find((a) => !a.text.startsWith('-') && !a.text.startsWith('+'))?.text ?? '-') : 'FILE';
    if (command.trim()) out.push(...scriptFrom([{ ...value, text: command.replaceAll('%s', file) }], `${name} (the command less runs)`, `the command ${name} names`));
  };
  for (const [name, value] of Object.entries(inv.env)) judge(name, value);
  if (SETS_VARIABLES.has(inv.program))
    for (const a of inv.argv.slice(1)) {
      const m = /^([A-Za-z_]\w*)=(.*)$/s.exec(a.text);
      if (m) judge(m[1]!, { ...a, text: m[2]! });
    }
  return out;
}

/** Whether an invocation with no program (`LESSOPEN=…` alone) still sets a command that runs later. */
export const setsCommandVariable = (inv: Invocation): boolean => Object.keys(inv.env).some((name) => COMMAND_VARIABLES.has(name));
