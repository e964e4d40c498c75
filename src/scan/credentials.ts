// Production credentials an agent could reach: variables in the shell's environment and in .env files
// that name production, cloud profiles and kube contexts named like production. Pure: texts in,
// findings out; production is what airlock's own name heuristics say it is.

import { parse } from 'yaml';
import { environmentFromTokens, guess } from '../context/heuristics.js';
import { maskSecrets } from '../core/mask.js';
import type { ScanFinding } from './findings.js';

/** Variables that hold a target: a database URL, a cloud profile, a kube config, a host. */
const TARGET_VARIABLE =
  /(?:^|_)(?:DATABASE|DB|POSTGRES|PG|MYSQL|MONGO|REDIS)(?:_\w*)?(?:URL|URI|HOST|DSN)$|^(?:AWS_PROFILE|AWS_DEFAULT_PROFILE|KUBECONFIG|KUBE_CONTEXT|GOOGLE_CLOUD_PROJECT|CLOUDSDK_CORE_PROJECT|AZURE_SUBSCRIPTION_ID|TF_WORKSPACE)$/;

function production(name: string, value: string): string | null {
  const kind = /URL|URI|DSN/.test(name) ? 'url' : /HOST/.test(name) ? 'host' : 'name';
  const g = kind === 'name' ? environmentFromTokens(value) : guess(kind === 'url' ? 'url' : 'host', value);
  return g?.environment === 'production' ? ('reason' in g ? g.reason : `the name contains "${g.token}"`) : null;
}

/** Production targets in variables: the shell's, or a .env file's (`where` says which). */
export function productionVariables(vars: Readonly<Record<string, string>>, where: string): ScanFinding[] {
  const out: ScanFinding[] = [];
  for (const [name, value] of Object.entries(vars)) {
    if (!TARGET_VARIABLE.test(name) || !value) continue;
    const why = production(name, value);
    if (why)
      out.push({
        id: where === 'environment' ? 'credentials/production-in-environment' : 'credentials/production-in-dotenv',
        severity: 'warning',
        message: `${name}=${maskSecrets(value)} names production (${why}), and an agent started here can use it`,
        where,
        fix:
          where === 'environment'
            ? `start agents from a shell without ${name}, or with a development value`
            : `move production values out of ${where} (a secret manager, or .env.production the agent is not given)`,
      });
  }
  return out;
}

/** `NAME=value` lines of a .env file, quotes and `export ` taken off. */
export function dotenvVariables(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const m of text.matchAll(/^\s*(?:export\s+)?([A-Za-z_]\w*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^#\n]*))/gm)) vars[m[1]!] = (m[2] ?? m[3] ?? m[4] ?? '').trim();
  return vars;
}

/** Profiles in ~/.aws/config or ~/.aws/credentials named like production. */
export function awsProfiles(file: string, text: string): ScanFinding[] {
  return [...text.matchAll(/^\s*\[(?:profile\s+)?([^\]\s]+)\s*\]/gm)]
    .map((m) => m[1]!)
    .filter((name) => environmentFromTokens(name)?.environment === 'production')
    .map((name) => ({
      id: 'credentials/aws-production-profile',
      severity: 'note' as const,
      message: `the AWS profile ${name} is named like production, and is in the files every agent's AWS CLI reads`,
      where: file,
      fix: 'keep production profiles in a separate file (AWS_CONFIG_FILE) agents are not pointed at, and give agents a read-only profile',
    }));
}

/** Contexts in a kubeconfig named like production. */
export function kubeContexts(file: string, text: string): ScanFinding[] {
  let config: unknown;
  try {
    config = parse(text);
  } catch {
    return [];
  }
  const contexts = config && typeof config === 'object' && Array.isArray((config as { contexts?: unknown }).contexts) ? (config as { contexts: unknown[] }).contexts : [];
  return contexts
    .map((c) => (c && typeof c === 'object' && typeof (c as { name?: unknown }).name === 'string' ? (c as { name: string }).name : ''))
    .filter((name) => environmentFromTokens(name)?.environment === 'production')
    .map((name) => ({
      id: 'credentials/kube-production-context',
      severity: 'note' as const,
      message: `the kube context ${name} is named like production, in the kubeconfig agents use`,
      where: file,
      fix: 'keep production contexts in another kubeconfig, and give agents a view-only service account (docs/permissions.md)',
    }));
}
