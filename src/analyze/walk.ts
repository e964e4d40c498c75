// Walks a parsed script and lists every invocation that would run, in order: commands in lists and
// pipelines, in every branch of if/case/loops, inside $(…), <(…) and function bodies, and behind
// wrappers. Along the way it tracks what the script itself makes knowable: files it writes (so
// `cat > x.sh <<EOF … EOF; bash x.sh` is judged by the script it wrote), variables it sets to fixed
// values, and the stdin each command gets.

import { emptyTable } from '../core/table.js';
import { BudgetExceeded, ShellSyntaxError, type Command, type List, type Part, type Pipeline, type Redirect, type Statement, type Word } from '../shell/ast.js';
import { DEFAULT_IFS, expandSingle, expandWord, type ExpandOptions } from '../shell/expand.js';
import { parse } from '../shell/parser.js';
import { parseOptions, programName, shellJoin } from '../rules/argv.js';
import { staticOutput } from './output.js';
import { selectedWorkspace, workspaceFile } from './terraform-workspace.js';
import { venvMadeBy, venvOfActivate } from './venv.js';
import { listingOutput } from './listing.js';
import { scriptsOf } from './files.js';
import { setsCommandVariable } from './editors.js';
import { unwrap, type Derived } from './unwrap.js';
import { afterDirectoryChange, directoryBuiltin, directoryOf, lost, plainJoin, resolveIn, type Directory, type ShellDirectories } from './cwd.js';
import { literalWord, type Arg, type FindScope, type Invocation, type Stdin } from '../core/invocation.js';
import { DESTROY_PLAN, destroyPlanWritten } from './saved-plans.js';
import { BUILTINS, copiesMade, hashBindings, PACKAGE_BIN, SETTINGS_HOMES, startupCode, SYSTEM_DIRECTORIES } from './shell-state.js';
import type { PathEntry } from '../core/facts.js';
import type { FileRead } from '../core/finding.js';
import { posix } from 'node:path';

export interface Budget {
  /** How many wrappers and nested scripts deep analysis follows. */
  maxDepth: number;
  /** Invocations per request. */
  maxInvocations: number;
  /** Bytes of script files read per request. */
  maxBytesRead: number;
}

export const defaultBudget: Budget = { maxDepth: 12, maxInvocations: 5000, maxBytesRead: 1 << 20 };

export interface FileSource {
  /** Reads a file from disk as seen from `dir` (the request's directory when omitted), or null when it is missing, unreadable or too big. */
  read(path: string, dir?: Directory): string | null;
  /** The package.json scripts of `dir` (the request's directory when omitted), or null. */
  packageScripts(dir?: Directory): Record<string, string> | null;
  /** `absolute` with symlinks followed as far as the path exists; null when nothing can be said. */
  realpath?(absolute: string): string | null;
  /** What is at a path, symlinks not followed; 'unknown' when the source can't tell (yet). */
  entry?(absolute: string): PathEntry | 'unknown';
  /** What was read from disk so far, one entry per file: what an approval binds to. */
  reads?(): FileRead[];
  /** Notes a file the analysis needed but did not read (past its budget), so an approval still binds to it. */
  unread?(path: string, dir?: Directory): void;
}

export interface Move {
  from: Arg;
  to: Arg;
}

const NONE: Stdin = { kind: 'none' };

export class Walker {
  readonly invocations: Invocation[] = [];
  /** Things that stopped analysis short (budget, syntax errors in nested code), for `unknown` findings. */
  readonly problems: { reason: string; source: string; via: string[] }[] = [];
  /** `mv a b` seen in the script, so that a later `rm -rf b` is known to delete `a`. */
  readonly moves: Move[] = [];
  private readonly written = new Map<string, string>();
  /** $PWD and $OLDPWD are read from where the shell is, so no subshell, branch or loop can leave them stale. */
  private readonly variables = new ShellVariables(() => this.dirs);
  private readonly conflicting = new Set<string>();
  /**
   * Symbolic links the script makes (`ln -s ~/.local/state hh`), by where the link is, to where it
   * points: a later `cd hh/…` or `rm hh/x` reaches through it, as it will on disk.
   */
  private readonly links = new Map<string, string>();
  /**
   * Variables that hold a tree's file names, with that walk: read by a loop from a listing (`find … |
   * while read f`), a `for f in $(find …)`, or `mapfile -t a < <(find …)`. `cat "$f"` is handed its files.
   */
  private readonly listedNames = new Map<string, FindScope>();
  /** The tree walks whose names $(…) and <(…) print, by the word part. */
  private readonly listings = new WeakMap<Part, FindScope>();
  /** What the last pipeline walked writes to stdout. */
  private lastOutput: Stdin = NONE;
  /** Variables assigned once from text with run-time pieces, as written (see Invocation.spelled). */
  private readonly spelled = new Map<string, string>();
  /** What the script exported (`export NAME=value`): every later command runs with it in its environment. */
  private readonly exported = new Map<string, Arg>();
  /** Variables the shell starts with exported: a plain `NAME=value` changes them for every later command too. */
  private readonly inherited: ReadonlySet<string>;
  private bytesRead = 0;
  /** The wrapper whose script is being walked, so what runs inside knows what it runs behind. */
  private owners: Invocation[] = [];
  /** Inside $(…), `…` or <(…): what runs there hands its output to the command around it. */
  private capturing = 0;
  private readonly expandOptions: ExpandOptions;
  /** Where the shell is as the script runs: `cd`, `pushd` and `popd` move it. */
  private dirs: ShellDirectories;
  private home: string | undefined;
  private readonly startDir: string;
  /** Functions whose body moves the shell (`f() { cd x; }`). */
  private readonly movingFunctions = new Set<string>();
  /** Directories the script makes (`mkdir`, `git clone`), which a later `cd` can enter. */
  private readonly made = new Set<string>();
  /** Virtualenvs a venv tool makes earlier in the script, as absolute paths. */
  private readonly venvs = new Set<string>();
  /** Directory builtins replaced by a function or `enable -n`. */
  private readonly shadowed = new Set<string>();
  /** How many `cd`-like commands have been seen: a function body that adds to it moves the shell. */
  private directoryChanges = 0;
  /** `shopt -s lastpipe`: the last stage of a pipeline runs in this shell. */
  private lastpipe = false;
  /** Functions the script defines: a call runs the body with the call's words as $1, $2, "$@". */
  private readonly functions = new Map<string, Command>();
  /** Aliases the script defines (`alias a=airlock`): a command named by one runs what it stands for. */
  private readonly aliases = new Map<string, string>();
  /** The functions being called, innermost last, with their arguments: no call is followed into itself. */
  private readonly calls: { name: string; args: Arg[] }[] = [];
  /** What locate() found, by directory and path, for the home it was found with. */
  private readonly located = new Map<Directory, Map<string, readonly string[]>>();
  private locatedHome: string | undefined;
  /** Real paths and entries asked of the file source: the disk is not asked twice about one path. */
  private readonly realpaths = new Map<string, string | null>();
  private readonly entries = new Map<string, PathEntry | 'unknown'>();
  /**
   * Programs run under another name: `hash -p /bin/rm ls` binds `hash:ls`, `cp /bin/rm /tmp/del` the
   * path /tmp/del, to the program they run (null: one named at run time).
   */
  private readonly standIns = new Map<string, Arg>();
  /** The $PATH the request came with: its directories hold what the agent's commands always ran. */
  private readonly startPath: string | undefined;
  /** Every $PATH the script sets, in order: a command is looked up on each. */
  private readonly paths: Arg[] = [];

  constructor(
    private readonly files: FileSource,
    private readonly budget: Budget = defaultBudget,
    initialVariables: Record<string, string> = {},
    cwd?: string,
  ) {
    // bash sets $IFS itself when it starts, whatever it inherits.
    for (const [k, v] of Object.entries(initialVariables)) if (k !== 'HOME' && k !== 'IFS') this.variables.set(k, v);
    this.startPath = initialVariables.PATH;
    // The agents' settings homes count as exported even when the request doesn't list them: the
    // environment a request carries need not be all its shell has (a profile exports them wherever it
    // sets them), and `CLAUDE_CONFIG_DIR=/x; claude` would start an agent without its hooks.
    this.inherited = new Set([...Object.keys(initialVariables), ...SETTINGS_HOMES]);
    this.home = initialVariables.HOME || undefined;
    // Without a working directory, paths stay relative to the request's own directory ('.').
    this.startDir = cwd || '.';
    // A $CDPATH the command inherits can send `cd name` elsewhere too.
    this.dirs = { dir: this.startDir, previous: null, stack: [], ...(initialVariables.CDPATH ? { lookup: 'CDPATH' } : {}) };
    this.expandOptions = {
      variables: this.variables,
      commandOutput: (body) => this.commandOutput(body),
      ifs: () => (this.conflicting.has('IFS') ? null : (this.variables.get('IFS') ?? DEFAULT_IFS)),
    };
  }

