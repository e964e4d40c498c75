// git commands that throw away uncommitted work, local history or remote branches.

import type { Invocation } from '../core/invocation.js';
import { parseOptions, type ParsedOptions } from '../rules/argv.js';
import { rule, type Hit } from '../rules/rule.js';
import { perInvocation } from '../rules/memo.js';
import { gitConfigWrite } from '../analyze/git-commands.js';
import type { Target } from '../core/target.js';
import type { PathEntry } from '../core/facts.js';
import type { TargetSpec } from '../rules/targets.js';

const GLOBAL = { value: ['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--exec-path', '--config-env', '--super-prefix'] };

interface GitCommand {
  sub: string;
  /** Arguments after the subcommand. */
  parsed: ParsedOptions;
  words: string[];
}

/** Options that take a value, for the rules that need to know some: each list is one key of the reading kept. */
const NO_VALUES: readonly string[] = [];
const CHECKOUT_VALUES = ['-b', '-B', '--orphan', '-c', '-C', '--create', '--force-create', '--source', '-s', '--conflict', '--pathspec-from-file', '--prefix', '--index-output', '--stage'];
const CLEAN_VALUES = ['-e', '--exclude'];

/**
 * The long options that make a rule fire, by subcommand. git takes any unambiguous start of a long
 * option (`reset --har` is `--hard`, `clean --forc` is `--force`), so a start of one of these is read
 * as it. Only options that make a rule fire are widened: a start that git finds ambiguous makes git
 * refuse, and reading it as the dangerous option only holds a command that would fail.
 */
const FIRING_LONG_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  reset: ['--hard', '--merge', '--keep'],
  checkout: ['--force', '--pathspec-from-file'],
  switch: ['--discard-changes', '--force', '--force-create'],
  restore: ['--worktree', '--pathspec-from-file'],
  clean: ['--force'],
  branch: ['--delete', '--force'],
  tag: ['--delete', '--force'],
  push: ['--force', '--force-with-lease', '--force-if-includes', '--mirror', '--delete', '--prune'],
  'checkout-index': ['--force', '--all'],
  'read-tree': ['--reset'],
  rm: ['--force'],
  worktree: ['--force'],
};

/** Each abbreviated long option of the subcommand replaced by the firing option it starts (see above). */
function widenAbbreviations(sub: string, parsed: ParsedOptions): void {
  const firing = FIRING_LONG_OPTIONS[sub];
  if (!firing) return;
  for (const option of parsed.options) {
    const name = option[0];
    if (name.length < 3 || !name.startsWith('--') || firing.includes(name)) continue;
    const full = firing.find((f) => f.startsWith(name));
    if (full) option[0] = full;
  }
}
const PUSH_VALUES = ['-o', '--push-option', '--repo', '--receive-pack', '--exec'];
const REFLOG_VALUES = ['--expire', '--expire-unreachable', '--prune'];

/** The readings of the invocation the rules ask about, one for each list of value options (see perInvocation). */
const readings = perInvocation(() => new Map<readonly string[], GitCommand | null>());

/** `git -C dir -c k=v push --force` → sub `push`, with the rest parsed; shared by the rules, which must not change it. */
function git(inv: Invocation, value: readonly string[] = NO_VALUES): GitCommand | null {
  const known = readings(inv);
  let found = known.get(value);
  if (found === undefined) known.set(value, (found = readGit(inv, value)));
  return found;
}

function readGit(inv: Invocation, value: readonly string[]): GitCommand | null {
  const args = inv.argv.slice(1);
  const global = parseOptions(args, { ...GLOBAL, stopAtPositional: true });
  const subArg = args[global.rest];
  if (!subArg) return null;
  const rest = args.slice(global.rest + 1);
  const parsed = parseOptions(rest, { value });
  widenAbbreviations(subArg.text, parsed);
  return { sub: subArg.text, parsed, words: parsed.positionals.map((a) => a.text) };
}

const PROTECTED_BRANCH = /^(refs\/heads\/)?(main|master|trunk|develop|production|prod|release([/-].*)?|stable)$/;

const UNCOMMITTED = 'Uncommitted changes are not in any commit or reflog, so git cannot bring them back.';

