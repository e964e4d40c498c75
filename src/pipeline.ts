// The pipeline of DESIGN.md, end to end: Request → analyze → resolve context → decide → Decision.
// I/O happens here at the edge (policy files, grants, .env, kubeconfig); the stages stay pure.

import { analyze } from './runtime/analyze.js';
import type { Assessment } from './core/finding.js';
import type { Request } from './core/request.js';
import { ambientFor, diskSurroundings, resolveFinding, type Declarations } from './context/resolve.js';
import { guess } from './context/heuristics.js';
import { riskiest, type Resolution } from './core/environment.js';
import type { Target } from './core/target.js';
import { decide, globMatch } from './policy/decide.js';
import { type Decision } from './core/decision.js';
import { GrantStore } from './policy/grants.js';
import { stateDirectory } from './core/locations.js';
import { type Grant } from './core/grant.js';
import { loadPolicy, policyLocations, type Policy } from './policy/policy.js';
import { policyRuleSet } from './policy/custom-rules.js';

export interface Judgement {
  assessment: Assessment;
  resolutions: Resolution[];
  decision: Decision;
  policy: Policy;
}

export interface JudgeOptions {
  policy?: Policy;
  grants?: readonly Grant[];
  now?: number;
}

/** Environments declared by the policy, strongest layer first; the project may not relax a heuristic. */
export function declarationsOf(policy: Policy): Declarations {
  const KIND_FOR: Record<string, string[]> = {
    hosts: ['database', 'host', 'url'], urls: ['database', 'url'], kube_contexts: ['kube-context'], aws_profiles: ['aws-profile'],
    workspaces: ['workspace', 'stack', 'stage'], branches: ['branch'], paths: ['argument', 'file', 'directory', 'path'], names: ['*'],
  };
  const hostOf = (value: string) => /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/:?#,]+)/i.exec(value)?.[1] ?? value;
  return (kind, value) => {
    for (const d of policy.declarations) {
      const kinds = KIND_FOR[d.kind] ?? [];
      if (!kinds.includes(kind) && !kinds.includes('*')) continue;
      const subject = d.kind === 'hosts' ? hostOf(value) : value;
      if (!globMatch(d.pattern, subject)) continue;
      // A project file may not call something less risky than its name says, unless the user allows it.
      if (d.layer === 'project' && !policy.projectMayRelax) {
        const named = guess(kind, value);
        if (named && riskiest([named.environment, d.environment]) !== d.environment) continue;
      }
      return { environment: d.environment, reason: `${d.pattern} is declared ${d.environment} in ${d.from}` };
    }
    return null;
  };
}

export async function judge(request: Request, options: JudgeOptions = {}): Promise<Judgement> {
  const env = request.env ?? {};
  const policy = options.policy ?? (await loadPolicy(policyLocations(request.cwd, env)));
  const now = options.now ?? Date.now();
  const grants = options.grants ?? new GrantStore(stateDirectory(env)).active(now);
  const assessment = await analyze(request, { rules: policyRuleSet(policy) });
  const declared = declarationsOf(policy);
  // Each finding is judged where its command runs: after a `cd`, the .env, workspace and directory name there.
  const ambient = new Map<string | null, Target[]>();
  const ambientIn = (dir: string | null | undefined): Target[] => {
    const where = dir === undefined ? (request.cwd ?? null) : dir;
    let targets = ambient.get(where);
    if (!targets) ambient.set(where, (targets = ambientFor(diskSurroundings(where ?? undefined, env))));
    return targets;
  };
  const resolutions = assessment.findings.map((f) => resolveFinding(f, ambientIn(f.invocation?.cwd), declared));
  const decision = decide({ assessment, resolutions, policy, grants, now });
  if (policy.errors.length) {
    decision.reason = `${decision.reason}\nNote: a policy file is invalid, so airlock holds everything that is not read-only until it is fixed: ${policy.errors.map((e) => `${e.file}${e.line ? `:${e.line}` : ''} ${e.key ?? ''} ${e.message}`).join('; ')}`;
  }
  return { assessment, resolutions, decision, policy };
}
