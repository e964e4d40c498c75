// An approval request: a held command waiting for a human to say yes or no, out of band. Shared by the
// approvals lifecycle (which decides its transitions) and every store (which keeps it).

import { isCopyPlan, type CopyPlan } from './copy.js';
import type { FactsUsed } from './facts.js';
import { isObject, isOptionalString, isStringArray } from './shape.js';

/** A file as an approval binds it: its contents when the command was held. */
export interface BoundFile {
  path: string;
  /** SHA-256 of its bytes; null when there is no such file (an empty file has a digest like any other). */
  sha256: string | null;
  /** It exists but airlock could not read all of it: the digest is of its size, times and inode instead. */
  unreadable?: true;
}

/** `rejected`: marked approved without a human's approval in the audit log (a forgery), never usable. */
export type ApprovalStatus = 'pending' | 'approved' | 'denied' | 'expired' | 'consumed' | 'rejected';

const STATUSES: Record<ApprovalStatus, true> = { pending: true, approved: true, denied: true, expired: true, consumed: true, rejected: true };

/** A status airlock writes (one read back from a store may be anything). */
export const isApprovalStatus = (v: unknown): v is ApprovalStatus => typeof v === 'string' && Object.hasOwn(STATUSES, v);

/**
 * Who answers a request: a person at their own terminal (their OS user name), or on the dashboard,
 * proven there by a passkey or a one-time code (`proof`); later a team approver. Each is proven its own
 * way before the service is asked to decide.
 */
export interface Principal {
  kind: 'terminal' | 'dashboard';
  user: string;
  proof?: 'passkey' | 'totp';
}

/** What the human sees: the command (secrets masked), where, who, the environment and the findings. */
export interface HeldRequest {
  command: string;
  cwd: string;
  agent: string;
  session: string;
  environment: string;
  evidence: string[];
  /** `alternatives`: the safer routes (absent in requests made before they were kept). */
  findings: { rule: string; summary: string; consequence: string; target?: string; alternatives?: string[] }[];
  reason: string;
  /** The files whose current contents the approval covers (absent in requests made before binding). */
  files?: BoundFile[];
  /** What the decision rested on (absent in requests made before facts were kept). */
  facts?: FactsUsed;
  /** The safety copies to make when a human approves (absent when the command calls for none). */
  copies?: CopyPlan[];
}

/** A request read back (from a store's table or the audit log), or null when it is not one the lifecycle writes. */
export function heldRequestOf(v: unknown): HeldRequest | null {
  if (!isObject(v)) return null;
  const { command, cwd, agent, session, environment, evidence, findings, reason, files, facts, copies } = v;
  if (typeof command !== 'string' || typeof cwd !== 'string' || typeof agent !== 'string' || typeof session !== 'string') return null;
  if (typeof environment !== 'string' || typeof reason !== 'string' || !isStringArray(evidence)) return null;
  if (!Array.isArray(findings) || !findings.every(isFindingShown)) return null;
  if (files !== undefined && !(Array.isArray(files) && files.every(isBoundFile))) return null;
  if (facts !== undefined && !isObject(facts)) return null;
  if (copies !== undefined && !(Array.isArray(copies) && copies.every(isCopyPlan))) return null;
  return v as unknown as HeldRequest;
}

const isFindingShown = (f: unknown) =>
  isObject(f) &&
  typeof f.rule === 'string' &&
  typeof f.summary === 'string' &&
  typeof f.consequence === 'string' &&
  isOptionalString(f.target) &&
  (f.alternatives === undefined || isStringArray(f.alternatives));

const isBoundFile = (f: unknown) => isObject(f) && typeof f.path === 'string' && (f.sha256 === null || typeof f.sha256 === 'string') && (f.unreadable === undefined || f.unreadable === true);

/** One approval request as a store keeps it. */
export interface Approval {
  id: string;
  /** What it is bound to: command, place, session, targets and the files and commands behind them. */
  fingerprint: string;
  status: ApprovalStatus;
  createdAt: number;
  expiresAt: number;
  decidedAt?: number;
  /** The user of the principal who decided it. */
  decidedBy?: string;
  decisionReason?: string;
  request: HeldRequest;
  /** The audit entry that recorded the request, with the fingerprint it was made for. */
  requestedSeq?: number;
  /** The audit entry that recorded a human's approval, checked before the approval is used. */
  approvedSeq?: number;
}
