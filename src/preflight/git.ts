// Before a git command that throws work away is held, ask the repository what it would really lose:
// `git reset --hard` on a clean tree loses nothing, on a dirty one it loses exactly the files
// `git status` lists. The probe runs git read-only, hardened against the repository's own
// configuration (the agent can write .git/config), with a time limit and the caller's AbortSignal.

import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, lstat } from 'node:fs/promises';
import { posix } from 'node:path';
import type { GitProbe } from '../core/finding.js';
import type { Arg, Invocation } from '../core/invocation.js';
import { parseOptions } from '../rules/argv.js';

/** What one command would lose, as the repository says; empty lists mean nothing. */
export interface GitLoss {
  /** Tracked files whose uncommitted changes would go. */
  changed: string[];
  /** Untracked (or ignored) files and folders that would be deleted. */
  untracked: string[];
  /** Commits no branch, tag or remote would reach any more, as `abc1234 subject`. */
  commits: string[];
  /** Stash entries that would be dropped. */
  stashes: string[];
}

/** Runs git; rejects with git's own message when it fails. */
export type RunGit = (args: readonly string[], signal: AbortSignal) => Promise<string>;

/**
 * Options and variables that point git elsewhere or run programs: with any of them the command's
 * repository, or what git would do there, is not the one the probe would look at.
 */
const ELSEWHERE_OPTIONS = /^(--git-dir|--work-tree|--namespace|-c|--config-env|--exec-path|--super-prefix|--bare|--(icase|glob|noglob|literal)-pathspecs)(=|$)/;
const ELSEWHERE_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
  'GIT_CONFIG',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
  'GIT_CONFIG_GLOBAL',
  'GIT_CONFIG_SYSTEM',
  // Pathspecs read another way than the probe reads them (`GIT_ICASE_PATHSPECS=1 git restore A.TXT` restores a.txt).
  'GIT_ICASE_PATHSPECS',
  'GIT_GLOB_PATHSPECS',
  'GIT_NOGLOB_PATHSPECS',
  'GIT_LITERAL_PATHSPECS',
];

/**
 * Wrappers known to run the command once, here, as this user or another, in the directory they are in.
 * Any other wrapper may run it in another machine, container or directory (ssh, docker exec,
 * `git submodule foreach`, `find -execdir`), many times over a changing tree (`git rebase -x`,
 * `xargs`, `find -exec`), or after work of its own (`git commit` running GIT_EDITOR): what the probe
 * sees now is not what the command would meet.
 */
const RUNS_HERE = new Set([
  'sudo',
  'doas',
  'env',
  'command',
  'exec',
  'builtin',
  'nice',
  'ionice',
  'nohup',
  'time',
  'timeout',
  'stdbuf',
  'setsid',
  'bash',
  'sh',
  'dash',
  'zsh',
  'ksh',
  'eval',
  'source',
  '.',
]);

/** sudo's and doas's short options that take a value. */
const OPTIONS_WITH_VALUE = 'uUgCDhprtTa';

/** `sudo -i`, `sudo --login`, `doas -i`… start a login shell, which changes to the target user's home first. */
function startsLoginShell(wrapper: Invocation): boolean {
  if (wrapper.program !== 'sudo' && wrapper.program !== 'doas') return false;
  const words = wrapper.argv.slice(1).map((a) => a.text);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--login') return true;
    if (w === '--' || !w.startsWith('-')) return false;
    if (w.startsWith('--')) continue;
    // Short options up to the first that takes a value (`-u root`, `-iu root`, `-ui`: `i` is u's value).
    for (const letter of w.slice(1)) {
      if (letter === 'i') return true;
      if (OPTIONS_WITH_VALUE.includes(letter)) {
        if (w.endsWith(letter)) i++;
        break;
      }
    }
  }
  return false;
}

/** Shells that read a start-up file named by a variable before running `-c`: it may change directory or anything else. */
const SHELLS = new Set(['bash', 'sh', 'dash', 'zsh', 'ksh']);
const STARTUP_VARIABLES = ['BASH_ENV', 'ENV'];

