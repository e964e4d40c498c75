// Which paths an invocation changes: redirection targets, and the operands of programs that write or
// delete files. `cp a b` changes only b, and b/a when b is a directory; `mv a b` changes both;
// `cp -t dir a` changes dir/a; `git diff --output=f` writes f; `tar -x -C dir` writes into dir.

import { posix } from 'node:path';
import { table } from '../core/table.js';
import type { Arg, Invocation } from '../core/invocation.js';
import { parseOptions } from './argv.js';

/** Programs that change every path operand they are given. */
const CHANGES_OPERANDS = new Set([
  'rm',
  'truncate',
  'shred',
  'tee',
  'dd',
  'chmod',
  'chown',
  'chgrp',
  'sed',
  'perl',
  'unlink',
  'touch',
  'vi',
  'vim',
  'nano',
  'ed',
  'ex',
  'emacs',
  'rmdir',
  'sponge',
  'patch',
  'chattr',
]);
/** Programs that delete their operands. */
export const DELETES = new Set(['rm', 'rmdir', 'unlink', 'shred']);
/** Programs that copy or move their sources to a destination (the last operand, or `-t dir`). */
const COPIES = new Set(['cp', 'mv', 'install', 'rsync', 'ln', 'scp']);
/** rsync's options that take a value, so a value is never read as a source or destination. */
export const RSYNC_VALUES = [
  '-e',
  '--rsh',
  '--exclude',
  '--include',
  '--filter',
  '-f',
  '--exclude-from',
  '--include-from',
  '--files-from',
  '--backup-dir',
  '--suffix',
  '--chmod',
  '--chown',
  '--rsync-path',
  '--log-file',
  '-T',
  '--temp-dir',
  '--compare-dest',
  '--link-dest',
  '--partial-dir',
  '--password-file',
  '--port',
  '--timeout',
  '--bwlimit',
  '--max-size',
  '--min-size',
];

/** Each copying program's options that take a value, so the value is not read as an operand. */
export const COPY_VALUES: Record<string, string[]> = table({
  cp: ['-t', '--target-directory', '-S', '--suffix'],
  mv: ['-t', '--target-directory', '-S', '--suffix'],
  ln: ['-t', '--target-directory', '-S', '--suffix'],
  install: ['-t', '--target-directory', '-S', '--suffix', '-m', '--mode', '-o', '--owner', '-g', '--group'],
  rsync: RSYNC_VALUES,
  scp: ['-i', '-P', '-F', '-l', '-c', '-o', '-S', '-J'],
});

/** Programs that write the file named by one of their options (`sort -o f`, `curl -o f`, `openssl … -out f`). */
const OUTPUT_OPTIONS: Record<string, { value: string[]; singleDashWords?: boolean }> = table({
  sort: { value: ['-o', '--output', '-k', '--key', '-t', '--field-separator', '-S', '--buffer-size', '-T', '--temporary-directory'] },
  curl: {
    value: [
      '-o',
      '--output',
      '-d',
      '--data',
      '-H',
      '--header',
      '-X',
      '--request',
      '-u',
      '--user',
      '-A',
      '--user-agent',
      '-e',
      '--referer',
      '-F',
      '--form',
      '-b',
      '--cookie',
      '-c',
      '--cookie-jar',
      '-T',
      '--upload-file',
      '-w',
      '--write-out',
      '-x',
      '--proxy',
      '--output-dir',
      '-K',
      '--config',
      '--cacert',
      '--cert',
      '--key',
      '-m',
      '--max-time',
      '--connect-timeout',
      '--retry',
    ],
  },
  wget: { value: ['-O', '--output-document', '-o', '--output-file', '-a', '--append-output', '-P', '--directory-prefix', '-U', '--user-agent', '--header', '-t', '--tries', '-T', '--timeout'] },
  openssl: { value: ['-out', '-in', '-inkey', '-key', '-passin', '-passout', '-pass', '-certfile', '-CAfile', '-name', '-subj', '-days', '-config'], singleDashWords: true },
  iconv: { value: ['-o', '--output', '-f', '--from-code', '-t', '--to-code'] },
  ld: { value: ['-o', '-L', '-l', '-T'] },
  ...Object.fromEntries(['gcc', 'cc', 'g++', 'clang', 'clang++'].map((compiler) => [compiler, { value: ['-o', '-I', '-L', '-l', '-D', '-x'] }])),
});
const OUTPUT_FLAGS = new Set(['-o', '--output', '-O', '--output-document', '-out']);

