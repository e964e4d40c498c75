// A command's story in the audit log, from any entry of it: the request (its verdict, rules and the
// reason with its evidence), its approval request's transitions (who decided, and how), and the outcome
// the agent reported. Pure, over entries already read; shown by `airlock log show` and the dashboard.

import type { AuditEntry } from './audit.js';

/** The entry `what` names: an entry number, or an approval request's id (its `requested` entry). */
export function entryNamed(what: string, all: readonly AuditEntry[]): AuditEntry | null {
  if (/^\d{1,15}$/.test(what)) return all.find((e) => e.seq === Number(what)) ?? null;
  const requested = all.find((e) => e.kind === 'approval' && e.detail?.id === what && e.detail?.transition === 'requested');
  if (!requested) return null;
  // The command's own entry is written with its request, in the same transaction, just before it.
  return [...all].reverse().find((e) => e.seq < requested.seq && e.kind === 'request' && e.command === requested.command && e.session === requested.session) ?? requested;
}

/**
 * The rest of an entry's story: for a command, its approval request's transitions and the outcome; for
 * an approval entry, its request's other transitions. In log order, without the entry itself.
 */
export function storyOf(entry: AuditEntry, all: readonly AuditEntry[]): AuditEntry[] {
  const sameCommand = (e: AuditEntry) => e.command !== undefined && e.command === entry.command && e.session === entry.session;
  const ids = new Set<unknown>();
  if (entry.kind === 'approval') ids.add(entry.detail?.id);
  else if (entry.command !== undefined) for (const e of all) if (e.kind === 'approval' && e.detail?.transition === 'requested' && sameCommand(e)) ids.add(e.detail.id);
  return all.filter(
    (e) => e.seq !== entry.seq && ((e.kind === 'approval' && ids.has(e.detail?.id)) || (entry.kind !== 'approval' && (e.kind === 'request' || e.kind === 'outcome') && sameCommand(e))),
  );
}

/** One step of a story in words: held or allowed, requested, decided (by whom, how, why), used, how it ended. */
export function storyLine(e: AuditEntry): string {
  const d = e.detail ?? {};
  const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  if (e.kind === 'approval')
    return `request ${text(d.id)} ${text(d.transition)}${d.by ? ` by ${text(d.by)} via ${text(d.via)}${d.proof ? ` (${text(d.proof)})` : ''}` : ''}${d.reason ? `: ${text(d.reason)}` : ''}`;
  if (e.kind === 'outcome') return `ran: ${typeof d.exitCode === 'number' ? `exit status ${d.exitCode}` : 'exit status not reported'}${d.interrupted === true ? ', interrupted' : ''}`;
  return `${e.kind} ${text(e.verdict)}`;
}