/** Why a probe here can't see what this invocation would meet when it runs, or null when it can. */
export function notSeenHere(inv: Invocation, env: Readonly<Record<string, string>>, alsoHere: ReadonlySet<string> = new Set()): string | null {
  if (inv.cwd === null || inv.cwd === undefined) return 'the directory it runs in is not known';
  for (let outer = inv.outer; outer; outer = outer.outer) {
    if (!RUNS_HERE.has(outer.program) && !alsoHere.has(outer.program)) return `it runs through ${outer.program || 'a program named at run time'}, which may run it somewhere the probe can't see`;
    if (startsLoginShell(outer)) return `${outer.program} with a login shell runs it in the other user's home`;
    const startup = SHELLS.has(outer.program) && STARTUP_VARIABLES.find((name) => outer.env[name] !== undefined || env[name]);
    if (startup) return `${outer.program} first runs the file $${startup} names, which may change where and what it runs`;
  }
  if (inv.argv.slice(1).some((a) => !a.static)) return 'a word of it is only known when it runs';
  return null;
}

/** Why the probe can't look at the repository this invocation acts on, or null when it can. */
export function unprobeable(inv: Invocation, env: Readonly<Record<string, string>>): string | null {
  const unseen = notSeenHere(inv, env);
  if (unseen) return unseen;
  const args = inv.argv.slice(1);
  // git's own options, before the subcommand (`-C dir` takes the next word).
  for (let i = 0; i < args.length && args[i]!.text.startsWith('-'); i++) {
    const option = args[i]!.text;
    if (ELSEWHERE_OPTIONS.test(option)) return `${option.split('=')[0]} points git at another repository or configuration, or reads paths another way`;
    // git changes to -C's folder as the system does, through symlinks: `-C link/..` is link's target's parent.
    if (option === '-C' && /(^|\/)\.\.(\/|$)/.test(args[i + 1]?.text ?? '')) return "-C climbs with '..', which git takes through symbolic links to somewhere else";
    if (option === '-C') i++;
  }
  for (const name of ELSEWHERE_VARIABLES) if (inv.env[name] !== undefined || env[name] !== undefined) return `${name} points git at another repository`;
  return null;
}

/** The words after git's subcommand (`git -C x reset --hard HEAD~1` → `--hard HEAD~1`), and the subcommand. */
function subcommand(inv: Invocation): { sub: string; rest: string[] } | null {
  const words = inv.argv.slice(1).map((a) => a.text);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '-C') {
      i++;
      continue;
    }
    if (w.startsWith('-')) continue;
    return { sub: w, rest: words.slice(i + 1) };
  }
  return null;
}

/** `git status --porcelain -z` entries: [status, path], renames giving their new path. */
export function statusEntries(out: string): { code: string; path: string }[] {
  const fields = out.split('\0');
  const entries: { code: string; path: string }[] = [];
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    if (f.length < 4) continue;
    const code = f.slice(0, 2);
    entries.push({ code, path: f.slice(3) });
    // A rename or copy is followed by its old path, which is not an entry of its own.
    if (code[0] === 'R' || code[0] === 'C') i++;
  }
  return entries;
}

/** The files of a `status` whose changes are not in any commit: every tracked change, staged or not. */
const trackedChanges = (out: string) =>
  statusEntries(out)
    .filter((e) => e.code !== '??' && e.code !== '!!')
    .map((e) => e.path);