  /**
   * Every absolute spelling of `path` seen from `dir` (the request's directory when undefined). The
   * self-protection rules ask this for every word of every command, several times over; nothing on disk
   * changes while one request is judged, so each answer is worked out once per walker (one request).
   * The array returned is shared: callers copy it before adding to it.
   */
  locate(path: string, dir: Directory | undefined): readonly string[] {
    const from = dir === undefined ? this.startDir : dir;
    // `~` is read with the home the script ends with (the rules ask after the walk); a new home starts afresh.
    if (this.locatedHome !== this.home) {
      this.located.clear();
      this.locatedHome = this.home;
    }
    let seen = this.located.get(from);
    if (!seen) this.located.set(from, (seen = new Map()));
    let spellings = seen.get(path);
    if (!spellings) seen.set(path, (spellings = this.spell(path, from)));
    return spellings;
  }

  private spell(path: string, from: Directory): readonly string[] {
    // A plain name in a clean folder, as most words of most commands are: its folder is `from`, whose
    // real path the other words have asked for already, so only the name's own entry is looked up.
    if (from !== null && !path.startsWith('~') && !path.includes('\0')) {
      const absolute = plainJoin(from, path);
      if (absolute !== null && !absolute.startsWith('/dev/') && !absolute.startsWith('/proc/')) {
        const entry = this.entryInFolder(absolute, from);
        if (entry !== 'link' && entry !== 'directory-link' && entry !== 'unknown') {
          const folder = this.realpath(from);
          const real = folder === from ? absolute : joinReal(folder, path);
          return real && real !== absolute ? [absolute, real] : [absolute];
        }
      }
    }
    const absolute = resolveIn(from, path, this.home);
    if (!absolute || !absolute.startsWith('/')) return [];
    const spellings = [absolute];
    const real = this.realpath(absolute);
    if (real && real !== absolute) spellings.push(real);
    // The kernel takes `..` after a symlink from where the link points, not from the link's folder.
    if (path.includes('..') && /(^|\/)\.\.(\/|$)/.test(path) && this.files.realpath) {
      const physical = this.fromDisk(path.startsWith('/') ? path : `${resolveIn(from, '.', this.home) ?? ''}/${path.replace(/^~(?=\/)/, this.home ?? '~')}`);
      if (physical && !spellings.includes(physical)) spellings.push(physical);
    }
    return spellings;
  }