/** The files a program writes because an option names them (`curl -o f`, `wget -O f`, `openssl … -out f`); `-` is stdout. */
export function outputOptionFiles(inv: Invocation): string[] {
  const output = OUTPUT_OPTIONS[inv.program];
  if (!output) return [];
  const files: string[] = [];
  for (const [name, value] of parseOptions(inv.argv.slice(1), output).options) if (OUTPUT_FLAGS.has(name) && typeof value === 'string' && value !== '-') files.push(value);
  return files;
}
/** Programs whose second file operand is where they write (`uniq in out`, `xxd in out`). */
const SECOND_OPERAND_WRITTEN = new Set(['uniq', 'xxd']);

const base = (path: string) => path.replace(/\/+$/, '').split('/').pop() ?? path;

/** What a copy or move does: the sources it reads (or takes away), everything it writes, and the folders it fills. */
interface Copy {
  sources: string[];
  written: string[];
  /** `dest/<name>` for each source: a folder copied there brings whatever it holds (`cp -r /tmp/x/.claude ~`). */
  into: string[];
}

/** Each copy or move is read once, however many questions are asked of it. */
const copies = new WeakMap<Invocation, Copy>();

function copied(inv: Invocation): Copy {
  let found = copies.get(inv);
  if (!found) copies.set(inv, (found = readCopy(inv)));
  return found;
}

/** What a copy or move writes: its destination, and `dest/<name>` for each source (dest may be a directory). */
function readCopy(inv: Invocation): Copy {
  const parsed = parseOptions(inv.argv.slice(1), { value: COPY_VALUES[inv.program] ?? [] });
  const operands = parsed.positionals.map((a) => a.text);
  const target = parsed.value('-t', '--target-directory');
  const sources = target === undefined ? operands.slice(0, -1) : operands;
  const dest = target ?? operands[operands.length - 1];
  if (dest === undefined) return { sources: [], written: [], into: [] };
  // GNU tools take options anywhere: the last word that isn't one is a destination too, whatever an
  // option before it was read as.
  const last = [...inv.argv.slice(1)].reverse().find((a) => !a.text.startsWith('-'))?.text;
  const dests = last !== undefined && last !== dest && target === undefined ? [dest, last] : [dest];
  // `ln -s TARGET LINK`: the link is written; `rsync src/ dest` writes what src holds into dest.
  const into = sources.filter((s) => !/^[\w.-]+@|^[\w.-]+:/.test(s)).map((s) => `${dest.replace(/\/+$/, '')}/${base(s)}`);
  return { sources, written: [...dests, ...into], into };
}

/** git's options before its subcommand that take a value. */
const GIT_GLOBAL_VALUES = ['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--exec-path', '--config-env', '--super-prefix'];
/** Pathspecs that name the whole tree git works on. */
const WHOLE_TREE = new Set(['.', './', ':/', ':', '*', ':(top)', ':/*', ':(top)*']);

/** What a git command does to the working tree's files: see gitWorkTree. */
interface GitTreeChange {
  /** Paths it rewrites with another version (`checkout -- p`, `restore p`, `mv`'s destination). */
  rewritten: string[];
  /** Paths it deletes or moves away (`rm`, `clean`, `mv`'s sources). */
  removed: string[];
  /** The folder whose whole tree it rewrites or cleans (`checkout .`, `reset --hard`, `clean -fdx`), if it does. */
  wholeTree: string | null;
  /** `git stash` sets the changes aside rather than throwing them away: until the stash is applied, they are gone from the tree. */
  stashed?: boolean;
}

const gitChanges = new WeakMap<Invocation, GitTreeChange | null>();

/**
 * What `git rm`, `mv`, `checkout`, `restore`, `clean`, `reset --hard` and `switch -f` change in the
 * working tree, with each path as seen from where the command runs (`git -C dir` puts them in dir).
 * Tracked files are not lost for good, but what they hold now is: a project's policy or hook settings
 * reverted to an older, laxer version, or deleted.
 */
export function gitWorkTree(inv: Invocation): GitTreeChange | null {
  if (inv.program !== 'git') return null;
  let found = gitChanges.get(inv);
  if (found === undefined) gitChanges.set(inv, (found = readGitWorkTree(inv.argv.slice(1))));
  return found;
}

