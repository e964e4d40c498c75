// Where each command runs. bash runs the commands after `cd dir &&` in dir, so airlock judges them
// there: the scripts, package.json, .env, Terraform workspace and directory name it reads, and the
// paths it protects, all follow `cd`, `pushd`/`popd` and the tools' own directory flags (`git -C`,
// `terraform -chdir=`, `make -C`, `env --chdir`…). A directory that can't be known statically makes
// what follows run in an unknown place, where nothing relative can be read.

import { table } from '../core/table.js';
import { posix } from 'node:path';
import { parseOptions } from '../rules/argv.js';
import type { Arg, Invocation } from '../core/invocation.js';

/**
 * A working directory: a path (absolute, or relative to the request's own directory when it has none)
 * or null for an unknown place.
 */
export type Directory = string | null;

/** `path` as seen from `dir`: `~` expanded, `.` and `..` folded; null when it can't be known. */
export function resolveIn(dir: Directory, path: string, home: string | undefined): string | null {
  if (path === '~' || path.startsWith('~/')) return home ? posix.normalize(posix.join(home, path.slice(1))) : null;
  if (path.startsWith('~')) return null; // another user's home
  if (path.startsWith('/')) return posix.normalize(path);
  if (dir === null) return null;
  return plainJoin(dir, path) ?? (posix.normalize(posix.join(dir, path)).replace(/\/$/, '') || '/');
}

/**
 * `dir/name` when that is already what normalize would make of it (a name with no `/` that is not `.`
 * or `..`, in an absolute directory with no empty, `.` or `..` component and no trailing `/`); null
 * otherwise. Most words of most commands are such names, resolved in such a directory, and the rules
 * resolve every one of them.
 */
export function plainJoin(dir: string, name: string): string | null {
  if (name === '' || name === '.' || name === '..' || name.includes('/') || !dir.startsWith('/')) return null;
  if (dir === '/') return `/${name}`;
  return cleanDirectory(dir) ? `${dir}/${name}` : null;
}

/** The last directory asked about: the words of a command are joined to the same one, one after another. */
let lastDirectory = '';
let lastClean = false;
/** No trailing `/`, and no empty, `.` or `..` component. */
function cleanDirectory(dir: string): boolean {
  if (dir !== lastDirectory) {
    lastDirectory = dir;
    lastClean = !dir.endsWith('/') && !/\/\/|\/\.\.?(?:\/|$)/.test(dir);
  }
  return lastClean;
}

/** The directory a `cd`/`pushd`/`popd` leaves the shell in, and the directory stack after it. */
export interface ShellDirectories {
  dir: Directory;
  /** Where `cd -` goes ($OLDPWD); null when unknown (never set, or assigned by the script). */
  previous: Directory;
  stack: Directory[];
  /** Set when `cd` may take a name from elsewhere: $CDPATH, or `shopt -s cdable_vars`. */
  lookup?: string;
  /**
   * When `dir` is unknown because `cd` went to a pattern (`cd ~/.local/state/air*`): the pattern, as a
   * path, which covers every place the shell could be in.
   */
  pattern?: string;
}

const CHANGES_DIRECTORY = new Set(['cd', 'pushd', 'popd', 'chdir', 'dirs']);

/**
 * The `cd`, `pushd`, `popd` or `dirs` this command amounts to in the shell itself, past `builtin` and
 * `command` (which run the same builtin); null for anything else. A wrapper like `sudo` or `env` runs
 * a program of that name in a process of its own, which can't move the shell.
 */
export function directoryBuiltin(inv: Invocation): Arg[] | null {
  let argv = inv.argv;
  while (argv[0]?.static && (argv[0].text === 'builtin' || argv[0].text === 'command')) {
    argv = argv.slice(1);
    while (argv[0]?.static && /^-[pvV]+$/.test(argv[0].text)) argv = argv.slice(1);
  }
  return argv[0]?.static && CHANGES_DIRECTORY.has(argv[0].text) ? argv : null;
}

