// What an invocation acts on, and where that was found: its own flags and arguments, the wrappers it
// runs behind (ssh host, kubectl exec -n ns, heroku run --app x), its assignments, and ambient sources
// (process environment, .env files, kubeconfig, Terraform workspace, the git branch).

import type { Target } from '../core/target.js';
import type { Invocation } from '../core/invocation.js';
import { parseOptions } from '../rules/argv.js';
import { maskArgv } from '../core/mask.js';
import type { Scope } from '../core/environment.js';

/** Where a command runs, as gathered by the runtime: the directory, the environment, and the files read there. */
export interface Surroundings {
  /** The working directory, when known. */
  cwd?: string;
  /** Its real path, when a symlink makes it differ. */
  realCwd?: string;
  /** The environment the command inherits. */
  env: Record<string, string>;
  /** The text of each file of `surroundingFiles()` (relative to `cwd`, or absolute), null when there is none. */
  files: ReadonlyMap<string, string | null>;
}

/** The files whose contents set a directory's environment, in the order they count. */
export function surroundingFiles(env: Record<string, string>, appEnvName?: string): { dotenv: string[]; kubeconfig: string | null; workspace: string; head: string } {
  // .env files fill in only what the environment does not set, as dotenv does.
  const name = appEnvName ?? env.NODE_ENV ?? env.APP_ENV ?? env.RAILS_ENV;
  return {
    dotenv: ['.env', '.env.local', ...(name ? [`.env.${name}`, `.env.${name}.local`] : [])],
    kubeconfig: env.KUBECONFIG?.split(':')[0] ?? (env.HOME ? `${env.HOME}/.kube/config` : null),
    workspace: '.terraform/environment',
    head: '.git/HEAD',
  };
}

/** current-context of a kubeconfig: a top-level scalar in every kubeconfig (a YAML parser would cost ~10 ms to load). */
export function kubeContext(text: string): string | null {
  const m = /^current-context:[ \t]*(?:"([^"]*)"|'([^']*)'|([^\s#][^#\n]*?))[ \t]*(?:#.*)?$/m.exec(text);
  const value = m ? (m[1] ?? m[2] ?? m[3] ?? '').trim() : '';
  return value || null;
}

const DATABASE_VARIABLES = /^(DATABASE_URL|[A-Z0-9_]*_DATABASE_URL|DATABASE_URL_[A-Z0-9_]+|DIRECT_URL|POSTGRES_(PRISMA_)?URL|POSTGRES_URL_NON_POOLING|PG(HOST|DATABASE)|MYSQL_(HOST|URL|DATABASE)|MONGO(DB)?_(URL|URI)|REDIS_(URL|HOST)|DB_(HOST|URL|NAME)|SUPABASE_DB_URL|TURSO_DATABASE_URL)$/;
const APP_ENV_VARIABLES = /^(RAILS_ENV|RACK_ENV|NODE_ENV|APP_ENV|MIX_ENV|FLASK_ENV|DJANGO_SETTINGS_MODULE|ASPNETCORE_ENVIRONMENT|SPRING_PROFILES_ACTIVE|STAGE|ENVIRONMENT|ENV)$/;
const FLAG_KINDS: Record<string, [Scope, string]> = {
  '-h': ['any', 'host'], '--host': ['any', 'host'], '--hostname': ['any', 'host'], '--db-url': ['database', 'database'], '--database-url': ['database', 'database'],
  '--url': ['any', 'url'], '--uri': ['any', 'url'], '-u': ['any', 'name'], '--context': ['kube', 'kube-context'], '--kube-context': ['kube', 'kube-context'],
  '-n': ['any', 'namespace'], '--namespace': ['any', 'namespace'], '--profile': ['any', 'aws-profile'], '--project': ['any', 'project'],
  '-g': ['any', 'resource-group'], '--resource-group': ['any', 'resource-group'], '--app': ['any', 'app'], '-a': ['any', 'app'],
  '--stage': ['any', 'stage'], '-s': ['any', 'stack'], '--stack': ['any', 'stack'], '-e': ['any', 'app-env'], '--env': ['any', 'app-env'],
  '--environment': ['any', 'app-env'], '--settings': ['any', 'app-env'], '-var-file': ['terraform', 'var-file'], '-chdir': ['terraform', 'directory'],
  '--config': ['any', 'config'], '-c': ['any', 'config'], '-f': ['any', 'file'], '--file': ['any', 'file'], '-d': ['any', 'name'], '--dbname': ['database', 'database'],
  '--region': ['any', 'region'], '--cluster': ['any', 'name'],
};

/** What a masked secret reads as. */
const SECRET = '***';