function readGitWorkTree(args: readonly Arg[]): GitTreeChange | null {
  let dir = '';
  let workTree: string | undefined;
  let i = 0;
  for (; i < args.length && args[i]!.text.startsWith('-'); i++) {
    const t = args[i]!.text;
    if (t.startsWith('--work-tree=')) workTree = t.slice('--work-tree='.length);
    if (!GIT_GLOBAL_VALUES.includes(t)) continue;
    const value = args[++i]?.text ?? '';
    // `git -C a -C b` runs in a/b.
    if (t === '-C') dir = dir === '' || /^[/~]/.test(value) ? value : posix.join(dir, value);
    if (t === '--work-tree') workTree = value;
  }
  const sub = args[i]?.text;
  const rest = args.slice(i + 1);
  const at = (path: string) => (dir === '' || /^[/~]/.test(path) ? path : posix.join(dir, path));
  const tree = workTree ?? (dir || '.');
  const split = (paths: string[]) => ({ named: paths.filter((p) => !WHOLE_TREE.has(p)).map(at), whole: paths.some((p) => WHOLE_TREE.has(p)) });
  const none: GitTreeChange = { rewritten: [], removed: [], wholeTree: null };
  switch (sub) {
    case 'rm': {
      const p = parseOptions(rest, { value: ['--pathspec-from-file'] });
      // --cached leaves the files on disk; -n only shows what would go.
      if (p.has('--cached', '-n', '--dry-run')) return null;
      const { named, whole } = split(p.positionals.map((a) => a.text));
      return { ...none, removed: named, wholeTree: whole ? tree : null };
    }
    case 'mv': {
      const p = parseOptions(rest, {});
      if (p.has('-n', '--dry-run')) return null;
      const operands = p.positionals.map((a) => a.text);
      const dest = operands.pop();
      if (dest === undefined) return null;
      return { ...none, removed: operands.map(at), rewritten: [at(dest), ...operands.map((s) => at(`${dest.replace(/\/+$/, '')}/${base(s)}`))] };
    }
    case 'checkout': {
      const p = parseOptions(rest, { value: ['-b', '-B', '--orphan', '--conflict', '--pathspec-from-file'] });
      if (p.has('-b', '-B', '--orphan')) return null;
      // After `--` only paths; before it, a commit and perhaps paths (`git checkout main` names no file that is protected).
      const dash = rest.findIndex((a) => a.text === '--');
      const words = p.positionals.map((a) => a.text);
      const paths = dash < 0 ? words : rest.slice(dash + 1).map((a) => a.text);
      const { named, whole } = split(paths);
      // `git checkout -f [branch]` rewrites every file that differs.
      const forced = p.has('-f', '--force') && (dash < 0 ? words.length <= 1 : paths.length === 0);
      return { ...none, rewritten: named, wholeTree: whole || forced ? tree : null };
    }
    case 'restore': {
      const p = parseOptions(rest, { value: ['-s', '--source', '--conflict', '--pathspec-from-file'] });
      // --staged alone changes only the index.
      if (p.has('-S', '--staged') && !p.has('-W', '--worktree')) return null;
      const { named, whole } = split(p.positionals.map((a) => a.text));
      return { ...none, rewritten: named, wholeTree: whole ? tree : null };
    }
    case 'clean': {
      const p = parseOptions(rest, { value: ['-e', '--exclude'] });
      // Without -f (or -i, which asks) git refuses to clean.
      if (p.has('-n', '--dry-run') || !p.has('-f', '--force', '-i', '--interactive')) return null;
      const { named, whole } = split(p.positionals.map((a) => a.text));
      return { ...none, removed: named, wholeTree: whole || named.length === 0 ? tree : null };
    }
    case 'reset':
      return parseOptions(rest, {}).has('--hard', '--merge', '--keep') ? { ...none, wholeTree: tree } : null;
    case 'switch':
      return parseOptions(rest, { value: ['-c', '-C', '--orphan', '--conflict'] }).has('-f', '--force', '--discard-changes') ? { ...none, wholeTree: tree } : null;
    case 'stash':
      return readStash(rest, split, tree);
    default:
      return null;
  }
}

/**
 * `git stash` (push, the default, and save) takes every uncommitted change out of the tree, or those of
 * the paths it names, and with -u or -a the untracked files too; `pop`, `apply` and `branch` write a
 * stash's files back over the tree. Listing, showing and dropping stashes leave the tree alone.
 */
function readStash(args: readonly Arg[], split: (paths: string[]) => { named: string[]; whole: boolean }, tree: string): GitTreeChange | null {
  const named = args[0] !== undefined && !args[0].text.startsWith('-') ? args[0].text : null;
  const sub = named ?? 'push';
  const rest = named === null ? args : args.slice(1);
  if (sub === 'pop' || sub === 'apply' || sub === 'branch') return { rewritten: [], removed: [], wholeTree: tree };
  if (sub !== 'push' && sub !== 'save') return null;
  const p = parseOptions(rest, { value: ['-m', '--message', '--pathspec-from-file'] });
  // `save`'s words are its message; `push`'s are paths.
  const paths = split(sub === 'save' ? [] : p.positionals.map((a) => a.text));
  const untracked = p.has('-u', '--include-untracked', '-a', '--all');
  if (paths.named.length === 0 || paths.whole) return { rewritten: [], removed: [], wholeTree: tree, stashed: true };
  return { rewritten: paths.named, removed: untracked ? paths.named : [], wholeTree: null, stashed: true };
}

