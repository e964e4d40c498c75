// Self-protection: the agent may not approve, grant, revoke, reconfigure or remove airlock, by any
// route the analysis can see (directly, through wrappers, or in a script it wrote), nor edit or delete
// airlock's policy, state or logs.

import { posix } from 'node:path';
import type { Arg, FindScope, Invocation } from '../core/invocation.js';
import { SHELLS, shellOperands } from '../analyze/unwrap.js';
import { rule, type Hit } from '../rules/rule.js';
import { staticOutput } from '../analyze/output.js';
import { DELETES, gitWorkTree, pathsChangedBy, pathsReplaced, pathsTakenAway, unpackedInto } from '../rules/writes.js';
import { fileChangesInCode, interpreterCode, languageOf, pathsInCode } from '../analyze/interpreters.js';
import type { RuleContext } from '../rules/rule.js';
import { agentHooksOff, startupAgentWithoutHooks, stopsAirlock } from './airlock-hooks.js';
import { findDeletes, findPatterns, findRoots } from '../rules/find.js';

/** Subcommands only a human at a terminal may run. */
const HUMAN_ONLY = new Set(['grant', 'revoke', 'approve', 'deny', 'uninstall', 'init', 'policy-edit', 'disable', 'pause', 'dashboard', 'allow']);
const AIRLOCK_PATHS =
  /(^|\/)\.airlock(\/|$)|(^|\/)airlock\/(policy\.ya?ml|grants\.jsonl|audit[^/]*|state[^/]*)$|^\/etc\/airlock(\/|$)|\.config\/airlock(\/|$)|\.local\/state\/airlock(\/|$)|(^|\/)node_modules\/airlock\/|(^|\/)airlock\/(dist|bin)\/|(^|\/)bin\/airlock(\.mjs)?$|\/(pnpm\/global\/[^/]+|yarn\/global|\.bun\/install\/global)\/node_modules\/airlock(\/|$)/;
/**
 * The agents' own hook and permission settings: editing them could remove airlock's hook, or switch
 * the agent into a mode that skips hooks (disableAllHooks, bypassPermissions, --yolo defaults).
 */
const AGENT_SETTINGS =
  /(^|\/)\.claude\/settings[^/]*\.json$|(^|\/)\.claude\.json$|(^|\/)(etc\/claude-code|ClaudeCode)\/managed-settings[^/]*|(^|\/)\.codex\/(hooks\.json|config\.toml|rules\/|requirements\.toml)|^\/etc\/codex\/|(^|\/)\.gemini\/(settings\.json|policies\/|trusted_hooks\.json|\.env$)|^\/etc\/gemini-cli\/|(^|\/)\.cursor\/(hooks\.json|hooks\/)|^\/etc\/cursor\/|(^|\/)\.github\/hooks\/|(^|\/)\.github\/copilot\/settings[^/]*\.json$|(^|\/)\.copilot\/(hooks|settings\.json|config\.json)|^\/etc\/github-copilot\/|(^|\/)\.windsurf\/hooks\.json$|(^|\/)\.devin\/hooks\.json$|(^|\/)\.codeium\/(windsurf\/)?hooks\.json$|^\/etc\/windsurf\/|(^|\/)\.opencode\/plugins?\/|(^|\/)opencode\.jsonc?$|(^|\/)\.config\/opencode\/(plugins?\/|opencode\.jsonc?)/;

/** Words every AGENT_SETTINGS spelling holds: most paths hold none, and are spared the long pattern. */
const AGENT_NAMES = /claude|Claude|codex|gemini|cursor|github|copilot|windsurf|devin|codeium|opencode/;
const isAgentSettings = (path: string): boolean => AGENT_NAMES.test(path) && AGENT_SETTINGS.test(path);
/** Every AIRLOCK_PATHS spelling holds `airlock`. */
const isAirlockPath = (path: string): boolean => path.includes('airlock') && AIRLOCK_PATHS.test(path);

/** Why the agents' hook settings are out of the agent's reach. */
const SETTINGS_CONSEQUENCE = 'These settings are what make the agent ask airlock; changing them could remove the hook or switch the agent into a mode that skips it.';

/** `path` is `dir` or inside it. Asked for every spelling of every word, so it allocates nothing for paths without a trailing `/`. */
function within(path: string, dir: string): boolean {
  const p = path.length > 1 && path.endsWith('/') ? path.replace(/\/+$/, '') || '/' : path;
  return p === dir || dir === '/' || (p.length > dir.length && p.charCodeAt(dir.length) === 47 && p.startsWith(dir));
}

/** Whether writing into folder `dir` writes `path`: it is inside it, or the file sits right in it. */
function reachesInto(dir: string, path: string): boolean {
  return within(dir, path) || dir.replace(/\/+$/, '') === path.slice(0, path.lastIndexOf('/'));
}

/** Whether a relative path, from a directory airlock can't know, could name a protected path or a folder holding one. */
function couldBeProtected(path: string, protectedPaths: string[]): boolean {
  const rel = path.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  if (rel === '' || rel === '.' || rel === '..' || rel.startsWith('../')) return true;
  return protectedPaths.some((p) => selfAndParents(p).some((q) => q.endsWith(`/${rel}`)));
}

