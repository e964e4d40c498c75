// What a command acts on, typed by what it is (a database, a kube context and namespace, a Terraform
// directory and workspace, a git branch, a cloud account, a platform app, a path), with the place it
// was found. Packs say which targets an invocation has; the context stage classifies each target's
// names into environments; approvals are bound to each target's canonical form.

import { table } from './table.js';
import type { Scope } from './environment.js';
import { maskSecrets } from './mask.js';

interface Found {
  /** Where it was found, shown with the evidence: `-h flag`, `DATABASE_URL in .env.local`, `the MCP server's name`. */
  source: string;
  /**
   * What it names is all there is to know about where the command acts: ambient evidence of the same
   * scope (DATABASE_URL in the project's .env, the current kube context) does not count beside it.
   * Set for an MCP server the policy maps: the server, not the agent's project, decides its database.
   */
  exclusive?: true;
}

export interface DatabaseTarget extends Found {
  type: 'database';
  /** A connection URL or DSN, or what a database variable holds (DATABASE_URL, PGHOST, DB_NAME). */
  url?: string;
  /** A host named on its own (`psql -h db.internal`). */
  host?: string;
  /** The database's name (`--dbname app`). */
  name?: string;
  dialect?: string;
  /** The application environment that picks the database configuration (RAILS_ENV, NODE_ENV, `-e production`). */
  appEnv?: string;
  /** The MCP server that speaks to it, by the name the agent calls it. */
  server?: string;
}

interface KubeTarget extends Found {
  type: 'kube';
  context?: string;
  namespace?: string;
  /** The MCP server that speaks to the cluster. */
  server?: string;
}

interface TerraformTarget extends Found {
  type: 'terraform';
  directory?: string;
  workspace?: string;
  varFile?: string;
}

interface GitTarget extends Found {
  type: 'git';
  worktree?: string;
  branch?: string;
  remote?: string;
}

interface CloudTarget extends Found {
  type: 'cloud';
  provider?: 'aws' | 'gcp' | 'azure';
  profile?: string;
  account?: string;
  project?: string;
  resourceGroup?: string;
  region?: string;
  cluster?: string;
}

/** An application on a hosting platform (Heroku, Fly, Vercel, Serverless, Pulumi stacks…). */
interface AppTarget extends Found {
  type: 'app';
  name?: string;
  stage?: string;
  stack?: string;
  /** The environment the platform deploys to or runs in (`--env production`). */
  environment?: string;
  /** The configuration file that picks it (`--config drizzle.prod.config.ts`). */
  config?: string;
}

/** A file or folder the command changes. */
interface PathTarget extends Found {
  type: 'path';
  path: string;
  /** The path is inside the working directory: the developer's own copy. */
  inProject?: true;
}

/**
 * A word that names something of a kind the command doesn't say: an argument, a URL, a user name, a
 * file handed to an option, an MCP server that is not a database or cluster. Its name is still evidence.
 */
interface NameTarget extends Found {
  type: 'name';
  kind: 'argument' | 'url' | 'name' | 'file' | 'mcp-server';
  value: string;
}

export type Target = DatabaseTarget | KubeTarget | TerraformTarget | GitTarget | CloudTarget | AppTarget | PathTarget | NameTarget;

/** A target before it is known where it was found: what a pack's option makes of its value. */
export type TargetBody = Target extends infer T ? (T extends Target ? Omit<T, 'source'> : never) : never;

/** Which ambient evidence a target is: a production DATABASE_URL in .env counts only for tools that act on databases. */
export function scopeOf(target: Target): Scope {
  switch (target.type) {
    case 'database':
    case 'kube':
    case 'terraform':
    case 'git':
    case 'path':
      return target.type;
    case 'cloud':
      return target.provider ?? 'any';
    default:
      return 'any';
  }
}

/** One name a target carries, as the environment heuristics and the policy's declarations read it. */
export interface TargetName {
  /** The kind of name: `database`, `host`, `kube-context`, `namespace`, `branch`, `mcp-server`… */
  kind: string;
  value: string;
}