/** An unknown place, keeping the stack's depth so that a later `popd` is unknown too. */
export const lost = (state: ShellDirectories): ShellDirectories => ({ ...state, dir: null, previous: null, stack: state.stack.map(() => null), pattern: undefined });

/** Where a `cd` to a pattern (unquoted `*`, `?`, `[`) may go, from where the shell is or the pattern it is in. */
function patternOf(state: ShellDirectories, arg: Arg | undefined, home: string | undefined): string | undefined {
  if (!arg?.glob || !arg.static) return undefined;
  const from = state.dir ?? state.pattern ?? null;
  const path = resolveIn(from, arg.text, home);
  return path !== null && path.startsWith('/') ? path : undefined;
}

/** Each builtin's own flags: any other `-x` makes it fail ("invalid option"), and the shell stays put. */
const VALID_FLAGS: Record<string, RegExp> = table({ cd: /^-[LPe@]+$/, chdir: /^-[LPe@]+$/, pushd: /^-n$/, popd: /^-n$/, dirs: /^-[clpv]+$/ });

/**
 * The shell's directories after a `cd`, `pushd`, `popd` or `dirs` with `argv` runs. A `cd` is assumed
 * to succeed; one that can't (a directory that isn't there yet, too many arguments) or whose target
 * can't be known leaves the shell in an unknown place. `exists` says whether a directory is on disk.
 */
export function afterDirectoryChange(state: ShellDirectories, argv: Arg[], home: string | undefined, exists: (dir: string) => boolean): ShellDirectories {
  const name = argv[0]!.text;
  const valid = VALID_FLAGS[name] ?? /^$/;
  const options = argv.slice(1).filter((a) => /^-./.test(a.text) && !/^-\d+$|^--$/.test(a.text));
  // An option the builtin doesn't have: it fails, and whether the script goes on from here is unknown.
  if (options.some((a) => !valid.test(a.text))) return lost(state);
  const flags = options.map((a) => a.text).join('');
  const args = argv.slice(1).filter((a) => !options.includes(a));
  if (args[0]?.text === '--') args.shift();
  const to = (arg: Arg | undefined): Directory => {
    if (!arg) return home ?? null;
    if (!arg.static) return null;
    if (arg.text === '-') return state.previous;
    // A bare name may be found through $CDPATH or taken as a variable's value (cdable_vars).
    if (state.lookup && !/^(\/|\.\.?(\/|$)|~)/.test(arg.text)) return null;
    const dir = resolveIn(state.dir, arg.text, home);
    // A directory that isn't there makes `cd` fail, unless the script makes it first: either way, unknown.
    return dir !== null && dir.startsWith('/') && !exists(dir) ? null : dir;
  };
  switch (name) {
    case 'cd':
    case 'chdir':
      // `cd a b` fails with "too many arguments" and stays; what follows `;` then runs where?
      if (args.length > 1) return lost(state);
      return withPattern({ ...state, dir: to(args[0]), previous: state.dir }, patternOf(state, args[0], home));
    case 'pushd': {
      if (args.length === 0) {
        // Swaps the top two directories.
        const [top, ...rest] = state.stack;
        return top === undefined ? state : { ...state, dir: top, previous: state.dir, stack: [state.dir, ...rest] };
      }
      if (/^[+-]\d+$/.test(args[0]!.text) || args.length > 1) return lost(state);
      // -n adds to the stack without moving.
      if (flags.includes('n')) return { ...state, stack: [to(args[0]), ...state.stack] };
      return withPattern({ ...state, dir: to(args[0]), previous: state.dir, stack: [state.dir, ...state.stack] }, patternOf(state, args[0], home));
    }
    case 'popd': {
      if (args.length) return lost(state);
      const [top, ...rest] = state.stack;
      // popd on an empty stack fails and leaves the directory as it was; -n drops the entry without moving.
      if (top === undefined) return state;
      return flags.includes('n') ? { ...state, stack: rest } : { ...state, dir: top, previous: state.dir, stack: rest, pattern: undefined };
    }
    case 'dirs':
      return flags.includes('c') ? { ...state, stack: [] } : state;
    default:
      return state;
  }
}