/** A glob (`~/.claude/set*`) as a test of whole paths: it could name any path it matches once expanded. */
function globTest(path: string): ((candidate: string) => boolean) | null {
  if (!/[*?[]/.test(path)) return null;
  let re = '';
  for (let i = 0; i < path.length; i++) {
    const c = path[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = path.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        re += `[${path
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  const compiled = new RegExp(`^${re}$`);
  return (candidate) => compiled.test(candidate);
}

/** The parents of a path, itself included: a glob that could match one of them could take the path along. */
const selfAndParents = (path: string) =>
  path
    .split('/')
    .map((_, i, parts) => parts.slice(0, i + 1).join('/') || '/')
    .slice(1);

const isGlob = (path: string) => /[*?[]/.test(path);

/** Component patterns compiled so far (the glob words of commands, a few at a time): a pure function of the text. */
const componentTests = new Map<string, ((candidate: string) => boolean) | null>();

/** Whether one component of a glob (`air*`, `airloc?`, `airloc[k]`, `.*`) matches one component of a path. */
function componentMatches(pattern: string, name: string): boolean {
  let matches = componentTests.get(pattern);
  if (matches === undefined) {
    if (componentTests.size >= 1000) componentTests.clear();
    componentTests.set(pattern, (matches = globTest(pattern)));
  }
  return matches ? matches(name) : pattern === name;
}

/** Whether `pattern[p, pe)` matches `target[t, te)` as path components: spelled the same, or as a glob. */
function spanMatches(pattern: string, p: number, pe: number, target: string, t: number, te: number): boolean {
  for (let i = p; i < pe; i++) {
    const c = pattern.charCodeAt(i);
    if (c === 42 || c === 63 || c === 91) return componentMatches(pattern.slice(p, pe), target.slice(t, te)); // * ? [
  }
  if (pe - p !== te - t) return false;
  for (let i = 0; i < pe - p; i++) if (pattern.charCodeAt(p + i) !== target.charCodeAt(t + i)) return false;
  return true;
}

/**
 * The length of `path` without its trailing `/`s (`a/` names `a`), as `path.replace(/(.)\/+$/, '$1')`
 * has it: a lone `/` stays, and so does the last `/` after a line end (which `.` does not match).
 */
function withoutTrailingSlashes(path: string): number {
  let run = path.length;
  while (run > 0 && path.charCodeAt(run - 1) === 47) run--;
  if (run === path.length) return run;
  const before = run > 0 ? path.charCodeAt(run - 1) : -1;
  if (before >= 0 && before !== 10 && before !== 13 && before !== 0x2028 && before !== 0x2029) return run;
  return path.length - run >= 2 ? run + 1 : path.length;
}

/** How many `/` the first `end` characters of `path` hold. */
function slashes(path: string, end: number): number {
  let n = 0;
  for (let i = path.indexOf('/'); i >= 0 && i < end; i = path.indexOf('/', i + 1)) n++;
  return n;
}

/**
 * Whether a glob could name `target` or something inside it: its first components match the target's,
 * one for one (a `*` never crosses a `/`), so `~/.local/st*\/air*\/audit.db` reaches into the state
 * folder. With `orAbove`, a glob naming a folder that holds the target counts too (`rm -rf ~/.loc*`).
 */
function globReaches(pattern: string, target: string, orAbove: boolean): boolean {
  // Component by component, in place: this runs for every glob word against every protected place.
  const end = withoutTrailingSlashes(pattern);
  if (!orAbove && slashes(pattern, end) < slashes(target, target.length)) return false;
  for (let p = 0, t = 0; ; ) {
    let pe = pattern.indexOf('/', p);
    if (pe < 0 || pe > end) pe = end;
    let te = target.indexOf('/', t);
    if (te < 0) te = target.length;
    if (!spanMatches(pattern, p, pe, target, t, te)) return false;
    if (pe === end || te === target.length) return true;
    p = pe + 1;
    t = te + 1;
  }
}

/**
 * Every absolute spelling of a path as `inv` would reach it; in a place only known as a pattern
 * (`cd ~/.local/state/air* && …`), a relative path is that pattern with the path after it.
 */
function spellingsOf(path: string, inv: Invocation, ctx: RuleContext): string[] {
  const spellings = [path, ...ctx.locate(path, inv)];
  if (inv.cwd === null && inv.cwdPattern && !path.startsWith('/') && !path.startsWith('~')) spellings.push(posix.join(inv.cwdPattern, path));
  return spellings;
}

/**
 * The protected project file or folder that is on disk inside folder `dir` (one of its spellings), if
 * any. `dir` is a folder on the way to one (`.github` for `.github/hooks`) or, for a whole project
 * (`fromTop`), also the folder the project starts in. A folder named like them that holds none of
 * them (a `.github` with only workflows) is no protected place.
 */
function projectPlaceHeld(spellings: readonly string[], fromTop: boolean, inv: Invocation, ctx: RuleContext): string | null {
  for (const spelling of spellings) {
    if (!spelling.startsWith('/')) continue;
    const dir = spelling.replace(/(.)\/+$/, '$1');
    for (const { reached, rest } of PROJECT_PLACE_STEPS) {
      if (reached === '' ? !fromTop : !dir.endsWith(reached)) continue;
      const candidate = rest === '' ? dir : `${dir}/${rest}`;
      const entry = ctx.entry(candidate, inv);
      if (entry !== 'missing' && entry !== 'unknown') return candidate;
    }
  }
  return null;
}

/**
 * The protected file on disk in the tree a git command rewrites whole: airlock's or the agent's own
 * (`user`), or a project's policy or hook settings.
 */
function wholeTreeHolds(tree: string, inv: Invocation, ctx: RuleContext): { path: string; user: boolean } | null {
  const spellings = [tree, ...ctx.locate(tree, inv)];
  const guarded = [...(ctx.airlockFolders ?? ctx.airlockDirectories), ...ctx.agentSettings];
  for (const dir of spellings) {
    if (!dir.startsWith('/')) continue;
    const inside = guarded.find((p) => p !== dir && within(p, dir) && !['missing', 'unknown'].includes(ctx.entry(p, inv)));
    if (inside) return { path: inside, user: true };
  }
  const project = projectPlaceHeld(spellings, true, inv, ctx);
  return project === null ? null : { path: project, user: false };
}

/** The home directory as `inv` sees it, when known. */
const homeOf = (inv: Invocation, ctx: RuleContext): string | undefined => ctx.locate('~', inv)[0];

/** Where a deletion with operands known only at run time works, and the name and path patterns that narrow it. */
interface DeletionScope {
  root: string;
  /** null for a list from anywhere. */
  patterns: readonly string[] | null;
}

/**
 * The scopes of a deletion whose files are known only at run time: find's roots (`find ~/.local
 * -delete`, `find . -exec rm {} +`), the tree a listing piped to xargs names (`find . | xargs rm`,
 * `ls -d ~/.c* | xargs rm -rf`), or, for a list from anywhere (`cat list | xargs rm`), the folder it
 * runs in, where only what sits right in it is counted.
 */
function deletionScopes(inv: Invocation): DeletionScope[] {
  if (inv.program === 'find' && findDeletes(inv.argv.slice(1))) {
    const args = inv.argv.slice(1);
    const { roots, expression } = findRoots(args);
    const patterns = findPatterns(args, expression);
    return (roots.length ? roots.map((r) => r.text) : ['.']).map((root) => ({ root, patterns }));
  }
  if (inv.find && (DELETES.has(inv.program) || inv.program === 'mv')) {
    const { patterns } = inv.find;
    return inv.find.roots.map((r) => ({ root: r.text, patterns }));
  }
  if (inv.runtimeArgs && (DELETES.has(inv.program) || inv.program === 'mv')) return [{ root: '.', patterns: null }];
  return [];
}

/** airlock's package as npm installs it globally, under each prefix it may use. */
function installedPackages(ctx: RuleContext): string[] {
  // The prefixes are one frozen list for each environment: worked out again only when it changes.
  let known = lastPackages;
  if (!known || known.prefixes !== ctx.npmPrefixes)
    known = lastPackages = { prefixes: ctx.npmPrefixes, packages: (ctx.npmPrefixes ?? []).map((prefix) => `${prefix === '/' ? '' : prefix}/lib/node_modules/airlock`) };
  return known.packages;
}
let lastPackages: { prefixes: readonly string[] | undefined; packages: string[] } | undefined;
/**
 * The spelling of a deletion scope's folder (from where `inv` runs) that holds a protected place the
 * deletion could reach: airlock's or the agents' (`guarded`), or a project's own (PROJECT_PLACES).
 */
function deletionReaches(scope: DeletionScope, inv: Invocation, ctx: RuleContext, guarded: string[]): string | null {
  for (const dir of [scope.root, ...ctx.locate(scope.root, inv)]) {
    if (isGlob(dir)) {
      if (dir.startsWith('/') && [...guarded, ...projectPlacesMatched(dir, inv, ctx)].some((p) => globReaches(dir, p, true))) return dir;
      continue;
    }
    // A list from anywhere: as before, what sits right in the folder (or inside a protected one).
    if (scope.patterns === null) {
      if (guarded.some((p) => reachesInto(dir, p))) return dir;
      continue;
    }
    const d = dir.length > 1 ? dir.replace(/\/+$/, '') : dir;
    const places = d.startsWith('/') ? [...guarded, ...projectPlacesIn(d, inv, ctx)] : guarded;
    for (const place of places) {
      // Inside a protected place, anything deleted is part of it.
      if (within(d, place)) return dir;
      if (within(place, d) && findMayReach(scope.patterns, [scope.root, d], place.slice(d === '/' ? 1 : d.length + 1), true)) return dir;
    }
  }
  return null;
}

/** Interpreter code that walks a folder's tree: what it then acts on is whatever the walk finds. */
const CODE_WALKS =
  /\.r?glob\(|\bos\.(?:walk|scandir|listdir)\(|\bglob\.i?glob\(|\b(?:readdirSync|readdir|opendirSync|opendir|scandir|glob)\(|\bDir\.(?:glob|children|each_child|entries)\b|\bDir\[|\bFind\.find\b|\bFile::Find\b|\bfind\(\s*(?:sub\b|\\&|\{)|\bRecursiveDirectoryIterator\b/;
/** Walks that take no name pattern: nothing narrows what they find. */
const CODE_WALKS_EVERYTHING =
  /\bos\.(?:walk|scandir|listdir)\(|\b(?:readdirSync|readdir|opendirSync|opendir|scandir)\(|\bDir\.(?:children|each_child|entries)\b|\bFind\.find\b|\bFile::Find\b|\bfind\(\s*(?:sub\b|\\&|\{)|\bRecursiveDirectoryIterator\b/;
/** Interpreter code that deletes, moves or writes files (python, node, ruby, perl, php). */
const CODE_CHANGES_FILES =
  /\b(?:unlink|unlinkSync|rmtree|remove_tree|rmdir|rmdirSync|removedirs|remove|rmSync|rm|rm_r|rm_rf|rename|renameSync|move|mv|write_text|write_bytes|writeFileSync|writeFile|appendFileSync|truncate|delete)\s*\(|\bunlink\s+(?=[<$@'"])|\bFileUtils\.\w+|\bopen\s*\([^)]*['"][wa]b?\+?['"]/;

/**
 * The folder an interpreter's code walks, when it holds a protected place and the code deletes, moves
 * or writes files (`Path.home().rglob('audit.*')` then `.unlink()`, `os.walk(expanduser('~/.local'))`
 * then `os.remove`): the paths it acts on are the walk's, which no word names. A name pattern the walk
 * takes (`rglob('*.pyc')`) that keeps away from them lets it be.
 */
function codeWalkReaches(inv: Invocation, ctx: RuleContext, guarded: () => string[]): string | null {
  const code = codeRunBy(inv, ctx);
  if (!code || code === 'unreadable' || !CODE_WALKS.test(code.code) || !CODE_CHANGES_FILES.test(code.code)) return null;
  const { roots, patterns } = codeWalks(code.code);
  for (const path of roots) {
    for (const spelling of spellingsOf(path, inv, ctx)) {
      if (!spelling.startsWith('/')) continue;
      const dir = spelling.length > 1 ? spelling.replace(/\/+$/, '') : spelling;
      const places = [...guarded(), ...projectPlacesIn(dir, inv, ctx)];
      if (places.some((place) => place !== dir && within(place, dir) && findMayReach(patterns, [dir], place.slice(dir === '/' ? 1 : dir.length + 1), true))) return path;
    }
  }
  return null;
}

/**
 * Where code that walks may start (the paths it spells, and the folder before a pattern's first
 * wildcard: `glob('**\/*')` walks `.`), and the name patterns its walks take; none when one of them
 * takes none (os.walk, readdir, File::Find).
 */
function codeWalks(code: string): { roots: Set<string>; patterns: string[] } {
  const everything = CODE_WALKS_EVERYTHING.test(code);
  const patterns = everything ? [] : [...code.matchAll(/\.r?glob\(\s*(['"])([^'"]+)\1/g)].map((m) => posix.basename(m[2]!.replace(/\*\*/g, '*')));
  const roots = new Set<string>();
  for (const path of pathsInCode(code)) {
    // A lone `/` in code is a separator far more often than the disk's root.
    if (path === '' || path === '/' || path.length > 400 || /\s/.test(path)) continue;
    if (!isGlob(path)) roots.add(path);
    else {
      const wild = path.search(/[*?[]/);
      const slash = path.lastIndexOf('/', wild);
      roots.add(slash < 0 ? '.' : path.slice(0, slash) || '/');
      if (!everything) patterns.push(posix.basename(path.replace(/\*\*/g, '*')));
    }
  }
  return { roots, patterns };
}

/** Interpreter code that reads files' contents. */
const CODE_READS_FILES = /\bopen\s*\(|\.read(?:_text|_bytes|lines)?\s*\(|\breadFile(?:Sync)?\s*\(|\bFile\.(?:read|binread|foreach|readlines)\b|\bfile_get_contents\s*\(|\bIO\.read\b|<\$?\w*>/;

/** The audit key an interpreter's walk of a folder that holds it reads (`os.walk(expanduser('~/.local'))` then `open(…).read()`). */
function codeWalkReadsKey(inv: Invocation, ctx: RuleContext, keys: readonly string[], home: string | undefined): string | null {
  if (!languageOf(inv.program)) return null;
  const code = codeRunBy(inv, ctx);
  if (!code || code === 'unreadable' || !CODE_WALKS.test(code.code) || !CODE_READS_FILES.test(code.code)) return null;
  const { roots, patterns } = codeWalks(code.code);
  for (const path of roots) {
    for (const spelling of spellingsOf(path, inv, ctx)) {
      const dir = spelling.length > 1 ? spelling.replace(/\/+$/, '') : spelling;
      if (!dir.startsWith('/') || (home && (dir === home || !dir.startsWith(`${home}/`)))) continue;
      const key = keys.find((k) => k.startsWith(`${dir}/`) && findMayReach(patterns, [dir], k.slice(dir.length + 1), false));
      if (key) return key;
    }
  }
  return null;
}

/**
 * Places a project may hold that are airlock's own or an agent's hook settings (see AIRLOCK_PATHS and
 * AGENT_SETTINGS), relative to the project's folder: what a blind deletion of the folder's contents takes.
 */
const PROJECT_PLACES = [
  '.airlock',
  '.claude/settings.json',
  '.claude/settings.local.json',
  '.github/hooks',
  '.github/copilot/settings.json',
  '.github/copilot/settings.local.json',
  '.codex/hooks.json',
  '.codex/config.toml',
  '.codex/rules',
  '.gemini/settings.json',
  '.gemini/policies',
  '.gemini/.env',
  '.cursor/hooks.json',
  '.cursor/hooks',
  '.windsurf/hooks.json',
  '.devin/hooks.json',
  '.opencode/plugins',
  '.opencode/plugin',
  'opencode.json',
  'opencode.jsonc',
  '.copilot/hooks',
  '.copilot/settings.json',
  '.copilot/config.json',
];
/**
 * Each project place as seen from each folder on the way to it: from the project's own folder (`reached`
 * empty, `rest` the whole place), from `.github` for `.github/hooks` (`reached` `/.github`, `rest`
 * `hooks`), and from the place itself (`rest` empty). Worked out once: every deletion asks.
 */
const PROJECT_PLACE_STEPS = PROJECT_PLACES.flatMap((place) => {
  const parts = place.split('/');
  return parts.map((_, k) => ({ reached: k === 0 ? '' : `/${parts.slice(0, k).join('/')}`, rest: parts.slice(k).join('/') })).concat({ reached: `/${place}`, rest: '' });
});

/** The project places (PROJECT_PLACES) that are there in the folder `dir` (absolute), as the disk shows it. */
function projectPlacesIn(dir: string, inv: Invocation, ctx: RuleContext): string[] {
  // Nothing is inside a folder that is not there.
  const here = ctx.entry(dir, inv);
  if (here === 'missing' || here === 'other' || here === 'link') return [];
  const found: string[] = [];
  for (const place of PROJECT_PLACES) {
    const path = dir === '/' ? `/${place}` : `${dir}/${place}`;
    const entry = ctx.entry(path, inv);
    if (entry !== 'missing' && entry !== 'unknown') found.push(path);
  }
  return found;
}

/**
 * The project places in the folder an absolute glob starts in (`/p/.[a-z]*` → those in `/p`) that its
 * next component could match as bash matches it: a name that starts with `.` only by a pattern that does.
 */
function projectPlacesMatched(glob: string, inv: Invocation, ctx: RuleContext): string[] {
  const at = glob.search(/[*?[]/);
  const slash = glob.lastIndexOf('/', at);
  const dir = slash <= 0 ? '/' : glob.slice(0, slash);
  const next = glob.slice(slash + 1).split('/')[0]!;
  return projectPlacesIn(dir, inv, ctx).filter((place) => next.startsWith('.') || !place.slice(dir === '/' ? 1 : dir.length + 1).startsWith('.'));
}

/** Names found in airlock's folders and the agents' hook folders, which a name pattern of a walk could pick out. */
const HELD_NAMES = [
  'policy.yaml',
  'policy.yml',
  'grants.jsonl',
  'audit.db',
  'audit.db-wal',
  'audit.key',
  'airlock.json',
  'airlock.js',
  'airlock.mjs',
  'airlock.ts',
  'hook.cjs',
  'hook-code.cjs',
  'hook-code.cache',
  'package.json',
  'index.js',
  'settings.json',
  'hooks.json',
  'config.toml',
];

/** find's -name and -path patterns as tests of a name or a path: `*` and `?` match `/` too, as -path has them. */
const findPatternTests = new Map<string, RegExp>();
function findPatternTest(pattern: string): RegExp {
  let test = findPatternTests.get(pattern);
  if (!test) {
    if (findPatternTests.size >= 200) findPatternTests.clear();
    const body = pattern.replace(/\[(!?)([^\]]+)\]|[*?]|[.+^${}()|\\/[\]]/g, (m, neg: string | undefined, set: string | undefined) => {
      if (m === '*') return '.*';
      if (m === '?') return '.';
      if (set !== undefined) return `[${neg ? '^' : ''}${set.replace(/\\/g, '\\\\')}]`;
      return `\\${m}`;
    });
    findPatternTests.set(pattern, (test = new RegExp(`^${body}$`, 'i')));
  }
  return test;
}

/**
 * Whether a walk narrowed by these name and path patterns could act on the place at `rel` below its
 * root (spelled as each of `roots`), or, for a folder, on what it holds: a pattern matches one of the
 * place's names, its path as find prints it, or a name such folders hold. No patterns: it acts on all.
 */
function findMayReach(patterns: readonly string[], roots: readonly string[], rel: string, folder: boolean): boolean {
  if (patterns.length === 0) return true;
  const names = rel.split('/').filter((n) => n !== '');
  const held = folder ? HELD_NAMES : [];
  const paths = roots.flatMap((root) => {
    const base = root.replace(/\/+$/, '');
    return [...names.map((_, i) => `${base}/${names.slice(0, i + 1).join('/')}`), ...held.map((n) => `${base}/${rel}/${n}`)];
  });
  return patterns.some((pattern) => {
    const test = findPatternTest(pattern);
    return names.some((n) => test.test(n)) || held.some((n) => test.test(n)) || paths.some((p) => test.test(p));
  });
}

/** `$(npm root -g)` (and backticks, `--global`, `--location=global`): npm's global node_modules folder. */
const NPM_ROOT = /\$\(\s*npm\s+root\s+(?:-g|--global|--location[= ]global)\s*\)|`\s*npm\s+root\s+(?:-g|--global|--location[= ]global)\s*`/g;
/** `$(npm prefix -g)`: the prefix itself. */
const NPM_PREFIX = /\$\(\s*npm\s+prefix\s+(?:-g|--global|--location[= ]global)\s*\)|`\s*npm\s+prefix\s+(?:-g|--global|--location[= ]global)\s*`/g;
/** `$(pnpm root -g)`, `$(yarn global dir)`: the global folders pnpm and yarn install packages into, wherever they are. */
const PNPM_ROOT = /\$\(\s*pnpm\s+root\s+(?:-g|--global)\s*\)|`\s*pnpm\s+root\s+(?:-g|--global)\s*`/g;
const YARN_GLOBAL = /\$\(\s*yarn\s+global\s+dir\s*\)|`\s*yarn\s+global\s+dir\s*`/g;
/** `$(which airlock)`, `$(command -v airlock)`, `$(type -p airlock)`: the program npm linked. */
const WHICH_AIRLOCK = /\$\(\s*(?:which|command\s+-v|type\s+-P?p)\s+airlock\s*\)|`\s*(?:which|command\s+-v|type\s+-P?p)\s+airlock\s*`/g;

/**
 * A path written with what npm or the shell would print in it (`$(npm root -g)/airlock`, `$(which
 * airlock)`), spelled with each prefix npm may use: the commands are not run, their answers are the
 * places airlock would be installed in.
 */
function installSpellings(path: string, ctx: RuleContext, inv: Invocation): string[] {
  // `r=$(npm root -g); rm -rf $r/airlock`: the variable as the text it was given.
  if (inv.spelled && path.includes('$')) path = path.replace(/\$\{?([A-Za-z_]\w*)\}?/g, (m, name: string) => (Object.hasOwn(inv.spelled!, name) ? inv.spelled![name]! : m));
  if (!path.includes('$(') && !path.includes('`')) return [];
  const out: string[] = [];
  for (const prefix of ctx.npmPrefixes ?? []) {
    const base = prefix === '/' ? '' : prefix;
    const spelled = path
      .replace(NPM_ROOT, `${base}/lib/node_modules`)
      .replace(NPM_PREFIX, base || '/')
      .replace(WHICH_AIRLOCK, `${base}/bin/airlock`);
    if (spelled !== path) out.push(spelled);
  }
  // pnpm's and yarn's global folders, spelled as AIRLOCK_PATHS knows them wherever they are.
  const global = path.replace(PNPM_ROOT, '/pnpm/global/_/node_modules').replace(YARN_GLOBAL, '/yarn/global');
  if (global !== path) out.push(global);
  return out;
}

/** Variables that load code into the hook's node or shell, move airlock's state and policy, or move the agents' settings. */
const HOOK_VARIABLES =
  'NODE_OPTIONS|NODE_PATH|NODE_REPL_EXTERNAL_MODULE|BASH_ENV|ENV|LD_PRELOAD|LD_LIBRARY_PATH|LD_AUDIT|AIRLOCK_[A-Z_]+|XDG_(STATE|CONFIG|DATA)_HOME|HOME|SHELL|CODEX_HOME|COPILOT_HOME|CLAUDE_CONFIG_DIR|GEMINI_CLI_HOME|OPENCODE_CONFIG(_DIR|_CONTENT)?';
/** A line of a dotenv file that sets one of them, or PATH. */
const HOOK_ENVIRONMENT = new RegExp(String.raw`^\s*(export\s+)?(${HOOK_VARIABLES}|PATH)\s*=`, 'm');
/**
 * The same in direnv's `.envrc`, without PATH: putting the project's own folders ahead of it
 * (`export PATH=$PWD/bin:$PATH`) is what most .envrc files are for, and direnv loads nothing until the
 * human runs `direnv allow`.
 */
const ENVRC_HOOK_ENVIRONMENT = new RegExp(String.raw`^\s*(export\s+)?(${HOOK_VARIABLES})\s*=`, 'm');
/**
 * Files whose variables end up in the environment the agent, and so its hooks, start with: `.env` and
 * its variants (`.env.local`, `.env.production`), which Gemini CLI and dotenv loaders read, and direnv's
 * `.envrc`, which the shell loads on entering the folder. Templates (`.env.example`) are loaded by nothing.
 */
const ENVIRONMENT_FILE = /(^|\/)\.env(rc|\.(?!(example|sample|template)$)[^/]+)?$/;

/**
 * Lines of a `.envrc` that load another file into the environment: direnv's `dotenv` (`.env` when it
 * names none), `source_env` and their `_if_exists` forms, and the shell's `source` and `.`. (`source_up`
 * loads a parent folder's `.envrc`, whose own writes are judged here.)
 */
const ENVRC_LOADS = /^[ \t]*(dotenv|dotenv_if_exists|source_env|source_env_if_exists|source|\.)(?:[ \t]+(['"]?)([^\s'"]+)\2)?[ \t]*$/gm;

/**
 * The environment file among `changed` that this command writes hook-affecting variables into, when
 * what it writes is known; for a `.envrc`, also through a file it loads: one that sets them is the
 * same, and one that can't be read now and is no environment file (whose writes are judged themselves)
 * could, so that is held.
 */
function hookEnvironmentWrite(inv: Invocation, changed: string[], ctx: RuleContext): { file: string; loaded?: string; unread?: boolean } | null {
  const file = changed.find((p) => ENVIRONMENT_FILE.test(p));
  if (file === undefined) return null;
  const text = inv.program === 'tee' ? (inv.stdin.kind === 'text' ? inv.stdin.text : null) : staticOutput(inv);
  if (text === null) return null;
  if ((file.endsWith('.envrc') ? ENVRC_HOOK_ENVIRONMENT : HOOK_ENVIRONMENT).test(text)) return { file };
  if (!file.endsWith('.envrc') || !/\b(dotenv|source|\.)/.test(text)) return null;
  for (const m of text.matchAll(ENVRC_LOADS)) {
    const named = m[3] ?? (m[1]!.startsWith('dotenv') ? '.env' : null);
    if (named === null) continue;
    // direnv loads it from the .envrc's own folder.
    const loaded = named.startsWith('/') || named.startsWith('~') ? named : posix.join(posix.dirname(file), named);
    const content = ctx.readFile(loaded, inv);
    if (content !== null ? HOOK_ENVIRONMENT.test(content) : !ENVIRONMENT_FILE.test(loaded)) return { file, loaded, unread: content === null };
  }
  return null;
}

/** Shell start-up files under home: the next agent session, and the hooks it runs, start with what they set. */
const HOME_STARTUP = /^\.(bashrc|bash_profile|bash_login|profile|zshrc|zshenv|zprofile|zlogin|kshrc|mkshrc|config\/fish\/(config\.fish|conf\.d\/[^/]+))$/;
/** The system's start-up files, read by every login shell. */
const SYSTEM_STARTUP = /^\/etc\/(profile|profile\.d\/[^/]+|bash\.bashrc|bashrc|environment|zsh\/[^/]+|zshenv|zshrc|zprofile|zlogin|fish\/(config\.fish|conf\.d\/[^/]+))$/;
/**
 * What in a start-up file reaches airlock's hook: its own variables, the ones that load code into node
 * or the shell, the ones that move the agents' settings or home, and an `airlock` alias or function
 * (the human's own `airlock approve` would run something else).
 */
const STARTUP_DANGER =
  /\bAIRLOCK_\w+|\b(NODE_OPTIONS|NODE_PATH|LD_PRELOAD|LD_LIBRARY_PATH|LD_AUDIT|BASH_ENV|XDG_(STATE|CONFIG|DATA)_HOME|CODEX_HOME|COPILOT_HOME|CLAUDE_CONFIG_DIR)\b|(^|[\s;&|({])(export\s+|declare\s+-x\s+|readonly\s+)?(ENV|HOME)=|\b(setenv|set\s+-[gxU]+)\s+(ENV|HOME)\b|\balias\s[^\n]*\bairlock=|(^|[\s;&|({])(function\s+airlock\b|airlock\s*\(\s*\))/m;
/** A PATH that puts something before what it was (or replaces it): `node`, and so the hook, could be another program. */
const PATH_AHEAD = /(^|[\s;&|({])(export\s+|declare\s+-x\s+)?PATH=(['"]?)(?!\$\{?PATH\b)|\bset\s+(-\w+\s+)*PATH\s+(?!['"]?\$PATH\b)|\bfish_add_path\b(?![^\n]*\s(-a|--append)\b)/m;
const STARTUP_CONSEQUENCE = "Shell start-up files set up the environment the next agent session and airlock's hook run in.";

/** A write to a shell start-up file: denied when what it writes reaches the hook, confirmed when that can't be seen. */
function startupFileWrite(inv: Invocation, changed: string[], ctx: RuleContext): Hit | null {
  if (changed.length === 0) return null;
  const home = homeOf(inv, ctx);
  const isStartup = (s: string) => SYSTEM_STARTUP.test(s) || (home !== undefined && s.startsWith(`${home}/`) && HOME_STARTUP.test(s.slice(home.length + 1)));
  const file = changed.find((path) => spellingsOf(path, inv, ctx).some(isStartup));
  if (file === undefined) return null;
  const text = inv.program === 'tee' ? (inv.stdin.kind === 'text' ? inv.stdin.text : null) : staticOutput(inv);
  // An edit's text is only part of what the file will hold: what it says counts, the rest can't be seen.
  const partial = inv.program === 'tee' && inv.stdin.kind === 'text' && !inv.stdin.static;
  // An alias, function or command that starts an agent without its hooks: the next shell starts it so.
  const agent = text === null ? null : startupAgentWithoutHooks(text, inv, ctx);
  if (text === null || (partial && !STARTUP_DANGER.test(text) && !agent))
    return {
      effect: 'unknown',
      forbidden: false,
      target: file,
      summary: `changes ${file}, a shell start-up file the next agent session and its hooks start with, in a way airlock can't see`,
      consequence: STARTUP_CONSEQUENCE,
    };
  if (STARTUP_DANGER.test(text))
    return { forbidden: true, target: file, summary: `writes what the agent's hooks start with (airlock's variables, NODE_OPTIONS, an airlock alias…) into ${file}`, consequence: STARTUP_CONSEQUENCE };
  if (agent) return { forbidden: true, target: file, summary: `writes into ${file} what every later shell runs: a command or alias that ${agent}`, consequence: STARTUP_CONSEQUENCE };
  if (PATH_AHEAD.test(text))
    return {
      effect: 'unknown',
      forbidden: false,
      target: file,
      summary: `puts directories ahead of PATH in ${file}, so the next session's \`node\` (which runs airlock's hook) could be another program`,
      consequence: STARTUP_CONSEQUENCE,
    };
  // Ordinary settings (an alias, a PATH that keeps what it had first) are a write like any other.
  return { effect: 'write', forbidden: false, target: file, summary: `adds to ${file}, a shell start-up file`, consequence: STARTUP_CONSEQUENCE };
}

/**
 * Spellings of airlock's own folders (state, keys, policy, installed runtime) as a command's text may
 * hold them: the default places under any home, the variables that move them, the system policy.
 */
const AIRLOCK_FOLDER_MENTION =
  /\.local\/(state|share)\/airlock(?![\w.-])|\.config\/airlock(?![\w.-])|(^|[^\w.-])\/etc\/airlock(?![\w.-])|(^|[^\w.-])\.airlock\/(policy|grants|audit|state)|\$\{?AIRLOCK_(STATE|DATA|CONFIG)_DIR\b|\bAIRLOCK_(STATE|DATA)_DIR['"\]]|\$\{?XDG_(STATE|CONFIG|DATA)_HOME\}?\/airlock(?![\w.-])/;

/** Programs that only read the files they name, or only print or test names: they may look at airlock's files. */
const ONLY_READS = new Set([
  'cat',
  'tac',
  'less',
  'more',
  'most',
  'head',
  'tail',
  'ls',
  'll',
  'dir',
  'stat',
  'file',
  'wc',
  'grep',
  'egrep',
  'fgrep',
  'zgrep',
  'rg',
  'ag',
  'ack',
  'jq',
  'bat',
  'batcat',
  'od',
  'hexdump',
  'strings',
  'diff',
  'cmp',
  'du',
  'df',
  'tree',
  'realpath',
  'readlink',
  'basename',
  'dirname',
  'test',
  '[',
  'echo',
  'printf',
  'cd',
  'pushd',
  'popd',
  'pwd',
  'sha256sum',
  'sha1sum',
  'sha512sum',
  'md5sum',
  'b2sum',
  'cksum',
  'column',
  'nl',
  'cut',
  'base64',
  'zcat',
  'type',
  'which',
  'whereis',
  'lsof',
  'sort',
  'uniq',
  'xxd',
  'find',
  'true',
  'false',
  ':',
]);
/** Programs that run another command: the command they run is judged on its own, as if typed. */
const RUNS_ANOTHER = new Set([
  'sudo',
  'doas',
  'env',
  'nice',
  'nohup',
  'stdbuf',
  'ionice',
  'timeout',
  'chrt',
  'command',
  'builtin',
  'exec',
  'xargs',
  'parallel',
  'watch',
  'setsid',
  'unbuffer',
  'chronic',
  'time',
  'caffeinate',
  'script',
  'expect',
  'socat',
  'eval',
  'trap',
  'sh',
  'bash',
  'zsh',
  'dash',
  'ksh',
  'mksh',
  'ash',
  'yash',
  'posh',
  'fish',
  'busybox',
  'source',
  '.',
]);
/** git subcommands that write the working tree or the files they name; the others only read or record. */
const GIT_WRITES = new Set([
  'checkout',
  'restore',
  'reset',
  'apply',
  'stash',
  'merge',
  'pull',
  'switch',
  'rm',
  'mv',
  'clean',
  'am',
  'cherry-pick',
  'revert',
  'rebase',
  'init',
  'clone',
  'worktree',
  'config',
]);
/** find's actions that write files. */
const FIND_WRITES = /^-(fprint0?|fprintf|fls|delete|exec|execdir|ok|okdir)$/;

/** A URL's path: `sqlite:///…`, `file:…`. */
const URL_PATH = /^[a-z][a-z0-9+.-]*:(?:\/\/(?=\/))?(.*?)(?:\?.*)?$/i;
/** URLs of servers elsewhere: their path is the server's, and names no file on this machine. */
const REMOTE_URL = /^(?:https?|wss?|ftps?|s3|gs|ssh|git|rsync|rediss?|postgres(?:ql)?|mysql|mongodb(?:\+srv)?|amqps?):\/\/[^/]/i;

/** The path a URL in an argument may name on this machine (`sqlite:///…`, `file:…`), if any. */
function localUrlPath(text: string): string | null {
  if (!text.includes(':') || REMOTE_URL.test(text)) return null;
  return URL_PATH.exec(text)?.[1] || null;
}

/** The paths an argument may name: itself, an option's value (`--db=…`), a URL's path (`sqlite:///…`, `file:…`). */
function pathsInArgument(text: string): string[] {
  const out = [text];
  const eq = text.indexOf('=');
  if (eq > 0) out.push(text.slice(eq + 1));
  const url = localUrlPath(text);
  if (url) out.push(url);
  return out;
}

/** A protected path a command names: airlock's own, or the agent's hook settings. */
interface Named {
  path: string;
  settings: boolean;
}

/**
 * What the self-protection rules compare every word of every command with, and what they found for
 * each word, worked out once per request: the disk does not change while one request is judged, and
 * a wrapper and the command it runs (`npx prisma …`, then `prisma …`) hand over the same words.
 */
interface Guard {
  folders: readonly string[];
  settings: readonly string[];
  keys: readonly string[];
  /** Worked out when a path is first compared (it needs home, which may have to be looked up). */
  insides?: Insides;
  /** By the place a command runs in, then by word: the audit key it names, or the protected path. */
  keyNamed: { known: ByPlace<string | null>; patterns: ByPlace<string | null> };
  named: { known: ByPlace<Named | null>; patterns: ByPlace<Named | null> };
}

interface Insides {
  /** The folders the settings files sit in, which count as the files (`rmtree('~/.claude')`). */
  settingsFolders: ReadonlySet<string>;
  /**
   * The first component of each protected place (`/home`, `/etc`): a path that starts elsewhere is
   * inside none of them, unless one of them is `/` (or empty), which holds everything.
   */
  roots: ReadonlySet<string> | 'everywhere';
  /** Each settings file with the folder that counts as it (null when none does) and that folder's depth in components. */
  settingsAndFolders: readonly { file: string; folder: string | null; depth: number }[];
}

/**
 * The guard of the request being judged. Requests are judged one at a time, from start to end, so one
 * is kept, for the context it was made for (a WeakMap of them made every young collection slower).
 */
let current: { ctx: RuleContext; guard: Guard } | undefined;
function guardOf(inv: Invocation, ctx: RuleContext): Guard {
  let guard = current?.ctx === ctx ? current.guard : undefined;
  if (!guard) {
    guard = {
      folders: ctx.airlockFolders ?? ctx.airlockDirectories,
      settings: ctx.agentSettings,
      keys: ctx.auditKeys ?? [],
      keyNamed: { known: new Map(), patterns: new Map() },
      named: { known: new Map(), patterns: new Map() },
    };
    current = { ctx, guard };
  }
  return guard;
}

function insidesOf(guard: Guard, inv: Invocation, ctx: RuleContext): Insides {
  return (guard.insides ??= insides(guard.folders, guard.settings, homeOf(inv, ctx)));
}

/** The last answer: the places are the same (shared) lists for every request in the same environment. */
let lastInsides: { folders: readonly string[]; settings: readonly string[]; home: string | undefined; insides: Insides } | undefined;
function insides(folders: readonly string[], settings: readonly string[], home: string | undefined): Insides {
  if (lastInsides && lastInsides.folders === folders && lastInsides.settings === settings && lastInsides.home === home) return lastInsides.insides;
  const settingsFolders = new Set(settings.map((file) => folderOfSettings(file, home)).filter((dir): dir is string => dir !== null));
  const places = [...folders, ...settings, ...settingsFolders];
  const settingsAndFolders = settings.map((file) => {
    const dir = posix.dirname(file);
    const folder = settingsFolders.has(dir) ? dir : null;
    return { file, folder, depth: folder === null ? 0 : folder.split('/').length };
  });
  const found: Insides = { settingsFolders, roots: places.some((p) => p === '' || p === '/') ? 'everywhere' : new Set(places.map(rootOf)), settingsAndFolders };
  lastInsides = { folders, settings, home, insides: found };
  return found;
}

/** `/home` for `/home/u/.claude`; a relative path's first component, `/` for `/`. */
function rootOf(path: string): string {
  const slash = path.indexOf('/', 1);
  return slash < 0 ? path : path.slice(0, slash);
}

/** The folder a settings file sits in counts as the file, unless that is home itself (`~/.claude.json`) or `/`. */
function folderOfSettings(file: string, home: string | undefined): string | null {
  const dir = posix.dirname(file);
  return dir === home || dir === '/' ? null : dir;
}

/** Words by what they found, for each place a command runs in: its directory, or the pattern of an unknown one. */
type ByPlace<T> = Map<string | null | undefined, Map<string, T>>;

/** What words found in the place `inv` runs in (where their relative paths point). */
function wordsAt<T>(memo: { known: ByPlace<T>; patterns: ByPlace<T> }, inv: Invocation): Map<string, T> {
  // A relative path in an unknown place is read against the pattern `cd` went to, when there is one.
  const places = inv.cwd === null ? memo.patterns : memo.known;
  const place = inv.cwd === null ? inv.cwdPattern : inv.cwd;
  let words = places.get(place);
  if (!words) places.set(place, (words = new Map()));
  return words;
}

/** What a word found, remembered for the place `inv` runs in. */
function remembered<T>(memo: { known: ByPlace<T>; patterns: ByPlace<T> }, inv: Invocation, word: string, find: () => T): T {
  const words = wordsAt(memo, inv);
  let found = words.get(word);
  if (found === undefined) words.set(word, (found = find()));
  return found;
}

/**
 * Whether a spelling of a path, seen from where `inv` runs, is one of airlock's folders or inside one,
 * an agent's hook settings file or the folder it sits in, or a pattern that could name one of them.
 */
function protectedPath(path: string, inv: Invocation, ctx: RuleContext, guard: Guard): Named | null {
  if (path === '' || path.length > 4096 || /[\n\0]/.test(path)) return null;
  const insides = insidesOf(guard, inv, ctx);
  for (const spelling of spellingsOf(path, inv, ctx)) {
    const hit = protectedSpelling(spelling, guard, insides);
    if (hit) return hit;
  }
  return null;
}

function protectedSpelling(spelling: string, { folders, settings }: Guard, { settingsFolders, roots, settingsAndFolders }: Insides): Named | null {
  // Inside a folder or file only if it starts where one does.
  const mayBeInside = roots === 'everywhere' || roots.has(rootOf(spelling));
  if (mayBeInside && folders.some((dir) => within(spelling, dir))) return { path: spelling, settings: false };
  if (isAgentSettings(spelling) || (mayBeInside && (settings.some((file) => within(spelling, file)) || settingsFolders.has(spelling)))) return { path: spelling, settings: true };
  if (!isGlob(spelling) || !spelling.startsWith('/')) return null;
  const dir = folders.find((d) => globReaches(spelling, d, false));
  if (dir) return { path: dir, settings: false };
  const depth = spelling.replace(/(.)\/+$/, '$1').split('/').length;
  const hit = settingsAndFolders.find(
    ({ file, folder, depth: folderDepth }) => globReaches(spelling, file, false) || (folder !== null && globReaches(spelling, folder, true) && depth === folderDepth),
  );
  return hit ? { path: hit.file, settings: true } : null;
}

/**
 * The code an interpreter invocation runs (null for any other program), read once for the three
 * self-protection rules, which look at the same invocation one after another: the last answer is kept.
 */
let lastCode: { inv: Invocation; ctx: RuleContext; code: ReturnType<typeof interpreterCode> } | undefined;
function codeRunBy(inv: Invocation, ctx: RuleContext): ReturnType<typeof interpreterCode> {
  if (lastCode?.inv !== inv || lastCode.ctx !== ctx) lastCode = { inv, ctx, code: languageOf(inv.program) ? interpreterCode(inv, (path) => ctx.readFile(path, inv)) : null };
  return lastCode.code;
}

/** Whether `text` holds one of airlock's folders written out (the absolute folder, or a spelling of its default place). */
function mentionsAirlock(text: string, folders: readonly string[]): string | null {
  // Every spelling the pattern knows holds `airlock` or `AIRLOCK`; most words hold neither, and are spared it.
  const m = text.includes('airlock') || text.includes('AIRLOCK') ? AIRLOCK_FOLDER_MENTION.exec(text) : null;
  if (m) return m[0].replace(/^[^\w.$/]/, '');
  for (const dir of folders) {
    const at = text.indexOf(dir);
    if (at >= 0 && !/[\w.-]/.test(text[at + dir.length] ?? '')) return dir;
  }
  return null;
}

/** Whether this program can change, or opens in a way that can change, the files it names. */
function mayChangeWhatItNames(inv: Invocation): boolean {
  if (ONLY_READS.has(inv.program)) return inv.program === 'find' && inv.argv.some((a) => FIND_WRITES.test(a.text));
  if (RUNS_ANOTHER.has(inv.program) || isAirlock(inv)) return false;
  // A copy only reads its sources (where it writes is the other rule's business), unless it links
  // them, so that writing the copy writes airlock's file, or removes them once copied.
  if (inv.program === 'cp' || inv.program === 'install' || inv.program === 'scp' || inv.program === 'rsync') {
    return inv.argv.some((a) => /^-[A-Za-z]*[ls]|^--(link|symbolic-link|remove-source-files|link-dest)/.test(a.text) && (inv.program === 'cp' || a.text.startsWith('--')));
  }
  if (inv.program === 'git') {
    const sub = inv.argv.slice(1).find((a, i, all) => !a.text.startsWith('-') && !['-C', '-c', '--git-dir', '--work-tree'].includes(all[i - 1]?.text ?? ''));
    return GIT_WRITES.has(sub?.text ?? '');
  }
  return inv.program !== '';
}

/** A word of a command as the protected path it names, if it names one: written out, or as a path (`--db=…`, `file:…`). */
function protectedWord(text: string, inv: Invocation, ctx: RuleContext, guard = guardOf(inv, ctx)): Named | null {
  return remembered(guard.named, inv, text, () => {
    const mention = mentionsAirlock(text, guard.folders);
    if (mention) return { path: mention, settings: false };
    // Words with spaces are text (SQL, messages), and bare options name no file: no disk look-up for them.
    if (/\s/.test(text) || (text.startsWith('-') && !text.includes('='))) return null;
    for (const path of pathsInArgument(text)) {
      const hit = protectedPath(path, inv, ctx, guard);
      if (hit) return hit;
    }
    return null;
  });
}

/**
 * The words a shell or `source` hands the script it runs, as $0, $1…, with the script's own name: all
 * but the `-c` text, which is judged as the commands it holds. A script handed airlock's files or the
 * agent's settings can do anything with them, whatever it looks like (`echo {} >> "$1"`).
 */
function handedToScript(inv: Invocation): string[] {
  if (inv.program === 'source' || inv.program === '.') return inv.argv.slice(1).map((a) => a.text);
  if (!SHELLS.has(inv.program)) return [];
  let args = inv.argv.slice(1);
  if (inv.program === 'busybox') {
    if (!SHELLS.has(args[0]?.text ?? '')) return [];
    args = args.slice(1);
  }
  const { command, rest } = shellOperands(args);
  const words = rest.map((a) => a.text);
  return command ? words.slice(1) : words;
}

/** Variables that hand a path to what runs, as opposed to lists of places to look (PATH, PYTHONPATH). */
const handedInEnvironment = (inv: Invocation) =>
  Object.entries(inv.env)
    .filter(([name]) => !/PATH$/.test(name))
    .map(([, value]) => value.text);

/** What names airlock's own folders or the agent's settings in the invocation: an argument, its stdin, or the code it runs. */
function protectedFileNamed(inv: Invocation, ctx: RuleContext): Named | null {
  const folders = ctx.airlockFolders ?? ctx.airlockDirectories;
  for (const arg of inv.argv.slice(1)) {
    const hit = protectedWord(arg.text, inv, ctx);
    if (hit) return hit;
  }
  if (inv.stdin.kind === 'text') {
    const mention = mentionsAirlock(inv.stdin.text, folders);
    if (mention) return { path: mention, settings: false };
  }
  // A script file the interpreter runs (`python3 forge.py`) is read like any script.
  if (languageOf(inv.program)) {
    for (const value of handedInEnvironment(inv)) {
      const hit = protectedWord(value, inv, ctx);
      if (hit) return hit;
    }
    const code = codeRunBy(inv, ctx);
    if (code && code !== 'unreadable') {
      const mention = mentionsAirlock(code.code, folders);
      if (mention) return { path: mention, settings: false };
      for (const path of pathsInCode(code.code)) {
        if (path.length > 400 || !/^[\w.~/*?[\]-]+$/.test(path) || !/[./]/.test(path)) continue;
        const hit = mentionsAirlock(path, folders) ? { path, settings: false } : protectedPath(path, inv, ctx, guardOf(inv, ctx));
        if (hit) return hit;
      }
    }
  }
  return null;
}

/**
 * A link made to a folder that holds airlock's folders or the agent's settings (`ln -s ~/.local/state x`)
 * reaches them under a name no rule knows (`x/airlock/audit.db`). Home itself and `/` hold everything, and
 * linking them is ordinary; only folders strictly inside home count.
 */
function linksAbove(inv: Invocation, ctx: RuleContext): Named | null {
  if (inv.program !== 'ln') return null;
  const home = homeOf(inv, ctx);
  if (!home) return null;
  const guarded = [...(ctx.airlockFolders ?? ctx.airlockDirectories), ...ctx.agentSettings];
  for (const dir of operandFolders(inv, ctx)) {
    if (!dir.startsWith(`${home}/`)) continue;
    const held = guarded.find((p) => p.startsWith(`${dir}/`));
    if (held) return { path: held, settings: ctx.agentSettings.includes(held) };
  }
  return null;
}

/** Every spelling of each word that is not an option, read as a folder (no trailing slash). */
function operandFolders(inv: Invocation, ctx: RuleContext): string[] {
  return inv.argv.slice(1).flatMap((arg) => (arg.text.startsWith('-') ? [] : spellingsOf(arg.text, inv, ctx).map((spelling) => spelling.replace(/(.)\/+$/, '$1'))));
}

/** Programs that copy a folder's whole contents somewhere: recursive copies, archives, transfers. */
const COPIES_FOLDERS = new Set(['cp', 'rsync', 'scp', 'tar', 'bsdtar', 'zip', '7z', '7za', 'cpio', 'pax', 'rclone', 'gsutil', 'aws']);

/** Searchers that print the lines of every file under a folder: rg, ag and ack always, grep with -r. */
const SEARCHES_FOLDERS = new Set(['grep', 'egrep', 'fgrep', 'zgrep', 'rg', 'ag', 'ack', 'ack-grep']);

/** Whether a search reads whole folders: rg always, ag and ack unless told not to (-n), grep with -r, -R or -d recurse. */
function searchesFolders(inv: Invocation): boolean {
  // `rg --files` lists names, and prints no file's lines.
  if (inv.program === 'rg') return !inv.argv.some((a) => a.text === '--files' || a.text === '--type-list');
  if (inv.program === 'ag' || inv.program.startsWith('ack')) return !inv.argv.some((a) => a.text === '-n' || a.text === '--norecurse' || a.text === '--no-recurse');
  return inv.argv.some(
    (a, i) => /^-[A-Za-z]*[rR]/.test(a.text) || /^--(recursive|dereference-recursive|directories=recurse)$/.test(a.text) || (a.text === '-d' && inv.argv[i + 1]?.text === 'recurse'),
  );
}

/** The folders a recursive search reads: its operands, and the folder it runs in when it names no more than its pattern. */
function searchedFolders(inv: Invocation, ctx: RuleContext): string[] {
  const operands = operandFolders(inv, ctx);
  const named = inv.argv.slice(1).filter((a) => !a.text.startsWith('-')).length;
  return named > 1 ? operands : [...operands, ...ctx.locate('.', inv)];
}

/** Programs that print or copy the contents of the files they are handed (by find -exec, or xargs from a listing). */
const SHOWS_CONTENTS = new Set([
  'cat',
  'tac',
  'head',
  'tail',
  'less',
  'more',
  'bat',
  'batcat',
  'nl',
  'od',
  'hexdump',
  'xxd',
  'strings',
  'base64',
  'base32',
  'grep',
  'egrep',
  'fgrep',
  'zgrep',
  'rg',
  'awk',
  'gawk',
  'mawk',
  'sed',
  'cut',
  'sort',
  'uniq',
  'paste',
  'diff',
  'cmp',
  'jq',
  'tr',
  'fold',
  'rev',
  'cp',
  'scp',
  'rsync',
  'tar',
  'zip',
  'gzip',
  'curl',
  'nc',
  'tee',
]);

/**
 * A folder that holds the audit key, read whole: copied (`cp -r ~/.local/state/airlock /tmp/x`, `tar
 * czf s.tgz ~/.local/state`), searched (`grep -r . ~/.local/state`, `rg . state`), or walked by find
 * and each file shown (`find ~/.local -exec cat {} +`). The copy or the output holds the key. Folders
 * from the state folder up to (not including) the home folder count, so a backup or a search of all of
 * home is not refused for this.
 */
function keyFolderCopied(inv: Invocation, ctx: RuleContext): string | null {
  const keys = ctx.auditKeys ?? [];
  if (keys.length === 0) return null;
  // The program's name first: this runs for every command.
  // Home is looked up only then: it is a path on disk like any other, and most commands need none.
  // Handed a walk's files (`find … -exec cp {} /tmp \;`, `find … | while read f; do cat "$f"; done`), copiers included.
  if (inv.find && SHOWS_CONTENTS.has(inv.program)) {
    const walked = keyWalked(inv.find, inv, ctx, keys, homeOf(inv, ctx));
    if (walked) return walked;
  }
  let folders: string[];
  if (COPIES_FOLDERS.has(inv.program)) folders = operandFolders(inv, ctx);
  else if (languageOf(inv.program)) return codeWalkReadsKey(inv, ctx, keys, homeOf(inv, ctx));
  else if (SEARCHES_FOLDERS.has(inv.program) && searchesFolders(inv)) folders = searchedFolders(inv, ctx);
  else return null;
  const home = homeOf(inv, ctx);
  for (const dir of folders) {
    if (home && (dir === home || !dir.startsWith(`${home}/`))) continue;
    const key = keys.find((k) => k === dir || k.startsWith(`${dir}/`));
    if (key) return key;
  }
  return null;
}

/**
 * The audit key among the files a walk hands a program that shows them (`find ~/.local -exec cat {} +`,
 * `find … | xargs cat`): under a folder from the key's up to (not including) home, unless the walk's
 * patterns keep away from it, or anywhere (`locate audit.key | xargs cat`) when its patterns pick it out.
 */
function keyWalked(scope: FindScope, inv: Invocation, ctx: RuleContext, keys: readonly string[], home: string | undefined): string | null {
  for (const dir of walkedFolders(scope, inv, ctx)) {
    if (home && scope.patterns.length === 0 && (dir === home || !dir.startsWith(`${home}/`))) continue;
    const key = keys.find(
      (k) => (k === dir || k.startsWith(dir === '/' ? '/' : `${dir}/`)) && findMayReach(scope.patterns, [dir, ...scope.roots.map((r) => r.text)], k.slice(dir === '/' ? 1 : dir.length + 1), false),
    );
    if (key) return key;
  }
  return null;
}

/** Every spelling of the folders a find walks, as folders. */
function walkedFolders(scope: FindScope, inv: Invocation, ctx: RuleContext): string[] {
  return scope.roots.flatMap((root) => spellingsOf(root.text, inv, ctx).map((spelling) => spelling.replace(/(.)\/+$/, '$1')));
}

/** Whether a spelling is (or could be, as a pattern) the audit log's key. */
function isAuditKey(spelling: string, keys: readonly string[]): boolean {
  const glob = isGlob(spelling) && spelling.startsWith('/');
  for (const key of keys) {
    if (spelling === key || (glob && globReaches(spelling, key, false) && spelling.split('/').length === key.split('/').length)) return true;
  }
  return false;
}

/** The first spelling of `path` (see spellingsOf) that is the audit key, without listing them. */
function auditKeySpelling(path: string, inv: Invocation, ctx: RuleContext, keys: readonly string[]): string | null {
  if (isAuditKey(path, keys)) return path;
  for (const spelling of ctx.locate(path, inv)) if (isAuditKey(spelling, keys)) return spelling;
  if (inv.cwd === null && inv.cwdPattern && !path.startsWith('/') && !path.startsWith('~')) {
    const spelling = posix.join(inv.cwdPattern, path);
    if (isAuditKey(spelling, keys)) return spelling;
  }
  return null;
}

/** Where the command names the audit log's key (to read it is to be able to sign a forged log): arguments, redirections, code. */
function auditKeyNamed(inv: Invocation, ctx: RuleContext): string | null {
  const keys = ctx.auditKeys ?? [];
  if (keys.length === 0 || isAirlock(inv)) return null;
  const guard = guardOf(inv, ctx);
  const code = codeRunBy(inv, ctx);
  const known = wordsAt(guard.keyNamed, inv);
  const keyIn = (word: string) => {
    let found = known.get(word);
    if (found === undefined) known.set(word, (found = auditKeyIn(word, inv, ctx, guard)));
    return found;
  };
  // The words in order (arguments, redirections, values handed in the environment, stdin's file, paths
  // in the code it runs), each looked at as it comes: no list of them is built for every command.
  // A word with run-time pieces may be the key (`~/.local/state/airlock/$f`, `"$(ls -d …/air*)"/audit.key`).
  const runTime = (word: Arg) => (word.static ? null : runTimeKey(word.text, guard.keys, keyIn));
  for (let i = 1; i < inv.argv.length; i++) {
    const hit = keyIn(inv.argv[i]!.text) ?? runTime(inv.argv[i]!);
    if (hit) return hit;
  }
  for (const r of inv.redirects) {
    const hit = keyIn(r.target.text) ?? runTime(r.target);
    if (hit) return hit;
  }
  for (const value of handedInEnvironment(inv)) {
    const hit = keyIn(value);
    if (hit) return hit;
  }
  if (inv.stdin.kind === 'file') {
    const hit = keyIn(inv.stdin.path.text);
    if (hit) return hit;
  }
  if (code && code !== 'unreadable') {
    for (const path of pathsInCode(code.code)) {
      const hit = keyIn(path);
      if (hit) return hit;
    }
  }
  return null;
}

/**
 * The audit key a word with run-time pieces may name: it ends in the key's own name after a `/`
 * (whatever the folder before it turns out to be), or one of the patterns it could be is the key.
 */
function runTimeKey(word: string, keys: readonly string[], keyIn: (word: string) => string | null): string | null {
  for (const key of keys) if (word.endsWith(key.slice(key.lastIndexOf('/')))) return word;
  for (const spelling of runTimeSpellings(word)) {
    const hit = keyIn(spelling);
    if (hit) return hit;
  }
  return null;
}

/** Programs whose output, put in a word by `$(…)`, is the paths they are given: `ls -d`, `echo`, `realpath`. */
const PRINTS_ITS_PATHS = new Set(['ls', 'echo', 'printf', 'realpath', 'readlink', 'find']);

/**
 * The patterns a word with pieces known only at run time could be. `$(ls -d ~/.cla*)` (and echo,
 * realpath, find…) is the paths that program is given, `$(dirname p)` is p's folder; any other piece
 * (`$f`, `${x}`, `$(cmd)`) is any name (`*`). None for a word that starts with such a piece, which
 * could be anything anywhere, nor for one without any.
 */
function runTimeSpellings(word: string): string[] {
  return runTimePatterns(word).spellings;
}

/** runTimeSpellings, and whether any piece stood for any name (`*`) rather than for the paths a listing prints. */
function runTimePatterns(word: string): { spellings: string[]; anyName: boolean } {
  let spellings = [''];
  let found = false;
  let anyName = false;
  for (let i = 0; i < word.length; ) {
    const piece = runTimePieceAt(word, i);
    if (!piece) {
      const next = nextRunTimePiece(word, i + 1);
      spellings = spellings.map((s) => s + word.slice(i, next));
      i = next;
      continue;
    }
    if (i === 0 && piece.paths === null) return { spellings: [], anyName: true };
    found = true;
    if (piece.paths === null) anyName = true;
    const alternatives = piece.paths ?? ['*'];
    spellings = spellings.flatMap((s) => alternatives.map((a) => s + a)).slice(0, 16);
    i = piece.end;
  }
  return { spellings: found ? spellings : [], anyName };
}

const nextRunTimePiece = (word: string, from: number): number => {
  const at = word.slice(from).search(/[$`]/);
  return at < 0 ? word.length : from + at;
};

/** The run-time piece at `i` (`$x`, `${x}`, `$(…)`, `` `…` ``), with where it ends and, for a listing, the paths it prints. */
function runTimePieceAt(word: string, i: number): { end: number; paths: string[] | null } | null {
  const c = word[i];
  if (c === '`') {
    const end = word.indexOf('`', i + 1);
    return end < 0 ? null : { end: end + 1, paths: pathsPrinted(word.slice(i + 1, end)) };
  }
  if (c !== '$') return null;
  const next = word[i + 1];
  if (next === '(') {
    let depth = 0;
    for (let k = i + 1; k < word.length; k++) {
      if (word[k] === '(') depth++;
      else if (word[k] === ')' && --depth === 0) return { end: k + 1, paths: word[i + 2] === '(' ? null : pathsPrinted(word.slice(i + 2, k)) };
    }
    return null;
  }
  if (next === '{') {
    const end = word.indexOf('}', i + 2);
    return end < 0 ? null : { end: end + 1, paths: null };
  }
  const name = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(word.slice(i + 1));
  return name ? { end: i + 1 + name[0].length, paths: null } : null;
}

/** The paths a substitution's command prints when it only prints the paths it is given (or their folders); null for any other. */
function pathsPrinted(body: string): string[] | null {
  const words = body
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/^['"]|['"]$/g, ''));
  const program = posix.basename(words[0] ?? '');
  const operands = words.slice(1).filter((w) => w !== '' && !w.startsWith('-') && !/[|;&<>$`]/.test(w));
  if (operands.length === 0 || /[|;&]/.test(body)) return null;
  if (program === 'dirname') return operands.map((o) => posix.dirname(o));
  return PRINTS_ITS_PATHS.has(program) ? operands : null;
}

/** The audit key one word names, as written or as a path. */
function auditKeyIn(word: string, inv: Invocation, ctx: RuleContext, { keys, folders }: Guard): string | null {
  if (word === '' || word.length > 4096 || /[\n\0]/.test(word)) return null;
  // `$AIRLOCK_STATE_DIR/audit.key`, `"$XDG_STATE_HOME"/airlock/audit.key`: a spelling of the state folder, then the key.
  if (word.endsWith('audit.key') && /(^|\/)audit\.key$/.test(word) && mentionsAirlock(word, folders)) return word;
  // pathsInArgument's paths, one at a time: this runs for every word of every command.
  const hit = auditKeySpelling(word, inv, ctx, keys);
  if (hit) return hit;
  const eq = word.indexOf('=');
  const value = eq > 0 ? auditKeySpelling(word.slice(eq + 1), inv, ctx, keys) : null;
  if (value) return value;
  const url = localUrlPath(word);
  return url ? auditKeySpelling(url, inv, ctx, keys) : null;
}

function isAirlock(inv: Invocation): boolean {
  const first = inv.argv[0]?.text ?? '';
  if (inv.program === 'airlock') return true;
  // `node …/bin/airlock.mjs grant` and `npx airlock grant` reach the same CLI.
  return (inv.program === 'node' || inv.program === 'bun') && /airlock(\.m?js)?$/.test(inv.argv[1]?.text ?? '') && first !== '';
}

/**
 * Whether a spelling of a path a command changes (`target`, as written) is airlock's own, or an agent's
 * hook settings, or a pattern that could name one; removed, a folder holding one counts too. With
 * `projects`, a pattern is also matched with the places a project folder it starts in holds (`rm -rf .[a-z]*`).
 */
function protectedChange(path: string, target: string, removed: boolean, inv: Invocation, ctx: RuleContext, protectedPaths: () => string[], projects = true): Hit | null {
  // Absolute, relative, `~`, `..` and symlinked spellings of the same file are the same file, and so
  // is `$(npm root -g)/airlock` the package npm installed.
  const spellings = [path, ...ctx.locate(path, inv), ...installSpellings(path, ctx, inv)];
  const installed = installedPackages(ctx);
  const own = spellings.find(
    (p) => isAirlockPath(p) || ctx.airlockDirectories.some((dir) => within(p, dir) || (removed && within(dir, p))) || installed.some((dir) => within(p, dir) || (removed && within(dir, p))),
  );
  if (own) return { forbidden: true, target, summary: `changes airlock's own policy, state or program: ${own}` };
  // Removed, a folder every file of which is hook settings (`.github/hooks`, `.opencode/plugins`) counts as they do.
  const settings = spellings.find(
    (p) => isAgentSettings(p) || (removed && isAgentSettings(`${p.replace(/\/+$/, '')}/x`)) || ctx.agentSettings.some((file) => within(p, file) || (removed && within(file, p))),
  );
  if (settings) return { forbidden: true, target, summary: `changes the agent's hook or permission settings: ${settings}`, consequence: SETTINGS_CONSEQUENCE };
  // A project folder that holds a hook file or the project's policy (`rm -rf .github/hooks`, `git rm -r .claude`).
  const holder = removed ? projectPlaceHeld(spellings, false, inv, ctx) : null;
  if (holder) return { forbidden: true, target, summary: `takes away ${holder}, a project's hook settings or airlock policy`, consequence: SETTINGS_CONSEQUENCE };
  // A glob that could expand to one of them or to something inside one (`~/.claude/set*`,
  // `~/.local/state/airl*\/grants.jsonl`), or, removed, to a folder holding one (`rm -rf ~/.loc*`,
  // `rm -rf .[a-z]*` beside a project's `.airlock`), is treated as naming it.
  // Most paths are no pattern, in a known place: nothing here can be one then.
  if (!spellings.some(isGlob) && !(inv.cwd === null && inv.cwdPattern)) return null;
  for (const spelling of [...spellings, ...spellingsOf(path, inv, ctx).slice(spellings.length)]) {
    if (!isGlob(spelling) || !spelling.startsWith('/')) continue;
    const hit = protectedPaths().find((p) => globReaches(spelling, p, removed)) ?? (projects ? projectPlacesMatched(spelling, inv, ctx).find((p) => globReaches(spelling, p, removed)) : undefined);
    if (hit) return { forbidden: true, target, summary: `uses a pattern that could name airlock's or the agent's own files: ${hit}`, consequence: SETTINGS_CONSEQUENCE };
  }
  return null;
}

export const tamper = rule({
  id: 'airlock/self-protection',
  effect: 'destroy',
  severity: 'critical',
  summary: 'tries to approve, grant, reconfigure or remove airlock',
  consequence: 'Only a human at a terminal may do this; an agent doing it would switch off the protection it is running under.',
  alternatives: ['ask the human to run it in their own terminal'],
  match(inv, ctx) {
    if (isAirlock(inv)) {
      const words = inv.argv.slice(inv.program === 'airlock' ? 1 : 2);
      const args = words.map((a) => a.text);
      const sub = args.find((a) => !a.startsWith('-')) ?? '';
      // A subcommand only known at run time (`airlock "$@"`, `airlock $CMD`) may be any of them.
      const at = words.findIndex((a) => !a.text.startsWith('-') || !a.static);
      if (at >= 0 && !words[at]!.static)
        return { forbidden: true, target: `airlock ${sub}`, summary: `runs airlock with a subcommand known only at run time (${sub}), which could be one only a human may run` } satisfies Hit;
      const policyEdit = sub === 'policy' && args.some((a) => a === 'edit' || a === 'set');
      // Pruning deletes the copies kept before approved destroys: the way back is the human's to give up.
      const prune = sub === 'backups' && args.includes('prune');
      if (HUMAN_ONLY.has(sub) || policyEdit || prune) return { forbidden: true, target: `airlock ${sub}`, summary: `runs \`airlock ${sub}\`, which only a human may run` } satisfies Hit;
      return null;
    }
    // Built only for commands that write something: most don't.
    let paths: string[] | undefined;
    const protectedPaths = () => (paths ??= [...ctx.airlockDirectories, ...ctx.agentSettings]);
    // With airlock's installed package: named by a glob or deleted from above. A relative path in an
    // unknown place (`rm -rf node_modules`) or an archive unpacked into a prefix (`tar -C /usr/local`)
    // is not taken as reaching it: both are everyday, and npm's folders are no secret to spell out.
    let withPackages: string[] | undefined;
    const guardedPaths = () => (withPackages ??= [...protectedPaths(), ...installedPackages(ctx)]);
    // Interpreter code moves, copies and deletes files too (`shutil.move`, perl's `rename` and `unlink <glob>`).
    const code = codeRunBy(inv, ctx);
    const inCode = code && code !== 'unreadable' ? fileChangesInCode(code) : null;
    const changed = inCode ? [...pathsChangedBy(inv), ...inCode.removed, ...inCode.written] : pathsChangedBy(inv);
    // Deleted, moved away, or filled with other files: what was inside is gone either way.
    const takenAway = new Set(changed.length ? [...pathsTakenAway(inv), ...pathsReplaced(inv), ...(inCode ? [...inCode.removed, ...inCode.replaced] : [])] : []);
    for (const path of changed) {
      const removed = takenAway.has(path);
      const hit = protectedChange(path, path, removed, inv, ctx, guardedPaths);
      if (hit) return hit;
      // In a place that can't be known, a relative path may be the end of a protected one, or of a
      // folder that holds one (`mv .claude x`), and `..` may lead anywhere.
      if (inv.cwd === null && !path.startsWith('/') && !path.startsWith('~') && couldBeProtected(path, protectedPaths())) {
        return { effect: 'unknown', forbidden: false, target: path, summary: `changes ${path} in a directory airlock can't know, which could be airlock's or the agent's own settings` };
      }
      // A word with run-time pieces, as the patterns it could be: `$(ls -d ~/.cla*)`, `"$(dirname ~/.claude/x)"`,
      // and, removed, `~/.local/state/$d` (a piece that could be any name).
      if (path.includes('$') || path.includes('`')) {
        const { spellings, anyName } = runTimePatterns(path);
        if (anyName && !removed) continue;
        for (const spelling of spellings) {
          const derived = protectedChange(spelling, path, removed, inv, ctx, protectedPaths, !anyName);
          if (derived) return derived;
        }
      }
    }
    // `git checkout .`, `git reset --hard`, `git clean -fdx`: every file of the tree, so whatever protected file is in it.
    // `git stash` sets the changes aside, so they are gone from the tree until the stash is applied.
    const change = gitWorkTree(inv);
    const tree = change?.wholeTree;
    if (tree) {
      const held = wholeTreeHolds(tree, inv, ctx);
      const does = change.stashed ? 'stashes every uncommitted change in' : 'rewrites or cleans';
      const lost = change.stashed ? 'leaves the tree with the rest, until the stash is applied' : 'is thrown away with the rest';
      if (held?.user) return { forbidden: true, target: tree, summary: `${does} the whole tree of ${tree}, which holds ${held.path}`, consequence: SETTINGS_CONSEQUENCE };
      // A project's own files: `git reset --hard` there is everyday work, so it is held, not refused,
      // and the human is told that the project's policy or hook settings go back to their committed state too.
      if (held)
        return {
          forbidden: false,
          severity: 'critical',
          target: tree,
          summary: `${does} the whole tree of ${tree}, which holds ${held.path}: an uncommitted change to that policy or hook setting ${lost}`,
          consequence: `${SETTINGS_CONSEQUENCE} Approve only if ${held.path} has no change of yours that is not committed (git status shows it).`,
        };
    }
    // Deletions whose files are only known at run time (`ls | xargs rm`, `find dir -delete`) reach
    // whatever is under the directory they work in.
    for (const scope of deletionScopes(inv)) {
      const hit = deletionReaches(scope, inv, ctx, guardedPaths());
      if (hit) return { forbidden: true, target: scope.root, summary: `deletes files it can't name in ${hit}, which holds airlock's or the agent's own settings`, consequence: SETTINGS_CONSEQUENCE };
    }
    // The same in interpreter code: a walk of such a folder that deletes, moves or writes what it finds.
    const walked = codeWalkReaches(inv, ctx, protectedPaths);
    if (walked)
      return {
        forbidden: true,
        target: walked,
        summary: `${inv.program} walks ${walked}, which holds airlock's or the agent's own settings, and deletes, moves or writes what it finds`,
        consequence: SETTINGS_CONSEQUENCE,
      };
    // A .env (or a variant of it, or direnv's .envrc) loaded into the agent's environment reaches the hooks it runs.
    const dotenv = hookEnvironmentWrite(inv, changed, ctx);
    if (dotenv?.unread)
      return {
        effect: 'unknown',
        forbidden: false,
        target: dotenv.file,
        summary: `makes ${dotenv.file} load ${dotenv.loaded}, which can't be read now, into the environment the agent's hooks run in`,
        consequence: SETTINGS_CONSEQUENCE,
      };
    if (dotenv)
      return {
        forbidden: true,
        target: dotenv.file,
        summary: `sets variables ${dotenv.loaded ? `in ${dotenv.file}, through ${dotenv.loaded} it loads,` : `in ${dotenv.file}`} that change how the agent's hooks run (NODE_OPTIONS, BASH_ENV, airlock's own)`,
        consequence: SETTINGS_CONSEQUENCE,
      };
    const startup = startupFileWrite(inv, changed, ctx);
    if (startup) return startup;
    // An archive unpacked into a folder that holds them could put anything there.
    for (const dir of unpackedInto(inv)) {
      const spellings = [dir, ...ctx.locate(dir, inv)];
      // Into one of them, or into the folder a settings file sits in, is a write to it.
      const into = spellings.find((d) => guardedPaths().some((p) => reachesInto(d, p)));
      if (into) return { forbidden: true, target: dir, summary: `unpacks files into airlock's or the agent's own settings: ${into}` };
      const above = spellings.find((d) => protectedPaths().some((p) => within(p, d)));
      // Into a folder that holds them (`cd ~/.local && tar xf x.tar`), what the archive holds decides: it may hold them.
      if (above)
        return {
          forbidden: true,
          target: dir,
          summary: `unpacks files it can't show into ${above}, which holds airlock's or the agent's own settings`,
          consequence: "What the archive holds decides what is overwritten, and airlock can't see inside it.",
        };
      if (inv.cwd === null)
        return {
          effect: 'unknown',
          forbidden: false,
          target: dir,
          summary: `unpacks files it can't show into ${dir}, which may hold airlock's or the agent's own settings`,
          consequence: "What the archive holds decides what is overwritten, and airlock can't see inside it.",
        };
    }
    return null;
  },
});

const DASHBOARD_SECRETS_CONSEQUENCE = "They prove a human on airlock's dashboard: whoever reads the one-time-code secret can approve held commands there.";
const AUDIT_KEY_CONSEQUENCE = "The key is what makes airlock's audit log tamper-evident: whoever can read it can rewrite the log and sign it again.";

/** A finding for a protected path named, with the consequence that fits what it is. */
function named(hit: Named, summary: string): Hit {
  return { forbidden: true, target: hit.path, summary, ...(hit.settings ? { consequence: SETTINGS_CONSEQUENCE } : {}) };
}

export const stateFiles = rule({
  id: 'airlock/state-files',
  effect: 'destroy',
  severity: 'critical',
  summary: "opens airlock's own state, keys, policy or installed files with a program that can change them",
  consequence: "airlock's approvals, grants, audit log and policy are what hold the agent's commands; a program that can write them could approve a held command or erase its record.",
  alternatives: ['ask the human to look at it with `airlock log` or `airlock status`', 'read it with cat, less or jq, which cannot change it'],
  match(inv, ctx) {
    const key = auditKeyNamed(inv, ctx) ?? keyFolderCopied(inv, ctx);
    if (key)
      return {
        forbidden: true,
        target: key,
        summary: key.endsWith('/dashboard.json') ? `${inv.program} reads the dashboard's secrets (${key})` : `${inv.program} reads the audit log's key (${key})`,
        consequence: key.endsWith('/dashboard.json') ? DASHBOARD_SECRETS_CONSEQUENCE : AUDIT_KEY_CONSEQUENCE,
        alternatives: ['ask the human to check the log with `airlock verify`'],
      };
    for (const word of [...handedToScript(inv), ...(SHELLS.has(inv.program) ? handedInEnvironment(inv) : [])]) {
      const hit = protectedWord(word, inv, ctx);
      if (hit) return named(hit, `${inv.program} hands ${hit.path} to the script it runs, which can do anything with it`);
    }
    const link = linksAbove(inv, ctx);
    if (link) return named(link, `links a folder that holds ${link.path}, which reaches it under a name airlock doesn't know`);
    if (!mayChangeWhatItNames(inv)) return null;
    const hit = protectedFileNamed(inv, ctx);
    return hit ? named(hit, `${inv.program} opens ${hit.settings ? "the agent's hook settings" : "airlock's own files"} (${hit.path}), and can change them`) : null;
  },
});

/**
 * `airlock` followed by a subcommand only a human may run (HUMAN_ONLY; `policy edit|set` spelled out),
 * however the words are separated: spaces, quotes, commas (`exec("airlock","approve")`, `IFS=,`), a
 * closing `$(which airlock)`.
 */
const HUMAN_ONLY_TEXT = new RegExp(
  String.raw`\bairlock(?:\.m?js)?[\W_]{1,12}(?:${[...HUMAN_ONLY].filter((s) => s !== 'policy-edit').join('|')}|policy[\W_]{1,6}(?:edit|set)|backups[\W_]{1,6}prune)\b`,
);
/** Programs that only search or show text: naming `airlock approve` to them runs nothing. */
const SEARCHES_TEXT = new Set(['grep', 'egrep', 'fgrep', 'zgrep', 'rg', 'ag', 'ack', 'airlock']);
const GIT_SHOWS_TEXT = new Set(['log', 'grep', 'show', 'diff', 'commit', 'blame']);
/** airlock's program named through the shell, as a source to copy or link under another name. */
const AIRLOCK_PROGRAM = /\$\((?:which|command\s+-v|type\s+-p)\s+airlock\)|`(?:which|command\s+-v)\s+airlock`|(?:^|\/)bin\/airlock(?:\.mjs)?$|(?:^|\/)dist\/(?:airlock\.mjs|hook\.cjs)$/;
const COPIES = new Set(['cp', 'ln', 'install', 'rsync', 'link']);

/** The texts an invocation hands on: each word, the words together (`strace airlock approve`), the text on its stdin. */
function textsOf(inv: Invocation): string[] {
  const words = inv.argv.map((a) => a.text);
  return [...words, words.join(' '), ...(inv.stdin.kind === 'text' ? [inv.stdin.text] : [])];
}

/** Whether `airlock` is written in any word, assignment or stdin text of the invocation. */
function handsOnAirlock(inv: Invocation): boolean {
  for (const a of inv.argv) if (a.text.includes('airlock')) return true;
  for (const value of Object.values(inv.env)) if (value.text.includes('airlock')) return true;
  return inv.stdin.kind === 'text' && inv.stdin.text.includes('airlock');
}

/** Assignments the program reads as commands to run (GIT_EDITOR, PAGER, GIT_SSH_COMMAND…), whatever the program. */
function assignedTexts(inv: Invocation): string[] {
  return Object.values(inv.env).map((value) => value.text);
}

/** Whether the invocation only shows or searches text (and writes it nowhere a program could run it from). */
function onlyShowsText(inv: Invocation): boolean {
  if (SEARCHES_TEXT.has(inv.program)) return true;
  if (inv.program === 'git') {
    const words = inv.argv.slice(1).map((a) => a.text);
    return !words.some((w) => w === '-c' || w.startsWith('-c') || w.startsWith('--config-env')) && GIT_SHOWS_TEXT.has(words.find((w) => !w.startsWith('-')) ?? '');
  }
  // echo and printf print; written into a file, the text may run later (a Makefile, a crontab, a script).
  // Inside $(…) or <(…) their output becomes another command's words or script (`sh <(echo …)`).
  if (inv.program === 'echo' || inv.program === 'printf') return !inv.captured && pathsChangedBy(inv).every((p) => p.startsWith('/dev/'));
  return false;
}

export const humanOnlyHandedOn = rule({
  id: 'airlock/human-only-handed-on',
  effect: 'destroy',
  severity: 'critical',
  summary: 'hands `airlock approve` (or another command only a human may run) to a program that can run it',
  consequence: 'Only a human at a terminal may approve, grant or reconfigure; a program that runs it for the agent would let the agent approve its own held commands.',
  alternatives: ['ask the human to run it in their own terminal'],
  match(inv, ctx) {
    if (COPIES.has(inv.program) && inv.argv.slice(1).some((a) => AIRLOCK_PROGRAM.test(a.text))) {
      return { forbidden: true, target: 'airlock', summary: `${inv.program} copies or links airlock's own program, to run it under another name` };
    }
    // Interpreter code with its string literals joined: `system("air"."lock","approve",…)` names airlock whole.
    const runs = codeRunBy(inv, ctx);
    const code = runs && runs !== 'unreadable' && runs.code.includes('airlock') ? [runs.code] : [];
    // The pattern needs `airlock` written out; the words joined hold it only if a word does.
    if (!handsOnAirlock(inv) && code.length === 0) return null;
    const text = [...assignedTexts(inv), ...(onlyShowsText(inv) ? [] : [...textsOf(inv), ...code])].find((t) => HUMAN_ONLY_TEXT.test(t));
    if (!text) return null;
    const found = HUMAN_ONLY_TEXT.exec(text)![0];
    return { forbidden: true, target: found, summary: `${inv.program || 'the shell'} is handed \`${found}\`, which only a human may run` };
  },
});

/**
 * A host that is this machine, however it is spelled: names ending in localhost (and a trailing dot),
 * 127.x in dotted, short, octal, hex or whole-number form (curl takes `127.1`, `0177.0.0.1`, `0x7f.1`,
 * `2130706433`), 0.0.0.0, and any IPv6 address in brackets (`[::1]`, `[::ffff:7f00:1]`).
 */
const LOOPBACK_HOST = String.raw`(?:[\w.-]*localhost|127(?:\.\d+){0,3}|0[0-7]*(?:\.[0-7x]+){0,3}|0x7f[\w.]*|21[34]\d{7}|\[[\da-f:.]*\])\.?`;
/** The dashboard's sign-in and enrolment pages, on this machine (elsewhere, `/login` is any site's). */
const DASHBOARD_SIGN_IN = new RegExp(String.raw`(?:^|[^\w.-])${LOOPBACK_HOST}(?::\d+)?\/+(?:login|enroll)\b`, 'i');
/**
 * The dashboard's routes that answer requests, revoke grants or run a passkey ceremony: distinctive
 * enough to hold on any host, since curl can be sent to this machine under any name (`--resolve`,
 * `--connect-to`, a Host header) and a request can be written to a socket by hand.
 */
const DASHBOARD_ACTION = /\/+requests\/+[a-z2-9]{6}\/+(?:approve|deny)\b|\/+webauthn\/+(?:approve|login|register)\/|\/+grants\/+[^\s/'"?#]+\/+revoke\b/i;
/** Most commands name none of these: a quick look before the patterns. */
const DASHBOARD_HINT = /localhost|127\.|\[[\da-f:]|2130706433|0x7f|\/\/0|requests|webauthn|grants|%/i;

/** A URL's text as the server will see its path: percent-escapes undone, `.` and `..` segments resolved (curl does both). */
function asServed(text: string): string {
  let t = text.includes('%') ? text.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : text;
  for (let before = ''; before !== t; ) {
    before = t;
    t = t.replace(/\/\.(?=\/|$)/g, '').replace(/\/[^/\s.][^/\s]*\/\.\.(?=\/|$)/g, '');
  }
  return t;
}

export const dashboardEndpoints = rule({
  id: 'airlock/dashboard-endpoints',
  effect: 'destroy',
  severity: 'critical',
  summary: "calls airlock's dashboard to approve, deny, revoke a grant or sign in",
  consequence:
    'Only a human answers held commands, on the dashboard with a passkey or one-time code, or at their own terminal; the agent calling those addresses is the agent trying to approve itself.',
  alternatives: ['tell the human the request id, and let them answer it on the dashboard or with `airlock approve` at their terminal'],
  match(inv, ctx) {
    const runs = codeRunBy(inv, ctx);
    const code = runs && runs !== 'unreadable' ? [runs.code] : [];
    const texts = [...textsOf(inv), ...assignedTexts(inv), ...code].filter((t) => DASHBOARD_HINT.test(t));
    if (texts.length === 0 || onlyShowsText(inv)) return null;
    for (const text of texts) {
      const served = asServed(text);
      const found = DASHBOARD_ACTION.exec(served) ?? DASHBOARD_SIGN_IN.exec(served);
      if (found) return { forbidden: true, target: found[0].replace(/^[^\w[/]/, ''), summary: `${inv.program || 'the shell'} calls airlock's dashboard (${found[0].replace(/^[^\w[/]/, '')})` };
    }
    return null;
  },
});

export const pack = [tamper, stateFiles, humanOnlyHandedOn, agentHooksOff, stopsAirlock, dashboardEndpoints];