  /**
   * `absolute` with symlinks followed, asked of the disk as seldom as it can be. A path that is no link
   * (a file, a directory, or nothing at all) has its folder's real path with its own name added, so
   * one lstat() of each path, and one real path per folder, answer for all the words of a request:
   * `/repo/x`, `/repo/-rf`, `/repo/migrate`. Only a link, or what the source can't tell, is asked for
   * its real path.
   */
  private realpath(absolute: string): string | null {
    const known = this.realpaths.get(absolute);
    if (known !== undefined) return known;
    if (this.links.size) {
      const through = this.throughLink(absolute);
      if (through !== null) return this.realpath(through);
    }
    const folder = posix.dirname(absolute);
    let real: string | null;
    if (folder === absolute)
      real = absolute; // `/` is no link
    // Devices and NUL bytes are the source's own cases.
    else if (absolute.includes('\0') || /^\/(dev|proc)\//.test(absolute)) real = this.fromDisk(absolute);
    else {
      const entry = this.entry(absolute);
      real = entry === 'link' || entry === 'directory-link' || entry === 'unknown' ? this.fromDisk(absolute) : joinReal(this.realpath(folder), posix.basename(absolute));
    }
    this.realpaths.set(absolute, real);
    return real;
  }

  private fromDisk(absolute: string): string | null {
    let real = this.realpaths.get(absolute);
    if (real === undefined) this.realpaths.set(absolute, (real = this.files.realpath?.(absolute) ?? null));
    return real;
  }

  /** What is at a path; under a folder that is not a directory, nothing is, and the disk is not asked. */
  private entry(absolute: string): PathEntry | 'unknown' {
    return absolute === '/' ? 'directory' : this.entryInFolder(absolute, posix.dirname(absolute));
  }

  /** entry() of a path whose folder the caller knows already. */
  private entryInFolder(absolute: string, folder: string): PathEntry | 'unknown' {
    if (this.links.size) {
      const through = this.throughLink(absolute);
      if (through !== null) return this.links.has(absolute) ? (isDirectoryEntry(this.entry(through)) ? 'directory-link' : 'link') : this.entry(through);
    }
    let entry = this.entries.get(absolute);
    if (entry === undefined) {
      entry = this.isDirectory(folder) ? (this.files.entry?.(absolute) ?? 'unknown') : 'missing';
      this.entries.set(absolute, entry);
    }
    return entry;
  }

  /** Whether a folder is a directory on disk, or may be one (the source can't tell). */
  private isDirectory(absolute: string): boolean {
    return isDirectoryEntry(this.entry(absolute));
  }

  /**
   * What is on disk at `path` as seen from `dir` (the request's directory when undefined), before the
   * command runs. (Rules ask after the walk, when what the script writes is already noted, its own
   * writes included: a file only the script writes held nothing to lose.)
   */
  entryIn(path: string, dir: Directory | undefined): PathEntry | 'unknown' {
    const absolute = resolveIn(dir === undefined ? this.startDir : dir, path, this.home);
    return absolute?.startsWith('/') ? this.entry(absolute) : 'unknown';
  }

  /**
   * Whether sourcing `path` (a virtualenv's activate script that can't be read) runs only the activation
   * a venv tool writes, or nothing: a venv tool made its folder earlier in the script, or nothing is on
   * disk there and no earlier command names the folder (one could have put a script of its own there).
   */
  private plainActivation(path: string, dir: Directory, inv: Invocation): boolean {
    const venv = venvOfActivate(path);
    const folder = venv === null ? null : resolveIn(dir, venv, this.home);
    if (venv === null || !folder?.startsWith('/')) return false;
    if (this.venvs.has(folder)) return true;
    const script = resolveIn(dir, path, this.home);
    if (!script || this.entry(script) !== 'missing' || [...this.made].some((m) => m === folder || m.startsWith(`${folder}/`))) return false;
    const name = venv === '.' ? 'activate' : posix.basename(venv);
    const earlier = this.invocations.slice(0, this.invocations.indexOf(inv));
    return !earlier.some((e) => [...e.argv, ...e.redirects.map((r) => r.target)].some((a) => !a.static || a.text.includes(name)));
  }

  /** Reads a file the script refers to, from where the shell is now. */
  readFile = (path: string): string | null => this.readFileIn(path, this.dirs.dir);

  /** Reads a file as seen from `dir`: what the script wrote earlier wins over the disk. */
  readFileIn(path: string, dir: Directory | undefined): string | null {
    const written = this.written.get(this.key(path, dir === undefined ? this.dirs.dir : dir));
    if (written !== undefined) return written;
    if (this.bytesRead >= this.budget.maxBytesRead) {
      this.files.unread?.(path, dir);
      return null;
    }
    const content = this.files.read(path, dir);
    if (content !== null) this.bytesRead += content.length;
    return content;
  }

  /** The package.json scripts of `dir`: a package.json the script wrote earlier wins over the disk's. */
  private packageScriptsIn(dir: Directory): Record<string, string> | null {
    const written = this.written.get(this.key('package.json', dir));
    return written !== undefined ? scriptsOf(written) : this.files.packageScripts(dir);
  }

  /** One name per file for what the script wrote, whatever the spelling. */
  private key(path: string, dir: Directory): string {
    return resolveIn(dir, path, this.home) ?? `?${dir}/${normalise(path)}`;
  }

  /** Runs `walk` and puts the shell's directory back: subshells, pipeline stages and nested scripts don't leak a `cd`. */
  private isolated(walk: () => void, dir: Directory = this.dirs.dir): void {
    const saved = this.dirs;
    this.dirs = { ...saved, dir, pattern: dir === saved.dir ? saved.pattern : undefined };
    try {
      walk();
    } finally {
      this.dirs = saved;
    }
  }

  /**
   * A loop body runs zero or more times. If one pass moves the shell, the next pass starts somewhere
   * airlock can't know, so the body is judged again from there, and so is what follows the loop.
   */
  private loop(body: () => void): void {
    const start = this.dirs;
    body();
    if (sameDirectories(start, this.dirs)) return;
    this.dirs = lost(start);
    body();
    this.dirs = lost(start);
  }

  /**
   * A `for` loop's body runs once per item with the variable set to it, so `for f in ~/.x/*; do : > "$f"; done`
   * writes `~/.x/*` (a pattern stays a pattern: it names whatever it matches). Items that look like
   * paths are walked one by one with their value; the rest (`for i in 1 2 3`), and items only known at
   * run time, are walked once with the variable unknown, as before.
   */
  private forLoop(name: string, items: Word[] | null, body: () => void): void {
    const paths = new Set<string>();
    let others = items === null;
    for (const item of items ?? []) {
      for (const arg of expandWord(item, this.expandOptions)) {
        if (arg.static && /[/~.*?[]/.test(arg.text)) paths.add(arg.text);
        else others = true;
      }
    }
    for (const path of paths) {
      this.variables.set(name, path);
      this.loop(body);
    }
    this.variables.delete(name);
    if (others || paths.size === 0) this.loop(body);
  }

  /**
   * Branches that may or may not run (if, case, loop bodies): each starts where the shell is; if any
   * of them ends elsewhere, where the shell is afterwards can't be known.
   */
  private branches(walks: Array<() => void>): void {
    const start = this.dirs;
    let moved = false;
    for (const walk of walks) {
      this.dirs = start;
      walk();
      if (this.dirs.dir !== start.dir || this.dirs.stack.length !== start.stack.length) moved = true;
    }
    this.dirs = moved ? lost(start) : start;
  }

  walkScript(text: string, via: string[], depth: number, owner?: Invocation, lenient = false): void {
    let list: List;
    try {
      list = parse(text);
    } catch (error) {
      if (!(error instanceof ShellSyntaxError) && !(error instanceof BudgetExceeded)) throw error;
      if (lenient && error instanceof ShellSyntaxError) return;
      const reason = error instanceof BudgetExceeded ? error.message : `not valid shell syntax (${error.message})`;
      if (owner) owner.opaque = `${via[via.length - 1] ?? 'script'}: ${reason}`;
      else this.problems.push({ reason, source: text, via });
      return;
    }
    if (owner) this.owners.push(owner);
    try {
      this.walkList(list, via, depth);
    } finally {
      if (owner) this.owners.pop();
    }
  }

  walkList(list: List, via: string[], depth: number): void {
    for (const statement of list) {
      // `cmd &` runs in a subshell of its own.
      if (statement.background) this.isolated(() => this.walkStatement(statement, via, depth));
      else this.walkStatement(statement, via, depth);
    }
  }

  /**
   * `a && b` runs b where a left the shell; `a || b` runs b only if a failed, so where a did not move
   * it. Afterwards the shell is wherever the path taken leaves it: unknown if the paths disagree, unless
   * the failure path ends the script (`cd dir || exit`).
   */
  private walkStatement(statement: Statement, via: string[], depth: number): void {
    let uncertain = false;
    let before = this.dirs;
    this.walkPipeline(statement.pipelines[0]!, via, depth);
    statement.operators.forEach((op, i) => {
      const next = statement.pipelines[i + 1]!;
      const after = this.dirs;
      // `a || b` runs b when a failed; `! a || b` when a succeeded.
      const onFailure = (op === '||') !== statement.pipelines[i]!.negated;
      if (onFailure && !sameDirectories(before, after)) {
        this.dirs = before;
        this.walkPipeline(next, via, depth);
        if (!endsScript(next) && !sameDirectories(this.dirs, after)) this.dirs = lost(after);
        else this.dirs = after;
      } else {
        // b may not run at all (a took the other path): if b moves the shell, where the statement ends
        // depends on which happened.
        before = after;
        this.walkPipeline(next, via, depth);
        if (!sameDirectories(after, this.dirs)) uncertain = true;
      }
    });
    if (uncertain) this.dirs = lost(this.dirs);
  }

  private walkPipeline(pipeline: Pipeline, via: string[], depth: number): void {
    let stdin: Stdin = NONE;
    if (pipeline.commands.length === 1) {
      this.lastOutput = this.walkCommand(pipeline.commands[0]!, via, depth, stdin);
      return;
    }
    // Every stage of a real pipeline runs in a subshell of its own, but with `shopt -s lastpipe` the last runs in this shell.
    pipeline.commands.forEach((command, i) => {
      if (this.lastpipe && i === pipeline.commands.length - 1) stdin = this.walkCommand(command, via, depth, stdin);
      else this.isolated(() => (stdin = this.walkCommand(command, via, depth, stdin)));
    });
    this.lastOutput = stdin;
  }

  /** Walks one command; returns what it writes to stdout, as the next pipeline stage's stdin. */
  private walkCommand(command: Command, via: string[], depth: number, stdin: Stdin): Stdin {
    switch (command.type) {
      case 'simple':
        return this.walkSimple(command, via, depth, stdin);
      case 'subshell':
        this.walkRedirects(command.redirects, via, depth, '');
        this.isolated(() => this.walkList(command.body, via, depth));
        return this.groupOutput(command.body, command.redirects);
      case 'group':
        this.walkRedirects(command.redirects, via, depth, '');
        this.walkList(command.body, via, depth);
        return this.groupOutput(command.body, command.redirects);
      case 'if': {
        this.walkRedirects(command.redirects, via, depth, '');
        // Conditions run in turn; a body runs where its condition's success left the shell, the next
        // condition (and else) where its failure did (a `cd` that failed did not move it; `!` swaps them).
        const ends: ShellDirectories[] = [];
        for (const clause of command.clauses) {
          const before = this.dirs;
          this.walkList(clause.condition, via, depth);
          const after = this.dirs;
          const negated = clause.condition[clause.condition.length - 1]?.pipelines.at(-1)?.negated ?? false;
          // Success means the whole condition ran. Failure of a lone `cd` means it didn't move; of
          // anything longer (`cd x && false`), that it may have.
          const failed = sameDirectories(before, after) || isLoneCommand(clause.condition) ? before : lost(after);
          this.dirs = negated ? failed : after;
          this.walkList(clause.body, via, depth);
          ends.push(this.dirs);
          this.dirs = negated ? after : failed;
        }
        if (command.otherwise) this.walkList(command.otherwise, via, depth);
        ends.push(this.dirs);
        this.dirs = ends.every((e) => sameDirectories(e, ends[0]!)) ? ends[0]! : lost(ends[0]!);
        return { kind: 'pipe', producer: 'an if statement' };
      }
      case 'loop': {
        this.walkRedirects(command.redirects, via, depth, '');
        // `while read p; do …; done <<< ~/.claude`: the body runs with the variable set to each line it reads.
        const input = this.peekRedirects(command.redirects).stdin ?? stdin;
        const read = this.readLoop(command.condition, input);
        for (const value of read?.values ?? []) {
          this.loop(() => {
            this.walkList(command.condition, via, depth);
            this.variables.set(read!.name, value);
            this.walkList(command.body, via, depth);
          });
        }
        if (read) this.variables.delete(read.name);
        // `find dir | while read f; do cat "$f"; done`: what the loop reads are that tree's files.
        const listed = input?.kind === 'pipe' && input.listing ? this.namesRead(command.condition) : [];
        for (const name of listed) this.listedNames.set(name, (input as Extract<Stdin, { kind: 'pipe' }>).listing!);
        this.loop(() => {
          this.walkList(command.condition, via, depth);
          this.walkList(command.body, via, depth);
        });
        for (const name of listed) this.listedNames.delete(name);
        return { kind: 'pipe', producer: 'a loop' };
      }
      case 'for': {
        this.walkRedirects(command.redirects, via, depth, '');
        for (const item of command.items ?? []) this.walkParts(item.parts, via, depth);
        if (command.header) this.walkParts(command.header.parts, via, depth);
        this.forget([command.variable]);
        // `for f in $(find …)`: the loop's variable takes that tree's file names.
        const listing = (command.items ?? [])
          .flatMap((item) => item.parts.map((part) => this.listings.get(part) ?? (part.kind === 'param' ? this.listedNames.get(part.name) : undefined)))
          .find((l) => l !== undefined);
        if (listing) this.listedNames.set(command.variable, listing);
        this.forLoop(command.variable, command.items, () => this.walkList(command.body, via, depth));
        if (listing) this.listedNames.delete(command.variable);
        return { kind: 'pipe', producer: 'a for loop' };
      }
      case 'case':
        this.walkRedirects(command.redirects, via, depth, '');
        this.walkParts(command.subject.parts, via, depth);
        this.branches([...command.arms.map((arm) => () => this.walkList(arm.body, via, depth)), () => undefined]);
        return { kind: 'pipe', producer: 'a case statement' };
      case 'function': {
        // A function body runs when it is called, from wherever the shell is then: analyse it as if it
        // will be, in an unknown place. One that moves the shell leaves its callers in a place airlock
        // can't follow.
        const changes = this.directoryChanges;
        this.functions.set(command.name, command.body);
        this.isolated(() => this.walkCommand(command.body, via, depth, NONE), null);
        const moves = this.directoryChanges !== changes;
        if (moves) this.movingFunctions.add(command.name);
        else this.movingFunctions.delete(command.name);
        if (/^(cd|pushd|popd|chdir)$/.test(command.name)) this.shadowed.add(command.name);
        return NONE;
      }
      case 'arith':
        this.walkParts(command.expression.parts, via, depth);
        return NONE;
      case 'test':
        for (const w of command.words) this.walkParts(w.parts, via, depth);
        return NONE;
    }
  }

  /** Commands nested inside words run before the command itself: $(…), `…`, <(…), ${x:-$(…)}. */
  private walkParts(parts: Part[], via: string[], depth: number): void {
    for (const part of parts) {
      if (part.kind === 'cmdsub' || part.kind === 'procsub') {
        this.capturing++;
        try {
          this.lastOutput = NONE;
          this.isolated(() => this.walkList(part.body, via, depth));
          // `$(find …)`, `<(find …)`: the names of a tree's files, for what reads them (see listedNames).
          const out = this.lastOutput;
          if (part.body.length === 1 && part.body[0]!.pipelines.length === 1 && out.kind === 'pipe' && out.listing) this.listings.set(part, out.listing);
        } finally {
          this.capturing--;
        }
      } else if (part.kind === 'param' || part.kind === 'arith') this.walkParts(part.inner, via, depth);
    }
  }

  /** Redirections on compound commands (`{ …; } > file`) become an invocation with no program. */
  private walkRedirects(redirects: Redirect[], via: string[], depth: number, source: string): void {
    if (redirects.length === 0) return;
    const { list, stdin } = this.expandRedirects(redirects, via, depth);
    const inv = makeInvocation([], {}, list, stdin ?? NONE, via, source || '(redirection)', this.dirs.dir);
    this.record(inv, depth);
  }

  private expandRedirects(redirects: Redirect[], via: string[], depth: number): { list: Invocation['redirects']; stdin: Stdin | null } {
    const list: Invocation['redirects'] = [];
    let stdin: Stdin | null = null;
    for (const r of redirects) {
      this.walkParts(r.target.parts, via, depth);
      if (r.heredoc) {
        this.walkParts(r.heredoc.parts, via, depth);
        const body = expandSingle(r.heredoc.parts, this.expandOptions);
        stdin = { kind: 'text', text: body.text, static: body.static };
        continue;
      }
      const target = expandSingle(r.target.parts, this.expandOptions);
      const listing = this.listingOf(r);
      if (r.op === '<<<') stdin = { kind: 'text', text: target.text + '\n', static: target.static };
      else if (r.op === '<' && (r.fd === null || r.fd === 0) && listing) stdin = { kind: 'pipe', producer: target.text, listing };
      else if (r.op === '<' && (r.fd === null || r.fd === 0)) {
        const content = target.static ? this.readFile(target.text) : null;
        stdin = content !== null ? { kind: 'text', text: content, static: true } : { kind: 'file', path: target };
      }
      list.push({ op: fileDuplication(r.op, r.fd, target), fd: r.fd, target });
    }
    return { list, stdin };
  }

  private walkSimple(command: Extract<Command, { type: 'simple' }>, via: string[], depth: number, piped: Stdin): Stdin {
    for (const a of command.assigns) {
      this.walkParts(a.value.parts, via, depth);
      for (const w of a.array ?? []) this.walkParts(w.parts, via, depth);
    }
    for (const w of command.words) this.walkParts(w.parts, via, depth);
    const env: Record<string, Arg> = emptyTable();
    for (const a of command.assigns) {
      env[a.name] = a.array
        ? { text: a.array.map((w) => expandSingle(w.parts, this.expandOptions).text).join(' '), static: false, dynamicStart: false, glob: false, mayMultiply: false }
        : expandSingle(a.value.parts, this.expandOptions);
    }
    const argv = command.words.flatMap((w) => this.positionalWords(w.parts) ?? expandWord(w, this.expandOptions));
    const { list: redirects, stdin: redirected } = this.expandRedirects(command.redirects, via, depth);
    if (argv.length === 0) {
      this.remember(env);
      this.exportInherited(env);
    }
    if (argv[0]?.text === 'export') this.noteExports(argv.slice(1));
    else if (argv[0]?.text === 'unset') for (const a of argv.slice(1)) this.exported.delete(a.text);
    const inherited = this.exported.size ? Object.assign(emptyTable<Arg>(), Object.fromEntries(this.exported), env) : env;
    const inv = makeInvocation(argv, inherited, redirects, redirected ?? piped, via, command.source);
    inv.cwd = directoryOf(inv, this.dirs.dir, this.home);
    this.notePattern(inv);
    this.noteWorkspace(inv);
    this.record(inv, depth);
    this.followDirectory(inv);
    this.followShellState(inv);
    const output = staticOutput(inv);
    this.rememberWrites(inv, output);
    if (output !== null) return { kind: 'text', text: output, static: true };
    const listing = listingOutput(inv, inv.stdin);
    return listing ? { kind: 'pipe', producer: command.source, listing } : { kind: 'pipe', producer: command.source };
  }

  /** A terraform after a `terraform workspace select` in the same script acts on the workspace it selected. */
  private noteWorkspace(inv: Invocation): void {
    const file = workspaceFile(inv);
    const workspace = file === null ? undefined : this.written.get(this.key(file, inv.cwd === undefined ? this.dirs.dir : inv.cwd));
    if (workspace) inv.targets = [...(inv.targets ?? []), { type: 'terraform', workspace, source: '`terraform workspace select` earlier in the command' }];
  }

  /** A command run in an unknown place that a `cd` to a pattern led to carries the pattern. */
  private notePattern(inv: Invocation): void {
    if (inv.cwd === null && this.dirs.dir === null && this.dirs.pattern) inv.cwdPattern = this.dirs.pattern;
  }

  /** Where the shell is after a command it ran itself: `cd` and friends, a function that moves it, what `cd` depends on. */
  private followDirectory(inv: Invocation): void {
    // `cd -` goes to $OLDPWD: once the script sets it, airlock can't follow. $CDPATH and cdable_vars let
    // `cd name` go somewhere other than ./name.
    if (inv.program === '' || SETS_VARIABLES.has(inv.program)) {
      const names = [...Object.keys(inv.env), ...inv.argv.slice(1).map((a) => /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(a.text)?.[1] ?? '')];
      if (names.includes('CDPATH')) this.dirs = { ...this.dirs, lookup: 'CDPATH' };
      this.forget(names.filter((n) => n === 'OLDPWD' || (n === 'HOME' && inv.program !== '')));
    }
    if (inv.program === 'shopt' && inv.argv.some((a) => a.text === 'cdable_vars')) this.dirs = { ...this.dirs, lookup: 'cdable_vars' };
    // `cd` and `~` follow $HOME, and `cd -` follows $OLDPWD, however the script sets them (read,
    // printf -v, a for loop's variable, an assignment in front of the command).
    if (READS_INTO_VARIABLES.has(inv.program)) {
      this.forget(inv.argv.map((a) => a.text));
      // What the script set them to before is gone; `read p <<< ~/.claude` sets p to what it reads.
      const { names, line } = variablesRead(inv);
      for (const name of names) this.variables.delete(name);
      if (line !== null) this.variables.set(names[0]!, line);
      // `mapfile -t a < <(find …)`: the array holds that tree's file names from now on. (A loop's own
      // `read f` is left to the loop, which knows what it reads.)
      const listing = inv.stdin.kind === 'pipe' ? inv.stdin.listing : undefined;
      for (const name of names) {
        if (listing) this.listedNames.set(name, listing);
        else if (inv.program !== 'read') this.listedNames.delete(name);
      }
    }
    // `HOME=/x` on its own moves `~`; in front of a command it applies to that command only (below).
    if ('HOME' in inv.env && inv.argv.length === 0) this.home = inv.env.HOME!.static && inv.env.HOME!.text.startsWith('/') ? inv.env.HOME!.text : undefined;
    // Directories the script makes itself are there when it gets to them.
    if (inv.program === 'mkdir') for (const a of inv.argv.slice(1)) if (a.static && !a.text.startsWith('-')) this.made.add(resolveIn(this.dirs.dir, a.text, this.home) ?? '');
    if (inv.program === 'ln') this.noteLinks(inv);
    const venv = venvMadeBy(inv);
    if (venv) this.venvs.add(resolveIn(inv.cwd === undefined ? this.dirs.dir : inv.cwd, venv, this.home) ?? '');
    if (inv.program === 'git' && inv.argv[1]?.text === 'clone') {
      const words = inv.argv.slice(2).filter((a) => !a.text.startsWith('-'));
      const target =
        words[1]?.text ??
        words[0]?.text
          .replace(/\/+$/, '')
          .split('/')
          .pop()
          ?.replace(/\.git$/, '');
      if (target) this.made.add(resolveIn(this.dirs.dir, target, this.home) ?? '');
    }
    // `cd() { …; }` or `enable -n cd`: the name no longer moves the shell as the builtin would.
    if (inv.program === 'enable' && inv.argv.some((a) => a.text === '-n')) for (const a of inv.argv) if (/^(cd|pushd|popd|chdir)$/.test(a.text)) this.shadowed.add(a.text);
    if (inv.program === 'shopt' && inv.argv.some((a) => a.text === '-s') && inv.argv.some((a) => a.text === 'lastpipe')) this.lastpipe = true;
    if (this.movingFunctions.has(inv.program)) {
      this.directoryChanges++;
      this.dirs = lost(this.dirs);
      return;
    }
    const argv = directoryBuiltin(inv);
    if (!argv) return;
    this.directoryChanges++;
    if (this.shadowed.has(argv[0]!.text) && inv.argv[0]?.text !== 'builtin') {
      this.dirs = lost(this.dirs);
      return;
    }
    if ('OLDPWD' in inv.env && argv.some((a) => a.text === '-')) {
      this.dirs = lost(this.dirs);
      return;
    }
    const state = inv.env.CDPATH ? { ...this.dirs, lookup: 'CDPATH' } : this.dirs;
    const next = afterDirectoryChange(
      state,
      argv,
      'HOME' in inv.env && inv.env.HOME!.text !== this.home ? undefined : this.home,
      // A folder reached through a link the script makes is there if what it points to is.
      (dir) => this.made.has(dir) || isDirectoryEntry(this.links.size && this.throughLink(dir) !== null ? this.entry(dir) : (this.files.entry?.(dir) ?? 'unknown')),
    );
    this.dirs = { ...next, lookup: this.dirs.lookup };
  }

  /** $HOME or $OLDPWD set to something airlock can't follow: `cd`, `~` or `cd -` lead somewhere unknown. */
  private forget(names: string[]): void {
    // Split on an $IFS set at run time, no word can be known.
    if (names.includes('IFS')) {
      this.variables.delete('IFS');
      this.conflicting.add('IFS');
    }
    if (names.includes('HOME')) this.home = undefined;
    if (names.includes('OLDPWD')) this.dirs = { ...this.dirs, previous: null };
  }

  /** `export NAME=value` sets the variable and puts it in the environment of what runs after; `export NAME` exports a value set before. */
  private noteExports(args: Arg[]): void {
    for (const a of args) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/s.exec(a.text);
      if (!m) continue;
      const name = m[1]!;
      if (m[2] !== undefined) {
        const value: Arg = { ...a, text: m[2], dynamicStart: false };
        this.exported.set(name, value);
        this.remember({ [name]: value });
      } else {
        const known = this.variables.get(name);
        if (known !== undefined) this.exported.set(name, literalWord(known));
      }
    }
  }

  /**
   * `HOME=/x` on its own, for a variable that is already exported (one the shell inherited, or one the
   * script exported), changes it in the environment of every later command, as `export HOME=/x` does.
   */
  private exportInherited(env: Record<string, Arg>): void {
    for (const [name, value] of Object.entries(env)) if (this.exported.has(name) || this.inherited.has(name)) this.exported.set(name, value);
  }

  /** `X=value` on its own sets a shell variable; later `$X` uses it, unless it is set to different values. */
  private remember(env: Record<string, Arg>): void {
    for (const [name, value] of Object.entries(env)) {
      if (this.conflicting.has(name)) {
        // Assigned again: what it holds is no longer the one text it was first given.
        this.spelled.delete(name);
        continue;
      }
      const known = this.variables.get(name);
      if (!value.static && known === undefined) this.spelled.set(name, value.text);
      if (!value.static || (known !== undefined && known !== value.text)) {
        this.variables.delete(name);
        this.conflicting.add(name);
      } else this.variables.set(name, value.text);
    }
  }

  /**
   * What a builtin or a copy changes for the commands after it: variables `export` and its kin set,
   * `unset IFS`, names `hash -p` binds, programs `cp`/`ln`/`install` put under another name, and
   * every $PATH the script gives itself.
   */
  private followShellState(inv: Invocation): void {
    const assigned = assignedBy(inv);
    if (SETS_VARIABLES.has(inv.program)) {
      // `declare -i x=1+2` and `declare -a x=(…)` store something other than the text.
      const transformed = inv.argv.some((a, i) => i > 0 && /^-[A-Za-z]*[aAin]/.test(a.text));
      for (const [name, value] of Object.entries(assigned)) this.remember({ [name]: transformed || value.text.startsWith('(') ? { ...value, static: false } : value });
      // `declare -x` exports what it sets; `declare`, `local` and `readonly` change an exported variable where it stands.
      if (inv.program !== 'export') {
        if (inv.argv.some((a, i) => i > 0 && /^-[A-Za-z]*x/.test(a.text))) for (const [name, value] of Object.entries(assigned)) this.exported.set(name, value);
        else this.exportInherited(assigned);
      }
    }
    const path = inv.argv.length === 0 ? inv.env.PATH : assigned.PATH;
    if (path) this.paths.push(path);
    if (inv.program === 'unset' && inv.argv.some((a) => a.text === 'IFS')) {
      // Back to bash's default; if the script set it before, whether this runs first is not always known.
      const known = this.variables.get('IFS');
      if (known !== undefined && known !== DEFAULT_IFS) this.remember({ IFS: literalWord(DEFAULT_IFS) });
    }
    const hashed = hashBindings(inv);
    if (hashed.forget === 'all') for (const key of [...this.standIns.keys()]) if (key.startsWith('hash:')) this.standIns.delete(key);
    if (Array.isArray(hashed.forget)) for (const name of hashed.forget) this.standIns.delete(`hash:${name}`);
    if (hashed.bind) this.standIns.set(`hash:${hashed.bind.name}`, this.programAt(hashed.bind.path, this.dirs.dir));
    const dir = inv.cwd === undefined ? this.dirs.dir : inv.cwd;
    for (const copy of copiesMade(inv)) {
      if (!copy.to.static) continue;
      const target = resolveIn(dir, copy.to.text, this.home);
      const into = copy.intoDirectory || (target !== null && (this.made.has(target) || this.entry(target) === 'directory' || this.entry(target) === 'directory-link'));
      const key = this.key(into ? `${copy.to.text.replace(/\/+$/, '')}/${posix.basename(copy.from.text)}` : copy.to.text, dir);
      this.standIns.set(key, this.programAt(copy.from, dir));
      // A script this command wrote is the copy's text too: `bash copy` reads what was written.
      const written = copy.from.static ? this.written.get(this.key(copy.from.text, dir)) : undefined;
      if (written !== undefined) this.written.set(key, written);
      else this.written.delete(key);
    }
  }

  /** The program a path names, as an absolute path when it can be, and through any copy the script made of it. */
  private programAt(path: Arg, dir: Directory): Arg {
    if (!path.static) return path;
    // A file name, even without a slash: `cp rm-copy del` and `hash -p rm ls` name ./rm-copy and ./rm.
    const key = resolveIn(dir, path.text, this.home) ?? path.text;
    return this.standIns.get(key) ?? literalWord(key);
  }

  /** Code a shell started with the variables a command sets runs too: BASH_ENV, ENV, PS4, PROMPT_COMMAND, exported functions. */
  private runsStartupCode(inv: Invocation, depth: number, dir: Directory): void {
    const env: Record<string, Arg> = emptyTable();
    // A wrapper hands its variables on to what it runs: they are judged once, where they are set.
    for (const [name, value] of Object.entries({ ...inv.env, ...assignedBy(inv) })) if (inv.outer?.env[name]?.text !== value.text) env[name] = value;
    for (const d of startupCode(env, (path) => this.readFileIn(path, dir))) {
      if (d.kind === 'opaque') inv.opaque = d.reason;
      else if (d.kind === 'script') this.isolated(() => this.walkScript(d.text, [...inv.via, d.label], depth + 1, inv), dir);
    }
  }

  /** A command that runs another program than its name says: a `hash -p` binding, a copy or link the script made, a $PATH it changed. */
  private runsStandIn(inv: Invocation, depth: number, dir: Directory): void {
    const first = inv.argv[0];
    if (!first?.static || first.text === '') return;
    const name = first.text;
    let program: Arg | string | undefined;
    if (name.includes('/')) program = this.standIns.get(this.key(name, dir));
    else if (!BUILTINS.has(name) && !this.functions.has(name) && !this.aliases.has(name)) program = this.standIns.get(`hash:${name}`) ?? this.searchPath(name, dir, inv.env.PATH);
    if (program === undefined) return;
    if (typeof program === 'string' || !program.static) {
      inv.opaque = typeof program === 'string' ? program : `${name} runs a program named at run time: ${program.text}`;
      return;
    }
    const inner = makeInvocation([program, ...inv.argv.slice(1)], inv.env, [], inv.stdin, [...inv.via, `${name} runs ${program.text}`], inv.source);
    inner.cwd = inv.cwd;
    inner.outer = inv;
    this.record(inner, depth + 1);
  }

  /**
   * Where a command name is found on a $PATH the script set: nothing to say while every directory
   * before the one that has it is the system's own or the request's; a program copied there runs as
   * its original; anything else there, or a directory only known at run time, is unknown.
   */
  private searchPath(name: string, dir: Directory, own: Arg | undefined): Arg | string | undefined {
    // `PATH=… cmd` looks cmd up on the PATH it gives it.
    for (const path of own ? [own, ...this.paths] : this.paths) {
      for (const entry of path.text.split(':')) {
        if (entry === '$PATH' || entry === '${PATH}') break;
        if (/[$`]/.test(entry)) return `$PATH is built at run time (${path.text}): what \`${name}\` runs is not known`;
        const folder = resolveIn(dir, entry || '.', this.home);
        if (folder === null || !folder.startsWith('/')) return `$PATH has ${entry || '.'}, where airlock can't tell what \`${name}\` is`;
        const candidate = posix.join(folder, name);
        const copied = this.standIns.get(candidate);
        if (copied) return copied;
        if (this.written.has(candidate)) return `\`${name}\` runs ${candidate}, a file this command writes`;
        if (SYSTEM_DIRECTORIES.has(folder) || PACKAGE_BIN.test(folder) || this.startPath?.split(':').includes(folder)) {
          if (this.entry(candidate) === 'missing') continue;
          break;
        }
        // A folder there already without the name can't run it, unless this script writes it.
        if (this.entry(candidate) === 'missing' && this.entry(folder) === 'directory' && !this.made.has(folder)) continue;
        return `$PATH puts ${folder} first: \`${name}\` runs ${candidate}, which airlock does not know`;
      }
    }
    return undefined;
  }

  private rememberWrites(inv: Invocation, output: string | null): void {
    for (const r of inv.redirects) {
      if ((r.op === '>' || r.op === '>|' || r.op === '>>') && (r.fd === null || r.fd === 1) && r.target.static) {
        const key = this.key(r.target.text, inv.cwd === undefined ? this.dirs.dir : inv.cwd);
        const before = r.op === '>>' ? (this.written.get(key) ?? '') : '';
        // An unknown output still replaces what we knew: better to know nothing than something stale.
        if (output === null) this.written.delete(key);
        else this.written.set(key, before + output);
      }
    }
    const plan = destroyPlanWritten(inv);
    if (plan !== null) this.written.set(this.key(plan, inv.cwd === undefined ? this.dirs.dir : inv.cwd), DESTROY_PLAN);
    if (inv.program === 'tee' && inv.stdin.kind === 'text' && inv.stdin.static) {
      for (const a of inv.argv.slice(1)) if (a.static && !a.text.startsWith('-')) this.written.set(this.key(a.text, inv.cwd === undefined ? this.dirs.dir : inv.cwd), inv.stdin.text);
    }
    const workspace = selectedWorkspace(inv);
    const file = workspace === null ? null : workspaceFile(inv);
    if (workspace !== null && file !== null) this.written.set(this.key(file, inv.cwd === undefined ? this.dirs.dir : inv.cwd), workspace);
    if (inv.program === 'mv') {
      const operands = inv.argv.slice(1).filter((a) => !a.text.startsWith('-'));
      if (operands.length >= 2) for (const from of operands.slice(0, -1)) this.moves.push({ from, to: operands[operands.length - 1]! });
    }
  }

  private record(inv: Invocation, depth: number): void {
    if (this.invocations.length >= this.budget.maxInvocations) {
      throw new BudgetExceeded(`more than ${this.budget.maxInvocations} commands`);
    }
    const owner = this.owners[this.owners.length - 1];
    if (owner && !inv.outer && owner !== inv) inv.outer = owner;
    if (this.capturing) inv.captured = true;
    this.invocations.push(inv);
    if (this.spelled.size && !inv.spelled) inv.spelled = Object.fromEntries(this.spelled);
    if (this.listedNames.size && !inv.find) {
      const scope = this.listedScope(inv);
      if (scope) inv.find = scope;
    }
    const dir = inv.cwd === undefined ? this.dirs.dir : inv.cwd;
    // `PS4='$(…)'` on its own line runs as soon as tracing is on.
    if (depth < this.budget.maxDepth) this.runsStartupCode(inv, depth, dir);
    if (inv.program === '' && !setsCommandVariable(inv)) return;
    if (depth >= this.budget.maxDepth) {
      inv.opaque = `wrappers and nested scripts go deeper than ${this.budget.maxDepth} levels`;
      return;
    }
    this.runsStandIn(inv, depth, dir);
    this.runsDefinition(inv, depth);
    let derived: Derived[];
    derived = unwrap(inv, { readFile: (path) => this.readFileIn(path, dir), packageScripts: () => this.packageScriptsIn(dir), plainActivation: (path) => this.plainActivation(path, dir, inv) });
    for (const d of derived) {
      if (d.kind === 'opaque') inv.opaque = d.reason;
      else if (d.kind === 'unresolved') inv.unresolvedTask = { tool: d.tool, name: d.name };
      // `eval` and `source` run in this shell, so their `cd` moves it; any other script is a new shell,
      // which starts where its wrapper runs and keeps its `cd` to itself. A trap runs when its signal
      // comes, wherever the shell is then.
      else if (d.kind === 'script' && runsInThisShell(inv)) this.walkScript(d.text, [...inv.via, d.label], depth + 1, inv, d.lenient);
      else if (d.kind === 'script' && inv.program === 'trap') this.isolated(() => this.walkScript(d.text, [...inv.via, d.label], depth + 1, inv, d.lenient), null);
      else if (d.kind === 'script') this.isolated(() => this.walkScript(d.text, [...inv.via, d.label], depth + 1, inv, d.lenient), dir);
      else {
        const inner = makeInvocation(d.argv, { ...inv.env, ...d.env }, [], inv.stdin, [...inv.via, d.label], inv.source);
        inner.cwd = directoryOf(inner, dir, this.home);
        this.notePattern(inner);
        inner.outer = inv;
        if (d.runtimeArgs) inner.runtimeArgs = true;
        if (d.find) inner.find = d.find;
        this.record(inner, depth + 1);
      }
    }
  }

  /** Inside a function call, `"$@"` and `$*` as a whole word are the call's words. */
  private positionalWords(parts: Part[]): Arg[] | null {
    const call = this.calls[this.calls.length - 1];
    if (!call || parts.length !== 1) return null;
    const part = parts[0]!;
    return part.kind === 'param' && part.op === '' && (part.name === '@' || part.name === '*') ? call.args : null;
  }

  /** An alias or a function the script defined, called: judged as what it runs, with the call's words. */
  private runsDefinition(inv: Invocation, depth: number): void {
    const first = inv.argv[0];
    if (!first?.static) return;
    if (inv.program === 'alias') {
      for (const a of inv.argv.slice(1)) {
        const m = /^([^=\s/]+)=(.*)$/s.exec(a.text);
        if (m && a.static) this.aliases.set(m[1]!, m[2]!);
        else if (m) this.aliases.delete(m[1]!);
      }
      return;
    }
    if (inv.program === 'unalias') for (const a of inv.argv.slice(1)) this.aliases.delete(a.text);
    // bash expands aliases only with `shopt -s expand_aliases`, but a script may set it, and the
    // agent's shell may be interactive: the alias is judged as what it runs.
    const alias = this.aliases.get(first.text);
    if (alias !== undefined && depth < this.budget.maxDepth) {
      // Words built at run time stay visibly dynamic: they are passed on unquoted.
      const words = inv.argv.slice(1).map((a) => (a.static ? shellJoin([a.text]) : a.text));
      this.isolated(() => this.walkScript([alias, ...words].join(' '), [...inv.via, `alias ${first.text}`], depth + 1, inv));
      return;
    }
    const body = this.functions.get(first.text);
    if (body && !this.calls.some((c) => c.name === first.text) && depth < this.budget.maxDepth) {
      const args = inv.argv.slice(1);
      const saved = args.map((_, i) => this.variables.get(String(i + 1)));
      args.forEach((a, i) => {
        if (a.static) this.variables.set(String(i + 1), a.text);
        else this.variables.delete(String(i + 1));
      });
      this.calls.push({ name: first.text, args });
      this.owners.push(inv);
      try {
        this.isolated(() => this.walkCommand(body, [...inv.via, `function ${first.text}`], depth + 1, inv.stdin));
      } finally {
        this.owners.pop();
        this.calls.pop();
        saved.forEach((v, i) => {
          if (v === undefined) this.variables.delete(String(i + 1));
          else this.variables.set(String(i + 1), v);
        });
      }
    }
  }

  /**
   * What a command group prints, one piece per command: `(echo a; echo b)` is known text, and
   * `(crontab -l; echo '* * * * * job')` is an unknown piece then a known one, which lets a reader of
   * the pipe (crontab, at) judge the part it can see and know what it can't.
   */
  private groupOutput(body: List, redirects: Redirect[]): Stdin {
    if (redirects.some((r) => r.fd === null || r.fd === 1 || r.op.startsWith('&'))) return { kind: 'pipe', producer: 'a command group' };
    const pieces = body.map((statement) => {
      const only = statement.pipelines.length === 1 && statement.pipelines[0]!.commands.length === 1 ? statement.pipelines[0]!.commands[0]! : undefined;
      const source = only?.type === 'simple' ? only.source : '(a compound command)';
      return { text: statement.background ? null : this.commandOutput([statement]), source };
    });
    if (pieces.every((p) => p.text !== null)) return { kind: 'text', text: pieces.map((p) => p.text).join(''), static: true };
    return { kind: 'pipe', producer: 'a command group', pieces };
  }

  /** The output of `$(…)` when every stage of it is a pure command with known input. */
  private commandOutput(body: List): string | null {
    if (body.length !== 1 || body[0]!.pipelines.length !== 1) return null;
    let stdin: Stdin = NONE;
    for (const command of body[0]!.pipelines[0]!.commands) {
      if (command.type !== 'simple' || command.assigns.length) return null;
      if (command.redirects.some((r) => !r.heredoc && r.op !== '<<<')) return null;
      const argv = command.words.flatMap((w) => expandWord(w, { ...this.expandOptions, commandOutput: undefined }));
      const { stdin: redirected } = this.peekRedirects(command.redirects);
      const inv = makeInvocation(argv, {}, [], redirected ?? stdin, [], command.source);
      const output = staticOutput(inv);
      if (output === null) return null;
      stdin = { kind: 'text', text: output, static: true };
    }
    return stdin.kind === 'text' ? stdin.text : null;
  }

  /** `ln -s TARGET [LINK]`, `ln -s T… DIR`, `ln -st DIR T…`: where each link will be, and what it points to. */
  private noteLinks(inv: Invocation): void {
    const p = parseOptions(inv.argv.slice(1), { value: ['-t', '--target-directory', '-S', '--suffix'] });
    if (!p.has('-s', '--symbolic') || p.positionals.some((a) => !a.static)) return;
    const dir = inv.cwd === undefined ? this.dirs.dir : inv.cwd;
    const at = (path: string) => resolveIn(dir, path, this.home);
    const operands = p.positionals.map((a) => a.text);
    const into = p.value('-t', '--target-directory');
    const isFolder = (path: string | null) => path !== null && (this.made.has(path) || isDirectoryEntry(this.entry(path)));
    let pairs: [target: string, link: string | null][];
    if (into !== undefined) pairs = operands.map((t) => [t, at(`${into.replace(/\/+$/, '')}/${posix.basename(t)}`)]);
    else if (operands.length === 1) pairs = [[operands[0]!, at(posix.basename(operands[0]!))]];
    else {
      const last = operands[operands.length - 1]!;
      const lastAt = at(last);
      const inFolder = operands.length > 2 || (isFolder(lastAt) && !p.has('-T', '--no-target-directory', '-n', '--no-dereference'));
      pairs = inFolder ? operands.slice(0, -1).map((t) => [t, at(`${last.replace(/\/+$/, '')}/${posix.basename(t)}`)]) : [[operands[0]!, lastAt]];
    }
    for (const [target, link] of pairs) {
      if (link === null || !link.startsWith('/')) continue;
      // A relative target is read from the link's own folder, unless -r made it from here.
      const pointsTo = target.startsWith('/') || target.startsWith('~') || p.has('-r', '--relative') ? at(target) : resolveIn(posix.dirname(link), target, this.home);
      if (pointsTo === null || !pointsTo.startsWith('/')) continue;
      this.links.set(link, pointsTo);
      if (isFolder(pointsTo)) this.made.add(link);
    }
  }

  /** `absolute` through the links the script makes, when one of its folders (or itself) is one; null when none is. */
  private throughLink(absolute: string): string | null {
    let path = absolute;
    for (let round = 0; round < 4; round++) {
      let next: string | null = null;
      for (const [link, target] of this.links) {
        if (path === link || path.startsWith(`${link}/`)) {
          next = target + path.slice(link.length);
          break;
        }
      }
      if (next === null) break;
      path = next;
    }
    return path === absolute ? null : path;
  }

  /** The words of a loop condition that is one simple command, expanded; null for any other condition. */
  private loneCommandWords(condition: List): string[] | null {
    if (!isLoneCommand(condition)) return null;
    const only = condition[0]!.pipelines[0]!.commands[0]!;
    return only.type === 'simple' ? only.words.flatMap((w) => expandWord(w, this.expandOptions)).map((a) => a.text) : null;
  }

  /** The variables a loop condition that is a lone `read` reads into (`read -r f`, `IFS= read -r a b`, `read -a arr`). */
  private namesRead(condition: List): string[] {
    const argv = this.loneCommandWords(condition);
    if (argv?.[0] !== 'read') return [];
    const names: string[] = [];
    for (let i = 1; i < argv.length; i++) {
      const w = argv[i]!;
      if (!w.startsWith('-')) names.push(w);
      else if (READ_VALUE_OPTIONS.has(w)) {
        if (w === '-a') names.push(argv[i + 1] ?? '');
        i++;
      }
    }
    return names.filter((n) => NAME.test(n));
  }

  /** The tree walk whose names a redirection's `<(find …)` prints, once its parts are walked. */
  private listingOf(r: Redirect): FindScope | undefined {
    return r.target.parts.length === 1 ? this.listings.get(r.target.parts[0]!) : undefined;
  }

  /** The tree walk whose files an invocation in a loop reading them is handed (`cat "$f"`), if any. */
  private listedScope(inv: Invocation): FindScope | undefined {
    for (const [name, scope] of this.listedNames) {
      const named = new RegExp(String.raw`\$\{?${name}\b`);
      if ([...inv.argv.slice(1), ...inv.redirects.map((r) => r.target)].some((a) => !a.static && named.test(a.text))) return scope;
    }
    return undefined;
  }

  /**
   * A loop whose condition is a lone `read [-r] NAME` reading known text (a here-string, a heredoc,
   * `echo … |`): the name and the lines it takes, in turn. Null for any other loop.
   */
  private readLoop(condition: List, input: Stdin | null): { name: string; values: string[] } | null {
    if (input?.kind !== 'text' || !input.static) return null;
    const argv = this.loneCommandWords(condition);
    if (argv === null) return null;
    const { name, plain } = plainRead(argv);
    if (!plain || name === null) return null;
    const values = input.text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    return values.length <= 20 ? { name, values } : null;
  }

  private peekRedirects(redirects: Redirect[]): { stdin: Stdin | null } {
    let stdin: Stdin | null = null;
    for (const r of redirects) {
      if (r.heredoc) {
        const body = expandSingle(r.heredoc.parts, { ...this.expandOptions, commandOutput: undefined });
        stdin = { kind: 'text', text: body.text, static: body.static };
      } else if (r.op === '<<<') {
        const t = expandSingle(r.target.parts, { ...this.expandOptions, commandOutput: undefined });
        stdin = { kind: 'text', text: t.text + '\n', static: t.static };
      } else if (r.op === '<' && (r.fd === null || r.fd === 0)) {
        // `done < <(find …)`, once the redirections are walked: the tree's file names.
        const listing = this.listingOf(r);
        stdin = listing ? { kind: 'pipe', producer: 'a process substitution', listing } : null;
      }
    }
    return { stdin };
  }
}

/** The script's variables, with $PWD and $OLDPWD always where the shell is (and unknown when that is). */
class ShellVariables extends Map<string, string> {
  constructor(private readonly dirs: () => ShellDirectories) {
    super();
  }

  override get(name: string): string | undefined {
    if (name === 'PWD' || name === 'OLDPWD') {
      const d = this.dirs();
      const value = name === 'PWD' ? d.dir : d.previous;
      return value !== null && value.startsWith('/') ? value : undefined;
    }
    return super.get(name);
  }

  override has(name: string): boolean {
    return this.get(name) !== undefined;
  }
}

/**
 * `>&word` and `1>&word` with a word that is not a descriptor (a number, or `-`) send stdout and stderr
 * to the file `word`, as `&>word` does; bash refuses it with any other descriptor. A word only known at
 * run time may be either, and is left as written.
 */
function fileDuplication(op: string, fd: number | null, target: Arg): string {
  if (op !== '>&' || !(fd === null || fd === 1) || !target.static || /^(\d+-?|-)$/.test(target.text)) return op;
  return fd === null ? '&>' : '>';
}

/** The `NAME=value` words of `export`, `declare`, `local` and their kin, as the variables they set. */
function assignedBy(inv: Invocation): Record<string, Arg> {
  const out: Record<string, Arg> = emptyTable();
  if (!SETS_VARIABLES.has(inv.program)) return out;
  for (const a of inv.argv.slice(1)) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(a.text);
    if (m) out[m[1]!] = { ...a, text: m[2]! };
  }
  return out;
}

/** Builtins that read a value into the variables they name. */
const READS_INTO_VARIABLES = new Set(['read', 'printf', 'mapfile', 'readarray', 'getopts']);

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** read's options that take a value; -a's is the array it reads into. */
const READ_VALUE_OPTIONS = new Set(['-a', '-d', '-i', '-n', '-N', '-p', '-t', '-u']);

/** `read [-r] NAME`, one variable and no option that changes what a line is: the name; plain is false for any other read. */
function plainRead(argv: string[]): { name: string | null; plain: boolean } {
  if (argv[0] !== 'read') return { name: null, plain: false };
  const words = argv.slice(1);
  const names = words.filter((w) => !w.startsWith('-'));
  const plain = words.every((w) => !w.startsWith('-') || w === '-r') && names.length === 1 && NAME.test(names[0]!);
  return { name: plain ? names[0]! : null, plain };
}

/**
 * The variables a builtin that reads into variables assigns (read's names or -a array, mapfile's array,
 * getopts' name, printf -v's), and, for a plain `read NAME` whose stdin is known text, the line it reads.
 */
function variablesRead(inv: Invocation): { names: string[]; line: string | null } {
  const args = inv.argv.slice(1).map((a) => a.text);
  const names: string[] = [];
  if (inv.program === 'printf' || inv.program === 'getopts') {
    const at = inv.program === 'printf' ? args.indexOf('-v') + 1 : 1;
    if (at > 0 && args[at] && NAME.test(args[at]!)) names.push(args[at]!);
    return { names, line: null };
  }
  // Options whose value is the next word (or the rest of this one); read's -a names the array it fills.
  const valued = inv.program === 'read' ? 'adinNptu' : 'dnOsuCc';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-') || a === '-') {
      if (NAME.test(a)) names.push(a);
      continue;
    }
    const at = [...a.slice(1)].findIndex((c) => valued.includes(c));
    if (at < 0) continue;
    const value = a.slice(at + 2) || args[++i];
    if (a[at + 1] === 'a' && value && NAME.test(value)) names.push(value);
  }
  if (names.length === 0) names.push(inv.program === 'read' ? 'REPLY' : 'MAPFILE');
  const { plain } = plainRead(['read', ...args]);
  const known = inv.program === 'read' && plain && inv.stdin.kind === 'text' && inv.stdin.static;
  const line = known && inv.stdin.kind === 'text' ? inv.stdin.text.split('\n')[0]!.trim() : null;
  // Without -r a backslash escapes what follows: the value is not the text as written.
  return { names, line: line !== null && (args.includes('-r') || !line.includes('\\')) ? line : null };
}

