// Needs: Debian's chromium (scripts/test-env.sh installs it)
/// <reference lib="dom" />
// The dashboard in a real browser: `airlock serve` as its own process, Debian's Chromium driven by
// playwright-core, a passkey made by Chromium's virtual authenticator (DevTools protocol) after the
// human asked for an enrolment link at their own (pseudo-)terminal, and the real hook holding the
// agent's commands. What a person does, and what an agent on the same machine might try instead.

import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { generate } from 'otplib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { agentProposes, airlockEnv, BIN, inTerminal, projectRoot, scratchDir } from '../helpers.js';

const SHOTS = join(projectRoot, 'test-results');
let dir = '';
let env: Record<string, string>;
let port = 0;
let origin = '';
let browser: Browser;
let human: BrowserContext;
let page: Page;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = s.address() as { port: number };
      s.close(() => resolve(p));
    });
  });

/** A browser context with a virtual passkey authenticator that verifies its user (a fingerprint, say). */
async function withAuthenticator(context: BrowserContext, p: Page): Promise<void> {
  const cdp = await context.newCDPSession(p);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
}

const shot = (p: Page, name: string) => p.screenshot({ path: join(SHOTS, `dashboard-${name}.png`), fullPage: true });

/** A home whose project holds destroys for a human, with `airlock serve` running for it on a port of its own. */
async function machine(name: string): Promise<{ home: string; dir: string; env: Record<string, string>; port: number; origin: string; server: ChildProcess }> {
  const home = scratchDir(name);
  const dir = join(home, 'project');
  mkdirSync(join(dir, '.airlock'), { recursive: true });
  mkdirSync(join(home, '.config/airlock'), { recursive: true });
  const port = await freePort();
  writeFileSync(join(home, '.config/airlock/policy.yaml'), `safety_copies: { enabled: false }\ndashboard: { port: ${port} }\n`);
  writeFileSync(join(dir, '.airlock/policy.yaml'), 'matrix:\n  local: { destroy: approve }\n  unknown: { destroy: approve }\n');
  const env = airlockEnv(home);
  const server = spawn(process.execPath, [BIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  servers.push(server);
  await new Promise<void>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('airlock dashboard:')) resolve();
    });
    server.on('exit', (code) => reject(new Error(`airlock serve exited (${code}): ${out}`)));
  });
  return { home, dir, env, port, origin: `http://localhost:${port}`, server };
}

/** `airlock dashboard passkey` at the human's terminal: the enrolment link it prints. */
function enrolmentLink(at: Record<string, string>): string {
  const link = /http:\/\/localhost:\d+\/enroll#\S+/.exec(inTerminal(at, ['dashboard', 'passkey'], []).output)?.[0];
  assert.ok(link, 'airlock dashboard passkey printed an enrolment link');
  return link;
}

const servers: ChildProcess[] = [];

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ({ dir, env, port, origin } = await machine('dashboard-home'));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  human = await browser.newContext();
  page = await human.newPage();
  await withAuthenticator(human, page);
  // The human asks for a link at their own terminal, opens it, and their authenticator makes a passkey.
  await page.goto(enrolmentLink(env));
  await shot(page, 'enrol');
  await page.getByRole('button', { name: 'Add passkey' }).click();
  await page.waitForURL(`${origin}/pending`);
});

after(async () => {
  await browser?.close();
  for (const server of servers) server.kill('SIGTERM');
});

/** The page's CSRF token and a POST from inside the signed-in page, as the page's own script would send it. */
const postFromPage = (p: Page, url: string, body: unknown) =>
  p.evaluate(
    async ([u, b]) => {
      const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf"]')?.content ?? '';
      const res = await fetch(u as string, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify(b) });
      return { status: res.status, text: await res.text() };
    },
    [url, body] as const,
  );