/** The state after a move: a pattern only stands for the place while that place is unknown. */
function withPattern(state: ShellDirectories, pattern: string | undefined): ShellDirectories {
  return { ...state, pattern: state.dir === null ? pattern : undefined };
}

/** Tools that take the directory to work in as a flag: what they read and run happens there. */
const DIRECTORY_FLAGS: Record<string, { flags: string[]; value: string[]; singleDashWords?: boolean; all?: boolean }> = table({
  git: { flags: ['-C'], value: ['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--exec-path', '--config-env'], all: true },
  terraform: { flags: ['-chdir'], value: ['-chdir'], singleDashWords: true },
  tofu: { flags: ['-chdir'], value: ['-chdir'], singleDashWords: true },
  terragrunt: { flags: ['--terragrunt-working-dir', '--working-dir'], value: ['--terragrunt-working-dir', '--working-dir'] },
  make: { flags: ['-C', '--directory'], value: ['-C', '--directory', '-f', '--file', '--makefile', '-j', '--jobs', '-l', '-o', '-W', '-I'], all: true },
  gmake: { flags: ['-C', '--directory'], value: ['-C', '--directory', '-f', '--file', '--makefile', '-j', '--jobs', '-l', '-o', '-W', '-I'], all: true },
  just: { flags: ['-d', '--working-directory'], value: ['-d', '--working-directory', '-f', '--justfile', '--set', '--shell', '--dotenv-path'] },
  npm: { flags: ['--prefix', '-C'], value: ['--prefix', '-C', '-w', '--workspace'] },
  pnpm: { flags: ['-C', '--dir'], value: ['-C', '--dir', '-F', '--filter', '-w', '--workspace-root'] },
  yarn: { flags: ['--cwd'], value: ['--cwd'] },
  env: { flags: ['-C', '--chdir'], value: ['-C', '--chdir', '-u', '--unset'] },
  sudo: {
    flags: ['-D', '--chdir'],
    value: [
      '-D',
      '--chdir',
      '-a',
      '-C',
      '-c',
      '-g',
      '-h',
      '-p',
      '-R',
      '-r',
      '-t',
      '-T',
      '-U',
      '-u',
      '--auth-type',
      '--close-from',
      '--login-class',
      '--group',
      '--host',
      '--prompt',
      '--chroot',
      '--role',
      '--type',
      '--command-timeout',
      '--other-user',
      '--user',
    ],
  },
  pulumi: { flags: ['-C', '--cwd'], value: ['-C', '--cwd', '-s', '--stack'] },
  uv: { flags: ['--directory'], value: ['--directory', '--project'] },
  poetry: { flags: ['-C', '--directory'], value: ['-C', '--directory', '-P', '--project'] },
  cargo: { flags: ['-C'], value: ['-C'] },
});

/**
 * The directory `inv` works in after its own directory flag, or `dir` when it has none. Flags are
 * read before the first positional word (the subcommand), as the tools themselves read them.
 */
export function directoryOf(inv: Invocation, dir: Directory, home: string | undefined): Directory {
  const spec = DIRECTORY_FLAGS[inv.program];
  if (!spec) return dir;
  const parsed = parseOptions(inv.argv.slice(1), { value: spec.value, singleDashWords: !!spec.singleDashWords, stopAtPositional: true });
  let result = dir;
  for (const [flag, value] of parsed.options) {
    if (!spec.flags.includes(flag)) continue;
    // Option values lose their Arg; what expansion left unknown still shows as `$…`, a backquote or a glob.
    if (typeof value !== 'string' || /[$`*?[]|\{\}/.test(value)) return null;
    // `git -C a -C b` means a/b; other tools take the last one.
    result = resolveIn(spec.all ? result : dir, value, home);
  }
  return result;
}