/** Builtins that assign shell variables. */
const SETS_VARIABLES = new Set(['export', 'declare', 'typeset', 'readonly', 'local']);

/** Same place, same stack. */
function sameDirectories(a: ShellDirectories, b: ShellDirectories): boolean {
  return a.dir === b.dir && a.stack.length === b.stack.length && a.stack.every((d, i) => d === b.stack[i]);
}

/** A list that is one simple command (`cd x`), whose failure means it did nothing. */
function isLoneCommand(list: List): boolean {
  return list.length === 1 && list[0]!.pipelines.length === 1 && list[0]!.pipelines[0]!.commands.length === 1 && list[0]!.pipelines[0]!.commands[0]!.type === 'simple';
}

/** A pipeline that ends the script where it stands (`|| exit 1`, `|| return`). */
function endsScript(pipeline: Pipeline): boolean {
  const only = pipeline.commands.length === 1 ? pipeline.commands[0] : undefined;
  const first = only?.type === 'simple' ? only.words[0]?.source : undefined;
  return first === 'exit' || first === 'return';
}

/** `eval code`, `source file` and `. file`, typed at this shell (not behind a wrapper), run in it. */
function runsInThisShell(inv: Invocation): boolean {
  return (inv.program === 'eval' || inv.program === 'source' || inv.program === '.') && inv.argv[0]?.text === inv.program;
}

export function makeInvocation(argv: Arg[], env: Record<string, Arg>, redirects: Invocation['redirects'], stdin: Stdin, via: string[], source: string, cwd?: Directory): Invocation {
  const first = argv[0];
  // `cwd` is always a property (undefined until set), so every invocation has one shape and the rules' property reads stay fast.
  return {
    program: first ? (first.static ? programName(first.text) : first.text) : '',
    argv,
    env,
    redirects,
    stdin,
    via,
    source,
    cwd,
  };
}

function normalise(path: string): string {
  return path.replace(/\/+/g, '/').replace(/^\.\//, '');
}

/** A real folder with a name added, as the file source would join it (`..` folded). */
const isDirectoryEntry = (entry: PathEntry | 'unknown') => entry === 'directory' || entry === 'directory-link' || entry === 'unknown';
const joinReal = (folder: string | null, name: string): string | null => (folder === null ? null : (plainJoin(folder, name) ?? posix.join(folder, name)));

/** Programs that pass on some of the lines they read, so paths a find printed stay paths under its roots. */