export const resetHard = rule({
  id: 'git/reset-hard',
  effect: 'destroy',
  severity: 'high',
  programs: ['git'],
  probe: 'git-reset',
  summary: 'git reset --hard discards every uncommitted change',
  consequence: UNCOMMITTED,
  alternatives: ['git stash push -u -m "before reset" first, then reset', 'git reset --keep, which refuses to overwrite local changes'],
  match(inv) {
    const g = git(inv);
    return g?.sub === 'reset' && g.parsed.has('--hard', '--merge');
  },
});

export const discardWorktree = rule({
  id: 'git/discard-worktree',
  effect: 'destroy',
  severity: 'high',
  programs: ['git'],
  probe: 'git-discard',
  summary: 'overwrites files in the working tree with committed versions',
  consequence: UNCOMMITTED,
  alternatives: ['git stash push -- <paths> first', 'git diff <paths> to show the human what would be lost'],
  match(inv, ctx) {
    const g = git(inv, CHECKOUT_VALUES);
    if (!g) return null;
    const listed = g.parsed.value('--pathspec-from-file');
    if (g.sub === 'checkout') {
      if (g.parsed.has('-f', '--force')) return { target: 'the working tree' };
      if (g.parsed.has('-b', '-B', '--orphan')) return null;
      if (listed) return { target: `the paths listed in ${listed}` };
      return checkedOutPaths(g, (word) => ctx.entry(word, inv));
    }
    if (g.sub === 'restore') {
      const staged = g.parsed.has('--staged', '-S');
      const worktree = g.parsed.has('--worktree', '-W');
      if (staged && !worktree) return null;
      if (listed) return { target: `the paths listed in ${listed}` };
      return g.words.length ? { target: g.words.join(' ') } : null;
    }
    if (g.sub === 'switch') return g.parsed.has('--discard-changes', '-f', '--force') ? { target: 'the working tree' } : null;
    // Plumbing that writes the index over the working tree: read-tree -u --reset, checkout-index --force.
    if (g.sub === 'read-tree')
      return g.parsed.has('-u') && g.parsed.has('--reset') && !g.parsed.has('-n', '--dry-run')
        ? { target: 'the working tree', summary: 'git read-tree -u --reset overwrites the working tree with a tree' }
        : null;
    if (g.sub === 'checkout-index' && g.parsed.has('-f', '--force') && !g.parsed.options.some(([n]) => n === '--prefix'))
      return { target: g.parsed.has('-a', '--all') || !g.words.length ? 'the working tree' : g.words.join(' '), summary: 'git checkout-index --force overwrites files with their staged versions' };
    return null;
  },
});

/**
 * The paths `git checkout` overwrites, if it names any. With `--`, what follows; otherwise git reads
 * `checkout TREE PATH…` as paths from TREE, and a lone word as a branch unless it is a file or folder
 * there (`git checkout Makefile`, `git checkout src`).
 */
function checkedOutPaths(g: GitCommand, entry: (word: string) => PathEntry | 'unknown'): Hit | null {
  const { words } = g;
  if (g.parsed.doubleDash) {
    const paths = words.slice(words.length > 0 && !looksLikePath(words[0]!) && words.length > 1 ? 1 : 0);
    return paths.length ? { target: paths.join(' ') } : null;
  }
  if (words.length >= 2) return { target: words.slice(looksLikePath(words[0]!) ? 0 : 1).join(' ') };
  const word = words[0];
  if (word === undefined) return null;
  const there = entry(word);
  return looksLikePath(word) || (there !== 'missing' && there !== 'unknown') ? { target: word } : null;
}

/** A checkout argument that names files rather than a branch. */
function looksLikePath(word: string): boolean {
  return word === '.' || word === '*' || word.startsWith('./') || word.startsWith(':/') || /\.[A-Za-z][A-Za-z0-9]{0,7}$/.test(word) || word.endsWith('/');
}

export const clean = rule({
  id: 'git/clean',
  effect: 'destroy',
  severity: 'high',
  programs: ['git'],
  probe: 'git-clean',
  summary: 'git clean deletes untracked files',
  consequence: 'Untracked files were never committed, so nothing can restore them: new source files, .env files, local data.',
  alternatives: ['git clean -n to list what would go, and show the list to a human', 'git stash push -u to set them aside instead'],
  match(inv) {
    const g = git(inv, CLEAN_VALUES);
    // Without -f git refuses, unless clean.requireForce is false, in the repository's config or a -c:
    // the probe's dry run says what it would take either way.
    return g?.sub === 'clean' && !g.parsed.has('-n', '--dry-run', '-h', '--help');
  },
});

