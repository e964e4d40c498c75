// The dashboard's pages, rendered on the server as plain HTML: a layout, the sign-in and enrolment
// pages, the pending requests (the list the browser swaps in live), one request with its approve and
// deny forms, the audit timeline with its filters, chart and verify status, one entry, and the grants.
// Pure: data in, text out. Every value from a request or the log is escaped where it is written.

import type { ApprovalRequest } from '../approvals/service.js';
import type { Grant } from '../core/grant.js';
import type { AuditEntry, VerifyReport } from '../store/audit.js';
import { storyLine } from '../store/story.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (value: unknown) => String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export interface Frame {
  title: string;
  /** The page's place in the navigation; none on the sign-in pages. */
  nav?: 'pending' | 'timeline' | 'grants';
  csrf?: string;
}

export function layout(frame: Frame, body: string): string {
  const link = (href: string, name: Frame['nav'], text: string) => `<a href="${href}"${frame.nav === name ? ' aria-current="page"' : ''}>${text}</a>`;
  const nav = frame.nav
    ? `<nav aria-label="Main">${link('/pending', 'pending', 'Pending')}${link('/timeline', 'timeline', 'Timeline')}${link('/grants', 'grants', 'Grants')}
<form method="post" action="/logout" class="inline"><input type="hidden" name="csrf" value="${esc(frame.csrf)}"><button type="submit" class="quiet">Sign out</button></form></nav>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
${frame.csrf ? `<meta name="csrf" content="${esc(frame.csrf)}">` : ''}<title>${esc(frame.title)} · airlock</title>
<link rel="stylesheet" href="/app.css"><script src="/app.js" defer></script></head>
<body><a class="skip" href="#main">Skip to content</a>
<header><span class="brand">airlock</span>${nav}</header>
<main id="main"><h1>${esc(frame.title)}</h1>
${body}
</main></body></html>`;
}

const minutes = (ms: number) => (ms <= 0 ? 'expired' : ms < 60_000 ? `${Math.ceil(ms / 1000)} s left` : `${Math.round(ms / 60_000)} min left`);

/** A countdown the page's script keeps current. */
const timeLeft = (expiresAt: number, now: number) => `<time class="left" datetime="${new Date(expiresAt).toISOString()}" data-expires="${expiresAt}">${minutes(expiresAt - now)}</time>`;

const notice = (kind: 'error' | 'ok', text: string) => `<p class="notice ${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${esc(text)}</p>`;

export const message = (kind: 'error' | 'ok', text: string) => notice(kind, text);

function findingsOf(r: ApprovalRequest): string {
  return `<ul class="findings">${r.request.findings
    .map(
      (f) => `<li><strong>${esc(f.summary)}</strong>${f.target ? ` <span class="target">[${esc(f.target)}]</span>` : ''}<br>${esc(f.consequence)}
${f.alternatives?.length ? `<br><span class="safer">Safer: ${f.alternatives.map(esc).join('; ')}</span>` : ''}<br><span class="rule">${esc(f.rule)}</span></li>`,
    )
    .join('')}</ul>`;
}

const loud = (r: ApprovalRequest) => (r.request.environment === 'production' ? ' production' : '');

