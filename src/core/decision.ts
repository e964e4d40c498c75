// What airlock answers: a verdict for the whole request, and why.

import type { Effect } from './effect.js';
import type { Environment, Evidence } from './environment.js';
import type { Finding } from './finding.js';
import type { Grant } from './grant.js';

/** From least to most strict. */
export type Verdict = 'allow' | 'confirm' | 'approve' | 'deny';

const VERDICTS: Record<Verdict, true> = { allow: true, confirm: true, approve: true, deny: true };

/** A verdict airlock writes (one read back from the state may be anything). */
export const isVerdict = (v: unknown): v is Verdict => typeof v === 'string' && Object.hasOwn(VERDICTS, v);

export interface Decision {
  verdict: Verdict;
  effect: Effect;
  environment: Environment;
  /** Written for the agent: what was held and why, the consequence, safer routes, what a human must do. */
  reason: string;
  findings: Finding[];
  /** Why the environment is what it is. */
  evidence: Evidence[];
  /** The grant that allowed it, when one did. */
  grant?: Grant;
  /** Allowed in trial mode (`mode: warn`): what enforcing would have answered. */
  trial?: { wouldHave: 'confirm' | 'approve' };
}
