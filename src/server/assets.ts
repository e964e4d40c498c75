// The dashboard's one stylesheet and one small script, served from the server itself (nothing is
// fetched from elsewhere, and the pages' Content-Security-Policy allows only these). The script does
// what plain forms can't: the passkey ceremonies, the live pending list (server-sent events) and the
// countdowns. Every form that works without it (a one-time code, deny, revoke, filters) does.

export const STYLESHEET = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #4a4a4a; --line: #c8c8c8; --bad: #a4000f; --good: #0b6b1d; --focus: #0047b3; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--ink); background: #fff; }
header { display: flex; gap: 1.5rem; align-items: center; padding: .6rem 1.5rem; border-bottom: 1px solid var(--line); flex-wrap: wrap; }
.brand { font-weight: 700; }
nav { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
nav a { color: var(--ink); }
nav a[aria-current="page"] { font-weight: 700; }
main { max-width: 70rem; padding: 1rem 1.5rem 3rem; }
a { color: var(--focus); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: .5rem; background: #fff; padding: .3rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.card { border: 1px solid var(--line); border-left: 6px solid var(--muted); border-radius: 6px; padding: .8rem 1rem; margin: 1rem 0; }
.card.production { border-left-color: var(--bad); }
.card h2 { font-size: 1.1rem; margin: 0 0 .4rem; }
.env { display: inline-block; padding: 0 .5rem; border-radius: 4px; background: #ececec; font-weight: 600; }
.production .env { background: var(--bad); color: #fff; }
.left { color: var(--muted); font-size: .9rem; margin-left: .5rem; }
pre { white-space: pre-wrap; word-break: break-word; background: #f3f3f3; padding: .6rem; border-radius: 4px; }
.command { font-size: 1rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0; }
dt { font-weight: 600; color: var(--muted); }
dd { margin: 0; word-break: break-word; }
.findings li { margin-bottom: .5rem; }
.rule, .target, .hash { color: var(--muted); font-size: .9rem; }
.safer { color: var(--good); }
form.decide { border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1rem; margin: 1rem 0; max-width: 36rem; }
form.decide h2 { font-size: 1.05rem; margin: 0 0 .5rem; }
form.inline { display: inline; }
label { display: block; font-weight: 600; margin: .4rem 0 .2rem; }
input, select { font: inherit; padding: .35rem .5rem; border: 1px solid #767676; border-radius: 4px; }
button, .button { font: inherit; padding: .4rem .9rem; border-radius: 4px; border: 1px solid #333; background: #f7f7f7; color: var(--ink); cursor: pointer; text-decoration: none; display: inline-block; margin-top: .5rem; }
button.approve { background: var(--bad); color: #fff; border-color: var(--bad); }
button.deny { background: #333; color: #fff; }
button.quiet { margin: 0; padding: .2rem .6rem; }
.notice { padding: .5rem .8rem; border-radius: 4px; }
.notice.error { background: #fde8ea; color: var(--bad); border: 1px solid var(--bad); }
.notice.ok { background: #e6f4e8; color: var(--good); border: 1px solid var(--good); }
.filters { display: flex; gap: .5rem 1rem; align-items: end; flex-wrap: wrap; }
.filters label { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; border-bottom: 1px solid var(--line); padding: .3rem .4rem; vertical-align: top; }
tr.loud td { color: var(--bad); font-weight: 600; }
.chart { width: 100%; max-width: 40rem; height: auto; }
.chart .held, .key.held { fill: var(--bad); background: var(--bad); }
.chart .allowed, .key.allowed { fill: #8a8a8a; background: #8a8a8a; }
.key { display: inline-block; width: .8rem; height: .8rem; margin: 0 .2rem 0 .8rem; }
`;

export const SCRIPT = `'use strict';
(() => {
  const csrf = document.querySelector('meta[name="csrf"]')?.content ?? '';
  const b64 = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
  const bytes = (text) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  async function send(url, body) {
    const res = await fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify(body) });
    const answer = await res.json().catch(() => ({ error: 'the dashboard gave no answer it could read' }));
    if (!res.ok) throw new Error(answer.error || 'refused');
    return answer;
  }
  const creationOptions = (o) => ({ ...o, challenge: bytes(o.challenge), user: { ...o.user, id: bytes(o.user.id) }, excludeCredentials: (o.excludeCredentials || []).map((c) => ({ ...c, id: bytes(c.id) })) });
  const requestOptions = (o) => ({ ...o, challenge: bytes(o.challenge), allowCredentials: (o.allowCredentials || []).map((c) => ({ ...c, id: bytes(c.id) })) });
  const made = (c) => ({ id: c.id, rawId: b64(c.rawId), type: c.type, clientExtensionResults: c.getClientExtensionResults(), authenticatorAttachment: c.authenticatorAttachment || undefined,
    response: { clientDataJSON: b64(c.response.clientDataJSON), attestationObject: b64(c.response.attestationObject), transports: c.response.getTransports ? c.response.getTransports() : [] } });
  const used = (c) => ({ id: c.id, rawId: b64(c.rawId), type: c.type, clientExtensionResults: c.getClientExtensionResults(), authenticatorAttachment: c.authenticatorAttachment || undefined,
    response: { clientDataJSON: b64(c.response.clientDataJSON), authenticatorData: b64(c.response.authenticatorData), signature: b64(c.response.signature), userHandle: c.response.userHandle ? b64(c.response.userHandle) : undefined } });
  function ceremony(form, run) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const status = form.querySelector('.status');
      const button = form.querySelector('button');
      button.disabled = true;
      status.textContent = 'Waiting for your passkey…';
      try {
        const next = await run();
        status.textContent = next.message || 'Done.';
        if (next.redirect) location.assign(next.redirect);
      } catch (error) {
        status.textContent = 'Not done: ' + (error && error.message ? error.message : error);
        button.disabled = false;
      }
    });
  }
  const enrol = document.getElementById('enrol');
  if (enrol) ceremony(enrol, async () => {
    const token = location.hash.slice(1);
    const { ticket, options } = await send('/webauthn/register/options', { token });
    const credential = await navigator.credentials.create({ publicKey: creationOptions(options) });
    return send('/webauthn/register/verify', { token, ticket, response: made(credential) });
  });
  const login = document.getElementById('login-passkey');
  if (login) ceremony(login, async () => {
    const { ticket, options } = await send('/webauthn/login/options', {});
    const credential = await navigator.credentials.get({ publicKey: requestOptions(options) });
    return send('/webauthn/login/verify', { ticket, response: used(credential) });
  });
  const approve = document.getElementById('approve-passkey');
  if (approve) ceremony(approve, async () => {
    const id = approve.dataset.request;
    const typed = approve.querySelector('input[name="typed"]').value;
    const { ticket, options } = await send('/webauthn/approve/options', { id });
    const credential = await navigator.credentials.get({ publicKey: requestOptions(options) });
    return send('/requests/' + encodeURIComponent(id) + '/approve', { typed, ticket, response: used(credential) });
  });
  const live = document.querySelector('[data-live]');
  if (live && window.EventSource) {
    const refresh = async () => {
      const res = await fetch(live.dataset.live, { credentials: 'same-origin' });
      if (res.ok) live.innerHTML = await res.text();
    };
    const events = new EventSource('/events');
    events.addEventListener('change', refresh);
    events.addEventListener('open', refresh);
  }
  setInterval(() => {
    for (const t of document.querySelectorAll('time[data-expires]')) {
      const left = Number(t.dataset.expires) - Date.now();
      t.textContent = left <= 0 ? 'expired' : left < 60000 ? Math.ceil(left / 1000) + ' s left' : Math.round(left / 60000) + ' min left';
    }
  }, 1000);
})();
`;