test('a held command appears on the pending page live, without a reload, with its command, agent, directory, environment and consequences', async () => {
  await page.goto(`${origin}/pending`);
  const held = agentProposes('rm -rf ./build-output', dir, env);
  assert.ok(held.id, held.reason);
  const card = page.locator(`article[data-id="${held.id}"]`);
  await card.waitFor({ timeout: 60_000 });
  const text = await card.innerText();
  assert.match(text, /rm -rf \.\/build-output/);
  assert.match(text, /claude-code/);
  assert.match(text, new RegExp(dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.match(text, /recursive delete|deleted|delete/i);
  assert.match(text, /left/);
  await shot(page, 'pending');
});

test('approving without a passkey or code is refused; with the passkey and the typed name, the retried command runs once', async () => {
  const held = agentProposes('rm -rf ./dist-old', dir, env);
  assert.ok(held.id);
  await page.goto(`${origin}/requests/${held.id}`);
  await shot(page, 'request');
  // No proof: the typed name alone, and a made-up code, are both refused.
  const bare = await postFromPage(page, `/requests/${held.id}/approve`, { typed: 'local' });
  assert.equal(bare.status, 403, bare.text);
  assert.match(bare.text, /passkey, or a one-time code/);
  const guessed = await postFromPage(page, `/requests/${held.id}/approve`, { typed: 'local', code: '123456' });
  assert.equal(guessed.status, 403, guessed.text);
  assert.equal(agentProposes('rm -rf ./dist-old', dir, env).allowed, false, 'still held after the refusals');
  // The wrong name with the passkey: refused before the passkey is even asked.
  const form = page.locator('#approve-passkey');
  await form.getByLabel(/Type the environment name/).fill('production');
  await form.getByRole('button', { name: 'Approve with passkey' }).click();
  await form
    .locator('.status')
    .filter({ hasText: /Not done: type the environment's name/ })
    .waitFor();
  await form.getByLabel(/Type the environment name/).fill('local');
  await form.getByRole('button', { name: 'Approve with passkey' }).click();
  await page.waitForURL(`${origin}/requests/${held.id}?done=approved`);
  assert.match(await page.locator('main').innerText(), /Approved\. The agent may retry exactly this command once/);
  await shot(page, 'approved');
  assert.equal(agentProposes('rm -rf ./dist-old', dir, env).allowed, true, 'the retry runs');
  assert.equal(agentProposes('rm -rf ./dist-old', dir, env).allowed, false, 'once');
  // The log says who approved it, how, and that it was on the dashboard; verify accepts it.
  const log = spawnText([BIN, 'log', '--json']);
  assert.match(log, new RegExp(`"id":"${held.id}","proof":"passkey","transition":"approved","via":"dashboard"`));
  assert.equal(spawnStatus([BIN, 'verify']), 0);
});

test('deny: the reason reaches the agent when it retries', async () => {
  const held = agentProposes('rm -rf ./reports', dir, env);
  assert.ok(held.id);
  await page.goto(`${origin}/requests/${held.id}`);
  await page.getByLabel('Reason (shown to the agent)').fill('those reports are the only copy');
  await page.getByRole('button', { name: 'Deny' }).click();
  await page.waitForURL(`${origin}/requests/${held.id}?done=denied`);
  const retry = agentProposes('rm -rf ./reports', dir, env);
  assert.equal(retry.allowed, false);
  assert.match(retry.reason, /denied .*those reports are the only copy/);
});

test('the timeline filters by verdict and effect, shows the chain verified, and opens an entry in full', async () => {
  await page.goto(`${origin}/timeline`);
  assert.match(await page.locator('main').innerText(), /Audit log verified: \d+ entries, hash chain intact/);
  /** Picks `value` in the filter labelled `label`, applies it, and returns column `column` of the rows shown. */
  const filtered = async (label: string, value: string, column: number) => {
    await page.getByLabel(label).selectOption(value);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(new RegExp(`=${value}`));
    return page.locator(`tbody tr td:nth-child(${column})`).allInnerTexts();
  };
  const verdicts = await filtered('Verdict', 'approve', 4);
  assert.ok(verdicts.length > 0);
  assert.deepEqual([...new Set(verdicts)], ['approve']);
  await page.getByLabel('Verdict').selectOption('');
  const effects = await filtered('Effect', 'destroy', 5);
  assert.ok(effects.length > 0);
  assert.deepEqual([...new Set(effects)], ['destroy']);
  assert.match((await page.locator('svg.chart title').first().textContent()) ?? '', /\d+ held and \d+ allowed commands/);
  await shot(page, 'timeline');
  // The first time the approved command was held: its entry tells the rest of the story.
  await page.locator('tbody tr', { hasText: 'rm -rf ./dist-old' }).last().locator('a').click();
  await page.waitForURL(/\/entries\/\d+$/);
  const story = await page.locator('main').innerText();
  assert.match(story, /Command[\s\S]*rm -rf \.\/dist-old/);
  assert.match(story, /Rules\s+filesystem\/rm/);
  assert.match(story, /requested[\s\S]*approved by \S+ via dashboard \(passkey\)[\s\S]*consumed/);
  await shot(page, 'entry');
});

test('grants: an open grant is listed with its time left, and revoked from the page', async () => {
  const opened = inTerminal(env, ['grant', 'write', '--env', 'staging', '--for', '30m', '--reason', 'migration window'], [['to confirm', 'staging']]);
  assert.equal(opened.status, 0, opened.output);
  const id = /Granted (\S+):/.exec(opened.output)?.[1];
  assert.ok(id, opened.output);
  await page.goto(`${origin}/grants`);
  assert.match(await page.locator('main').innerText(), /migration window[\s\S]*min left/);
  await shot(page, 'grants');
  await page.getByRole('button', { name: `Revoke grant ${id}` }).click();
  await page.waitForURL(`${origin}/grants?done=revoked`);
  assert.match(await page.locator('main').innerText(), /No grant is open/);
});

test('without a session, or from another site, nothing is shown or changed', async () => {
  const held = agentProposes('rm -rf ./cache-b', dir, env);
  assert.ok(held.id);
  // Someone without the passkey: sent to sign in, and their requests refused.
  const stranger = await browser.newContext();
  const p = await stranger.newPage();
  await p.goto(`${origin}/pending`);
  assert.equal(new URL(p.url()).pathname, '/login');
  await shot(p, 'login');
  const anonymous = await fetch(`${origin}/requests/${held.id}/deny`, { method: 'POST', headers: { origin, 'content-type': 'application/x-www-form-urlencoded' }, body: 'reason=x' });
  assert.equal(anonymous.status, 401);
  // The human's own session cookie, used from another site's page: the Origin gives it away.
  const cookie = (await human.cookies(origin)).find((c) => c.name === 'airlock_session');
  assert.ok(cookie?.httpOnly, 'the session cookie is HttpOnly');
  assert.equal(cookie?.sameSite, 'Strict');
  const crossSite = await fetch(`${origin}/requests/${held.id}/deny`, {
    method: 'POST',
    headers: { origin: 'http://attacker.example', cookie: `airlock_session=${cookie!.value}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'reason=x',
  });
  assert.equal(crossSite.status, 403);
  // The right Origin with the cookie but without the page's CSRF token: refused too.
  const noToken = await fetch(`${origin}/requests/${held.id}/deny`, {
    method: 'POST',
    headers: { origin, cookie: `airlock_session=${cookie!.value}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'reason=x',
  });
  assert.equal(noToken.status, 403);
  // A body that is no form at all: refused as one without a token, not a server error.
  const garbled = await fetch(`${origin}/requests/${held.id}/deny`, {
    method: 'POST',
    headers: { origin, cookie: `airlock_session=${cookie!.value}`, 'content-type': 'multipart/form-data; boundary=xx' },
    body: 'garbage',
  });
  assert.equal(garbled.status, 403);
  // A page on another origin posting a form at the dashboard, in a real browser: refused, and the request still waits.
  await p.setContent(`<form id="f" method="post" action="${origin}/requests/${held.id}/deny"><input name="reason" value="forged"></form>`);
  await Promise.all([p.waitForNavigation(), p.evaluate(() => (document.getElementById('f') as HTMLFormElement).submit())]);
  assert.match(await p.content(), /refused|sign in/i);
  // Another name for this machine than the dashboard's own: nothing answers.
  const rebound = await new Promise<number>((resolve, reject) =>
    request({ host: '127.0.0.1', port, path: '/pending', headers: { host: `attacker.example:${port}`, cookie: `airlock_session=${cookie!.value}` } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end(),
  );
  assert.equal(rebound, 421);
  const still = await fetch(`${origin}/requests/${held.id}`, { headers: { cookie: `airlock_session=${cookie!.value}`, accept: 'text/html' } });
  assert.match(await still.text(), /Approve with passkey/, 'the request is still pending');
  await stranger.close();
});

test('a one-time code from an authenticator app signs in and approves, and the same code is not accepted twice', async () => {
  // A machine without a passkey: codes are its way in (beside a passkey they are refused, below).
  const m = await machine('dashboard-totp');
  const setUp = inTerminal(m.env, ['dashboard', 'totp'], [['press Enter to skip', '']]);
  assert.equal(setUp.status, 0, setUp.output);
  const secret = /key: ([A-Z2-7]+)/.exec(setUp.output)?.[1];
  assert.ok(secret, setUp.output);
  const context = await browser.newContext();
  const p = await context.newPage();
  await p.goto(`${m.origin}/login`);
  const signedInWith = await generate({ secret });
  await p.getByLabel('Code from your authenticator app').fill(signedInWith);
  await p.getByRole('button', { name: 'Sign in', exact: true }).click();
  await p.waitForURL(`${m.origin}/pending`);
  const held = agentProposes('rm -rf ./tmp-exports', m.dir, m.env);
  assert.ok(held.id);
  await p.goto(`${m.origin}/requests/${held.id}`);
  const form = p.locator('#approve-code');
  await form.getByLabel(/Type the environment name/).fill('local');
  // The code that signed in was used: sent again (a replay), it is refused, whenever that is.
  await form.getByLabel('Code from your authenticator app').fill(signedInWith);
  await form.getByRole('button', { name: 'Approve with code' }).click();
  await p.waitForLoadState();
  assert.match(await p.locator('main').innerText(), /needs your passkey, or a one-time code/);
  assert.equal(agentProposes('rm -rf ./tmp-exports', m.dir, m.env).allowed, false);
  // The next code (30 s on) approves.
  const next = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
  await p.waitForTimeout(Math.max(0, 30_000 - (Date.now() % 30_000) + 200));
  await form.getByLabel(/Type the environment name/).fill('local');
  await form.getByLabel('Code from your authenticator app').fill(next);
  await form.getByRole('button', { name: 'Approve with code' }).click();
  await p.waitForURL(`${m.origin}/requests/${held.id}?done=approved`);
  assert.equal(agentProposes('rm -rf ./tmp-exports', m.dir, m.env).allowed, true);
  await context.close();
});

const spawnText = (args: string[]) => spawnSync(process.execPath, args, { encoding: 'utf8', env }).stdout;
const spawnStatus = (args: string[]) => spawnSync(process.execPath, args, { encoding: 'utf8', env }).status;

test('once a passkey is set up, the enrolment link alone adds nothing: a new passkey needs a signed-in session, and codes are refused beside it', async () => {
  // Whoever got a link printed (code can make a terminal to run the command in) but can't sign in.
  const link = enrolmentLink(env);
  const token = link.slice(link.indexOf('#') + 1);
  const outsider = await browser.newContext();
  const p = await outsider.newPage();
  await withAuthenticator(outsider, p);
  await p.goto(link);
  assert.match(await p.locator('main').innerText(), /Not yet: a passkey or one-time codes are set up already: sign in/);
  const tried = await fetch(`${origin}/webauthn/register/options`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  assert.equal(tried.status, 401);
  await outsider.close();
  // The human, signed in, may add another authenticator with a link of their own (this one already holds a passkey, so it is excluded).
  const own = enrolmentLink(env);
  await page.goto(own);
  assert.ok(await page.getByRole('button', { name: 'Add passkey' }).isVisible());
  const options = await postFromPage(page, '/webauthn/register/options', { token: own.slice(own.indexOf('#') + 1) });
  assert.equal(options.status, 200, options.text);
  assert.equal(JSON.parse(options.text).options.excludeCredentials.length, 1);
  const status = spawnSync(process.execPath, [BIN, 'dashboard', 'status'], { encoding: 'utf8', env });
  assert.match(status.stdout, /passkeys: 1 \(added \d{4}-\d\d-\d\d\)/);
  // One-time codes would be a weaker way in beside the passkey: not added.
  const codes = inTerminal(env, ['dashboard', 'totp'], []);
  assert.equal(codes.status, 1);
  assert.match(codes.output, /a passkey is set up; one-time codes would be a weaker way in beside it/);
});
