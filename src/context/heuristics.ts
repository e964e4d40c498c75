// Built-in guesses from names, used when no policy pattern matches: loopback and compose service names
// are local, kind/minikube/docker-desktop contexts are local, and names containing prod/production/prd/
// live are production, staging/stage/stg staging.

import type { Environment } from '../core/environment.js';

const LOCAL_CONTEXT = /^(kind-.+|minikube|docker-desktop|docker-for-desktop|k3d-.+|orbstack|rancher-desktop|colima(-.+)?|microk8s)$/;

/** The host part of a URL-ish value (`postgres://u:p@host:5432/db` → `host`). */
function hostOf(value: string): string | null {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^/:?#,]+)/i.exec(value);
  return m ? m[1]!.toLowerCase() : null;
}

function isLocalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local') || /^127\./.test(h) || h === '::1' || h === '0.0.0.0' || h === 'host.docker.internal' || h.startsWith('/') || h === '';
}

/**
 * Environment words as whole tokens, so `product` and `liveness` don't count. Full-width and other
 * compatibility letters are read as the letters they stand for (`ｐｒｏｄ`), a camelCase name is split
 * into its words (`ProdDb`, `pgLive`), and a word may end in a number (`production2`).
 */
export function environmentFromTokens(value: string): { environment: Environment; token: string } | null {
  const tokens = value
    .normalize('NFKC')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const find = (re: RegExp) => tokens.find((t) => re.test(t));
  let t = find(/^(prod|production|prd|live)\d*$/);
  if (t) return { environment: 'production', token: t };
  t = find(/^(staging|stage|stg|preprod|uat)\d*$/);
  if (t) return { environment: 'staging', token: t };
  t = find(/^(dev|development|develop)$/);
  if (t) return { environment: 'development', token: t };
  t = find(/^(local|test|testing)$/);
  if (t) return { environment: 'local', token: t };
  return null;
}

export interface Guess {
  environment: Environment;
  reason: string;
}

/** A filesystem path, not a URL or a host: `~/.local/state/x.db`, `./data`, `/srv/app`, `infra/prod`. */
function isPathLike(value: string): boolean {
  return !value.includes('://') && (/^[~.]?\//.test(value) || /^\.\.?(\/|$)/.test(value) || value.includes('/'));
}

/**
 * Environment words in a name. In a path, the folders it passes through are folders, not hosts: a
 * folder named `.local` (as in `~/.local/state`), `dev` or `test` says nothing about where data lives,
 * so only the last part (the file or folder named) may make it local or development. A folder that says
 * production or staging still counts: reading a name as riskier than it is can only hold a command.
 */
function environmentFromName(value: string): { environment: Environment; token: string } | null {
  if (!isPathLike(value)) return environmentFromTokens(value);
  const parts = value.replace(/\/+$/, '').split('/');
  const last = environmentFromTokens(parts.pop() ?? '');
  const folders = environmentFromTokens(parts.join('/'));
  const risky = (e: { environment: Environment } | null) => e !== null && (e.environment === 'production' || e.environment === 'staging');
  if (risky(folders) && !(last && last.environment === 'production')) return folders;
  return last;
}

/** A heuristic guess for a value of a given kind, or null when the name says nothing. */
export function guess(kind: string, rawValue: string): Guess | null {
  // A device path (`/dev/sda`, dd's `of=/dev/sdb`) is hardware on this machine: its `dev` is no development environment.
  if (/^(?:[a-z]+=)?\/dev\//i.test(rawValue)) return null;
  // A JDBC URL is the database's own URL behind a `jdbc:` prefix (Flyway, Liquibase).
  const value = kind === 'database' || kind === 'url' ? rawValue.replace(/^jdbc:/i, '') : rawValue;
  if (kind === 'database' || kind === 'host' || kind === 'url') {
    const host = kind === 'host' ? value.toLowerCase() : (hostOf(value) ?? '');
    if (kind !== 'host' && !host && /^(file:|sqlite:)/.test(value)) return { environment: 'local', reason: 'a local database file' };
    if (host && isLocalHost(host)) return { environment: 'local', reason: `${host} is a loopback or .local host` };
    // A single-label host is a compose service only for database and web URLs, not s3://bucket or gs://bucket.
    const serviceLike = kind === 'host' || /^(postgres(ql)?|mysql|mariadb|redis|rediss|mongodb(\+srv)?|amqp|http|https|clickhouse|cockroachdb|sqlserver|mssql):\/\//i.test(value);
    if (host && serviceLike && !host.includes('.') && !host.includes(':')) {
      const named = environmentFromTokens(host);
      return named
        ? { environment: named.environment, reason: `the host name contains "${named.token}"` }
        : { environment: 'local', reason: `${host} is a single-label name, as docker-compose services are` };
    }
    const named = host ? environmentFromTokens(value) : environmentFromName(value);
    return named ? { environment: named.environment, reason: `the name contains "${named.token}"` } : { environment: 'unknown', reason: `nothing says which environment ${host || value} is` };
  }
  if (kind === 'kube-context') {
    if (LOCAL_CONTEXT.test(value)) return { environment: 'local', reason: `${value} is a local cluster` };
    const named = environmentFromTokens(value);
    return named ? { environment: named.environment, reason: `the context name contains "${named.token}"` } : { environment: 'unknown', reason: `nothing says which environment context ${value} is` };
  }
  if (kind === 'branch') {
    if (/^(production|prod|live)$/.test(value)) return { environment: 'production', reason: `branch ${value}` };
    if (/^(staging|stage)$/.test(value)) return { environment: 'staging', reason: `branch ${value}` };
    return null;
  }
  const named = environmentFromName(value);
  return named ? { environment: named.environment, reason: `the name contains "${named.token}"` } : null;
}
