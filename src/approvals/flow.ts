// What the hook does with a held command: records it, and either uses an approval a human gave for
// exactly this command, as it reads now (the files behind it unchanged), or leaves a request for one
// (waiting for the human, if the policy says so).

import type { FactsUsed } from '../core/facts.js';
import type { Assessment } from '../core/finding.js';
import type { Decision } from '../core/decision.js';
import type { Policy } from '../policy/policy.js';
import { requestRecord } from '../store/audit.js';
import { openStore } from '../runtime/store.js';
import { basisOf, coverage, fingerprintOf, type BoundFile } from './basis.js';
import { ApprovalService, type UseOptions } from './service.js';
import { copyPlansFor } from '../copies/plan.js';
import { startDeliverer } from '../notify/start.js';

export interface HeldCommand {
  decision: Decision;
  /** What the analysis read and found would run: the approval is bound to exactly this. */
  assessment: Pick<Assessment, 'read' | 'invocations'>;
  /** What the decision rested on, kept with the request so a human sees it and the log keeps it. */
  facts?: FactsUsed;
  policy: Policy;
  command: string;
  cwd: string;
  agent: string;
  session: string;
  env: Record<string, string>;
  /** The longest the hook may wait for a human, below the agent's own hook timeout. */
  maxWaitMs: number;
  /** Wait this long whatever the policy's wait (airlock exec waits until the request expires). */
  waitOverrideMs?: number;
  /** When the hook must have answered by (ms since the epoch): waits for a busy log end in time. */
  deadline?: number;
  /** Told the request id, and what an approval would cover, once it exists, before any waiting (airlock exec prints it for the human). */
  onPending?: (id: string, covers: string) => void;
  /** The hook's budget: when it aborts, the wait ends, and nothing started for this command takes effect. */
  signal?: UseOptions['signal'];
  /** Asked just before an approval is used (see UseOptions): false leaves it unused. */
  mayUse?: UseOptions['mayUse'];
}

export interface HeldOutcome {
  verdict: 'allow' | 'approve' | 'deny';
  reason: string;
}

/** What the agent is told to tell the human about a pending request, and what an approval would cover. */
export function instructionsFor(id: string, ttlMs: number, files: readonly BoundFile[] = [], cwd = ''): string {
  const covers = coverage(files, cwd);
  return `This is approval request ${id}; it expires in ${Math.round(ttlMs / 60000)} min. Tell the human: "airlock is holding request ${id}; to allow it, run \`airlock approve ${id}\` in your own terminal, or approve it on airlock's dashboard."${covers ? ` ${covers}` : ''} After they approve, retry the exact same command once. You cannot approve it yourself.`;
}

export async function holdForApproval(held: HeldCommand): Promise<HeldOutcome> {
  const { decision, policy } = held;
  const store = openStore(held.env, held.deadline !== undefined ? { deadline: held.deadline } : {});
  const approvals = new ApprovalService(store);
  const guard: UseOptions = { ...(held.signal ? { signal: held.signal } : {}), ...(held.mayUse ? { mayUse: held.mayUse } : {}) };
  try {
    const record = requestRecord({ agent: held.agent, session: held.session, cwd: held.cwd, command: held.command }, decision, decision.verdict, held.facts);
    const basis = basisOf(held.assessment, decision);
    const fingerprint = fingerprintOf({ command: held.command, cwd: held.cwd, session: held.session, targets: basis.targets, basis: basis.digest });
    const request = {
      command: held.command,
      cwd: held.cwd,
      agent: held.agent,
      session: held.session,
      environment: decision.environment,
      evidence: decision.evidence.map((e) => `${e.value} (${e.source}: ${e.reason})`),
      findings: decision.findings.map((f) => ({
        rule: f.rule,
        summary: f.summary,
        consequence: f.consequence,
        ...(f.target ? { target: f.target } : {}),
        ...(f.alternatives.length ? { alternatives: f.alternatives } : {}),
      })),
      reason: decision.reason,
      files: basis.files,
      ...(held.facts ? { facts: held.facts } : {}),
    };
    const copies = policy.safetyCopies.enabled ? copyPlansFor(decision.findings, held.env) : [];
    if (copies.length) Object.assign(request, { copies });
    // The request's own entry and its approval request are written together: one is never without the other.
    const { approved, pending, denied, forged } = await approvals.requestFor(fingerprint, request, policy.approvals.timeoutMs, record, guard);
    let refused = forged?.length ? `\nairlock refused request ${forged.join(', ')}: it was marked approved without a human's approval in the audit log.` : '';
    if (denied)
      return {
        verdict: 'deny',
        reason: `A human denied request ${denied.id} for this exact command${denied.decisionReason ? `: ${denied.decisionReason}` : '.'} Do not try it again or another way; ask the human what to do instead.`,
      };
    if (approved) return { verdict: 'allow', reason: `Allowed once: a human (${approved.decidedBy ?? 'unknown'}) approved request ${approved.id} for exactly this command.` };
    const id = pending!.id;
    held.onPending?.(id, coverage(basis.files, held.cwd));
    const waitMs = Math.min(held.waitOverrideMs ?? policy.approvals.waitMs, held.maxWaitMs, pending!.expiresAt - Date.now());
    if (waitMs > 0 && !held.signal?.aborted) {
      let outcome;
      try {
        outcome = await approvals.waitFor(id, fingerprint, waitMs, guard);
      } catch {
        // The request is recorded and stands; a wait that failed only means the agent asks the human and retries.
        outcome = { status: 'over' as const };
      }
      if (outcome.status === 'allowed') return { verdict: 'allow', reason: `Allowed: a human approved request ${id} while airlock waited.` };
      if (outcome.status === 'denied')
        return {
          verdict: 'deny',
          reason: `A human denied request ${id}${outcome.approval.decisionReason ? `: ${outcome.approval.decisionReason}` : '.'} Do not try this again or another way; ask the human what to do instead.`,
        };
      if (outcome.status === 'refused') refused += `\n${outcome.reason}`;
    }
    return { verdict: 'approve', reason: `${decision.reason}${refused}\n${instructionsFor(id, policy.approvals.timeoutMs, basis.files, held.cwd)}` };
  } finally {
    await store.close();
    // Whatever this left in the outbox (a request held, an approval used) goes to the webhooks from a process of its own.
    startDeliverer(policy, held.env);
  }
}