export const stashDrop = rule({
  id: 'git/stash-drop',
  effect: 'destroy',
  severity: 'medium',
  programs: ['git'],
  probe: 'git-stash',
  summary: 'drops stashed work',
  consequence: 'A dropped stash is only findable through git fsck until it is garbage-collected.',
  alternatives: ['git stash show -p to look at it first', 'git stash branch <name> to keep it as a branch'],
  match(inv) {
    const g = git(inv);
    return g?.sub === 'stash' && (g.words[0] === 'drop' || g.words[0] === 'clear');
  },
});

export const branchDelete = rule({
  id: 'git/branch-force-delete',
  effect: 'destroy',
  severity: 'medium',
  programs: ['git'],
  probe: 'git-branch',
  summary: 'force-deletes a branch even if it is not merged',
  consequence: 'Commits only on that branch become unreachable and are lost once the reflog expires.',
  alternatives: ['git branch -d, which refuses to delete unmerged work', 'push the branch somewhere first'],
  match(inv) {
    const g = git(inv);
    if (g?.sub !== 'branch') return null;
    const force = g.parsed.has('-D') || (g.parsed.has('-d', '--delete') && g.parsed.has('-f', '--force'));
    return force ? { target: g.words.join(' ') } : null;
  },
});

/** Value options of branch, tag, update-ref and reset, so a message or file is not read as a ref. */
const REF_VALUES = ['-m', '-F', '-u', '--message', '--file', '--local-user', '--set-upstream-to', '--cleanup', '--points-at', '--sort', '--format'];
const AT_HEAD = /^(HEAD|@)$/;

/**
 * Moving or deleting a branch or tag by hand: commits only its old position reached drop out of the
 * history, as after `git branch -D` (branch-force-delete): a destroy of the same medium severity. A
 * branch's reflog still holds them until it expires; a tag keeps no reflog. `git reset --keep` to
 * another commit also takes their changes out of the working tree (`--soft`/`--mixed` leave them there).
 */
export const refMove = rule({
  id: 'git/ref-move',
  effect: 'destroy',
  severity: 'medium',
  programs: ['git'],
  probe: 'git-ref-move',
  summary: 'moves or deletes a branch or tag, so commits only it reached drop out of the history',
  consequence:
    "Commits only the old position reached become unreachable: a branch's stay in its reflog until it expires (as after git branch -D), a deleted or moved tag keeps no reflog at all, and git reset --keep takes their changes out of the working tree too.",
  alternatives: ['git branch backup/<name> <name> first, so the old position keeps a name', 'git log <new>..<old> to show a human which commits drop out'],
  match(inv) {
    const moving = git(inv, CHECKOUT_VALUES);
    if (moving?.sub === 'checkout' || moving?.sub === 'switch') {
      // `checkout -B name start` / `switch -C name start` create the branch, or reset it if it exists.
      const option = moving.sub === 'checkout' ? '-B' : '-C';
      const given = moving.parsed.value(option, '--force-create');
      // An abbreviated `--force-cr name` was not known to take a value when it was read: the name is the first word.
      const abbreviated = given === undefined && moving.parsed.has(option, '--force-create');
      const name = given ?? (abbreviated ? moving.words[0] : undefined);
      const start = (abbreviated ? moving.words[1] : moving.words[0]) ?? 'HEAD';
      return name ? { summary: `git ${moving.sub} ${option} resets the branch ${name} to ${start} if it exists`, target: name } : null;
    }
    const g = git(inv, REF_VALUES);
    if (!g) return null;
    const force = g.parsed.has('-f', '--force');
    switch (g.sub) {
      case 'tag':
        if (g.parsed.has('-d', '--delete') && g.words.length) return { summary: `git tag -d deletes the tag ${g.words.join(' ')}`, target: g.words.join(' ') };
        return force && g.words.length ? { summary: `git tag -f moves the tag ${g.words[0]}`, target: g.words[0] } : null;
      case 'branch':
        // -D and -d -f are branch-force-delete's; -m/-c with -f rename or copy over a branch, which -M/-C users rarely mean as a rewind.
        if (!force || g.parsed.has('-d', '-D', '--delete', '-m', '-M', '-c', '-C', '--move', '--copy') || !g.words.length) return null;
        return { summary: `git branch -f moves the branch ${g.words[0]} to ${g.words[1] ?? 'HEAD'}`, target: g.words[0] };
      case 'update-ref':
        // -d is history-rewrite's.
        if (g.parsed.has('-d')) return null;
        if (g.parsed.has('--stdin')) return updateRefStdin(inv);
        return g.words.length >= 2 ? { summary: `git update-ref points ${g.words[0]} at ${g.words[1]}`, target: g.words[0] } : null;
      case 'reset': {
        const to = g.words.find((w) => w !== '--');
        return g.parsed.has('--keep') && to && !AT_HEAD.test(to) ? { summary: `git reset --keep moves the current branch to ${to}`, target: 'the current branch' } : null;
      }
      default:
        return null;
    }
  },
});