/** A request's warning if it was tampered with, its command, and who asked where against what (an open <dl>). */
function whatAndWho(r: ApprovalRequest): string {
  const q = r.request;
  return `${r.tampered ? notice('error', `${r.tampered}: it can't be approved`) : ''}
<pre class="command"><code>${esc(q.command)}</code></pre>
<dl><dt>Agent</dt><dd>${esc(q.agent)}${q.session ? ` (session ${esc(q.session)})` : ''}</dd>
<dt>Directory</dt><dd>${esc(q.cwd)}</dd>
<dt>Environment</dt><dd>${esc(q.environment)}${q.evidence.length ? `: ${q.evidence.map(esc).join('; ')}` : ''}</dd>`;
}

/** One pending request as a card on the list. */
function card(r: ApprovalRequest, now: number): string {
  const q = r.request;
  return `<article class="card${loud(r)}" aria-labelledby="c-${esc(r.id)}" data-id="${esc(r.id)}">
<h2 id="c-${esc(r.id)}"><a href="/requests/${esc(r.id)}">Request ${esc(r.id)}</a> <span class="env">${esc(q.environment)}</span> ${timeLeft(r.expiresAt, now)}</h2>
${whatAndWho(r)}</dl>
${findingsOf(r)}
<p><a class="button" href="/requests/${esc(r.id)}">Review, approve or deny</a></p>
</article>`;
}

/** The list the pending page shows, and what the browser fetches again when the feed says something changed. */
export function pendingList(requests: readonly ApprovalRequest[], now: number): string {
  return requests.length === 0 ? '<p class="empty">No command is waiting for a human.</p>' : requests.map((r) => card(r, now)).join('\n');
}

export function pendingPage(frame: Frame, requests: readonly ApprovalRequest[], now: number): string {
  return layout(
    frame,
    `<p>Held commands waiting for a human. New ones appear here as they are held.</p>
<section id="pending" aria-live="polite" aria-label="Pending requests" data-live="/pending/list">${pendingList(requests, now)}</section>`,
  );
}

export interface CopyLine {
  text: string;
  /** Why it can't be kept; absent when it will be. */
  why?: string;
}

/** One request in full, with the approve and deny forms while it is pending. */
export function requestPage(frame: Frame, r: ApprovalRequest, now: number, copies: { off: string | null; lines: CopyLine[] }, enrolled: { passkeys: number; totp: boolean }, said = ''): string {
  const q = r.request;
  const pending = r.status === 'pending' && r.expiresAt > now;
  const files = q.files ?? [];
  const copyText = copies.off
    ? `<p>No safety copy will be kept (${esc(copies.off)}).</p>`
    : copies.lines.length
      ? `<h2>Kept before it runs, if you approve</h2><ul>${copies.lines.map((c) => `<li>${c.why ? `<strong>Cannot keep</strong> ${esc(c.text)}: ${esc(c.why)}. If you approve, there is no copy of it.` : esc(c.text)}</li>`).join('')}</ul>`
      : '';
  const approve = pending && !r.tampered ? approveForms(r, frame.csrf ?? '', enrolled) : '';
  const deny = pending
    ? `<form method="post" action="/requests/${esc(r.id)}/deny" class="decide">
<input type="hidden" name="csrf" value="${esc(frame.csrf)}">
<h2>Deny</h2><label for="reason">Reason (shown to the agent)</label>
<input id="reason" name="reason" maxlength="500" autocomplete="off">
<button type="submit" class="deny">Deny</button></form>`
    : `<p>This request is ${esc(r.status === 'pending' ? 'expired' : r.status)}${r.decidedBy ? ` (by ${esc(r.decidedBy)}${r.decisionReason ? `: ${esc(r.decisionReason)}` : ''})` : ''}.</p>`;
  return layout(
    frame,
    `${said}<article class="card${loud(r)}">
<p><span class="env">${esc(q.environment)}</span> ${pending ? timeLeft(r.expiresAt, now) : ''}</p>
${whatAndWho(r)}
<dt>Held at</dt><dd>${esc(new Date(r.createdAt).toISOString())}</dd></dl>
<h2>What it does</h2>${findingsOf(r)}
${files.length ? `<h2>The approval covers these files as they are now</h2><ul>${files.map((f) => `<li><code>${esc(f.path)}</code>${f.sha256 === null ? ' (does not exist)' : ''}</li>`).join('')}</ul>` : ''}
${copyText}
<details><summary>What the agent was told</summary><pre class="reason">${esc(q.reason)}</pre></details>
</article>
${approve}${deny}`,
  );
}

function approveForms(r: ApprovalRequest, csrf: string, enrolled: { passkeys: number; totp: boolean }): string {
  const env = esc(r.request.environment);
  const typed = (id: string) => `<label for="${id}">Type the environment name (<strong>${env}</strong>) to approve</label>
<input id="${id}" name="typed" required autocomplete="off" spellcheck="false">`;
  const passkey = enrolled.passkeys
    ? `<form class="decide" id="approve-passkey" data-request="${esc(r.id)}">
<h2>Approve with your passkey</h2>${typed('typed-passkey')}
<button type="submit" class="approve">Approve with passkey</button><p class="status" role="status" aria-live="polite"></p></form>`
    : '';
  const code = enrolled.totp
    ? `<form method="post" action="/requests/${esc(r.id)}/approve" class="decide" id="approve-code">
<input type="hidden" name="csrf" value="${esc(csrf)}">
<h2>${enrolled.passkeys ? 'Or approve' : 'Approve'} with a one-time code</h2>${typed('typed-code')}
<label for="code">Code from your authenticator app</label>
<input id="code" name="code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" required autocomplete="one-time-code">
<button type="submit" class="approve">Approve with code</button></form>`
    : '';
  return `<p>If you approve, the agent may run this exact command once, in ${esc(r.request.cwd)}, against ${env}.</p>${passkey}${code}`;
}

/** The sign-in page: a passkey, or a one-time code, or what to do when neither is set up. */
export function loginPage(enrolled: { passkeys: number; totp: boolean }, said = '', origin = ''): string {
  if (!enrolled.passkeys && !enrolled.totp)
    return layout(
      { title: 'Sign in' },
      `${said}<p>Nothing is set up to prove it is you yet. At your own terminal (not the agent's), run one of:</p>
<pre><code>airlock dashboard passkey   # a passkey: fingerprint, face or security key
airlock dashboard totp      # a code from an authenticator app</code></pre>`,
    );
  return layout(
    { title: 'Sign in' },
    `${said}${
      enrolled.passkeys
        ? `<form id="login-passkey" class="decide"><h2>With your passkey</h2><button type="submit">Sign in with passkey</button><p class="status" role="status" aria-live="polite"></p>
${origin ? `<p class="hint">Passkeys work at <a href="${esc(origin)}/login">${esc(origin)}</a>.</p>` : ''}</form>`
        : ''
    }${
      enrolled.totp
        ? `<form method="post" action="/login" class="decide"><h2>With a one-time code</h2><label for="code">Code from your authenticator app</label>
<input id="code" name="code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" required autocomplete="one-time-code"><button type="submit">Sign in</button></form>`
        : ''
    }`,
  );
}

