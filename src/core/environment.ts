// Environments and the evidence for them.

import type { Target } from './target.js';

export type Environment = 'production' | 'staging' | 'development' | 'local' | 'unknown';

/** An environment airlock writes (one read back from the state may be anything). */
export const isEnvironment = (v: unknown): v is Environment => typeof v === 'string' && Object.hasOwn(ORDER, v);

/** What evidence is about; ambient evidence (process env, kubeconfig…) only counts for tools it concerns. */
export type Scope = 'database' | 'kube' | 'aws' | 'gcp' | 'azure' | 'terraform' | 'git' | 'path' | 'any';

export interface Evidence {
  scope: Scope;
  /** What kind of name it is: a database URL, a kube context, a branch, a command argument… */
  kind: string;
  /** The value, with any password masked. */
  value: string;
  /** Where it was found: `--context flag`, `DATABASE_URL in .env.local`, `argument`. */
  source: string;
  environment: Environment;
  /** Why this environment: the policy pattern or heuristic that matched. */
  reason: string;
  /** The target this name belongs to, masked: what an approval is bound to. */
  target?: Target;
}

export interface Resolution {
  environment: Environment;
  evidence: Evidence[];
}

const ORDER: Record<Environment, number> = { local: 0, development: 1, unknown: 2, staging: 3, production: 4 };

/** The environment to assume when evidence disagrees: the most dangerous one. */
export function riskiest(envs: Environment[]): Environment {
  let worst: Environment | null = null;
  for (const e of envs) if (worst === null || ORDER[e] > ORDER[worst]) worst = e;
  return worst ?? 'unknown';
}