/** `git clean`'s own options with the force taken out and a dry run put in, so it lists what it would remove. */
export function cleanDryRun(rest: readonly string[]): string[] | null {
  const out: string[] = ['-n'];
  let pathspecs = false;
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i]!;
    if (pathspecs || !w.startsWith('-') || w === '-') {
      out.push(w);
      continue;
    }
    if (w === '--') {
      pathspecs = true;
      out.push(w);
    } else if (w === '-f' || w === '--force' || w === '-q' || w === '--quiet' || w === '-n' || w === '--dry-run') continue;
    else if (w === '-i' || w === '--interactive') return null;
    else if (w === '-e' || w === '--exclude') out.push(w, rest[++i] ?? '');
    else if (w.startsWith('--')) out.push(w);
    else {
      // A cluster of short options (-fdx, -ffd, -fe pattern): keep all but the force and quiet.
      const letters = w.slice(1);
      const at = letters.indexOf('e');
      // -X (only ignored files) depends on ignore files the probe's git does not read (the user's
      // global one): -x lists those and every other untracked file, a list that only errs towards more.
      const flags = (at >= 0 ? letters.slice(0, at) : letters).replace(/[fqn]/g, '').replace(/X/g, 'x');
      if (/i/.test(flags)) return null;
      if (flags) out.push(`-${flags}`);
      if (at >= 0) out.push('-e', letters.slice(at + 1) || (rest[++i] ?? ''));
    }
  }
  return out;
}

/** `Would remove x` lines of `git clean -n`. */
const wouldRemove = (out: string) =>
  out
    .split('\n')
    .map((l) => /^Would (?:remove|skip repository) (.*)$/.exec(l)?.[1])
    .filter((p): p is string => p !== undefined);

/** Every ref but `except`, as `^ref` arguments: what stays reachable once `except` moves or goes. */
async function otherRefs(git: RunGit, signal: AbortSignal, except: readonly string[]): Promise<string[]> {
  const lines = (await git(['for-each-ref', '--format=%(refname) %(symref)', 'refs/heads', 'refs/remotes', 'refs/tags'], signal)).split('\n').filter(Boolean);
  // A symbolic ref (origin/HEAD, or one made with symbolic-ref) keeps nothing itself: it follows another ref, perhaps the one going.
  const refs = lines.filter((l) => l.endsWith(' ')).map((l) => l.slice(0, -1));
  return refs.filter((r) => !except.includes(r)).map((r) => `^${r}`);
}

/** Commits reachable from `tips` and from none of `not`, newest first, as `abc1234 subject` (at most 50). */
async function onlyReachedFrom(git: RunGit, signal: AbortSignal, tips: readonly string[], not: readonly string[]): Promise<string[]> {
  // rev-list prints a `commit <id>` line above each formatted one (--no-commit-header needs git 2.33).
  const out = await git(['rev-list', '--max-count=50', '--format=%h %s', ...tips, ...not, '--'], signal);
  return out.split('\n').filter((line) => line !== '' && !/^commit [0-9a-f]{40,64}$/.test(line));
}

/** Value options of the subcommands the probes read, so a value is not taken for a tree or a path. */
const PROBE_VALUES = [
  '-s',
  '--source',
  '-b',
  '-B',
  '-c',
  '-C',
  '--create',
  '--force-create',
  '--orphan',
  '--conflict',
  '--pathspec-from-file',
  '-e',
  '--exclude',
  '-m',
  '-F',
  '--message',
  '--file',
  '--prefix',
  '--index-output',
];

/** The subcommand's options and words, read as git reads them. */
/** Long options the probes read; git takes any unambiguous start of one (`--sour=HEAD~1` is `--source=HEAD~1`). */
const PROBE_LONG = [...PROBE_VALUES.filter((o) => o.startsWith('--')), '--force', '--discard-changes', '--worktree', '--staged', '--all', '--remotes', '--delete', '--hard'];

/** An abbreviated long option written out in full, so its value is read as a value. */
function fullOption(arg: Arg): Arg {
  const m = /^(--[a-z][a-z-]*)(=.*)?$/.exec(arg.text);
  if (!m || PROBE_LONG.includes(m[1]!)) return arg;
  const full = PROBE_LONG.filter((o) => o.startsWith(m[1]!));
  return full.length === 1 ? { ...arg, text: `${full[0]}${m[2] ?? ''}` } : arg;
}

function readArguments(inv: Invocation): { sub: string; rest: string[]; parsed: ReturnType<typeof parseOptions>; words: string[]; dashes: number } | null {
  const found = subcommand(inv);
  if (!found) return null;
  const raw = inv.argv.slice(inv.argv.length - found.rest.length);
  const dashAt = raw.findIndex((a) => a.text === '--');
  const args = raw.map((a, i) => (dashAt >= 0 && i > dashAt ? a : fullOption(a)));
  const parsed = parseOptions(args, { value: PROBE_VALUES });
  return { ...found, parsed, words: parsed.positionals.map((a) => a.text), dashes: found.rest.indexOf('--') };
}