export function enrolPage(signInFirst = ''): string {
  if (signInFirst) return layout({ title: 'Add a passkey' }, `${notice('error', `Not yet: ${signInFirst}.`)}<p><a href="/login">Sign in</a></p>`);
  return layout(
    { title: 'Add a passkey' },
    `<p>This registers a passkey for approving held commands on this machine. Your authenticator will ask for your fingerprint, face or PIN.</p>
<form id="enrol" class="decide"><button type="submit">Add passkey</button><p class="status" role="status" aria-live="polite"></p></form>`,
  );
}

export interface TimelineFilter {
  effect?: string;
  env?: string;
  agent?: string;
  verdict?: string;
  since?: string;
}

const FILTER_CHOICES = {
  effect: ['read', 'write', 'destroy', 'unknown'],
  env: ['production', 'staging', 'development', 'local', 'unknown'],
  verdict: ['allow', 'confirm', 'approve', 'deny'],
  since: ['1h', '24h', '7d', '30d'],
} as const;

/** A filter's choices; the period has no "any" (the page shows a period, 24 hours unless asked). */
function select(name: keyof typeof FILTER_CHOICES, label: string, value: string | undefined): string {
  const any = name === 'since' ? '' : '<option value="">any</option>';
  if (name === 'since') value ??= '24h';
  return `<label for="f-${name}">${label}</label><select id="f-${name}" name="${name}">${any}${FILTER_CHOICES[name]
    .map((c) => `<option${c === value ? ' selected' : ''}>${c}</option>`)
    .join('')}</select>`;
}

