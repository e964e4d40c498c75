// The dashboard's HTTP application (Hono): pages, the live feed and the actions, behind four gates.
//   1. Host: only this machine's own names for it (a page on another site that points a name at
//      127.0.0.1, DNS rebinding, gets nothing).
//   2. Origin: every request that changes something comes from the dashboard's own pages.
//   3. Session: everything but signing in and enrolling needs one (HttpOnly, SameSite=Strict).
//   4. CSRF: every form and script request that changes something carries the session's token.
// Approving needs more: the environment's name typed, and a fresh passkey assertion or one-time code
// for this request in this session (auth.ts). Deciding is the approval service's, for a dashboard principal.

import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { streamSSE } from 'hono/streaming';
import { ApprovalRefused, type ApprovalService } from '../approvals/service.js';
import type { Principal } from '../core/approval.js';
import { describeCopyPlan } from '../copies/plan.js';
import { copyOutlook, discardCopies, keepCopies } from '../copies/keep.js';
import { megabytes } from '../copies/size.js';
import type { Effect } from '../core/effect.js';
import type { Environment } from '../core/environment.js';
import { parseDuration, type Policy } from '../policy/policy.js';
import type { AuditEntry, VerifyReport } from '../store/audit.js';
import { revokeGrant } from '../store/grants.js';
import { storyOf } from '../store/story.js';
import type { Store } from '../store/store.js';
import { STYLESHEET, SCRIPT } from './assets.js';
import { sameSecret, type Auth, type Proof, type Session } from './auth.js';
import { entryPage, enrolPage, grantsPage, layout, loginPage, message, pendingList, pendingPage, requestPage, timelinePage, type Frame, type TimelineFilter } from './pages.js';

export interface DashboardDeps {
  store: Store;
  service: ApprovalService;
  auth: Auth;
  port: number;
  /** The environment safety copies are made with (PATH, the data directory). */
  env: Record<string, string>;
  policyFor: (cwd: string) => Promise<Policy>;
  /** The OS user the server runs as: who a dashboard decision is recorded as. */
  user: string;
  clock?: () => number;
  /** Told after a decision: the deliverer sends it on. */
  onDecided?: (policy: Policy) => void;
}

const COOKIE = 'airlock_session';
const TIMELINE_MAX = 500;
const VERIFY_CACHE_MS = 30_000;

type Env = { Variables: { session: Session } };

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  // Not no-referrer: under it, Chromium sends `Origin: null` with the pages' own form posts, and the origin gate refuses them.
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
  'cross-origin-opener-policy': 'same-origin',
};

/** What signing in, enrolling and the two static files need: no session. */
const OPEN_PATHS = new Set([
  '/login',
  '/enroll',
  '/app.js',
  '/app.css',
  '/favicon.ico',
  '/webauthn/login/options',
  '/webauthn/login/verify',
  '/webauthn/register/options',
  '/webauthn/register/verify',
]);

const DONE: Record<string, string> = { approved: 'Approved. The agent may retry exactly this command once.', denied: 'Denied. The agent is told so when it retries.', revoked: 'Grant revoked.' };

