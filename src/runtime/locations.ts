// Where airlock keeps its things, from the environment alone (no I/O): its state (audit log, approvals,
// grants, the install manifest), its data (the installed hook runtime) and its user policy. Shared by
// the stores that write there and by the self-protection rules that keep the agent out.

import { homedir } from 'node:os';
import { posix } from 'node:path';
import type { ProtectedPlaces } from '../analyze/analyze.js';

type Env = Record<string, string | undefined>;

const home = (env: Env) => env.HOME || homedir();

export function stateDirectory(env: Env): string {
  return env.AIRLOCK_STATE_DIR || posix.join(env.XDG_STATE_HOME || posix.join(home(env), '.local', 'state'), 'airlock');
}

/** The dashboard's passkeys, one-time-code secret and enrolment tokens (server/secrets.ts). */
export function dashboardSecretsFile(env: Env): string {
  return posix.join(stateDirectory(env), 'dashboard.json');
}

/** The installed hook runtime lives here, apart from the checkout it was built in. */
export function dataDirectory(env: Env): string {
  return env.AIRLOCK_DATA_DIR || posix.join(env.XDG_DATA_HOME || posix.join(home(env), '.local', 'share'), 'airlock');
}

function configDirectory(env: Env): string {
  return posix.join(env.XDG_CONFIG_HOME || posix.join(home(env), '.config'), 'airlock');
}

/** Every directory of airlock's own that the agent must not change, delete or move. */
function airlockDirectories(env: Env): string[] {
  const dirs = [stateDirectory(env), dataDirectory(env), configDirectory(env)];
  // The folder holding the org policy is airlock's; at `/`, only the file is (the whole disk would
  // make every write airlock's). A relative path names no place.
  const orgPolicy = env.AIRLOCK_ORG_POLICY?.startsWith('/') ? posix.normalize(env.AIRLOCK_ORG_POLICY) : null;
  if (orgPolicy) dirs.push(posix.dirname(orgPolicy) === '/' ? orgPolicy : posix.dirname(orgPolicy));
  return [...new Set(dirs.map((d) => posix.normalize(d).replace(/\/$/, '')))];
}

/**
 * Secrets that may not even be read: the key that makes the audit log tamper-evident (whoever holds it
 * can rewrite the log and sign it again), where airlock looks for it and where it makes it by default;
 * and the dashboard's secrets (its one-time-code secret approves on the dashboard).
 */
function auditKeyFiles(env: Env): string[] {
  const places = [posix.join(stateDirectory(env), 'audit.key'), dashboardSecretsFile(env), ...(env.AIRLOCK_AUDIT_KEY_FILE ? [env.AIRLOCK_AUDIT_KEY_FILE] : [])];
  return [...new Set(places.filter((p) => p.startsWith('/')).map((p) => posix.normalize(p)))];
}

/** airlock's own folders and files, each as narrow as it is: the org policy file, not the folder it sits in. */
function airlockFolders(env: Env): string[] {
  const places = [
    stateDirectory(env),
    dataDirectory(env),
    configDirectory(env),
    ...(env.AIRLOCK_ORG_POLICY ? [env.AIRLOCK_ORG_POLICY] : []),
    ...(env.AIRLOCK_AUDIT_KEY_FILE ? [env.AIRLOCK_AUDIT_KEY_FILE] : []),
  ];
  return [...new Set(places.filter((p) => p.startsWith('/')).map((p) => posix.normalize(p).replace(/(.)\/$/, '$1')))].filter((p) => p !== '/');
}

/**
 * Where the agents keep their user-level hook settings: what airlock installs its hook into, and what
 * switches the agent into a mode that skips hooks. Deleting or moving a folder that holds one removes it.
 */
