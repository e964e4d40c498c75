// The approval lifecycle is a pure function: each transition, what it records and announces, and what
// it refuses, checked without a store.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Approval, HeldRequest, Principal } from '../../src/core/approval.js';
import { step, type LifecycleEvent, type Outcome, type Step } from '../../src/approvals/lifecycle.js';

const human: Principal = { kind: 'terminal', user: 'alice' };
const request: HeldRequest = {
  command: 'psql postgres://admin:hunter2@prod-db/app -c "DELETE FROM users"',
  cwd: '/p',
  agent: 'claude-code',
  session: 's',
  environment: 'production',
  evidence: [],
  findings: [],
  reason: 'held: PGPASSWORD=hunter2 was given',
};
const T = 1_000_000;

function ok(outcome: Outcome): Step {
  if ('refused' in outcome) assert.fail(`refused: ${outcome.refused}`);
  return outcome;
}

function refused(outcome: Outcome): string {
  assert.ok('refused' in outcome, `expected a refusal, got ${JSON.stringify(outcome)}`);
  return outcome.refused;
}

const pending = (): Approval => ok(step(null, { type: 'request', id: 'k7mq2x', fingerprint: 'fp', request, ttlMs: 600_000 }, T)).next;
const approved = (): Approval => ({ ...ok(step(pending(), { type: 'decide', decision: 'approved', by: human }, T + 10)).next, approvedSeq: 2, requestedSeq: 1 });

test('a request starts pending, masked, recorded with its fingerprint and expiry, and announced as held', () => {
  const s = ok(step(null, { type: 'request', id: 'k7mq2x', fingerprint: 'fp', request, ttlMs: 600_000 }, T));
  assert.equal(s.next.status, 'pending');
  assert.equal(s.next.expiresAt, T + 600_000);
  assert.doesNotMatch(JSON.stringify(s), /hunter2/);
  assert.equal(s.records.length, 1);
  assert.deepEqual({ ...s.records[0]!.detail, request: undefined }, { id: 'k7mq2x', transition: 'requested', expiresAt: T + 600_000, fingerprint: 'fp', request: undefined });
  assert.equal(s.link, 'requestedSeq');
  assert.deepEqual(
    s.events.map((e) => e.type),
    ['request.held'],
  );
  assert.match(refused(step(s.next, { type: 'request', id: 'k7mq2x', fingerprint: 'fp', request, ttlMs: 1 }, T)), /exists already/);
});

test('a principal approves or denies a pending request; the record names who and how', () => {
  const yes = ok(step(pending(), { type: 'decide', decision: 'approved', by: human, reason: 'looked at it' }, T + 10));
  assert.deepEqual([yes.next.status, yes.next.decidedBy, yes.next.decidedAt, yes.link], ['approved', 'alice', T + 10, 'approvedSeq']);
  assert.deepEqual(yes.records[0]!.detail, { id: 'k7mq2x', transition: 'approved', by: 'alice', via: 'terminal', reason: 'looked at it' });
  assert.deepEqual(yes.events, [{ type: 'approval.approved', id: 'k7mq2x', by: human }]);
  const no = ok(step(pending(), { type: 'decide', decision: 'denied', by: human, reason: 'not today' }, T + 10));
  assert.deepEqual([no.next.status, no.next.decisionReason, no.link, no.next.approvedSeq], ['denied', 'not today', undefined, undefined]);
  assert.deepEqual(no.events, [{ type: 'approval.denied', id: 'k7mq2x', by: human, reason: 'not today' }]);
});

test('deciding is refused once the request has expired or is no longer pending', () => {
  assert.match(refused(step(pending(), { type: 'decide', decision: 'approved', by: human }, T + 600_000)), /has expired/);
  assert.match(refused(step(approved(), { type: 'decide', decision: 'denied', by: human }, T + 20)), /is approved, not pending/);
  assert.match(refused(step(null, { type: 'decide', decision: 'approved', by: human }, T)), /no such request/);
});

test('pending and approved requests expire when due, and only then', () => {
  for (const state of [pending(), approved()]) {
    assert.match(refused(step(state, { type: 'expire' }, T + 599_999)), /not due/);
    const s = ok(step(state, { type: 'expire' }, T + 600_000));
    assert.equal(s.next.status, 'expired');
    assert.deepEqual(s.records[0]!.detail, { id: 'k7mq2x', transition: 'expired' });
    assert.deepEqual(s.events, [{ type: 'approval.expired', id: 'k7mq2x' }]);
  }
  assert.match(refused(step({ ...approved(), status: 'consumed' }, { type: 'expire' }, T + 700_000)), /consumed, nothing to expire/);
});

test('an approval is used once, for its own fingerprint, and only when the log backs it', () => {
  const used = ok(step(approved(), { type: 'use', fingerprint: 'fp', refusal: null }, T + 20));
  assert.equal(used.next.status, 'consumed');
  assert.deepEqual(used.events, [{ type: 'approval.consumed', id: 'k7mq2x' }]);
  assert.match(refused(step(used.next, { type: 'use', fingerprint: 'fp', refusal: null }, T + 30)), /is consumed, not approved/);
  const forged = ok(step(approved(), { type: 'use', fingerprint: 'fp', refusal: 'no human approval in the log' }, T + 20));
  assert.deepEqual([forged.next.status, forged.records[0]!.detail, forged.events], ['rejected', { id: 'k7mq2x', transition: 'rejected', reason: 'no human approval in the log' }, []]);
  const moved = ok(step(approved(), { type: 'use', fingerprint: 'another command', refusal: null }, T + 20));
  assert.equal(moved.next.status, 'rejected');
  assert.match(String(moved.records[0]!.detail!.reason), /different command/);
  assert.match(refused(step(pending(), { type: 'use', fingerprint: 'fp', refusal: null }, T + 20)), /is pending, not approved/);
});

test('the same state, event and time give the same step, and the state given is not changed', () => {
  const state = approved();
  const before = structuredClone(state);
  const events: LifecycleEvent[] = [{ type: 'use', fingerprint: 'fp', refusal: null }, { type: 'expire' }, { type: 'decide', decision: 'denied', by: human }];
  for (const event of events) assert.deepEqual(step(state, event, T + 600_001), step(state, event, T + 600_001));
  assert.deepEqual(state, before);
});
