// The deliverer: reads the store's outbox at its own pace, turns each event people should hear about
// into one delivery per webhook that wants it (and a git note for an approved command that ran), and
// sends them, trying again with a growing pause while a receiver is down. It runs apart from the hook
// (a detached process the hook starts, or inside `airlock serve`), so a slow or dead receiver never
// slows an agent's command; what it still owes is kept in the ledger, so a deliverer that is killed
// leaves the rest to the next one. What fails for good is recorded in the audit log.

import type { Approval } from '../core/approval.js';
import { maskSecrets } from '../core/mask.js';
import type { Policy, Webhook } from '../policy/policy.js';
import type { AuditRecord } from '../store/audit.js';
import type { Delivered, Store } from '../store/store.js';
import { messageFor } from './formats.js';
import { GIT_NOTE, RENEW_MS, type Delivery, type Ledger } from './ledger.js';
import { noticeKindOf, noticeOf, type Notice } from './notice.js';
import type { Post } from './post.js';

export interface DelivererPorts {
  store: Store;
  ledger: Ledger;
  /** The policy that applies in a directory (webhooks come only from the user's and organisation's files). */
  policyFor: (cwd: string) => Promise<Policy>;
  post: Post;
  /** Attaches `text` as a note to HEAD of the repository at `cwd`; throws saying why it can't. */
  writeNote: (cwd: string, text: string) => Promise<void>;
  clock: () => number;
  /** Waits `ms`, or less when `signal` aborts. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** A receiver is tried this many times in all before the delivery is recorded as failed. */
export const MAX_ATTEMPTS = 8;
/** The pause after the first failure; it doubles after each one, up to a minute. */
const FIRST_PAUSE_MS = 1_000;
const LONGEST_PAUSE_MS = 60_000;
/** A first deliverer starts this far back, so the event that started it is not missed. */
const FIRST_LOOK_BACK_MS = 10 * 60_000;
/** A notice older than this is no longer news (webhooks turned back on after days): it is counted, not sent. */
const STALE_MS = 24 * 3_600_000;
/** How long a git note waits for the command's outcome before it is written without one. */
export const OUTCOME_WAIT_MS = 2 * 60_000;
/** How often a deliverer that follows the outbox (inside `airlock serve`) looks for new events. */
const FOLLOW_POLL_MS = 1_000;

export const pauseAfter = (failures: number) => Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS * 2 ** (failures - 1));

/** Where the request is shown: the policy's address, or the dashboard's on this machine. */
export const dashboardUrl = (policy: Policy) => policy.notify.dashboardUrl ?? `http://localhost:${policy.dashboard.port}`;

/**
 * Delivers what is owed until nothing is (or, with `follow`, until `signal` aborts). Returns false at
 * once when another live deliverer holds the lease: that one delivers.
 */
export async function deliver(ports: DelivererPorts, options: { signal: AbortSignal; follow?: boolean }): Promise<boolean> {
  const { ledger, clock } = ports;
  if (!ledger.lease(clock())) return false;
  try {
    while (!options.signal.aborted) {
      // Renewed before each round (and each delivery); lost (it lapsed, and another deliverer took it), this one stops.
      if (!ledger.lease(clock())) return true;
      // The policy is read again each round: a webhook removed (a leaked token) gets nothing more.
      const policies = new Map<string, Promise<Policy>>();
      const policyFor = (cwd: string) => {
        let p = policies.get(cwd);
        if (!p) policies.set(cwd, (p = ports.policyFor(cwd)));
        return p;
      };
      const run = { ...ports, policyFor };
      await readOutbox(run);
      if (!(await deliverDue(run, options.signal))) return true;
      const next = ledger.nextDue();
      if (next === null && !options.follow) {
        // Let go, then look once more: an event committed by a process that found the lease taken is
        // seen here, and this deliverer carries on with it.
        ledger.release();
        if ((await ports.store.feed.last()) <= (ledger.place() ?? 0) || !ledger.lease(clock())) return true;
        continue;
      }
      await ports.sleep(Math.max(0, Math.min(next === null ? FOLLOW_POLL_MS : next - clock(), options.follow ? FOLLOW_POLL_MS : RENEW_MS)), options.signal);
    }
    return true;
  } finally {
    ledger.release();
  }
}

/**
 * Turns the outbox's new events into deliveries, and moves the ledger's place past them: past the
 * newest position, even when the rows there are not events this airlock reads (it would otherwise read
 * them again and again). Events too old to be news are not sent; the audit log says how many.
 */
async function readOutbox(ports: DelivererPorts): Promise<void> {
  const { ledger, store, clock } = ports;
  const newest = await store.feed.last();
  let place = ledger.place();
  // A place past the newest event: the store was made anew under an old ledger. Start from its start.
  if (place !== null && place > newest) place = 0;
  const events = await store.feed.since(place ?? 0);
  const now = clock();
  const owed: Omit<Delivery, 'attempts' | 'firstTried'>[] = [];
  let stale = 0;
  for (const delivered of events) {
    // A first deliverer looks back a little, for the event that started it; after that, a day.
    if (delivered.at < now - (place === null ? FIRST_LOOK_BACK_MS : STALE_MS)) {
      if (place !== null && noticeKindOf(delivered.event)) stale++;
      continue;
    }
    for (const d of await deliveriesFor(ports, delivered, now)) owed.push(d);
  }
  if (stale) await store.append({ kind: 'notify', reason: `${stale} notice(s) older than a day were not sent: no deliverer ran while they were news`, detail: { delivered: false, stale } });
  ledger.enqueue(Math.max(newest, events.at(-1)?.position ?? 0), owed);
}