const WRITES = new Set(['>', '>>', '>|', '&>', '&>>', '<>']);

export function pathsChangedBy(inv: Invocation): string[] {
  // This runs for every command the agent proposes, so it allocates only for what it finds.
  const paths: string[] = [];
  for (const r of inv.redirects) if (WRITES.has(r.op) && !r.target.text.startsWith('/dev/')) paths.push(r.target.text);
  if (CHANGES_OPERANDS.has(inv.program)) {
    for (const a of inv.argv.slice(1)) if (!a.text.startsWith('-')) paths.push(a.text);
  } else if (COPIES.has(inv.program)) {
    const { sources, written } = copied(inv);
    // A move takes its sources away too.
    if (inv.program === 'mv') paths.push(...sources);
    paths.push(...written);
  }
  if (inv.program === 'dd') paths.push(...inv.argv.filter((a) => a.text.startsWith('of=')).map((a) => a.text.slice(3)));
  if (OUTPUT_OPTIONS[inv.program]) paths.push(...outputOptionFiles(inv));
  if (SECOND_OPERAND_WRITTEN.has(inv.program)) {
    const files = parseOptions(inv.argv.slice(1), { value: ['-f', '-s', '-w', '-c', '-g', '-l', '-o', '-n', '-cols', '-len', '-seek'] }).positionals;
    if (files[1] && files[1].text !== '-') paths.push(files[1].text);
  }
  if (SQL_CLIENTS.has(inv.program)) paths.push(...clientOutputFiles(inv));
  // git diff/log/show/format-patch --output=FILE writes FILE.
  if (inv.program === 'git') {
    const tree = gitWorkTree(inv);
    if (tree) paths.push(...tree.removed, ...tree.rewritten);
    const args = inv.argv.map((a) => a.text);
    args.forEach((a, i) => {
      if (a.startsWith('--output=')) paths.push(a.slice('--output='.length));
      else if (a === '--output' && args[i + 1]) paths.push(args[i + 1]!);
    });
  }
  return paths;
}

const SQL_CLIENTS = new Set(['psql', 'mysql', 'mariadb', 'sqlite3', 'sqlite']);
/**
 * A client command, at the start of a line of its script, that writes query output over a local file:
 * psql's `\o f`, `\out`, `\g f`, `\gx f`, `\w f`, `\s f`; sqlite3's `.output f`, `.once f`; the mysql
 * client's `tee f`, `\T f`. (`\o |cmd` runs a command instead: judged as SQL, see sql/statements.ts.)
 */