export function dashboardApp(deps: DashboardDeps): Hono<Env> {
  const { store, service, auth, port } = deps;
  const clock = deps.clock ?? Date.now;
  const hosts = new Set([`localhost:${port}`, `127.0.0.1:${port}`]);
  const origins = new Set([`http://localhost:${port}`, `http://127.0.0.1:${port}`]);
  const app = new Hono<Env>();
  const approving = new Set<string>();

  app.use('*', async (c, next) => {
    if (!hosts.has(c.req.header('host') ?? '')) return c.text('airlock: this dashboard answers only at localhost', 421);
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value);
  });
  app.use('*', bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.text('airlock: request too large', 413) }));
  app.use('*', async (c, next) => {
    const changes = c.req.method !== 'GET' && c.req.method !== 'HEAD';
    // A request from another site (a form it posts, a script it runs) carries that site's Origin; browsers send one with every POST.
    if (changes && !origins.has(c.req.header('origin') ?? '')) return refuse(c, 403, 'refused: this request did not come from the dashboard itself');
    const site = c.req.header('sec-fetch-site');
    if (changes && site !== undefined && site !== 'same-origin') return refuse(c, 403, 'refused: a cross-site request');
    if (OPEN_PATHS.has(c.req.path)) return next();
    const session = auth.session(getCookie(c, COOKIE));
    if (!session) return c.req.method === 'GET' && c.req.header('accept')?.includes('text/html') !== false ? c.redirect('/login', 303) : refuse(c, 401, 'sign in first');
    c.set('session', session);
    if (changes) {
      const token = c.req.header('x-csrf-token') ?? (await formField(c, 'csrf'));
      if (!token || !sameSecret(token, session.csrf)) return refuse(c, 403, 'refused: the form is stale or not the dashboard’s own (CSRF token)');
    }
    return next();
  });

  app.get('/app.css', (c) => c.body(STYLESHEET, 200, { 'content-type': 'text/css; charset=utf-8' }));
  app.get('/app.js', (c) => c.body(SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/', (c) => c.redirect('/pending', 303));

  // Signing in and out.
  app.get('/login', (c) => c.html(loginPage(auth.enrolled(), '', `http://localhost:${port}`)));
  app.post('/login', async (c) => {
    const checked = await auth.checkCode(String((await formField(c, 'code')) ?? ''));
    if (checked !== true) return c.html(loginPage(auth.enrolled(), message('error', `Not signed in: ${checked}.`)), 401);
    signIn(c, 'totp');
    return c.redirect('/pending', 303);
  });
  app.post('/webauthn/login/options', async (c) => {
    const made = await auth.assertionOptions('login');
    return made ? c.json(made) : refuse(c, 409, 'no passkey is registered; run `airlock dashboard passkey` at your terminal');
  });
  app.post('/webauthn/login/verify', async (c) => {
    const body = await jsonBody(c);
    if (!(await auth.assertion(body.ticket, 'login', body.response))) return refuse(c, 401, 'the passkey was not accepted');
    signIn(c, 'passkey');
    return c.json({ redirect: '/pending', message: 'Signed in.' });
  });
  app.post('/logout', (c) => {
    auth.endSession(c.get('session').id);
    deleteCookie(c, COOKIE, { path: '/' });
    return c.redirect('/login', 303);
  });

  // Enrolling a passkey, with the one-time link `airlock dashboard passkey` printed. Once anything proves
  // the human, a new passkey also needs a session proven by it: a link the agent got printed (a terminal
  // is not proof against code that makes one) adds nothing by itself.
  const mustSignInFirst = (c: Context) => {
    const { passkeys, totp } = auth.enrolled();
    return (passkeys > 0 || totp) && !auth.session(getCookie(c, COOKIE));
  };
  const SIGN_IN_FIRST = 'a passkey or one-time codes are set up already: sign in with one of them first, then open the link again';
  app.get('/enroll', (c) => c.html(mustSignInFirst(c) ? enrolPage(SIGN_IN_FIRST) : enrolPage()));
  app.post('/webauthn/register/options', async (c) => {
    if (mustSignInFirst(c)) return refuse(c, 401, SIGN_IN_FIRST);
    const made = await auth.registrationOptions((await jsonBody(c)).token);
    return made ? c.json(made) : refuse(c, 403, 'the enrolment link has expired or was used; run `airlock dashboard passkey` at your terminal again');
  });
  app.post('/webauthn/register/verify', async (c) => {
    if (mustSignInFirst(c)) return refuse(c, 401, SIGN_IN_FIRST);
    const body = await jsonBody(c);
    const problem = await auth.register(body.token, body.ticket, body.response);
    if (problem) return refuse(c, 400, problem);
    signIn(c, 'passkey');
    return c.json({ redirect: '/pending', message: 'Passkey added.' });
  });

  // Pending requests, live.
  app.get('/pending', async (c) => c.html(pendingPage(frame(c, 'Pending approvals', 'pending'), await service.pending(), clock())));
  app.get('/pending/list', async (c) => c.html(pendingList(await service.pending(), clock())));
  app.get('/events', (c) =>
    streamSSE(c, async (stream) => {
      const stop = new AbortController();
      stream.onAbort(() => stop.abort());
      const feed = await store.feed.subscribe({ signal: AbortSignal.any([stop.signal, c.req.raw.signal]) });
      await stream.writeSSE({ event: 'ready', data: '{}' });
      for await (const { position, event } of feed) await stream.writeSSE({ event: 'change', id: String(position), data: JSON.stringify({ type: event.type, id: 'id' in event ? event.id : null }) });
    }),
  );

  // One request: look, approve, deny.
  app.get('/requests/:id', async (c) => {
    const r = await service.get(c.req.param('id'));
    if (!r) return c.html(layoutNotFound(c, `There is no request ${c.req.param('id')}.`), 404);
    const done = DONE[c.req.query('done') ?? ''];
    return c.html(await requestView(c, r, done ? message('ok', done) : ''));
  });
  app.post('/webauthn/approve/options', async (c) => {
    const id = String((await jsonBody(c)).id ?? '');
    const made = await auth.assertionOptions(`approve:${c.get('session').id}:${id}`);
    return made ? c.json(made) : refuse(c, 409, 'no passkey is registered; approve with a one-time code, or run `airlock dashboard passkey` at your terminal');
  });
  app.post('/requests/:id/approve', async (c) => {
    const id = c.req.param('id');
    const json = c.req.header('content-type')?.includes('application/json') ?? false;
    const body = json ? await jsonBody(c) : await formBody(c);
    const answer = (status: number, text: string) =>
      json ? c.json(status < 400 ? { message: text, redirect: `/requests/${id}?done=approved` } : { error: text }, status as 200) : formAnswer(c, id, status, text);
    const r = await service.get(id);
    if (!r) return answer(404, `there is no request ${id}`);
    if (r.status !== 'pending' || r.expiresAt <= clock()) return answer(409, `request ${id} is ${r.status === 'pending' ? 'expired' : r.status}, not pending; nothing changed`);
    if (r.tampered) return answer(409, `${r.tampered}; it can't be approved. Deny it, and run airlock verify`);
    if (String(body.typed ?? '') !== r.request.environment) return answer(400, `type the environment's name (${r.request.environment}) exactly to approve; nothing changed`);
    const session = c.get('session');
    let proof: Proof | null = null;
    let why = '';
    if (body.response !== undefined && (await auth.assertion(body.ticket, `approve:${session.id}:${id}`, body.response))) proof = 'passkey';
    else if (typeof body.code === 'string') {
      const checked = await auth.checkCode(body.code);
      if (checked === true) proof = 'totp';
      else why = ` (${checked})`;
    }
    if (!proof) return answer(403, `approving needs your passkey, or a one-time code from your authenticator app, each time${why}; nothing changed`);
    // One approval of a request at a time (a double click): the second would make its copies again.
    if (approving.has(id)) return answer(409, `request ${id} is being approved already`);
    approving.add(id);
    try {
      const policy = await deps.policyFor(r.request.cwd);
      const { copies } = await copyOutlook(r.request, policy, deps.env, false);
      const kept = await keepCopies(id, r.request, copies, deps.env);
      if ('failed' in kept)
        return answer(500, `the safety copy could not be made: ${kept.failed}. Nothing was approved; to approve without it, use \`airlock approve ${id} --without-copy\` at your terminal`);
      const by: Principal = { kind: 'dashboard', user: deps.user, proof };
      try {
        await service.decide(id, 'approved', by, undefined, kept.made);
      } catch (error) {
        // Not approved after all (it expired meanwhile): copies nothing points to are not left behind.
        if (kept.made.length) await discardCopies(deps.env, id);
        return answer(409, `${(error as Error).message}; nothing changed`);
      }
      deps.onDecided?.(policy);
      const copyNote = kept.made.map((m) => ` Kept ${m.kind === 'git' ? 'refs in' : `${megabytes(m.bytes)} at`} ${m.path}; to restore: ${m.restore}.`).join('');
      return json ? answer(200, `${DONE.approved}${copyNote}`) : c.redirect(`/requests/${id}?done=approved`, 303);
    } finally {
      approving.delete(id);
    }
  });
  app.post('/requests/:id/deny', async (c) => {
    const id = c.req.param('id');
    const reason = String((await formField(c, 'reason')) ?? '')
      .trim()
      .slice(0, 500);
    const r = await service.get(id);
    if (!r) return formAnswer(c, id, 404, `there is no request ${id}`);
    try {
      await service.decide(id, 'denied', { kind: 'dashboard', user: deps.user, proof: c.get('session').proof }, reason || undefined);
    } catch (error) {
      if (error instanceof ApprovalRefused) return formAnswer(c, id, 409, `${error.message}; nothing changed`);
      throw error;
    }
    deps.onDecided?.(await deps.policyFor(r.request.cwd));
    return c.redirect(`/requests/${id}?done=denied`, 303);
  });

  // The audit timeline and its entries.
  let verified: { at: number; report: VerifyReport | null } | null = null;
  const verifyReport = async () => {
    if (!verified || clock() - verified.at > VERIFY_CACHE_MS) verified = { at: clock(), report: await store.verify().catch(() => null) };
    return verified.report;
  };
  app.get('/timeline', async (c) => {
    const filter = timelineFilter(c.req.query());
    const to = clock();
    const from = to - parseDuration(filter.since ?? '24h');
    const entries = (
      await store.entries({
        since: from,
        ...(filter.effect ? { effect: filter.effect as Effect } : {}),
        ...(filter.env ? { environment: filter.env as Environment } : {}),
        ...(filter.agent ? { agent: filter.agent } : {}),
      })
    ).filter((e) => !filter.verdict || e.verdict === filter.verdict);
    return c.html(timelinePage(frame(c, 'Audit timeline', 'timeline'), entries, filter, { from, to }, await verifyReport(), TIMELINE_MAX));
  });
  app.get('/entries/:seq', async (c) => {
    const seq = /^\d{1,15}$/.test(c.req.param('seq')) ? Number(c.req.param('seq')) : Number.NaN;
    const all: AuditEntry[] = Number.isSafeInteger(seq) && seq > 0 ? await store.entries() : [];
    const entry = all.find((e) => e.seq === seq);
    if (!entry) return c.html(layoutNotFound(c, `There is no entry ${c.req.param('seq')}.`), 404);
    return c.html(entryPage(frame(c, `Audit entry ${seq}`, 'timeline'), entry, storyOf(entry, all)));
  });

  // Grants.
  app.get('/grants', async (c) => {
    const done = DONE[c.req.query('done') ?? ''];
    return c.html(grantsPage(frame(c, 'Grants', 'grants'), await store.grants(), clock(), done ? message('ok', done) : ''));
  });
  app.post('/grants/:id/revoke', async (c) => {
    const id = c.req.param('id');
    if (!(await revokeGrant(store, id, clock()))) return c.html(grantsPage(frame(c, 'Grants', 'grants'), await store.grants(), clock(), message('error', `There is no open grant ${id}.`)), 404);
    return c.redirect('/grants?done=revoked', 303);
  });

  app.onError((error, c) => refuse(c, 500, `the dashboard could not do that: ${error.message}`));

  async function requestView(c: Context<Env>, r: NonNullable<Awaited<ReturnType<ApprovalService['get']>>>, said: string): Promise<string> {
    const policy = await deps.policyFor(r.request.cwd);
    const outlook = r.status === 'pending' ? await copyOutlook(r.request, policy, deps.env, false) : { off: null, copies: [] };
    const lines = outlook.copies.map((o) => ({ text: `${describeCopyPlan(o.plan)}${o.bytes !== null ? ` (about ${megabytes(o.bytes)})` : ''}`, ...(o.why ? { why: o.why } : {}) }));
    return requestPage(frame(c, `Request ${r.id}`, 'pending'), r, clock(), { off: outlook.off, lines }, auth.enrolled(), said);
  }

  async function formAnswer(c: Context<Env>, id: string, status: number, text: string): Promise<Response> {
    const r = await service.get(id);
    return r ? c.html(await requestView(c, r, message('error', text)), status as 400) : c.html(layoutNotFound(c, text), status as 404);
  }

  function signIn(c: Context, proof: Proof): void {
    const session = auth.startSession(proof);
    setCookie(c, COOKIE, session.id, { httpOnly: true, sameSite: 'Strict', path: '/', maxAge: 12 * 3600 });
  }

  return app;
}

function frame(c: Context<Env>, title: string, nav: Frame['nav']): Frame {
  return { title, nav, csrf: c.get('session').csrf };
}

function layoutNotFound(c: Context<Env>, text: string): string {
  return layout(frame(c, 'Not found', 'pending'), message('error', text));
}

/** A refusal: JSON for the page's script, plain text otherwise; never a stack trace. */
function refuse(c: Context, status: number, text: string): Response {
  return c.req.header('content-type')?.includes('application/json') ? c.json({ error: text }, status as 400) : c.text(`airlock: ${text}`, status as 400);
}

async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await c.req.json();
    return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A submitted form's fields; a body that is not a form it can read counts as an empty one (the checks then refuse it). */
async function formBody(c: Context): Promise<Record<string, unknown>> {
  try {
    return await c.req.parseBody();
  } catch {
    return {};
  }
}

/** A field of a submitted form (read once and kept by Hono, so a later read sees it too); undefined for JSON bodies. */
async function formField(c: Context, name: string): Promise<string | undefined> {
  if (!c.req.header('content-type')?.includes('form')) return undefined;
  const value = (await formBody(c))[name];
  return typeof value === 'string' ? value : undefined;
}

const CHOICES: Record<keyof TimelineFilter, RegExp> = {
  effect: /^(read|write|destroy|unknown)$/,
  env: /^(production|staging|development|local|unknown)$/,
  verdict: /^(allow|confirm|approve|deny)$/,
  since: /^(1h|24h|7d|30d)$/,
  agent: /^[\w.-]{1,40}$/,
};

/** The filters asked for, each only when it is one the page offers. */
function timelineFilter(query: Record<string, string>): TimelineFilter {
  const filter: TimelineFilter = {};
  for (const key of Object.keys(CHOICES) as (keyof TimelineFilter)[]) if (query[key] && CHOICES[key].test(query[key]!)) filter[key] = query[key];
  return filter;
}
