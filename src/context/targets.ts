// What the surroundings of a command name, as typed targets: the process environment, .env files,
// the kubeconfig's current context, the Terraform workspace and directory, the git branch. They count
// only for the tools that act on them (a TargetSpec's `acts`). What a command names itself is read by
// the packs (src/rules/targets.ts).

import type { Target } from '../core/target.js';
import { APP_ENV_VARIABLES, DATABASE_VARIABLES } from '../rules/targets.js';

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
function kubeContext(text: string): string | null {
  const m = /^current-context:[ \t]*(?:"([^"]*)"|'([^']*)'|([^\s#][^#\n]*?))[ \t]*(?:#.*)?$/m.exec(text);
  const value = m ? (m[1] ?? m[2] ?? m[3] ?? '').trim() : '';
  return value || null;
}

/** Minimal dotenv reading: KEY=VALUE lines, optional `export`, quotes, comments. */
function parseDotenv(text: string): Record<string, string> {
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
  if (s.cwd) out.push({ type: 'terraform', directory: s.cwd, source: 'the working directory' });
  if (s.realCwd) out.push({ type: 'terraform', directory: s.realCwd, source: 'the working directory, symlinks followed' });
  const env = s.env;
  for (const [name, value] of Object.entries(env)) {
    if (DATABASE_VARIABLES.test(name)) out.push({ type: 'database', url: value, source: `${name} in the environment` });
    else if (APP_ENV_VARIABLES.test(name)) out.push({ type: 'database', appEnv: value, source: `${name} in the environment` });
  }
  const files = surroundingFiles(env, appEnvName);
  const read = (file: string | null) => (file === null ? null : (s.files.get(file) ?? null));
  for (const file of files.dotenv) {
    const text = read(file);
    if (text === null) continue;
    for (const [key, value] of Object.entries(parseDotenv(text))) {
      if (DATABASE_VARIABLES.test(key) && !(key in env)) out.push({ type: 'database', url: value, source: `${key} in ${file}` });
    }
  }
  const kubeconfig = read(files.kubeconfig);
  const context = kubeconfig ? kubeContext(kubeconfig) : null;
  if (context) out.push({ type: 'kube', context, source: `current-context in ${files.kubeconfig}` });
  if (env.AWS_PROFILE) out.push({ type: 'cloud', provider: 'aws', profile: env.AWS_PROFILE, source: 'AWS_PROFILE in the environment' });
  if (env.CLOUDSDK_CORE_PROJECT) out.push({ type: 'cloud', provider: 'gcp', project: env.CLOUDSDK_CORE_PROJECT, source: 'CLOUDSDK_CORE_PROJECT in the environment' });
  const workspace = env.TF_WORKSPACE ?? read(files.workspace)?.trim();
  if (workspace) out.push({ type: 'terraform', workspace, source: env.TF_WORKSPACE ? 'TF_WORKSPACE in the environment' : '.terraform/environment' });
  const head = read(files.head);
  const branch = head ? /^ref: refs\/heads\/(.+)$/m.exec(head)?.[1] : undefined;
  if (branch) out.push({ type: 'git', branch, source: 'the current git branch' });
  return out;
}