function agentSettingsFiles(env: Env): string[] {
  const h = home(env);
  const config = env.XDG_CONFIG_HOME || posix.join(h, '.config');
  const codex = env.CODEX_HOME || posix.join(h, '.codex');
  const copilot = env.COPILOT_HOME || posix.join(h, '.copilot');
  return [
    posix.join(h, '.claude', 'settings.json'),
    posix.join(h, '.claude.json'),
    posix.join(codex, 'hooks.json'),
    posix.join(codex, 'config.toml'),
    posix.join(h, '.gemini', 'settings.json'),
    // Gemini CLI loads these into its own environment, which its hooks inherit (NODE_OPTIONS, BASH_ENV…).
    posix.join(h, '.gemini', '.env'),
    posix.join(h, '.env'),
    posix.join(h, '.cursor', 'hooks.json'),
    posix.join(copilot, 'hooks'),
    // opencode loads `{plugin,plugins}/*.{ts,js}` from its config folder (seen in opencode-ai's own code).
    posix.join(config, 'opencode', 'plugins'),
    posix.join(config, 'opencode', 'plugin'),
    posix.join(config, 'opencode', 'opencode.json'),
    posix.join(h, '.codeium', 'windsurf', 'hooks.json'),
  ].map((p) => posix.normalize(p));
}

/**
 * The prefixes npm may install global packages under (`<prefix>/lib/node_modules/airlock`, with its
 * program linked as `<prefix>/bin/airlock`): the system's, Homebrew's, the usual per-user ones, the one
 * $NPM_CONFIG_PREFIX names, and the one next to the node binary the hook runs with (nvm and other node
 * installs keep their global packages there). From the environment alone: `npm prefix -g` is not run.
 */
function npmPrefixes(env: Env, nodeBinaries: readonly string[]): string[] {
  const h = home(env);
  const named = [env.NPM_CONFIG_PREFIX, env.npm_config_prefix].filter((p): p is string => p?.startsWith('/') === true);
  const besideNode = nodeBinaries.filter((p) => p.startsWith('/')).map((p) => posix.dirname(posix.dirname(p)));
  return [...new Set(['/usr', '/usr/local', '/opt/homebrew', posix.join(h, '.npm-global'), posix.join(h, '.local'), ...named, ...besideNode].map((p) => posix.normalize(p).replace(/(.)\/$/, '$1')))];
}

/** Every variable the places above are worked out from. */
const PLACE_VARIABLES = [
  'HOME',
  'XDG_STATE_HOME',
  'XDG_DATA_HOME',
  'XDG_CONFIG_HOME',
  'AIRLOCK_STATE_DIR',
  'AIRLOCK_DATA_DIR',
  'AIRLOCK_ORG_POLICY',
  'AIRLOCK_AUDIT_KEY_FILE',
  'CODEX_HOME',
  'COPILOT_HOME',
  'NPM_CONFIG_PREFIX',
  'npm_config_prefix',
] as const;

/** The places of the environment asked for last: a long-lived process sees the same one again and again. */
let last: { key: string; nodeBinaries: readonly string[]; programFolders: readonly string[]; places: ProtectedPlaces } | undefined;

/**
 * The places the self-protection rules keep the agent out of, for a request's environment: worked out
 * once for each environment in a row (a dozen path joins, and homedir() when HOME is unset, on every
 * request otherwise). The answer is frozen, as it is shared.
 */
export function protectedPlaces(env: Env, nodeBinaries: readonly string[], programFolders: readonly string[] = []): ProtectedPlaces {
  let key = env.HOME ? '' : homedir();
  for (const name of PLACE_VARIABLES) key += `\0${env[name] ?? ''}`;
  if (last?.key === key && last.nodeBinaries === nodeBinaries && last.programFolders === programFolders) return last.places;
  const places: ProtectedPlaces = Object.freeze({
    // The node binary the hook runs with, and the folder of the bundle it runs (with its packs), are
    // part of the guard: replaced, they could answer anything.
    airlockDirectories: Object.freeze([...airlockDirectories(env), ...nodeBinaries, ...programFolders]),
    agentSettings: Object.freeze(agentSettingsFiles(env)),
    airlockFolders: Object.freeze(airlockFolders(env)),
    auditKeys: Object.freeze(auditKeyFiles(env)),
    npmPrefixes: Object.freeze(npmPrefixes(env, nodeBinaries)),
  });
  last = { key, nodeBinaries, programFolders, places };
  return places;
}