/** Each field of a target and the kind of name it is, in the order evidence is listed. */
const FIELDS: { [T in Target['type']]: [field: string, kind: string][] } = {
  database: [
    ['url', 'database'],
    ['host', 'host'],
    ['name', 'database'],
    ['appEnv', 'app-env'],
    ['server', 'mcp-server'],
  ],
  kube: [
    ['context', 'kube-context'],
    ['namespace', 'namespace'],
    ['server', 'mcp-server'],
  ],
  terraform: [
    ['directory', 'directory'],
    ['workspace', 'workspace'],
    ['varFile', 'var-file'],
  ],
  git: [
    ['worktree', 'directory'],
    ['remote', 'remote'],
    ['branch', 'branch'],
  ],
  cloud: [
    ['profile', 'aws-profile'],
    ['account', 'account'],
    ['project', 'project'],
    ['resourceGroup', 'resource-group'],
    ['region', 'region'],
    ['cluster', 'name'],
  ],
  app: [
    ['name', 'app'],
    ['stage', 'stage'],
    ['stack', 'stack'],
    ['environment', 'app-env'],
    ['config', 'config'],
  ],
  path: [['path', 'path']],
  name: [],
};

/** The names a target carries, each to be classified on its own. */
export function namesOf(target: Target): TargetName[] {
  if (target.type === 'name') return [{ kind: target.kind, value: target.value }];
  const fields = target as unknown as Record<string, unknown>;
  const out: TargetName[] = [];
  for (const [field, kind] of FIELDS[target.type]) {
    const value = fields[field];
    if (typeof value === 'string' && value !== '') out.push({ kind, value });
  }
  return out;
}

/** The target with every name in it masked, as it may be shown and stored. */
export function maskTarget<T extends Target>(target: T): T {
  const out: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(out)) if (typeof value === 'string' && key !== 'type') out[key] = maskSecrets(value);
  return out as T;
}

/** Default ports: `db:5432` and `db` are the same PostgreSQL server. */
const DEFAULT_PORTS: Record<string, string> = table({
  postgres: '5432',
  mysql: '3306',
  mongodb: '27017',
  redis: '6379',
  rediss: '6379',
  http: '80',
  https: '443',
  sqlserver: '1433',
  clickhouse: '9000',
});
const SCHEME_ALIASES: Record<string, string> = table({
  postgresql: 'postgres',
  pgsql: 'postgres',
  mariadb: 'mysql',
  'mysql+pymysql': 'mysql',
  'postgresql+psycopg2': 'postgres',
  'postgresql+asyncpg': 'postgres',
  mssql: 'sqlserver',
});
/** Query parameters that carry credentials: not part of what a target is. */
const SECRET_PARAMETER = /pass|secret|token|key|auth|cred|sig/i;

/**
 * A connection URL as one canonical string: the scheme's usual name, the host in lower case, the
 * default port left out, no password (a masked one included), query parameters sorted and credentials
 * left out. `postgresql://app:s3cret@DB.Prod:5432/app` and `postgres://app:***@db.prod/app` are the
 * same database; another host, port, user or database name is another one. Anything not a URL (a DSN,
 * a bare host) keeps its text, masked, with its spaces folded.
 */
export function canonicalUrl(text: string): string {
  const m = /^([a-z][a-z0-9+.-]*):\/\/(?:([^@/?#]*)@)?([^/?#]*)([^?#]*)(?:\?([^#]*))?/i.exec(text.trim());
  if (!m) return maskSecrets(text).trim().replace(/\s+/g, ' ');
  const scheme = SCHEME_ALIASES[m[1]!.toLowerCase()] ?? m[1]!.toLowerCase();
  const user = m[2] === undefined ? '' : decodeSafe(m[2].split(':')[0]!);
  let host = m[3]!.toLowerCase();
  const port = /:(\d+)$/.exec(host)?.[1];
  if (port !== undefined && DEFAULT_PORTS[scheme] === port) host = host.slice(0, -(port.length + 1));
  const path = m[4]!.replace(/\/+$/, '');
  const query = (m[5] ?? '')
    .split('&')
    .filter((p) => p !== '' && !SECRET_PARAMETER.test(p.split('=')[0]!))
    .sort();
  const who = user !== '' && user !== '***' ? `${user}@` : '';
  return `${scheme}://${who}${host}${path}${query.length ? `?${query.join('&')}` : ''}`;
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The target as one canonical string, for binding an approval: what it is, not where it was found or
 * how it was spelled. The same target gives the same string however it is written; passwords never
 * appear in it.
 */
export function canonicalTarget(target: Target): string {
  const parts = namesOf(target).map(
    ({ kind, value }) => `${kind}=${kind === 'database' || kind === 'url' ? canonicalUrl(value) : kind === 'host' ? value.trim().toLowerCase() : maskSecrets(value).trim()}`,
  );
  if (target.type === 'database' && target.dialect) parts.push(`dialect=${target.dialect}`);
  if (target.type === 'cloud' && target.provider) parts.push(`provider=${target.provider}`);
  return `${target.type}:${parts.sort().join(';')}`;
}
