// The copies an approval calls for, as the person approving sees them and then has them made: which
// ones airlock will keep (and about how big), which it can't and why, and, once the human has said
// yes, making them into the data directory with their manifest. Shared by `airlock approve` and the
// dashboard, so both promise, and keep, the same.

import type { HeldRequest } from '../core/approval.js';
import type { CopyPlan, MadeCopy } from '../core/copy.js';
import type { Policy } from '../policy/policy.js';
import { makeCopy, readiness } from './make.js';
import { copyFolder, removeCopySet, writeManifest } from './store.js';

type Env = Record<string, string>;

export interface CopyOutlook {
  plan: CopyPlan;
  /** Why it can't be kept; absent when it can. */
  why?: string;
  bytes: number | null;
}

/**
 * The request's copies, each ready or not; `off` says why none will be kept (the policy, or the human's
 * choice to go without), when that is so.
 */
export async function copyOutlook(request: HeldRequest, policy: Policy, env: Env, without: boolean): Promise<{ off: string | null; copies: CopyOutlook[] }> {
  const plans = request.copies ?? [];
  if (plans.length === 0) return { off: null, copies: [] };
  if (without || !policy.safetyCopies.enabled) return { off: without ? 'it was approved without a copy' : 'safety_copies.enabled is false in the policy', copies: [] };
  const copies: CopyOutlook[] = [];
  for (const plan of plans) {
    const r = await readiness(plan, env, policy.safetyCopies.maxBytes);
    copies.push(r.ready ? { plan, bytes: r.bytes } : { plan, why: r.why, bytes: null });
  }
  return { off: null, copies };
}

/** Makes the copies that can be kept into airlock's data directory and writes their manifest; the first failure stops it. */
export async function keepCopies(id: string, request: HeldRequest, copies: readonly CopyOutlook[], env: Env): Promise<{ made: MadeCopy[] } | { failed: string }> {
  const ready = copies.filter((c) => c.why === undefined);
  if (ready.length === 0) return { made: [] };
  const made: MadeCopy[] = [];
  try {
    for (const { plan } of ready) made.push(await makeCopy(plan, copyFolder(env, id), id, env));
    await writeManifest(env, { id, command: request.command, cwd: request.cwd, createdAt: Date.now(), copies: made });
  } catch (error) {
    return { failed: (error as Error).message };
  }
  return { made };
}

/** Removes copies made for an approval that was not recorded after all (the request expired or was answered meanwhile). */
export async function discardCopies(env: Env, id: string): Promise<void> {
  await removeCopySet(env, id).catch(() => undefined);
}