const st = (pathspecs: readonly string[]) => ['status', '--porcelain=v1', '-z', '--ignore-submodules=all', ...pathspecs];

/**
 * Files git would overwrite without status showing a change: marked assume-unchanged (status does not
 * look at them) or skip-worktree and present on disk. Also refuses submodules among the paths: what
 * their own work trees hold is not looked at, and looking would run their configuration.
 */
export async function hiddenFiles(git: RunGit, signal: AbortSignal, dir: string, paths: readonly string[]): Promise<string[]> {
  const hidden: string[] = [];
  for (const line of (await git(['ls-files', '-v', '-s', '-z', '--', ...paths], signal)).split('\0')) {
    const m = /^(\S) (\d+) [0-9a-f]+ \d\t(.*)$/s.exec(line);
    if (!m) continue;
    const [, tag, mode, path] = m as unknown as [string, string, string, string];
    if (mode === '160000') throw new Error(`${path} is a submodule, and the probe does not look inside submodules`);
    if (/[a-z]/.test(tag)) hidden.push(`${path} (marked assume-unchanged, so its changes don't show)`);
    else if (tag === 'S' && (await lstat(posix.join(dir, path)).catch(() => null))) hidden.push(`${path} (marked skip-worktree, so its changes don't show)`);
  }
  return hidden;
}

/** Untracked and ignored files that writing `tree`'s files over `paths` would overwrite: git deletes what is in the way. */
async function inTheWay(git: RunGit, signal: AbortSignal, tree: Tree, paths: readonly string[]): Promise<string[]> {
  const loose = statusEntries(await git([...st(['--untracked-files=all', '--ignored=traditional']), '--', ...paths], signal))
    .filter((e) => e.code === '??' || e.code === '!!')
    .map((e) => e.path.replace(/\/$/, ''));
  if (!loose.length) return [];
  const written = (await git(['ls-tree', '-r', '-z', '--full-name', '--name-only', tree.id, '--', ...paths], signal)).split('\0').filter(Boolean);
  const ancestors = (p: string) => p.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
  const files = new Set(written);
  const folders = new Set(written.flatMap((w) => ancestors(w).slice(0, -1)));
  // In the way: a file the tree writes, a file where the tree has a folder, or a file under a folder the tree writes as a file.
  return loose.filter((p) => folders.has(p) || ancestors(p).some((a) => files.has(a))).map((p) => `${p} (not tracked here, overwritten by ${tree.name}'s version)`);
}

/** A tree the command writes over the work tree, as the command names it. */
interface Tree {
  id: string;
  name: string;
}

/** The tree a word names, or null when it names none (then it is a path, or nothing git knows). */
async function treeNamed(git: RunGit, signal: AbortSignal, word: string): Promise<Tree | null> {
  const id = (await git(['rev-parse', '--verify', '-q', '--end-of-options', `${word}^{tree}`], signal).catch(() => '')).trim();
  return id ? { id, name: word } : null;
}

/** Tracked changes under the paths, with files status can't see, and what is in the way of `tree` when it is written. */
async function overwritten(git: RunGit, signal: AbortSignal, dir: string, paths: readonly string[], tree: Tree | null): Promise<{ changed: string[]; untracked: string[] }> {
  const changed = [...trackedChanges(await git([...st(['--untracked-files=no']), '--', ...paths], signal)), ...(await hiddenFiles(git, signal, dir, paths))];
  return { changed, untracked: tree ? await inTheWay(git, signal, tree, paths) : [] };
}