/** Held and allowed requests per bucket of time, as a small accessible bar chart. */
function chart(entries: readonly AuditEntry[], from: number, to: number): string {
  const buckets = 24;
  const width = Math.max(1, (to - from) / buckets);
  const held = new Array<number>(buckets).fill(0);
  const allowed = new Array<number>(buckets).fill(0);
  for (const e of entries) {
    if (e.kind !== 'request' || e.ts < from) continue;
    const i = Math.min(buckets - 1, Math.floor((e.ts - from) / width));
    if (e.verdict === 'allow') allowed[i]!++;
    else held[i]!++;
  }
  const top = Math.max(1, ...held.map((h, i) => h + allowed[i]!));
  const bars = held
    .map((h, i) => {
      const a = allowed[i]!;
      const x = i * 20 + 2;
      const ah = (a / top) * 80;
      const hh = (h / top) * 80;
      return `<rect x="${x}" y="${90 - ah}" width="16" height="${ah}" class="allowed"><title>${a} allowed</title></rect><rect x="${x}" y="${90 - ah - hh}" width="16" height="${hh}" class="held"><title>${h} held</title></rect>`;
    })
    .join('');
  const totalHeld = held.reduce((a, b) => a + b, 0);
  const totalAllowed = allowed.reduce((a, b) => a + b, 0);
  return `<figure><svg viewBox="0 0 480 95" role="img" aria-labelledby="chart-title" class="chart"><title id="chart-title">${totalHeld} held and ${totalAllowed} allowed commands over the period, in ${buckets} intervals</title>${bars}</svg>
<figcaption><span class="key held"></span> held (${totalHeld}) <span class="key allowed"></span> allowed (${totalAllowed})</figcaption></figure>`;
}

function verifyLine(report: VerifyReport | null): string {
  if (!report) return notice('error', 'The audit log could not be checked just now.');
  if (!report.checked) return notice('error', 'The audit log is busy; its chain was not checked this time.');
  return report.ok
    ? notice('ok', `Audit log verified: ${report.entries} entries, hash chain intact.`)
    : `${notice('error', `Audit log damaged: ${report.problems.length} problem(s). Run \`airlock verify\` for the details.`)}<ul>${report.problems
        .slice(0, 5)
        .map((p) => `<li>${esc(p.problem)}</li>`)
        .join('')}</ul>`;
}

function entryRow(e: AuditEntry): string {
  const destructive = e.effect === 'destroy' || e.environment === 'production';
  const what = e.command ?? e.reason ?? (e.detail ? JSON.stringify(e.detail) : '');
  return `<tr class="${destructive ? 'loud' : ''}${e.verdict && e.verdict !== 'allow' ? ' held' : ''}"><td><a href="/entries/${e.seq}">${e.seq}</a></td><td><time datetime="${new Date(e.ts).toISOString()}">${esc(
    new Date(e.ts).toISOString().slice(0, 19).replace('T', ' '),
  )}</time></td><td>${esc(e.kind)}</td><td>${esc(e.verdict)}</td><td>${esc(e.effect)}</td><td>${esc(e.environment)}</td><td>${esc(e.agent)}</td><td><code>${esc(what.slice(0, 160))}</code></td></tr>`;
}

export function timelinePage(frame: Frame, entries: readonly AuditEntry[], filter: TimelineFilter, period: { from: number; to: number }, report: VerifyReport | null, shownMax: number): string {
  const shown = entries.slice(-shownMax).reverse();
  return layout(
    frame,
    `${verifyLine(report)}
