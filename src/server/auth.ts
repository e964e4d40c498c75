// Proving the human on the dashboard. The agent runs on the same machine: it can reach loopback, read
// most of the user's files and drive a browser, so nothing it can produce may count. What counts is a
// passkey (WebAuthn, with user verification: a fingerprint, face or PIN on the human's authenticator),
// registered through a one-time link printed at the human's own terminal, or a one-time code from an
// authenticator app whose secret was set up there (TOTP), each code used once.
//
// Signing in gives a session (an HttpOnly, SameSite=Strict cookie, and a CSRF token for its forms);
// approving asks for a fresh proof every time, bound to that session and that request, so a session
// alone (a stolen cookie) can deny or look, never approve.

import { timingSafeEqual } from 'node:crypto';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { generateAuthenticationOptions, generateRegistrationOptions, verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import { verify as verifyCode } from 'otplib';
import { newToken, readSecrets, tokenHash, updateSecrets } from './secrets.js';

export type Proof = 'passkey' | 'totp';

export interface Session {
  id: string;
  csrf: string;
  proof: Proof;
  createdAt: number;
  seenAt: number;
}

/** A session unused this long ends; none lasts longer than SESSION_MAX_MS. */
const SESSION_IDLE_MS = 30 * 60_000;
const SESSION_MAX_MS = 12 * 3_600_000;
/** A passkey ceremony must finish this soon after it started. */
const CHALLENGE_MS = 2 * 60_000;
/** How far a one-time code may be off the server's clock, in seconds (one 30 s step either way). */
const CODE_TOLERANCE_S = 30;
/** Wrong codes in a row before codes are refused for FIRST_LOCK_MS, doubling with each wrong one after, up to MAX_LOCK_MS. */
const MAX_CODE_FAILURES = 5;
const FIRST_LOCK_MS = 60_000;
const MAX_LOCK_MS = 3_600_000;
/** Passkey ceremonies in flight at most; the oldest is dropped past it (the sign-in options need no session). */
const MAX_CHALLENGES = 1_000;

const lockedText = (ms: number) => `codes are refused for ${Math.ceil(ms / 1000)} s more; use your passkey, or wait`;

/** Equal strings, compared in constant time. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class Auth {
  private readonly sessions = new Map<string, Session>();
  /** Passkey challenges by ticket, each for one purpose (signing in, enrolling, approving one request in one session). */
  private readonly challenges = new Map<string, { challenge: string; purpose: string; expiresAt: number }>();

  constructor(
    private readonly file: string,
    readonly origin: string,
    readonly rpID: string,
    private readonly user: string,
    private readonly clock: () => number = Date.now,
  ) {}

  /** What the human has set up: passkeys, a one-time-code app. */
  enrolled(): { passkeys: number; totp: boolean } {
    const s = readSecrets(this.file);
    return { passkeys: s.passkeys.length, totp: s.totp !== undefined };
  }

  startSession(proof: Proof): Session {
    const now = this.clock();
    for (const [id, s] of this.sessions) if (now - s.seenAt > SESSION_IDLE_MS || now - s.createdAt > SESSION_MAX_MS) this.sessions.delete(id);
    const session = { id: newToken(), csrf: newToken(), proof, createdAt: now, seenAt: now };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session a cookie names, its idle time reset; null when there is none. */
  session(id: string | undefined): Session | null {
    if (!id) return null;
    const s = this.sessions.get(id);
    const now = this.clock();
    if (!s || now - s.seenAt > SESSION_IDLE_MS || now - s.createdAt > SESSION_MAX_MS) {
      if (s) this.sessions.delete(id);
      return null;
    }
    s.seenAt = now;
    return s;
  }

  endSession(id: string): void {
    this.sessions.delete(id);
  }

  /**
   * Whether `code` is the one-time code for now, not used before (a good one is used up): true, or why
   * not. After MAX_CODE_FAILURES wrong codes in a row, codes are refused for a while, longer each time,
   * so a million codes can't be tried on loopback in minutes.
   */
  async checkCode(code: string): Promise<true | string> {
    const now = this.clock();
    const { totp } = readSecrets(this.file);
    if (!totp) return 'one-time codes are not set up (airlock dashboard totp)';
    if ((totp.lockedUntil ?? 0) > now) return lockedText(totp.lockedUntil! - now);
    const result = /^\d{6}$/.test(code) ? await verifyCode({ secret: totp.secret, token: code, epochTolerance: CODE_TOLERANCE_S }) : null;
    const step = result?.valid && 'timeStep' in result && typeof result.timeStep === 'number' ? result.timeStep : null;
    return updateSecrets(this.file, (s) => {
      if (!s.totp) return 'one-time codes are not set up (airlock dashboard totp)';
      // Checked again under the write: two requests with the same code get one yes.
      if (step !== null && step > s.totp.lastStep) {
        s.totp.lastStep = step;
        s.totp.failures = 0;
        return true;
      }
      s.totp.failures = (s.totp.failures ?? 0) + 1;
      if (s.totp.failures < MAX_CODE_FAILURES) return 'that code is wrong, or was used already';
      const lock = Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (s.totp.failures - MAX_CODE_FAILURES));
      s.totp.lockedUntil = now + lock;
      return `that code is wrong, and that was ${s.totp.failures} wrong codes in a row: ${lockedText(lock)}`;
    });
  }

  private remember(challenge: string, purpose: string): string {
    const now = this.clock();
    // Oldest first (a Map keeps insertion order): the expired, then any past the cap.
    for (const [ticket, c] of this.challenges) {
      if (c.expiresAt > now && this.challenges.size < MAX_CHALLENGES) break;
      this.challenges.delete(ticket);
    }
    const ticket = newToken();
    this.challenges.set(ticket, { challenge, purpose, expiresAt: now + CHALLENGE_MS });
    return ticket;
  }

  /** The challenge a ticket was given for `purpose`, used up; null when it is unknown, for something else, or too old. */
  private take(ticket: unknown, purpose: string): string | null {
    if (typeof ticket !== 'string') return null;
    const c = this.challenges.get(ticket);
    this.challenges.delete(ticket);
    return c && c.purpose === purpose && c.expiresAt > this.clock() ? c.challenge : null;
  }

  /** Whether `token` is a live enrolment token printed by `airlock dashboard passkey`. */
  private enrolmentLive(token: unknown): token is string {
    if (typeof token !== 'string' || token.length < 20) return false;
    const hash = tokenHash(token);
    return readSecrets(this.file).enrolments.some((e) => sameSecret(e.tokenHash, hash) && e.expiresAt > this.clock());
  }

  async registrationOptions(token: unknown): Promise<{ ticket: string; options: unknown } | null> {
    if (!this.enrolmentLive(token)) return null;
    const s = readSecrets(this.file);
    const options = await generateRegistrationOptions({
      rpName: 'airlock',
      rpID: this.rpID,
      userName: this.user,
      userID: Buffer.from(s.userId, 'base64url'),
      attestationType: 'none',
      excludeCredentials: s.passkeys.map((p) => ({ id: p.id, ...(p.transports ? { transports: p.transports as never } : {}) })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
    });
    return { ticket: this.remember(options.challenge, `enrol:${tokenHash(token)}`), options };
  }

  /** Registers the passkey a browser made with a live enrolment token, which is then used up. */
  async register(token: unknown, ticket: unknown, response: unknown): Promise<string | null> {
    if (!this.enrolmentLive(token)) return 'the enrolment link has expired or was used; run `airlock dashboard passkey` again';
    const challenge = this.take(ticket, `enrol:${tokenHash(token)}`);
    if (!challenge) return 'the passkey took too long; start again';
    let verified;
    try {
      verified = await verifyRegistrationResponse({
        response: response as RegistrationResponseJSON,
        expectedChallenge: challenge,
        expectedOrigin: this.origin,
        expectedRPID: this.rpID,
        requireUserVerification: true,
      });
    } catch (error) {
      return `the passkey was not accepted: ${(error as Error).message}`;
    }
    if (!verified.verified) return 'the passkey was not accepted';
    const { credential } = verified.registrationInfo;
    const hash = tokenHash(token);
    updateSecrets(this.file, (s) => {
      s.enrolments = s.enrolments.filter((e) => e.tokenHash !== hash);
      s.passkeys.push({
        id: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString('base64url'),
        counter: credential.counter,
        ...(credential.transports ? { transports: credential.transports } : {}),
        addedAt: this.clock(),
      });
    });
    return null;
  }

  /** A passkey challenge for `purpose` (`login`, or `approve:<session>:<request>`); null when no passkey is registered. */
  async assertionOptions(purpose: string): Promise<{ ticket: string; options: unknown } | null> {
    const { passkeys } = readSecrets(this.file);
    if (passkeys.length === 0) return null;
    const options = await generateAuthenticationOptions({
      rpID: this.rpID,
      allowCredentials: passkeys.map((p) => ({ id: p.id, ...(p.transports ? { transports: p.transports as never } : {}) })),
      userVerification: 'required',
    });
    return { ticket: this.remember(options.challenge, purpose), options };
  }

  /** Whether `response` answers the ticket's challenge for `purpose` with a registered passkey, the human verified. */
  async assertion(ticket: unknown, purpose: string, response: unknown): Promise<boolean> {
    const challenge = this.take(ticket, purpose);
    if (!challenge || !response || typeof response !== 'object') return false;
    const answer = response as AuthenticationResponseJSON;
    const passkey = readSecrets(this.file).passkeys.find((p) => p.id === answer.id);
    if (!passkey) return false;
    try {
      const verified = await verifyAuthenticationResponse({
        response: answer,
        expectedChallenge: challenge,
        expectedOrigin: this.origin,
        expectedRPID: this.rpID,
        credential: { id: passkey.id, publicKey: Buffer.from(passkey.publicKey, 'base64url'), counter: passkey.counter, ...(passkey.transports ? { transports: passkey.transports as never } : {}) },
        requireUserVerification: true,
      });
      if (!verified.verified) return false;
      updateSecrets(this.file, (s) => {
        const p = s.passkeys.find((k) => k.id === passkey.id);
        if (p) p.counter = verified.authenticationInfo.newCounter;
      });
      return true;
    } catch {
      return false;
    }
  }
}

/** A fresh enrolment token for a passkey, its hash stored: the link holding it works once, for ten minutes. */
export function enrolmentToken(file: string, now: number): string {
  const token = newToken();
  updateSecrets(file, (s) => {
    s.enrolments = [...s.enrolments.filter((e) => e.expiresAt > now), { tokenHash: tokenHash(token), expiresAt: now + 10 * 60_000 }];
  });
  return token;
}
