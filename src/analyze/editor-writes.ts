// What an editor run from a script writes back: vim and ex with `-c`/`+` commands (and Ex commands on
// stdin in ex mode), ed with its commands on stdin. A script that deletes every line and then writes
// (`vim -es -c '%d' -c wq f`, `ex -sc '%d|x' f`, `printf ',d\nw\n' | ed -s f`) empties the file, as
// `sed -i d f` does; any other script that writes rewrites it.

import { literalWord, type Arg, type Invocation } from '../core/invocation.js';
import { RANGE, VIM_PROGRAMS, vimArguments } from './editors.js';

export interface EditorWrite {
  file: Arg;
  /** Every line was deleted before the write: what was in the file is gone. */
  emptied: boolean;
  /** The commands that did it, for messages. */
  how: string;
}

/** Ranges that take every line: `%`, `1,$`, `0,$`, and in ed `,` and `1;$` too. */
const EVERY_LINE = /^(?:%|[01]\s*[,;]\s*\$|,|\*)$/;
/** Ex and ed commands that write the buffer; the name alone, or with `!`. */
const WRITES = /^(w|wr|wri|writ|write|wq|x|xi|xit|exi|exit|up|upd|upda|updat|update|wa|wal|wall|wqa|wqal|wqall|xa|xal|xall|sav|save|savea|saveas|W)!?$/;
/** Commands that change nothing in the buffer: moving, quitting, settings, printing. */
const LEAVES_BUFFER = /^(q|qu|qui|quit|qa|qal|qall|cq|set|se|setl|setlocal|p|pr|print|nu|number|l|list|=|ec|echo|redr|redraw|noh|nohlsearch|f|file|H|h|P|k|ma|mark|z)!?$/;
// A substitution that leaves each line empty: `s/.*//`, `s/^.*$//g`.
const EMPTIES_LINES = /^s(.)\^?\.\*\$?\1\1[gIe]*$/;

interface Step {
  range: string;
  name: string;
  rest: string;
}

/** One Ex or ed command as its range, its name, and what follows. */
function step(raw: string): Step {
  const line = raw.trim().replace(/^:+/, '');
  const range = RANGE.exec(line)?.[0] ?? '';
  const after = line.slice(range.length).trim();
  const name = /^(?:[A-Za-z]+!?|[&~<>=!]+)/.exec(after)?.[0] ?? '';
  return { range: range.trim(), name, rest: after.slice(name.length) };
}

/** vim's `|` separates commands, except where the command takes the rest of the line (`:g`, `:normal`, `:!`). */
function exCommands(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    let rest = line;
    for (;;) {
      const s = step(rest);
      if (/^(g|gl|global|v|vg|vglobal|norm|normal|!)/.test(s.name) || s.name.startsWith('!')) {
        out.push(rest);
        break;
      }
      const bar = /(?<!\\)\|/.exec(rest);
      if (!bar) {
        out.push(rest);
        break;
      }
      out.push(rest.slice(0, bar.index));
      rest = rest.slice(bar.index + 1);
    }
  }
  return out.filter((c) => c.trim());
}

/** Whether one command deletes every line of the buffer (or leaves every line empty). */
function wipes(s: Step): boolean {
  const all = EVERY_LINE.test(s.range);
  if (/^(d|de|del|dele|delet|delete)$/.test(s.name)) return all;
  if (/^s$/.test(s.name)) return all && EMPTIES_LINES.test(`s${s.rest.trim()}`);
  // `g/^/d`, `g/.*/d`: every line matches, and each is deleted.
  if (/^(g|gl|global)$/.test(s.name)) return /^\s*([^\w\s])(\^|\.\*|\^\.\*|\$|\^\.\*\$|)\1\s*(d|de|del|delete)\s*$/.test(s.rest);
  return false;
}

/**
 * Follows the commands in order: the buffer of `file` emptied, refilled, written. `others` are the
 * other files given (written by `:wa` or a command run in each with `:argdo`).
 */