<form method="get" action="/timeline" class="filters" aria-label="Filter the timeline">
${select('effect', 'Effect', filter.effect)}${select('env', 'Environment', filter.env)}${select('verdict', 'Verdict', filter.verdict)}
<label for="f-agent">Agent</label><input id="f-agent" name="agent" value="${esc(filter.agent)}" size="12">
${select('since', 'Since', filter.since)}<button type="submit">Filter</button></form>
${chart(entries, period.from, period.to)}
<p>${entries.length} entries match${entries.length > shown.length ? `; the newest ${shown.length} are shown` : ''}.</p>
<table><caption class="visually-hidden">Audit entries, newest first</caption><thead><tr><th scope="col">#</th><th scope="col">Time (UTC)</th><th scope="col">Kind</th><th scope="col">Verdict</th><th scope="col">Effect</th><th scope="col">Environment</th><th scope="col">Agent</th><th scope="col">Command or detail</th></tr></thead>
<tbody>${shown.map(entryRow).join('\n')}</tbody></table>`,
  );
}

/** One step in a command's story, linked to its entry. */
function lifeLine(e: AuditEntry): string {
  return `<li><a href="/entries/${e.seq}">#${e.seq}</a> <time datetime="${new Date(e.ts).toISOString()}">${esc(new Date(e.ts).toISOString())}</time> ${esc(storyLine(e))}</li>`;
}

export function entryPage(frame: Frame, entry: AuditEntry, related: readonly AuditEntry[]): string {
  const { seq, ts, kind, verdict, effect, environment, agent, session, cwd, command, rules, reason, detail } = entry;
  const row = (name: string, value: unknown) => (value === undefined || value === '' ? '' : `<dt>${name}</dt><dd>${esc(value)}</dd>`);
  return layout(
    frame,
    `<dl>${row('Entry', seq)}${row('Time', new Date(ts).toISOString())}${row('Kind', kind)}${row('Verdict', verdict)}${row('Effect', effect)}${row('Environment', environment)}${row('Agent', agent)}${row('Session', session)}${row('Directory', cwd)}${row('Rules', rules?.join(', '))}</dl>
${command ? `<h2>Command</h2><pre class="command"><code>${esc(command)}</code></pre>` : ''}
${reason ? `<h2>Reason</h2><pre class="reason">${esc(reason)}</pre>` : ''}
${detail ? `<h2>Detail</h2><pre>${esc(JSON.stringify(detail, null, 2))}</pre>` : ''}
${related.length ? `<h2>The rest of its story</h2><ol>${related.map(lifeLine).join('')}</ol>` : ''}
<p class="hash">hash ${esc(entry.hash)}</p>`,
  );
}

export function grantsPage(frame: Frame, grants: readonly Grant[], now: number, said = ''): string {
  const open = grants.filter((g) => !g.revokedAt && g.expiresAt > now);
  return layout(
    frame,
    `${said}${
      open.length === 0
        ? '<p class="empty">No grant is open.</p>'
        : `<table><thead><tr><th scope="col">Grant</th><th scope="col">Effect</th><th scope="col">Environment</th><th scope="col">Reason</th><th scope="col">Time left</th><th scope="col"><span class="visually-hidden">Revoke</span></th></tr></thead><tbody>${open
            .map(
              (g) =>
                `<tr><td>${esc(g.id)}</td><td>${esc(g.effect)}</td><td>${esc(g.environment)}</td><td>${esc(g.reason)}</td><td>${timeLeft(g.expiresAt, now)}</td><td><form method="post" action="/grants/${esc(g.id)}/revoke"><input type="hidden" name="csrf" value="${esc(frame.csrf)}"><button type="submit" aria-label="Revoke grant ${esc(g.id)}">Revoke</button></form></td></tr>`,
            )
            .join('')}</tbody></table>`
    }<p>Grants are opened at a terminal with <code>airlock grant</code>.</p>`,
  );
}
