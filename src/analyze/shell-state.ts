// Shell state one command sets that changes what a later command runs, as bash carries it: variables
// a shell reads as code when it starts or traces (BASH_ENV, ENV, PS4, PROMPT_COMMAND, exported
// functions), names `hash -p` binds to another program, programs copied or linked under another
// name, and a $PATH that puts a directory airlock doesn't know in front.

import { literalWord, type Arg, type Invocation } from '../core/invocation.js';
import { table } from '../core/table.js';
import { parseOptions } from '../rules/argv.js';
import type { Derived } from './unwrap.js';

/**
 * The code a shell started with these variables runs besides its own: PS4 is expanded before every
 * traced command, PS0 to PS3 when an interactive shell prompts, and BASH_ENV's value when a script
 * starts (so `$(…)` in them runs), LD_PRELOAD's library is loaded into every program, the file
 * BASH_ENV or ENV names is sourced first, PROMPT_COMMAND runs before each prompt, and
 * `BASH_FUNC_f%%=() { …; }` becomes the function f. Judged whenever they are set, whatever the
 * command: a shell it starts, at any depth, inherits them.
 */
export function startupCode(env: Record<string, Arg>, readFile: (path: string) => string | null): Derived[] {
  const out: Derived[] = [];
  for (const [name, value] of Object.entries(env)) {
    const exported = /^BASH_FUNC_(.+?)(%%|\(\))$/s.exec(name);
    if (exported) {
      if (!value.static) out.push({ kind: 'opaque', reason: `${name} defines the function ${exported[1]} with a body built at run time` });
      else if (/^\(\)\s*\{/.test(value.text)) out.push({ kind: 'script', text: `${exported[1]} ${value.text}`, label: `exported function ${exported[1]}` });
      continue;
    }
    if (name === 'PROMPT_COMMAND') out.push(value.static ? { kind: 'script', text: value.text, label: name } : { kind: 'opaque', reason: `${name} is built at run time: ${value.text}` });
    // The dynamic linker loads these into every program started with them: code nobody has seen.
    if ((name === 'LD_PRELOAD' || name === 'LD_AUDIT') && value.text.trim() !== '') out.push({ kind: 'opaque', reason: `${name} loads ${value.text} into every program it starts` });
    if (PROMPTS.test(name) || name === 'BASH_ENV' || name === 'ENV') {
      if (/[$`]/.test(value.text)) out.push(expansionOf(value.text, name));
      if (PROMPTS.test(name)) continue;
      if (!value.static || /[$`]/.test(value.text)) out.push({ kind: 'opaque', reason: `${name} names a file to source that is only known at run time: ${value.text}` });
      else if (value.text !== '') {
        const content = readFile(value.text);
        out.push(
          content === null
            ? { kind: 'opaque', reason: `${name} makes the shell source ${value.text}, which airlock could not read` }
            : { kind: 'script', text: content, label: `${name} ${value.text}` },
        );
      }
    }
  }
  return out;
}

/** Prompts an interactive shell (PS0 to PS3) or tracing (PS4) expands, `$(…)` and all, each time it shows them. */
const PROMPTS = /^PS[0-4]$/;

/** A value the shell expands as it would a here-document's body: its `$(…)`, `…` and ${x:=…} run. */
function expansionOf(text: string, name: string): Derived {
  let delimiter = 'AIRLOCK_EXPANDED';
  while (text.split('\n').includes(delimiter)) delimiter += '_';
  return { kind: 'script', text: `: <<${delimiter}\n${text}\n${delimiter}\n`, label: `${name} expansion` };
}

/** The copies `cp`, `ln`, `install` and `mv` make of programs: what each new path runs is what its source ran. */
export function copiesMade(inv: Invocation): { from: Arg; to: Arg; intoDirectory: boolean }[] {
  const spec = COPY_OPTIONS[inv.program];
  if (!spec) return [];
  const parsed = parseOptions(inv.argv.slice(1), { value: spec });
  const targetDirectory = parsed.value('-t', '--target-directory');
  const operands = parsed.positionals;
  if (targetDirectory !== undefined) return operands.map((from) => ({ from, to: literalWord(targetDirectory), intoDirectory: true }));
  // `ln -s /bin/rm` alone links into the current directory under the same name.
  if (operands.length === 1 && inv.program === 'ln') return [{ from: operands[0]!, to: literalWord('.'), intoDirectory: true }];
  if (operands.length < 2) return [];
  const to = operands[operands.length - 1]!;
  const sources = operands.slice(0, -1);
  return sources.map((from) => ({ from, to, intoDirectory: sources.length > 1 || to.text.endsWith('/') }));
}

const COPY_OPTIONS: Record<string, readonly string[]> = table({
  cp: ['-t', '--target-directory', '-S', '--suffix'],
  ln: ['-t', '--target-directory', '-S', '--suffix'],
  mv: ['-t', '--target-directory', '-S', '--suffix'],
  install: ['-t', '--target-directory', '-S', '--suffix', '-m', '--mode', '-o', '--owner', '-g', '--group'],
});

/** `hash -p path name`: later `name` runs `path`. `hash -r` forgets every such binding, `hash -d name` one. */
export function hashBindings(inv: Invocation): { bind?: { path: Arg; name: string }; forget?: string[] | 'all' } {
  if (inv.program !== 'hash') return {};
  const parsed = parseOptions(inv.argv.slice(1), { value: ['-p'] });
  if (parsed.has('-r')) return { forget: 'all' };
  if (parsed.has('-d')) return { forget: parsed.positionals.map((a) => a.text) };
  const path = parsed.value('-p');
  const name = parsed.positionals[0];
  if (path === undefined || !name) return {};
  const pathWord = inv.argv.find((a, i) => i > 0 && (a.text === path || a.text === `-p${path}`)) ?? literalWord(path);
  return { bind: { path: { ...pathWord, text: path }, name: name.text } };
}

/**
 * Variables that move where an agent reads its user settings (and so the hooks in them) from: a
 * sub-agent started with another home runs without airlock.
 */
export const SETTINGS_HOMES: ReadonlySet<string> = new Set([
  'HOME',
  'XDG_CONFIG_HOME',
  'CLAUDE_CONFIG_DIR',
  'CODEX_HOME',
  'COPILOT_HOME',
  'GEMINI_CLI_HOME',
  'OPENCODE_CONFIG',
  'OPENCODE_CONFIG_DIR',
  'OPENCODE_CONFIG_CONTENT',
]);

/** Directories whose programs are the system's own: a $PATH that starts with them runs what it always did. */
export const SYSTEM_DIRECTORIES = new Set(['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin', '/usr/games', '/usr/local/games', '/snap/bin']);

/**
 * Folders a package manager fills, whose programs are judged by their name, as `npx jest` or a
 * virtualenv's `python` are: putting one first on $PATH is how projects run their own tools.
 */
export const PACKAGE_BIN = /\/(node_modules\/\.bin|\.?venv\/bin)$/;

/** Commands bash runs itself, never looked up in $PATH (nor `hash`ed). */
export const BUILTINS = new Set(
  (
    ': . [ alias bg bind break builtin caller cd command compgen complete compopt continue declare dirs disown echo enable eval exec exit export false fc fg getopts hash help history jobs kill let local logout mapfile ' +
    'popd printf pushd pwd read readarray readonly return set shift shopt source suspend test times trap true type typeset ulimit umask unalias unset wait'
  ).split(' '),
);
