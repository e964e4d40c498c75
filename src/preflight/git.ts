// Before a git command that throws work away is held, ask the repository what it would really lose:
// `git reset --hard` on a clean tree loses nothing, on a dirty one it loses exactly the files
// `git status` lists. The probe runs git read-only, hardened against the repository's own
// configuration (the agent can write .git/config), with a time limit and the caller's AbortSignal.

import { execFile } from 'node:child_process';
import type { GitProbe } from '../core/finding.js';
import type { Invocation } from '../core/invocation.js';

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
const ELSEWHERE_OPTIONS = /^(--git-dir|--work-tree|--namespace|-c|--config-env|--exec-path|--super-prefix|--bare)(=|$)/;
const ELSEWHERE_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_NAMESPACE', 'GIT_CONFIG', 'GIT_CONFIG_PARAMETERS', 'GIT_CONFIG_COUNT'];

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

/** Why a probe here can't see what this invocation would meet when it runs, or null when it can. */
export function notSeenHere(inv: Invocation): string | null {
  if (inv.cwd === null || inv.cwd === undefined) return 'the directory it runs in is not known';
  for (let outer = inv.outer; outer; outer = outer.outer) {
    if (!RUNS_HERE.has(outer.program)) return `it runs through ${outer.program || 'a program named at run time'}, which may run it somewhere the probe can't see`;
    if (startsLoginShell(outer)) return `${outer.program} with a login shell runs it in the other user's home`;
  }
  if (inv.argv.slice(1).some((a) => !a.static)) return 'a word of it is only known when it runs';
  return null;
}

/** Why the probe can't look at the repository this invocation acts on, or null when it can. */
export function unprobeable(inv: Invocation, env: Readonly<Record<string, string>>): string | null {
  const unseen = notSeenHere(inv);
  if (unseen) return unseen;
  const args = inv.argv.slice(1);
  // git's own options, before the subcommand (`-C dir` takes the next word).
  for (let i = 0; i < args.length && args[i]!.text.startsWith('-'); i++) {
    const option = args[i]!.text;
    if (ELSEWHERE_OPTIONS.test(option)) return `${option.split('=')[0]} points git at another repository or configuration`;
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
      const flags = (at >= 0 ? letters.slice(0, at) : letters).replace(/[fqn]/g, '');
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
  const refs = (await git(['for-each-ref', '--format=%(refname)', 'refs/heads', 'refs/remotes', 'refs/tags'], signal)).split('\n').filter(Boolean);
  return refs.filter((r) => !except.includes(r)).map((r) => `^${r}`);
}

/** Commits reachable from `tips` and from none of `not`, newest first, as `abc1234 subject` (at most 50). */
async function onlyReachedFrom(git: RunGit, signal: AbortSignal, tips: readonly string[], not: readonly string[]): Promise<string[]> {
  // rev-list prints a `commit <id>` line above each formatted one (--no-commit-header needs git 2.33).
  const out = await git(['rev-list', '--max-count=50', '--format=%h %s', ...tips, ...not, '--'], signal);
  return out.split('\n').filter((line) => line !== '' && !/^commit [0-9a-f]{40,64}$/.test(line));
}

/** What the git command would lose in its repository, by what its rule asks to look at. */
export async function probeGitLoss(probe: GitProbe, inv: Invocation, git: RunGit, signal: AbortSignal): Promise<GitLoss> {
  const loss: GitLoss = { changed: [], untracked: [], commits: [], stashes: [] };
  const found = subcommand(inv);
  if (!found) return loss;
  const { sub, rest } = found;
  const positionals = rest.filter((w) => !w.startsWith('-'));
  if (probe === 'git-reset') {
    loss.changed = trackedChanges(await git(['status', '--porcelain=v1', '-z', '--untracked-files=no'], signal));
    // Moving the branch elsewhere leaves behind the commits only it reached.
    const target = positionals[0];
    if (target && target !== 'HEAD' && target !== '@') {
      const branch = (await git(['symbolic-ref', '-q', 'HEAD'], signal).catch(() => '')).trim();
      loss.commits = await onlyReachedFrom(git, signal, ['HEAD'], [`^${target}`, ...(await otherRefs(git, signal, branch ? [branch] : []))]);
    }
  } else if (probe === 'git-discard') {
    // switch, checkout -f, read-tree and checkout-index overwrite the whole tree; checkout and restore the paths they name.
    const whole = sub === 'switch' || sub === 'read-tree' || sub === 'checkout-index' || rest.some((w) => w === '-f' || w === '--force' || (/^-[A-Za-z]+$/.test(w) && w.includes('f')));
    const dashes = rest.indexOf('--');
    const named = dashes >= 0 ? rest.slice(dashes + 1) : sub === 'restore' ? positionals : positionals.filter((w) => w === '.' || w.includes('/') || w.includes('.') || w === '*');
    const paths = whole ? [] : named;
    loss.changed = trackedChanges(await git(['status', '--porcelain=v1', '-z', '--untracked-files=no', '--', ...paths], signal));
  } else if (probe === 'git-clean') {
    const dryRun = cleanDryRun(rest);
    if (!dryRun) throw new Error('git clean -i asks what to remove as it runs');
    loss.untracked = wouldRemove(await git(['clean', ...dryRun], signal));
  } else if (probe === 'git-stash') {
    const stashes = (await git(['stash', 'list', '--format=%gd %s'], signal)).split('\n').filter(Boolean);
    const which = positionals[1];
    loss.stashes =
      positionals[0] === 'clear' ? stashes : stashes.filter((s) => s.startsWith(`${which ?? 'stash@{0}'} `) || (which !== undefined && /^\d+$/.test(which) && s.startsWith(`stash@{${which}} `)));
  } else if (probe === 'git-branch') {
    const branches = positionals.map((b) => `refs/heads/${b}`);
    loss.commits = await onlyReachedFrom(git, signal, branches, await otherRefs(git, signal, branches));
  }
  return loss;
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
 * git as the probe runs it in `dir`: without the system's or the user's configuration, with the
 * repository's filters, fsmonitor and hooks switched off (a filter is a program the repository's
 * config names, and status would run it), without optional locks, prompts or a pager.
 */
export function hardenedGit(dir: string, timeoutMs: number): RunGit {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_PAGER: 'cat',
    LC_ALL: 'C',
  };
  const run = (args: readonly string[], signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      execFile('git', ['-C', dir, ...args], { env, signal, timeout: timeoutMs, maxBuffer: 8 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
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
    const off = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'log.showSignature=false', '-c', 'core.untrackedCache=false', ...(await neutral)];
    return run([...off, ...args], signal);
  };
}