/** `git update-ref --stdin`: its `update` and `delete` lines move or delete refs; what comes at run time can't be read. */
function updateRefStdin(inv: Invocation): Hit | null {
  if (inv.stdin.kind !== 'text') return { effect: 'unknown', severity: 'medium', summary: 'git update-ref --stdin changes refs named at run time' };
  const changed = inv.stdin.text
    .split(/[\n\0]/)
    .map((l) => l.trim().split(/\s+/))
    .filter((w) => w[0] === 'update' || w[0] === 'delete');
  return changed.length ? { summary: `git update-ref --stdin ${changed[0]![0]}s ${changed.map((w) => w[1]).join(' ')}`, target: changed.map((w) => w[1]).join(' ') } : null;
}

export const forcePush = rule({
  id: 'git/force-push',
  effect: 'destroy',
  severity: 'high',
  programs: ['git'],
  summary: 'force push overwrites the remote branch',
  consequence: 'Commits others pushed to that branch are removed from it; their work survives only in their own clones.',
  alternatives: ['git push --force-with-lease to a feature branch you own', 'open a pull request instead of rewriting main'],
  match(inv) {
    const g = git(inv, PUSH_VALUES);
    if (g?.sub !== 'push') return null;
    const refs = g.words.slice(1);
    if (g.parsed.has('--mirror')) return { summary: 'git push --mirror makes the remote an exact copy, deleting its other refs', target: g.words[0] ?? 'the remote' };
    if (g.parsed.has('-f', '--force')) return { target: refs.join(' ') || 'the current branch' };
    const plus = refs.filter((r) => r.startsWith('+'));
    if (plus.length) return { target: plus.join(' ') };
    if (g.parsed.options.some(([n]) => n === '--force-with-lease' || n === '--force-if-includes')) {
      const protectedRefs = refs.filter((r) => PROTECTED_BRANCH.test(r.split(':').pop()!));
      return protectedRefs.length ? { target: protectedRefs.join(' '), summary: `force push (with lease) rewrites the shared branch ${protectedRefs.join(' ')}` } : null;
    }
    return null;
  },
});

export const remoteBranchDelete = rule({
  id: 'git/remote-branch-delete',
  effect: 'destroy',
  severity: 'high',
  programs: ['git'],
  summary: 'deletes branches on the remote',
  consequence: 'The remote branch and any commits only on it disappear for everyone.',
  alternatives: ['check the branch is merged (git branch -r --merged) and ask the human'],
  match(inv) {
    const g = git(inv);
    if (g?.sub !== 'push') return null;
    if (g.parsed.has('-d', '--delete', '--prune')) return { target: g.words.slice(1).join(' ') || 'remote refs' };
    const deletions = g.words.slice(1).filter((r) => r.startsWith(':') && r.length > 1);
    return deletions.length ? { target: deletions.join(' ') } : null;
  },
});

