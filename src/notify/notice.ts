// What people are told about a held command, one notice per event in the outbox that concerns them: a
// command held, its request approved, denied or expired, and an approved command let through to run.
// Pure: the request's details come from the approval the store keeps (already masked when it was
// made), and every text is masked again here, as a message leaves the machine.

import type { Approval } from '../core/approval.js';
import { maskSecrets } from '../core/mask.js';
import type { NoticeKind } from '../policy/policy.js';
import type { DomainEvent } from '../store/store.js';

export interface Notice {
  kind: NoticeKind;
  /** The approval request it is about. */
  id: string;
  /** When the event was committed (ms since the epoch). */
  at: number;
  /** The event's place in the outbox: the same notice delivered twice carries the same one. */
  position: number;
  command: string;
  agent: string;
  session: string;
  cwd: string;
  environment: string;
  evidence: string[];
  findings: { rule: string; summary: string; consequence: string; target?: string }[];
  expiresAt: number;
  /** Who approved or denied it, and their reason. */
  by?: string;
  via?: string;
  reason?: string;
  /** The request on the dashboard. */
  link: string;
}

const KIND_OF: Partial<Record<DomainEvent['type'], NoticeKind>> = {
  'request.held': 'held',
  'approval.approved': 'approved',
  'approval.denied': 'denied',
  'approval.expired': 'expired',
  'approval.consumed': 'ran',
};

/** The kind of notice an event makes, or null for events nobody is told about (grants have their own record). */
export const noticeKindOf = (event: DomainEvent): NoticeKind | null => KIND_OF[event.type] ?? null;

/** The notice for `event`, with the request's details from `approval`; null when the event makes none. */
export function noticeOf(delivered: { position: number; at: number; event: DomainEvent }, approval: Approval, dashboardUrl: string): Notice | null {
  const { event } = delivered;
  const kind = noticeKindOf(event);
  if (!kind) return null;
  const r = approval.request;
  const decided = event.type === 'approval.approved' || event.type === 'approval.denied' ? event.by : null;
  const reason = event.type === 'approval.denied' ? event.reason : undefined;
  return {
    kind,
    id: approval.id,
    at: delivered.at,
    position: delivered.position,
    command: maskSecrets(r.command),
    agent: r.agent,
    session: r.session,
    cwd: r.cwd,
    environment: r.environment,
    evidence: r.evidence.map(maskSecrets),
    findings: r.findings.map((f) => ({ rule: f.rule, summary: f.summary, consequence: f.consequence, ...(f.target ? { target: maskSecrets(f.target) } : {}) })),
    expiresAt: approval.expiresAt,
    ...(decided ? { by: decided.user, via: decided.kind } : approval.decidedBy ? { by: approval.decidedBy } : {}),
    ...(reason ? { reason: maskSecrets(reason) } : {}),
    link: `${dashboardUrl}/requests/${encodeURIComponent(approval.id)}`,
  };
}

const HEADLINES: Record<NoticeKind, string> = {
  held: 'airlock is holding a command for approval',
  approved: 'A held command was approved',
  denied: 'A held command was denied',
  expired: 'A held command expired without an answer',
  ran: 'An approved command was let through to run',
};

/** One line that says what happened, for titles and plain-text fallbacks. */
export function headline(n: Notice): string {
  const who = n.by ? ` by ${n.by}` : '';
  return `${HEADLINES[n.kind]}${n.kind === 'approved' || n.kind === 'denied' ? who : ''} (${n.environment}, request ${n.id})`;
}

/** What the command would do, one line per finding. */
export const consequences = (n: Notice): string[] => n.findings.map((f) => `${f.summary}${f.target ? ` [${f.target}]` : ''}: ${f.consequence}`);