/** The commits only `ref` reaches, once it moves to `to` (or is deleted, when `to` is null). Nothing when it does not exist. */
async function leftBehind(git: RunGit, signal: AbortSignal, ref: string, to: string | null): Promise<string[]> {
  if (!(await git(['rev-parse', '--verify', '-q', '--end-of-options', ref], signal).catch(() => '')).trim()) return [];
  return onlyReachedFrom(git, signal, [ref], [...(to ? [`^${to}`] : []), ...(await otherRefs(git, signal, [ref]))]);
}

/** The stash entries `git stash drop WHICH` would drop, resolved by git itself (stash@{1}, 1, refs/stash@{01}…). */
async function stashesDropped(git: RunGit, signal: AbortSignal, which: string | undefined, clear: boolean): Promise<string[]> {
  const stashes = (await git(['stash', 'list', '--format=%H %gd %s'], signal)).split('\n').filter(Boolean);
  if (clear || stashes.length === 0) return stashes.map((s) => s.slice(s.indexOf(' ') + 1));
  const spelled = which === undefined ? 'stash@{0}' : /^\d+$/.test(which) ? `stash@{${which}}` : which;
  const id = (await git(['rev-parse', '--verify', '-q', '--end-of-options', spelled], signal).catch(() => '')).trim();
  // git stash resolves its argument the same way: one that names no entry makes the drop fail, losing nothing.
  return id ? stashes.filter((s) => s.startsWith(`${id} `)).map((s) => s.slice(s.indexOf(' ') + 1)) : [];
}

/** What the git command would lose in its repository, by what its rule asks to look at. */
export async function probeGitLoss(probe: GitProbe, inv: Invocation, git: RunGit, signal: AbortSignal): Promise<GitLoss> {
  const loss: GitLoss = { changed: [], untracked: [], commits: [], stashes: [] };
  const read = readArguments(inv);
  if (!read) return loss;
  const { sub, rest, parsed, words, dashes } = read;
  const dir = inv.cwd as string;
  if (probe === 'git-reset') {
    // Moving the branch elsewhere leaves behind the commits only it reached, and writes the target's files over untracked ones.
    const target = words[0] !== undefined && words[0] !== 'HEAD' && words[0] !== '@' ? words[0] : null;
    Object.assign(loss, await overwritten(git, signal, dir, [], target ? await treeNamed(git, signal, target) : null));
    if (target) {
      const branch = (await git(['symbolic-ref', '-q', 'HEAD'], signal).catch(() => '')).trim();
      loss.commits = await onlyReachedFrom(git, signal, ['HEAD'], [`^${target}`, ...(await otherRefs(git, signal, branch ? [branch] : []))]);
    }
  } else if (probe === 'git-discard') {
    if (parsed.has('--pathspec-from-file')) {
      // The paths come from a file or stdin: the whole tree stands in for them.
      Object.assign(loss, await overwritten(git, signal, dir, [], null));
      return loss;
    }
    const force = parsed.has('-f', '--force', '--discard-changes');
    // switch, checkout -f, read-tree and checkout-index overwrite the whole tree; checkout and restore the paths they name.
    const whole = sub === 'switch' || sub === 'read-tree' || sub === 'checkout-index' || (sub === 'checkout' && force);
    let tree: Tree | null = null;
    let paths: string[] = [];
    if (sub === 'restore') {
      const source = parsed.value('-s', '--source');
      tree = source ? await treeNamed(git, signal, source) : null;
      if (source && !tree) throw new Error(`git can't tell what ${source} is`);
      paths = words;
    } else if (sub === 'checkout' || sub === 'switch' || sub === 'read-tree') {
      // A first word that names a tree is what gets written: the branch switched to, or the tree the paths come from.
      const first = words[0];
      const firstTree = first !== undefined && (dashes < 0 || rest.indexOf(first) < dashes) ? await treeNamed(git, signal, first) : null;
      tree = firstTree;
      paths = whole ? [] : words.slice(firstTree ? 1 : 0);
      if (whole && first !== undefined && !firstTree && !parsed.has('-c', '-C', '--create', '--force-create', '-b', '-B', '--orphan'))
        throw new Error(`git can't tell what ${first} is (a branch it would make from a remote?)`);
    } else if (sub === 'checkout-index') paths = parsed.has('-a', '--all') ? [] : words;
    Object.assign(loss, await overwritten(git, signal, dir, paths, tree));
  } else if (probe === 'git-clean') {
    const dryRun = cleanDryRun(rest);
    if (!dryRun) throw new Error('git clean -i asks what to remove as it runs');
    loss.untracked = wouldRemove(await git(['clean', ...dryRun], signal));
  } else if (probe === 'git-stash') {
    loss.stashes = await stashesDropped(git, signal, words[1], words[0] === 'clear');
  } else if (probe === 'git-branch') {
    const remote = parsed.has('-r', '--remotes');
    for (const b of words) loss.commits.push(...(await leftBehind(git, signal, branchRef(b, remote ? 'refs/remotes/' : 'refs/heads/'), null)));
  } else if (probe === 'git-ref-move') {
    loss.commits = await refMoveLoss(sub, parsed, words, git, signal);
  }
  return loss;
}