/** Targets named by the invocation itself and by the wrappers around it. */
export function ownTargets(inv: Invocation): Target[] {
  const out: Target[] = [];
  for (let current: Invocation | undefined = inv; current; current = current.outer) {
    const from = current === inv ? '' : ` of ${current.program}`;
    for (const [name, value] of Object.entries(current.env)) {
      if (!value.static) continue;
      if (DATABASE_VARIABLES.test(name)) out.push({ scope: 'any', kind: 'database', value: value.text, source: `${name}=… on the command${from}` });
      else if (APP_ENV_VARIABLES.test(name) || name === 'TF_WORKSPACE' || name === 'AWS_PROFILE' || name === 'KUBECONFIG') out.push({ scope: 'any', kind: name === 'TF_WORKSPACE' ? 'workspace' : name === 'AWS_PROFILE' ? 'aws-profile' : 'app-env', value: value.text, source: `${name}=… on the command${from}` });
    }
    // Targets are evidence, shown and stored: they are read from the argv with its secrets masked,
    // and a value that is nothing but a secret (`redis-cli -a SECRET`) names no environment.
    const shown = maskArgv(current.argv.map((a) => a.text), current.source);
    const argv = current.argv.map((a, i) => (shown[i] === a.text ? a : { ...a, text: shown[i]! }));
    // mysql-style attached passwords (-pSECRET) are not clusters of flags.
    const args = /^(mysql|mariadb|mysqladmin|mysqldump|mariadb-dump|mariadb-admin)$/.test(current.program) ? argv.slice(1).filter((a) => !/^-p./.test(a.text)) : argv.slice(1);
    const parsed = parseOptions(args, { value: Object.keys(FLAG_KINDS).filter((f) => !['-chdir', '-var-file'].includes(f)), singleDashWords: current.program === 'terraform' || current.program === 'tofu' });
    for (const [flag, value] of parsed.options) {
      const kind = FLAG_KINDS[flag];
      if (kind && typeof value === 'string' && value !== SECRET) out.push({ scope: kind[0], kind: kind[1], value, source: `${flag} flag${from}` });
    }
    const words = parsed.positionals.map((a) => a.text);
    // `git push origin main:main` pushes to branch main of remote origin.
    if (current.program === 'git' && words.includes('push')) {
      const at = words.indexOf('push');
      if (words[at + 1]) out.push({ scope: 'any', kind: 'remote', value: words[at + 1]!, source: `git push remote${from}` });
      for (const ref of words.slice(at + 2)) out.push({ scope: 'any', kind: 'branch', value: ref.replace(/^\+/, '').split(':').pop()!.replace(/^refs\/heads\//, ''), source: `git push destination${from}` });
    }
    for (const arg of parsed.positionals) {
      if (!arg.static || arg.text === SECRET) continue;
      const kind = /^[a-z][a-z0-9+.-]*:\/\//i.test(arg.text) ? 'url' : 'argument';
      out.push({ scope: 'any', kind, value: arg.text, source: `argument${from}` });
    }
    // Assignments passed as arguments: `rails db:migrate RAILS_ENV=production`.
    for (const arg of argv) {
      const m = /^([A-Z_][A-Z0-9_]*)=(.+)$/.exec(arg.text);
      if (m && (APP_ENV_VARIABLES.test(m[1]!) || DATABASE_VARIABLES.test(m[1]!))) out.push({ scope: 'any', kind: DATABASE_VARIABLES.test(m[1]!) ? 'database' : 'app-env', value: m[2]!, source: `${m[1]} argument${from}` });
    }
  }
  return out;
}

/** Minimal dotenv reading: KEY=VALUE lines, optional `export`, quotes, comments. */
export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    let value = m[2]!;
    if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1);
    else value = value.replace(/\s+#.*$/, '');
    out[m[1]!] = value;
  }
  return out;
}

/** Targets from the surroundings: env vars, .env files, kubeconfig, Terraform workspace, git branch. */
export function ambientTargets(s: Surroundings, appEnvName: string | undefined): Target[] {
  const out: Target[] = [];
  // Infrastructure code is often laid out by environment: infra/prod, envs/staging.
  if (s.cwd) out.push({ scope: 'terraform', kind: 'directory', value: s.cwd, source: 'the working directory' });
  if (s.realCwd) out.push({ scope: 'terraform', kind: 'directory', value: s.realCwd, source: 'the working directory, symlinks followed' });
  const env = s.env;
  for (const [name, value] of Object.entries(env)) {
    if (DATABASE_VARIABLES.test(name)) out.push({ scope: 'database', kind: 'database', value, source: `${name} in the environment` });
    else if (APP_ENV_VARIABLES.test(name)) out.push({ scope: 'database', kind: 'app-env', value, source: `${name} in the environment` });
  }
  const files = surroundingFiles(env, appEnvName);
  const read = (file: string | null) => (file === null ? null : (s.files.get(file) ?? null));
  for (const file of files.dotenv) {
    const text = read(file);
    if (text === null) continue;
    for (const [key, value] of Object.entries(parseDotenv(text))) {
      if (DATABASE_VARIABLES.test(key) && !(key in env)) out.push({ scope: 'database', kind: 'database', value, source: `${key} in ${file}` });
    }
  }
  const kubeconfig = read(files.kubeconfig);
  const context = kubeconfig ? kubeContext(kubeconfig) : null;
  if (context) out.push({ scope: 'kube', kind: 'kube-context', value: context, source: `current-context in ${files.kubeconfig}` });
  if (env.AWS_PROFILE) out.push({ scope: 'aws', kind: 'aws-profile', value: env.AWS_PROFILE, source: 'AWS_PROFILE in the environment' });
  if (env.CLOUDSDK_CORE_PROJECT) out.push({ scope: 'gcp', kind: 'project', value: env.CLOUDSDK_CORE_PROJECT, source: 'CLOUDSDK_CORE_PROJECT in the environment' });
  const workspace = env.TF_WORKSPACE ?? read(files.workspace)?.trim();
  if (workspace) out.push({ scope: 'terraform', kind: 'workspace', value: workspace, source: env.TF_WORKSPACE ? 'TF_WORKSPACE in the environment' : '.terraform/environment' });
  const head = read(files.head);
  const branch = head ? /^ref: refs\/heads\/(.+)$/m.exec(head)?.[1] : undefined;
  if (branch) out.push({ scope: 'git', kind: 'branch', value: branch, source: 'the current git branch' });
  return out;
}