function follow(given: string[], file: Arg | undefined, others: Arg[]): EditorWrite[] {
  const out: EditorWrite[] = [];
  let emptied = false;
  let how: string[] = [];
  const commands = [...given];
  for (let c = 0; c < commands.length; c++) {
    const raw = commands[c]!;
    let s = step(raw);
    // `:g/re/cmd1|cmd2` runs the commands on matching lines: what they write is written.
    const global = /^(g|gl|global|v|vg|vglobal)!?$/.test(s.name) && !wipes(s) ? /^\s*([^\w\s])(?:(?!\1)[^\\]|\\.)*\1(.*)$/s.exec(s.rest) : null;
    if (global) {
      commands.splice(c + 1, 0, ...global[2]!.split(/(?<!\\)\|/));
      emptied = false;
      continue;
    }
    let each = false;
    const prefix = /^(argdo|argd|bufdo|bufd|windo|wind|tabdo|tabd)!?$/.test(s.name);
    if (prefix) {
      each = true;
      s = step(s.rest);
    }
    if (wipes(s)) {
      emptied = true;
      how = [raw.trim()];
      continue;
    }
    if (WRITES.test(s.name)) {
      const target = s.rest.trim();
      how.push(raw.trim());
      const text = how.join(' | ');
      if (target.startsWith('>>')) emptied = false;
      else if (target && !target.startsWith('!')) out.push({ file: literalWord(target), emptied, how: text });
      else if (!target && file) {
        out.push({ file, emptied, how: text });
        if (each || /^(wa|wal|wall|wqa|wqal|wqall|xa|xal|xall)!?$/.test(s.name)) for (const other of others) out.push({ file: other, emptied: emptied && each, how: text });
      }
      continue;
    }
    // Anything else may put text back (a, i, r, put, normal, undo); the buffer is then rewritten, not emptied.
    if (!LEAVES_BUFFER.test(s.name) && s.name !== '') emptied = false;
  }
  return out;
}

/** vim, vi, ex and the like: `-c`, `+cmd` and (in ex mode) stdin commands, and the files it edits. */
function vimWrites(inv: Invocation, stdin: string | null): EditorWrite[] {
  const { items, exMode } = vimArguments(inv.argv.slice(1), inv.program);
  // `--cmd` runs before the files are loaded, on an empty buffer.
  const commands = items.flatMap((item) => (item.kind === 'command' && item.option !== '--cmd' ? exCommands(item.value.text) : []));
  const files = items.flatMap((item) => (item.kind === 'file' ? [item.arg] : []));
  if (exMode && stdin !== null) commands.push(...exCommands(stdin));
  return follow(commands, files[0], files.slice(1));
}

/** ed: commands on stdin, one a line; text after `a`, `i` and `c` up to a lone `.` is not a command. */
function edWrites(inv: Invocation, stdin: string | null): EditorWrite[] {
  if (stdin === null) return [];
  const args = inv.argv.slice(1);
  let file: Arg | undefined;
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!.text;
    if (t === '-p' || t === '--prompt') i++;
    else if (!t.startsWith('-') && !t.startsWith('!')) file ??= args[i];
  }
  const commands: string[] = [];
  let inserting = false;
  for (const line of stdin.split('\n')) {
    if (inserting) {
      if (line === '.') inserting = false;
      // Text put in: the buffer is not empty, whatever came before.
      commands.push('a');
      continue;
    }
    if (/^(a|i|c)$/.test(step(line).name)) inserting = true;
    commands.push(line);
  }
  return follow(commands, file, []);
}

/** The files an editor run writes back, with whether it empties them; none for any other program. */
export function editorWrites(inv: Invocation, readFile: (path: string) => string | null): EditorWrite[] {
  const ed = inv.program === 'ed' || inv.program === 'red';
  if (!ed && !VIM_PROGRAMS.has(inv.program)) return [];
  const stdin = inv.stdin;
  const text = stdin.kind === 'text' && stdin.static ? stdin.text : stdin.kind === 'file' && stdin.path.static ? readFile(stdin.path.text) : null;
  return ed ? edWrites(inv, text) : vimWrites(inv, text);
}