export const historyRewrite = rule({
  id: 'git/history-rewrite',
  effect: 'destroy',
  severity: 'high',
  programs: ['git'],
  summary: 'rewrites or prunes repository history',
  consequence: 'Old commits and objects are removed; anything that only lived there is gone once the rewrite is pushed or pruned.',
  alternatives: ['make a mirror backup first: git clone --mirror . ../backup.git', 'ask the human to run it'],
  match(inv) {
    const g = git(inv, REFLOG_VALUES);
    if (!g) return null;
    switch (g.sub) {
      case 'filter-branch':
      case 'filter-repo':
        return true;
      case 'reflog':
        return g.words[0] === 'expire' || g.words[0] === 'delete';
      case 'gc':
        return g.parsed.options.some(([n, v]) => n === '--prune' && (v === 'now' || v === 'all'));
      case 'prune':
        return true;
      case 'update-ref':
        return g.parsed.has('-d');
      case 'worktree':
        return g.words[0] === 'remove' && g.parsed.has('-f', '--force') ? { summary: 'git worktree remove --force deletes a worktree with its uncommitted changes', target: g.words[1] } : null;
      case 'rm':
        return g.parsed.has('-f', '--force') && !g.parsed.has('--cached') ? { summary: 'git rm -f deletes files along with their uncommitted changes', target: g.words.join(' ') } : null;
      default:
        return null;
    }
  },
});

export const push = rule({
  id: 'git/push',
  effect: 'write',
  severity: 'low',
  programs: ['git'],
  summary: 'pushes commits to a remote',
  consequence: 'The remote branch moves; a push to a deploy branch may start a deployment.',
  alternatives: ['push to a feature branch and open a pull request'],
  match(inv) {
    const g = git(inv, PUSH_VALUES);
    if (g?.sub !== 'push' || g.parsed.has('-n', '--dry-run', '--help', '-h')) return null;
    const refs = g.words.slice(1).map((r) => r.replace(/^\+/, '').split(':').pop()!);
    return { target: refs.join(' ') || 'the current branch' };
  },
});

/**
 * core.hooksPath and core.fsmonitor name programs git runs by itself from then on, on every commit or
 * status: what they will run is not in the command, so a human sees it first.
 */
export const configRunsLater = rule({
  id: 'git/config-runs-programs',
  effect: 'unknown',
  severity: 'medium',
  programs: ['git'],
  summary: 'points git at programs it will run by itself later (core.hooksPath, core.fsmonitor)',
  consequence: 'Every later commit, checkout or status runs whatever is in that place, unseen by airlock when it runs.',
  alternatives: ['show the human the hooks or program first', 'run the hook script directly, where it can be judged'],
  match(inv) {
    const args = inv.argv.slice(1);
    const global = parseOptions(args, { ...GLOBAL, stopAtPositional: true });
    const settings = global.values('-c').map((s) => ({ key: s.split('=')[0]!, value: s.slice(s.indexOf('=') + 1) }));
    if (args[global.rest]?.text === 'config') {
      const write = gitConfigWrite(args.slice(global.rest + 1));
      if (write) settings.push({ key: write.key, value: write.value.static ? write.value.text : '$' });
    }
    const hit = settings.find(({ key, value }) => /^core\.(hookspath|fsmonitor)$/i.test(key) && value !== '' && !/^(true|false|yes|no|on|off|1|0)$/i.test(value));
    return hit ? { target: `${hit.key}=${hit.value}` } : null;
  },
});

export const pack = [push, resetHard, discardWorktree, clean, stashDrop, branchDelete, refMove, forcePush, remoteBranchDelete, historyRewrite, configRunsLater];

/** What its commands act on (src/rules/targets.ts): the branch, and where `git push` sends it. */
export const targets: TargetSpec = {
  acts: ['git'],
  of(_inv, parsed) {
    // `git push origin main:main` pushes to branch main of remote origin.
    const words = parsed.positionals.map((a) => a.text);
    const at = words.indexOf('push');
    if (at < 0) return [];
    const out: Target[] = [];
    if (words[at + 1]) out.push({ type: 'git', remote: words[at + 1]!, source: 'git push remote' });
    for (const ref of words.slice(at + 2))
      out.push({
        type: 'git',
        branch: ref
          .replace(/^\+/, '')
          .split(':')
          .pop()!
          .replace(/^refs\/heads\//, ''),
        source: 'git push destination',
      });
    return out;
  },
};
