// What a path points at, from its text alone: the root, a home directory, system files, credentials,
// a database file, the project itself, or something regenerable like node_modules. Rules decide what
// deleting or overwriting each kind means.

import type { Arg, Invocation } from '../core/invocation.js';
import type { RuleContext } from './rule.js';

export type PathKind =
  | 'root' // `/`, `/*`
  | 'home' // `~`, `~/`, `~/*`, another user's home
  | 'unset-variable' // begins with an unknown value: `"$BUILD_DIR/"` is `/` when the variable is unset
  | 'system' // /etc, /usr, /var, …
  | 'device' // /dev/sda
  | 'credentials' // ~/.ssh, ~/.aws, .env, *.pem
  | 'git' // .git and what is inside it
  | 'database' // *.sqlite3, *.db, database data directories
  | 'terraform-state' // *.tfstate
  | 'project-root' // `.`, `*`, `./*`, `.[!.]*`: the whole working directory
  | 'parent' // `..` and above
  | 'regenerable' // build output, dependencies, caches, logs
  | 'temporary' // /tmp/…
  | 'home-item' // something in a home directory
  | 'outside' // another absolute path
  | 'project'; // a path inside the working directory

export interface PathInfo {
  kind: PathKind;
  path: string;
}

const SYSTEM = /^\/(etc|usr|bin|sbin|lib|lib32|lib64|libx32|boot|var|opt|sys|proc|srv|root|snap|System|Library|Applications|private|nix|run|mnt|media)(\/|$)/;
// macOS gives each user a $TMPDIR under /var/folders/<xx>/<id>/T.
const TEMP = /^(\/tmp|\/var\/tmp|\/private\/tmp|\/dev\/shm|(\/private)?\/var\/folders\/[^/]+\/[^/]+\/T|\$TMPDIR|\$\{TMPDIR\})(\/|$)/;
const REGENERABLE_DIRS = new Set([
  'node_modules',
  'dist',
  'build',
  'out',
  '.next',
  '.nuxt',
  '.output',
  '.svelte-kit',
  '.turbo',
  '.parcel-cache',
  '.cache',
  '.vite',
  '.angular',
  '.expo',
  'target',
  '.venv',
  'venv',
  '__pycache__',
  '.pytest_cache',
  '.mypy_cache',
  '.ruff_cache',
  '.tox',
  '.nox',
  'coverage',
  '.nyc_output',
  '.gradle',
  '.terraform',
  '.serverless',
  '.aws-sam',
  'cdk.out',
  '.eslintcache',
  '.sass-cache',
  'bower_components',
  '.dart_tool',
  '.pub-cache',
  'DerivedData',
  '.build',
  'storybook-static',
  '.docusaurus',
  '.webpack',
  '.yarn-cache',
  '.pnpm-store',
  'tmp',
  'htmlcov',
  '.eggs',
  '.hypothesis',
  '.pytype',
  '.dmypy.json',
]);
/** Build output two folders deep: Rails' precompiled assets and Webpacker's packs. */
const REGENERABLE_NESTED = /(^|\/)public\/(assets|packs|packs-test)(\/|$)/;
/** Build output named by its suffix: setuptools' `<name>.egg-info`. */
const REGENERABLE_SUFFIX = /\.egg-info$/;
const REGENERABLE_FILE =
  /(\.(pyc|pyo|o|obj|class|log|pid|tsbuildinfo|swp|DS_Store)|^\.DS_Store|^\.coverage(\..+)?|^(package-lock\.json|yarn\.lock|pnpm-lock\.yaml|npm-shrinkwrap\.json|bun\.lockb?|\.eslintcache))$/;
const CREDENTIALS =
  /^(\.ssh|\.aws|\.gnupg|\.kube|\.config|\.docker|\.azure|\.gcloud|\.netrc|\.pgpass|\.my\.cnf|\.npmrc|\.pypirc|\.git-credentials|\.vault-token|\.terraformrc|credentials(\.json)?|id_(rsa|dsa|ecdsa|ed25519)(\.pub)?|.*\.(pem|key|p12|pfx|jks|keystore)|\.env(\..+)?|secrets?(\.(ya?ml|json|toml))?|master\.key)$/;
const DATABASE_FILE = /\.(db|sqlite|sqlite3|db3|s3db|sl3|mdb|accdb|duckdb|realm|ldb|ibd|frm|myd|wt)$|^(pgdata|pg_data|mysql-data|postgres-data|mongo-data|redis-data|dump\.rdb|appendonly\.aof)$/i;
const DEVICE = /^\/dev\/(sd|hd|vd|xvd|nvme|mmcblk|disk|rdisk|md|dm-|mapper\/|loop)/;

/** Removes `./`, repeated and trailing slashes, keeping `/` itself. */
function normalisePath(text: string): string {
  let p = text.replace(/\/{2,}/g, '/');
  while (p.startsWith('./') && p.length > 2) p = p.slice(2);
  p = p.replace(/\/\.$/, '/');
  if (p.length > 1) p = p.replace(/\/+$/, '');
  return p;
}

/**
 * `a/b/../c` as `a/c`, and whether any `..` was folded. `..` above `/` stays at `/`; above a relative
 * start or `~` it is kept (`../x`, `~/..`).
 */
function foldParents(path: string): { path: string; folded: boolean } {
  if (!path.includes('..')) return { path, folded: false };
  const out: string[] = [];
  let folded = false;
  for (const segment of path.split('/')) {
    if (segment === '.') continue;
    const top = out[out.length - 1];
    if (segment !== '..' || top === undefined || top === '..' || top.startsWith('~')) out.push(segment);
    else if (top === '' && out.length === 1) folded = true;
    else {
      out.pop();
      folded = true;
    }
  }
  const joined = out.join('/');
  return { path: joined === '' && path.startsWith('/') ? '/' : joined || '.', folded };
}