async function deliveriesFor(ports: DelivererPorts, delivered: Delivered, now: number): Promise<Omit<Delivery, 'attempts' | 'firstTried'>[]> {
  const kind = noticeKindOf(delivered.event);
  if (!kind || !('id' in delivered.event)) return [];
  const approval: Approval | null = await ports.store.approval(delivered.event.id);
  if (!approval) return [];
  const policy = await ports.policyFor(approval.request.cwd);
  const notice = noticeOf(delivered, approval, dashboardUrl(policy));
  if (!notice) return [];
  const text = JSON.stringify(notice);
  const targets = policy.notify.webhooks.filter((w) => w.events.includes(kind)).map((w) => w.name);
  if (kind === 'ran' && policy.notify.gitNotes) targets.push(GIT_NOTE);
  return targets.map((target) => ({ position: delivered.position, target, notice: text, due: now }));
}

/**
 * Delivers what is due, renewing the lease before each one (a send takes at most POST_TIMEOUT_MS, well
 * inside the lease); false when the lease was lost meanwhile, and the rest is left to its new holder.
 */
async function deliverDue(ports: DelivererPorts, signal: AbortSignal): Promise<boolean> {
  for (const d of ports.ledger.due(ports.clock())) {
    if (signal.aborted) return true;
    if (!ports.ledger.lease(ports.clock())) return false;
    const notice = JSON.parse(d.notice) as Notice;
    if (d.target === GIT_NOTE) await noteOnHead(ports, d, notice);
    else await sendOne(ports, d, notice);
  }
  return true;
}

async function sendOne(ports: DelivererPorts, d: Delivery, notice: Notice): Promise<void> {
  const { ledger, clock } = ports;
  const webhook = (await ports.policyFor(notice.cwd)).notify.webhooks.find((w) => w.name === d.target);
  if (!webhook) {
    await giveUp(ports, d, notice, { kind: 'webhook', name: d.target }, 'the webhook is no longer in the policy');
    return;
  }
  const now = clock();
  const result = await ports.post(webhook.url, messageFor(webhook, notice, now));
  if (result.ok) {
    ledger.done(d);
    return;
  }
  const attempts = d.attempts + 1;
  if (result.retry && attempts < MAX_ATTEMPTS) ledger.later(d, attempts, clock() + pauseAfter(attempts), d.firstTried ?? now);
  else await giveUp(ports, d, notice, describe(webhook), result.error, attempts);
}

/** The webhook as the audit log names it: never its address's path, which often is its token. */
const describe = (w: Webhook) => ({ kind: 'webhook', name: w.name, format: w.format, host: hostOf(w.url) });

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(not a URL)';
  }
}

/**
 * A note for an approved command that ran: written once the agent reports how it ended, or after
 * OUTCOME_WAIT_MS without it. On HEAD as it is when the note is written.
 */
async function noteOnHead(ports: DelivererPorts, d: Delivery, notice: Notice): Promise<void> {
  const now = ports.clock();
  const outcome = await outcomeOf(ports.store, notice);
  if (outcome === null && now - notice.at < OUTCOME_WAIT_MS) {
    ports.ledger.later(d, d.attempts, Math.min(now + 2_000, notice.at + OUTCOME_WAIT_MS), d.firstTried ?? now);
    return;
  }
  try {
    await ports.writeNote(notice.cwd, noteText(notice, outcome ?? `not reported within ${OUTCOME_WAIT_MS / 60_000} minutes (see airlock log)`));
    ports.ledger.done(d);
  } catch (error) {
    await giveUp(ports, d, notice, { kind: 'git-note', repository: notice.cwd }, (error as Error).message, d.attempts + 1);
  }
}

/** How the approved command ended, from the agent's after-command report in the audit log; null before one comes. */
async function outcomeOf(store: Store, notice: Notice): Promise<string | null> {
  const reports = await store.entries({ kinds: ['outcome'], since: notice.at - 1_000 });
  const report = reports.find((e) => e.session === notice.session && e.command !== undefined && maskSecrets(e.command) === notice.command);
  if (!report) return null;
  const exit = report.detail?.exitCode;
  return typeof exit === 'number' ? `exit status ${exit}${report.detail?.interrupted === true ? ' (interrupted)' : ''}` : `ran; ${report.agent ?? 'the agent'} does not report the exit status`;
}

/** What the note on HEAD says: the command, who approved it and when, and how it ended. */
export function noteText(n: Notice, outcome: string): string {
  return [
    `airlock: an approved ${n.environment} command ran here`,
    `command:     ${n.command}`,
    `approved by: ${n.by ?? 'unknown'}`,
    `request:     ${n.id} (agent ${n.agent}${n.session ? `, session ${n.session}` : ''})`,
    `ran at:      ${new Date(n.at).toISOString()}`,
    `outcome:     ${outcome}`,
    ...n.findings.map((f) => `finding:     ${f.rule}: ${f.summary}`),
  ].join('\n');
}

/**
 * Records in the audit log that a delivery failed for good, then forgets it. When even that can't be
 * written (a full disk), the delivery is kept and tried again later: nothing is dropped unrecorded.
 */
async function giveUp(ports: DelivererPorts, d: Delivery, notice: Notice, target: Record<string, string>, error: string, attempts = d.attempts): Promise<void> {
  const record: AuditRecord = {
    kind: 'notify',
    agent: notice.agent,
    session: notice.session,
    cwd: notice.cwd,
    reason: maskSecrets(`could not deliver the ${notice.kind} notice for request ${notice.id}: ${error}`),
    detail: { delivered: false, notice: notice.kind, request: notice.id, position: d.position, attempts, ...target },
  };
  try {
    await ports.store.append(record);
  } catch {
    ports.ledger.later(d, d.attempts, ports.clock() + LONGEST_PAUSE_MS, d.firstTried ?? ports.clock());
    return;
  }
  ports.ledger.done(d);
}