const CLIENT_OUTPUT = /(?:^|\n)[ \t]*(?:\\(?:o|out|g|gx|w|write|s|T)|\.(?:output|once)|tee)[ \t]+(?!\|)(['"]?)([^\s;'"]+)\1/g;
/** The clients' own options that name an output or log file (mysql's -o is --one-database, no file). */
const CLIENT_OUTPUT_OPTIONS: Record<string, RegExp> = table({ psql: /^(?:-o|--output|-L|--log-file)$/, mysql: /^--tee$/, mariadb: /^--tee$/ });

/** Files an SQL client writes its output to: its options, and output commands in its inline SQL and stdin. */
function clientOutputFiles(inv: Invocation): string[] {
  const files: string[] = [];
  const args = inv.argv.slice(1);
  const option = CLIENT_OUTPUT_OPTIONS[inv.program];
  args.forEach((a, i) => {
    const eq = /^(--output|--log-file|--tee)=(.+)$/.exec(a.text);
    if (option && eq && option.test(eq[1]!)) files.push(eq[2]!);
    else if (option?.test(a.text) && args[i + 1]) files.push(args[i + 1]!.text);
  });
  const texts = [...args.map((a) => a.text.replace(/^--(?:command|execute)=/, '')), ...(inv.stdin.kind === 'text' ? [inv.stdin.text] : [])];
  for (const text of texts) for (const m of text.matchAll(CLIENT_OUTPUT)) files.push(m[2]!);
  return files;
}

/** Paths deleted, moved away or made unusable, with everything inside them. */
export function pathsTakenAway(inv: Invocation): string[] {
  if (inv.program === 'mv') return copied(inv).sources;
  if (inv.program === 'git') return gitWorkTree(inv)?.removed ?? [];
  const operands = inv.argv
    .slice(1)
    .map((a) => a.text)
    .filter((t) => !t.startsWith('-'));
  return DELETES.has(inv.program) || ['chmod', 'chown', 'chgrp', 'chattr'].includes(inv.program) ? operands : [];
}

/**
 * Paths whose contents are replaced by others: a folder copied or moved onto them (`cp -r /tmp/x/.claude
 * ~` fills ~/.claude), or rewritten from git (`git checkout -- .github`). What they held is as good as gone.
 */
export function pathsReplaced(inv: Invocation): string[] {
  if (COPIES.has(inv.program)) return copied(inv).into;
  if (inv.program === 'git') return gitWorkTree(inv)?.rewritten ?? [];
  return [];
}

/** Directories an archive is unpacked into (`tar -x -C dir`, `unzip -d dir`, `git apply --directory`): what lands there is not known. */
export function unpackedInto(inv: Invocation): string[] {
  const args = inv.argv.slice(1);
  // Without a directory of their own they unpack where they run.
  const orHere = (dirs: string[]) => (dirs.length ? dirs : ['.']);
  if (inv.program === 'tar' || inv.program === 'bsdtar') {
    const p = parseOptions(args, { value: ['-C', '--directory', '-f', '--file', '-T', '--files-from', '-X', '--exclude-from'] });
    // Old-style bundled keys (`tar xf a.tar -C dir`) start without a dash.
    const extracting = p.has('-x', '--extract', '--get') || /^[A-Za-z]*x/.test(args[0]?.text ?? '');
    return extracting ? orHere(p.values('-C', '--directory')) : [];
  }
  if (inv.program === 'unzip') return orHere(parseOptions(args, { value: ['-d', '-x'] }).values('-d'));
  if (['7z', '7za', 'unrar', 'cpio', 'gunzip', 'bunzip2', 'unxz', 'unzstd'].includes(inv.program)) {
    const o = args.find((a) => a.text.startsWith('-o') && a.text.length > 2);
    return [o ? o.text.slice(2) : '.'];
  }
  if (inv.program === 'wget') return parseOptions(args, OUTPUT_OPTIONS.wget!).values('-P', '--directory-prefix');
  // `git clone src dest` fills dest; `npm install --prefix dir` fills dir/node_modules.
  // Cheap tests first: this runs for every git, npm and cp the agent proposes.
  if (inv.program === 'git' && args.some((a) => a.text === 'clone' || a.text.startsWith('--work-tree'))) {
    const words = parseOptions(args, {
      value: ['-C', '-c', '--git-dir', '--work-tree', '-b', '--branch', '-o', '--origin', '--depth', '--reference', '--template', '--separate-git-dir', '-u', '--upload-pack', '--config'],
    }).positionals.map((a) => a.text);
    if (words[0] === 'clone' && words[2]) return [words[2]];
    const workTree = parseOptions(args, { value: ['-C', '-c', '--git-dir', '--work-tree'], stopAtPositional: true }).value('--work-tree');
    if (workTree && ['checkout', 'restore', 'reset', 'apply', 'stash', 'merge', 'pull', 'switch'].includes(words[0] ?? '')) return [workTree];
  }
  if (['npm', 'pnpm', 'yarn'].includes(inv.program) && args.some((a) => a.text.startsWith('--prefix') || a.text.startsWith('--modules-folder'))) {
    const p = parseOptions(args, { value: ['--prefix', '-C', '--dir', '--cwd', '--modules-folder'] });
    return p.values('--prefix', '--modules-folder');
  }
  if (inv.program === 'cp' && args.some((a) => /^-[A-Za-z]*T|^--no-target/.test(a.text)) && parseOptions(args, { value: COPY_VALUES.cp! }).has('-T', '--no-target-directory')) {
    const dest = copied(inv).written[0];
    return dest ? [dest] : [];
  }
  // `rsync -a src/ dest` and `cp -r src/. dest` copy what src holds, whatever it is, into dest.
  if ((inv.program === 'rsync' || inv.program === 'cp') && args.some((a) => /\/\.?$/.test(a.text))) {
    const { sources, written } = copied(inv);
    return sources.some((s) => /\/\.?$/.test(s)) && written[0] !== undefined ? [written[0]] : [];
  }
  if (inv.program === 'git' && args.some((a) => a.text === 'apply')) return orHere(parseOptions(args, { value: ['--directory', '-C', '-p'] }).values('--directory'));
  if (inv.program === 'patch') return orHere(parseOptions(args, { value: ['-d', '--directory', '-p', '-i', '--input', '-o', '--output'] }).values('-d', '--directory'));
  return [];
}