/**
 * The ref a branch or tag name stands for. A name git resolves some other way (`@{-1}`, the branch
 * before; `-` for it in checkout; a name with `@{`) is refused rather than looked up literally.
 */
function branchRef(name: string | undefined, prefix: string): string {
  if (name === undefined || name === '-' || name.includes('@{') || name.startsWith('-') || name === '@')
    throw new Error(`${name ?? 'the branch'} is not a plain branch name, and the probe does not guess which branch git takes it for`);
  return `${prefix}${name.replace(/^refs\/(heads|tags|remotes)\//, '')}`;
}

/** What moving or deleting a branch or tag leaves behind: checkout -B, switch -C, branch -f, tag -f/-d, update-ref, reset --keep. */
async function refMoveLoss(sub: string, parsed: ReturnType<typeof parseOptions>, words: readonly string[], git: RunGit, signal: AbortSignal): Promise<string[]> {
  const at = (w: string | undefined) => w ?? 'HEAD';
  if (sub === 'checkout' || sub === 'switch') {
    const name = parsed.value('-B', '-C', '--force-create');
    if (!name) throw new Error(`git ${sub} names the branch in a way the probe does not read`);
    return leftBehind(git, signal, branchRef(name, 'refs/heads/'), at(words[0]));
  }
  if (sub === 'branch') return leftBehind(git, signal, branchRef(words[0], 'refs/heads/'), at(words[1]));
  if (sub === 'tag') {
    if (parsed.has('-d', '--delete')) return (await Promise.all(words.map((t) => leftBehind(git, signal, branchRef(t, 'refs/tags/'), null)))).flat();
    return leftBehind(git, signal, branchRef(words[0], 'refs/tags/'), at(words[1]));
  }
  if (sub === 'reset') {
    const branch = (await git(['symbolic-ref', '-q', 'HEAD'], signal).catch(() => '')).trim();
    return onlyReachedFrom(git, signal, ['HEAD'], [`^${at(words[0])}`, ...(await otherRefs(git, signal, branch ? [branch] : []))]);
  }
  throw new Error(`the probe does not read what git ${sub} moves`);
}

/** Names joined with commas, cut to `max` with how many more there are. */
export const nameList = (items: readonly string[], max: number) => items.slice(0, max).join(', ') + (items.length > max ? ` and ${items.length - max} more` : '');

/** Whether anything at all would be lost. */
export const losesNothing = (loss: GitLoss) => loss.changed.length + loss.untracked.length + loss.commits.length + loss.stashes.length === 0;

/** The loss in words, each list cut to `max` names. */
export function describeLoss(loss: GitLoss, max = 10): string {
  const list = (items: readonly string[]) => nameList(items, max);
  const parts: string[] = [];
  if (loss.changed.length) parts.push(`uncommitted changes to ${loss.changed.length} file${loss.changed.length === 1 ? '' : 's'}: ${list(loss.changed)}`);
  if (loss.untracked.length) parts.push(`${loss.untracked.length} untracked file${loss.untracked.length === 1 ? '' : 's'} or folder${loss.untracked.length === 1 ? '' : 's'}: ${list(loss.untracked)}`);
  if (loss.commits.length)
    parts.push(`${loss.commits.length}${loss.commits.length >= 50 ? ' or more' : ''} commit${loss.commits.length === 1 ? '' : 's'} no branch, tag or remote keeps: ${list(loss.commits)}`);
  if (loss.stashes.length) parts.push(`${loss.stashes.length} stash entr${loss.stashes.length === 1 ? 'y' : 'ies'}: ${list(loss.stashes)}`);
  return parts.join('; ');
}