export function classifyPath(arg: Arg): PathInfo {
  const written = normalisePath(arg.text);
  const { path: folded, folded: climbed } = arg.dynamicStart ? { path: written, folded: false } : foldParents(written);
  const kind = classifyFolded(arg, folded);
  // What `..` lands on is judged, not the folders it climbs out of (`node_modules/../src`, `/tmp/../etc`);
  // through a symlink it may land elsewhere, so it is never taken for something safe to delete.
  if (climbed && (kind === 'regenerable' || kind === 'temporary')) return { kind: folded.startsWith('/') ? 'outside' : 'project', path: written };
  if (climbed && kind === 'home-item' && /^~[^/]*\/\.\.(\/|$)/.test(folded)) return { kind: 'home', path: written };
  return { kind, path: written };
}

function classifyFolded(arg: Arg, path: string): PathKind {
  if (arg.dynamicStart) return inTempDir(path) ? 'temporary' : 'unset-variable';
  if (path === '/' || path === '/*' || path === '/.*' || /^\/\.\.?$/.test(path)) return 'root';
  if (/^~[^/]*$/.test(path) || /^~[^/]*\/(\*|\.\*|\.\[!\.\]\*)?$/.test(path) || /^\/(home|Users)(\/[^/]+)?(\/\*)?$/.test(path) || path === '/root') return 'home';
  const segments = path.split('/');
  const base = segments[segments.length - 1] ?? '';
  if (DEVICE.test(path)) return 'device';
  if (segments.includes('.git') || base === '.git') return 'git';
  if (segments.some((s) => CREDENTIALS.test(s))) return 'credentials';
  if (/\.tfstate(\.backup)?$|^terraform\.tfstate\.d$/.test(base)) return 'terraform-state';
  if (DATABASE_FILE.test(base)) return 'database';
  if (TEMP.test(path)) return 'temporary';
  if (/^(\.\.)(\/\.\.)*(\/(\*|\.\*))?$/.test(path)) return 'parent';
  if (path === '.' || path === '*' || path === '.*' || path === '.[!.]*' || path === '..?*' || path === '{*,.*}' || path === '*.*') return 'project-root';
  if (
    segments.some((s) => REGENERABLE_DIRS.has(s) || REGENERABLE_SUFFIX.test(s)) ||
    REGENERABLE_NESTED.test(path) ||
    REGENERABLE_FILE.test(base) ||
    /^\*\.(pyc|pyo|o|class|log|tmp|pid|tsbuildinfo)$/.test(base)
  ) {
    return 'regenerable';
  }
  if (path.startsWith('/dev/')) return 'temporary';
  if (SYSTEM.test(path)) return 'system';
  if (path.startsWith('~') || /^\/(home|Users)\//.test(path)) return 'home-item';
  if (path.startsWith('/')) return 'outside';
  return 'project';
}

/**
 * A path under the temporary directory the system names in $TMPDIR (`"$TMPDIR/build"`,
 * `${TMPDIR:-/tmp}/x`). When $TMPDIR is unset the rest is read from `/`: `$TMPDIR/*` or `$TMPDIR/etc`
 * would then be the root or a system folder, so those stay unknown.
 */
function inTempDir(path: string): boolean {
  const m = /^(\$TMPDIR|\$\{TMPDIR\}|\$\{TMPDIR:?-([^}]*)\})(\/.*)$/.exec(path);
  if (!m || m[3]!.includes('..')) return false;
  const fallback = m[2] ?? '';
  const unset = classifyPath({ text: `${fallback}${m[3]}`, static: true, dynamicStart: false, glob: false, mayMultiply: false });
  return unset.kind === 'temporary' || unset.kind === 'outside' || (unset.kind === 'regenerable' && unset.path.startsWith('/'));
}

/**
 * What a path points at, as `inv` would reach it. A home directory is home wherever it lives: with
 * HOME=/tmp/u, `/tmp/u` is a home directory and `/tmp/u/proj` is in one, not temporary files. Only
 * paths the text calls temporary are looked up, so this costs nothing for the rest.
 */
export function classifyAt(arg: Arg, inv: Invocation, ctx: Pick<RuleContext, 'home' | 'locate'>): PathInfo {
  const info = classifyPath(arg);
  const home = ctx.home?.replace(/\/+$/, '');
  if (info.kind !== 'temporary' || !home) return info;
  const spellings = ctx.locate(arg.text, inv);
  if (spellings.some((p) => p === home)) return { kind: 'home', path: info.path };
  if (spellings.some((p) => p.startsWith(`${home}/`))) return { kind: 'home-item', path: info.path };
  return info;
}

/** Kinds whose loss can't be undone by rebuilding or reinstalling. */
export function isPrecious(kind: PathKind): boolean {
  return kind !== 'regenerable' && kind !== 'temporary' && kind !== 'project';
}

const DESCRIPTIONS: Record<PathKind, string> = {
  root: 'the root of the filesystem',
  home: 'a home directory',
  'unset-variable': 'a path that starts with a variable; if it is unset or empty this is /',
  system: 'system files',
  device: 'a disk device',
  credentials: 'credentials or secrets',
  git: 'the git repository itself (history, stashes, unpushed branches)',
  database: 'a database file',
  'terraform-state': 'Terraform state',
  'project-root': 'the whole working directory, uncommitted work included',
  parent: 'the directory above the project',
  regenerable: 'regenerable files',
  temporary: 'temporary files',
  'home-item': 'files in a home directory',
  outside: 'files outside the project',
  project: 'project files',
};

export function describePath(info: PathInfo): string {
  return `${info.path} (${DESCRIPTIONS[info.kind]})`;
}
