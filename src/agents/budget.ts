// How long the hook may take, wait for a human included. Every agent has a time limit for its hook,
// and past it most of them let the command run, so airlock answers well before the limit: the limit
// less a margin for a busy machine. `init` sets the limit where the agent lets it be set, so that it
// makes room for the policy's approvals.wait.

import type { Adapter } from './types.js';

/** Longer than any sane analysis of one request. */
export const ANALYSIS_MS = 20_000;

/** What the hook may spend of an agent time limit of `timeoutMs`: 10% (at least 3 s) is left as margin. */
export function hookBudgetMs(timeoutMs: number): number {
  return Math.max(1_000, timeoutMs - Math.max(3_000, Math.ceil(timeoutMs / 10)));
}

/**
 * The time limit `init` installs for an agent: its usual one, raised where the agent allows it so the
 * analysis and the policy's wait both fit in the budget, in whole seconds.
 */
export function installedTimeoutMs(adapter: Adapter, policyWaitMs: number): number {
  if (!adapter.hookTimeout.configurable) return adapter.hookTimeout.ms;
  let needed = adapter.hookTimeout.ms;
  while (hookBudgetMs(needed) < ANALYSIS_MS + policyWaitMs) needed += 1_000;
  return Math.ceil(needed / 1_000) * 1_000;
}

/** How long the hook can wait for a human with `remainingMs` of its budget left. */
export function waitAllowedMs(remainingMs: number): number {
  // One second is kept to record the outcome and write the answer.
  return Math.max(0, remainingMs - 1_000);
}

/**
 * The hook's time, as a signal the work stops on, and the one place that decides who answers: the work,
 * or the budget when it runs out. Once the work has claimed the answer (it is about to use an approval),
 * the budget no longer answers in its place; once the budget has answered, the work can't claim, so an
 * approval is never used for an answer the agent does not get.
 */
export class Budget {
  private readonly controller = new AbortController();
  private claimed = false;
  readonly signal: AbortSignal = this.controller.signal;

  constructor(readonly deadline: number) {}

  /** True, and from then on the budget won't answer, while time is left; false once it has run out. */
  claim(): boolean {
    if (this.signal.aborted || Date.now() >= this.deadline) {
      this.expire();
      return false;
    }
    this.claimed = true;
    return true;
  }

  /** True once the budget has answered in the work's place. */
  get spent(): boolean {
    return this.signal.aborted;
  }

  /** The time is up: true when the budget answers (the work had not claimed it), and the work is told to stop. */
  expire(): boolean {
    if (this.claimed) return false;
    if (!this.signal.aborted) this.controller.abort(new Error("the hook's time ran out"));
    return true;
  }
}