/**
 * Where a system's own programs live: the probe runs git only from here, never the first `git` the
 * agent's PATH finds (the agent can put a program of that name in a folder it controls).
 */
const SYSTEM_FOLDERS = ['/usr/bin', '/bin', '/usr/local/bin', '/opt/homebrew/bin'];

const executable = (path: string) =>
  access(path, constants.X_OK).then(
    () => true,
    () => false,
  );

/** The first `name` on a PATH, as the shell would find it; null when there is none. */
export async function onPath(name: string, path: string, cwd: string): Promise<string | null> {
  for (const folder of path.split(':')) {
    const candidate = posix.resolve(cwd, folder || '.', name);
    if (await executable(candidate)) return candidate;
  }
  return null;
}

/**
 * The git the command would run, when it is one from the system's folders (then the probe runs it);
 * otherwise why the probe won't: it would have to run a program it can't trust to tell it the truth.
 */
export async function systemGitFor(inv: Invocation | null, env: Readonly<Record<string, string>>): Promise<string | { why: string }> {
  const cwd = inv?.cwd ?? '/';
  const named = inv?.argv[0]?.text ?? 'git';
  const path = inv?.env.PATH?.text ?? env.PATH ?? '';
  const found = named.includes('/') ? posix.resolve(cwd, named) : inv ? await onPath(named, path, cwd) : await onPath('git', SYSTEM_FOLDERS.join(':'), '/');
  if (!found) return { why: inv ? `there is no ${named} on the command's PATH` : 'git is not installed in the system folders' };
  if (!SYSTEM_FOLDERS.includes(posix.dirname(found))) return { why: `it runs ${found}, and the probe only runs git from the system's folders (${SYSTEM_FOLDERS.join(', ')})` };
  return found;
}

/**
 * git as the probe runs it in `dir`: without the system's or the user's configuration, with the
 * repository's filters, fsmonitor and hooks switched off (a filter is a program the repository's
 * config names, and status would run it), without optional locks, prompts or a pager.
 */
export function hardenedGit(dir: string, timeoutMs: number, program: string): RunGit {
  const env: Record<string, string> = {
    PATH: SYSTEM_FOLDERS.join(':'),
    // A partial clone fetches missing objects on demand: the probe never touches the network.
    GIT_NO_LAZY_FETCH: '1',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_PAGER: 'cat',
    LC_ALL: 'C',
  };
  const run = (args: readonly string[], signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      execFile(program, ['-C', dir, ...args], { env, signal, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
        if (error) reject(new Error((stderr || error.message).trim().split('\n')[0] || 'git failed'));
        else resolve(stdout);
      });
    });
  let neutral: Promise<string[]> | undefined;
  return async (args, signal) => {
    // Reading the configuration runs nothing; every filter it defines is then set to no program.
    neutral ??= run(['config', '--includes', '--name-only', '--get-regexp', '^filter\\.'], signal)
      .catch(() => '')
      .then((names) =>
        names
          .split('\n')
          .filter((n) => /^filter\..+\.(clean|smudge|process)$/.test(n))
          .flatMap((n) => ['-c', `${n}=`]),
      );
    const off = [
      ...['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'log.showSignature=false', '-c', 'core.untrackedCache=false'],
      // No transport at all, never into submodules (their own configuration would apply there), and
      // case-sensitive names, so an untracked `README` is not hidden behind a tracked `readme`.
      ...['-c', 'protocol.allow=never', '-c', 'submodule.recurse=false', '-c', 'core.ignorecase=false'],
      ...(await neutral),
    ];
    return run([...off, ...args], signal);
  };
}
