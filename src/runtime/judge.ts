// The pipeline of DESIGN.md, end to end: Request → gather and assess → resolve context → decide → Decision.
// The I/O is here and in the facts port (policy files, grants, files the command names, .env,
// kubeconfig); the stages it calls are pure.

import type { FactsUsed } from '../core/facts.js';
import type { Assessment } from '../core/finding.js';
import type { Request } from '../core/request.js';
import { ambientFor, resolveFinding, type Declarations } from '../context/resolve.js';
import { guess } from '../context/heuristics.js';
import { riskiest, type Resolution } from '../core/environment.js';
import type { Target } from '../core/target.js';
import { decide, globMatch } from '../policy/decide.js';
import type { Decision } from '../core/decision.js';
import type { Grant } from '../core/grant.js';
import { activeGrants } from './store.js';
import type { Policy } from '../policy/policy.js';
import { loadPolicy, policyLocations } from '../facts/policy-files.js';
import { localFacts } from '../facts/local.js';
import { policyRuleSet } from '../policy/custom-rules.js';
import { assess, type FactPort } from './assess.js';
import { needsPreflight, preflight } from '../preflight/run.js';

export interface Judgement {
  assessment: Assessment;
  resolutions: Resolution[];
  decision: Decision;
  policy: Policy;
  /** What the decision rested on: the files read, where each finding runs and what set its environment. */
  facts: FactsUsed;
}

export interface JudgeOptions {
  policy?: Policy;
  grants?: readonly Grant[];
  now?: number;
  /** Where facts come from; the local disk by default. */
  port?: FactPort;
  /** Stops the work when the caller no longer waits for the answer. */
  signal?: AbortSignal;
}

/** Environments declared by the policy, strongest layer first; the project may not relax a heuristic. */
function declarationsOf(policy: Policy): Declarations {
  const KIND_FOR: Record<string, string[]> = {
    hosts: ['database', 'host', 'url'],
    urls: ['database', 'url'],
    kube_contexts: ['kube-context'],
    aws_profiles: ['aws-profile'],
    workspaces: ['workspace', 'stack', 'stage'],
    branches: ['branch'],
    paths: ['argument', 'file', 'directory', 'path'],
    names: ['*'],
    mcp_servers: ['mcp-server'],
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
  const signal = options.signal ?? new AbortController().signal;
  const port = options.port ?? localFacts;
  signal.throwIfAborted();
  const policy = options.policy ?? (await loadPolicy(policyLocations(request.cwd, env)));
  const now = options.now ?? Date.now();
  const rules = policyRuleSet(policy);
  const assessed = await assess(request, { rules, port, signal, mcpServers: policy.mcpServers });
  const facts = assessed.facts;
  let assessment = assessed.assessment;
  const declared = declarationsOf(policy);
  // Each finding is judged where its command runs: after a `cd`, the .env, workspace and directory name there.
  const places = [...new Set(assessment.findings.map((f) => (f.invocation?.cwd === undefined ? (request.cwd ?? null) : f.invocation.cwd)))];
  const ambient = new Map<string | null, Target[]>();
  for (const dir of places) {
    const surroundings = await port.surroundings(dir ?? undefined, env, signal);
    signal.throwIfAborted();
    ambient.set(dir, ambientFor(surroundings));
    facts.surroundings.push({ dir, files: [...surroundings.files].filter(([, text]) => text !== null).map(([name]) => name) });
  }
  const resolutions = assessment.findings.map((f) => resolveFinding(rules.targetsOf(f), ambient.get(f.invocation?.cwd === undefined ? (request.cwd ?? null) : f.invocation.cwd) ?? [], declared));
  // Grants only ever turn a held verdict into allow, so the store is asked for them only when the verdict
  // is held: the allowed path never opens it (and never loads SQLite).
  let decision = decide({ assessment, resolutions, policy, grants: options.grants ?? [], now });
  // A command about to be held is looked at more closely, and so is a Terraform apply, whose plan alone
  // says whether it destroys; no other allowed command runs a probe. Probes change findings in place
  // (same order, same targets), so the resolutions still fit.
  const held = decision.verdict === 'approve' || decision.verdict === 'confirm';
  if (needsPreflight(assessment, held)) {
    assessment = await preflight(assessment, {
      env,
      signal,
      held,
      statefulTypes: policy.preflight.statefulTypes,
      runsProjectCode: policy.strictness !== 'strict',
      queriesDatabases: policy.preflight.databases,
    });
    facts.preflight = assessment.findings.flatMap((f) => (f.preflight ? [{ rule: f.rule, ...f.preflight }] : []));
    decision = decide({ assessment, resolutions, policy, grants: options.grants ?? [], now });
  }
  if (!options.grants && (decision.verdict === 'approve' || decision.verdict === 'confirm')) {
    const { grants, refused } = await activeGrants(env, now);
    if (grants.length) decision = decide({ assessment, resolutions, policy, grants, now });
    // A grant row the log does not back could have been written by anything that reaches the state.
    if (refused.length && decision.verdict !== 'allow') decision.reason = `${decision.reason}\nNot honoured: ${refused.map((r) => r.reason).join('; ')}.`;
  }
  if (policy.errors.length) {
    decision.reason = `${decision.reason}\nNote: a policy file is invalid, so airlock holds everything that is not read-only until it is fixed: ${policy.errors.map((e) => `${e.file}${e.line ? `:${e.line}` : ''} ${e.key ?? ''} ${e.message}`).join('; ')}`;
  }
  return { assessment, resolutions, decision, policy, facts };
}
