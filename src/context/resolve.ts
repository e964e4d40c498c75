// For each finding, the environment of what it acts on, with the evidence: the finding's own targets
// always count; ambient ones (process env, .env, kubeconfig, workspace, branch) only for the tools they
// concern, so a production DATABASE_URL in the shell does not make `git push` a production write.

import type { Finding } from '../core/finding.js';
import { classifyPath } from '../rules/paths.js';
import { guess } from './heuristics.js';
import { maskSecrets } from '../core/mask.js';
import { ambientTargets, ownTargets, type Surroundings } from './targets.js';
import { type Target } from '../core/target.js';
import { riskiest, type Environment, type Evidence, type Resolution, type Scope } from '../core/environment.js';

/** Policy-declared environments: a function from (kind, value) to a declared environment, if any. */
export type Declarations = (kind: string, value: string) => { environment: Environment; reason: string } | null;

const PACK_SCOPES: Record<string, Scope[]> = {
  kubernetes: ['kube'], helm: ['kube'], argocd: ['kube'],
  aws: ['aws'], cloudformation: ['aws'], 'aws-cdk': ['aws'], serverless: ['aws'], eksctl: ['aws'],
  gcp: ['gcp'], azure: ['azure'], terraform: ['terraform', 'aws'], pulumi: ['terraform'], git: ['git'],
};
for (const pack of ['sql-clients', 'prisma', 'drizzle', 'supabase', 'rails', 'django', 'laravel', 'alembic', 'flyway', 'liquibase', 'doctrine', 'ecto', 'efcore', 'atlas', 'hasura', 'sequelize', 'knex', 'typeorm', 'mikro-orm', 'mongodb', 'redis', 'cassandra', 'clickhouse', 'cockroach', 'duckdb', 'interpreters', 'scripts']) {
  PACK_SCOPES[pack] = ['database'];
}

/** Kinds whose values are names of real targets: when nothing classifies them, the target is unknown. */
const TYPED = new Set(['database', 'host', 'url', 'kube-context', 'aws-profile', 'project', 'resource-group', 'app', 'workspace', 'stack', 'stage']);

/** Classifies on the real value; the evidence carries it masked, since it is shown and stored. */
export function classify(target: Target, declared: Declarations | null): Evidence | null {
  const d = declared?.(target.kind, target.value);
  const g = d ?? guess(target.kind, target.value);
  const shown = { ...target, value: maskSecrets(target.value) };
  if (!g) return TYPED.has(target.kind) ? { ...shown, environment: 'unknown', reason: 'nothing classifies it' } : null;
  return { ...shown, environment: g.environment, reason: maskSecrets(g.reason) };
}

export function resolveFinding(finding: Finding, ambient: Target[], declared: Declarations | null): Resolution {
  const inv = finding.invocation;
  const scopes = new Set<Scope>(['any', ...(PACK_SCOPES[finding.pack] ?? [])]);
  const targets = [...(inv ? ownTargets(inv) : []), ...ambient.filter((t) => scopes.has(t.scope))];
  const evidence = targets.map((t) => classify(t, declared)).filter((e): e is Evidence => e !== null);
  // Files inside the project are the developer's own working copy: local.
  if (finding.pack === 'filesystem' && finding.target && !/[\s$`]/.test(finding.target)) {
    const info = classifyPath({ text: finding.target, static: true, dynamicStart: false, glob: false, mayMultiply: false });
    if (info.kind === 'project') evidence.push({ scope: 'path', kind: 'path', value: finding.target, source: 'the path', environment: 'local', reason: 'a path inside the working directory' });
  }
  return { environment: evidence.length ? riskiest(evidence.map((e) => e.environment)) : 'unknown', evidence };
}

export function ambientFor(s: Surroundings, appEnv?: string): Target[] {
  return ambientTargets(s, appEnv);
}
