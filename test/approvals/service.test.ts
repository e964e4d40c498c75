// The approval service over every store backend: requests, decisions by a principal, single use,
// forgeries refused, expiry, and waiting on the feed, where a wait that ended never uses an approval.
// The same flows through the real hook and CLI, as separate processes, are in test/approvals.test.ts,
// test/audit/approval-attacks.test.ts and abandoned-wait.test.ts.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { HeldRequest, Principal } from '../../src/core/approval.js';
import { ApprovalRefused, ApprovalService } from '../../src/approvals/service.js';
import { backends } from '../store/backends.js';

const human: Principal = { kind: 'terminal', user: 'alice' };
const request: HeldRequest = { command: 'terraform destroy -auto-approve', cwd: '/p', agent: 'claude-code', session: 's', environment: 'production', evidence: [], findings: [], reason: 'held' };
const record = { kind: 'request' as const, command: request.command, verdict: 'approve' as const };

for (const [name, open] of Object.entries(backends)) {
  describe(`approval service on the ${name} store`, () => {
    /** A store, the service over it, and the request it opened for the held command. */
    const held = async () => {
      const { store } = await open();
      const service = new ApprovalService(store);
      const { pending } = await service.requestFor('fp', request, 600_000, record);
      return { store, service, pending };
    };

    test("a held command gets one request, recorded with the command's own entry; asking again gets the same one", async () => {
      const { store } = await open();
      const service = new ApprovalService(store);
      const first = await service.requestFor('fp', request, 600_000, record);
      const again = await service.requestFor('fp', request, 600_000, record);
      assert.ok(first.pending);
      assert.equal(again.pending?.id, first.pending.id);
      const entries = await store.entries();
      assert.deepEqual(
        entries.map((e) => [e.kind, e.detail?.transition]),
        [
          ['request', undefined],
          ['approval', 'requested'],
          ['request', undefined],
        ],
      );
      assert.equal((await store.approval(first.pending.id))?.requestedSeq, 2);
      await store.close();
    });

    test('a principal approves; the next try uses it once; the one after is held again', async () => {
      const { store, another } = await open();
      const service = new ApprovalService(store);
      const { pending } = await service.requestFor('fp', request, 600_000, record);
      // Decided elsewhere, as `airlock approve` does in its own process.
      const approver = another();
      const decided = await new ApprovalService(approver).decide(pending!.id, 'approved', human);
      assert.deepEqual([decided.status, decided.decidedBy, decided.tampered], ['approved', 'alice', undefined]);
      await approver.close();
      const used = await service.requestFor('fp', request, 600_000, record);
      assert.equal(used.approved?.id, pending!.id);
      assert.equal(used.approved?.status, 'consumed');
      const next = await service.requestFor('fp', request, 600_000, record);
      assert.ok(next.pending && next.pending.id !== pending!.id);
      const transitions = (await store.entries()).filter((e) => e.detail?.id === pending!.id).map((e) => e.detail!.transition);
      assert.deepEqual(transitions, ['requested', 'approved', 'consumed']);
      assert.equal((await store.verify()).ok, true);
      await store.close();
    });

    test('an approval marked approved in the store alone is refused, recorded as rejected, and never used', async () => {
      const { store, service, pending } = await held();
      await store.transaction(async (tx) => tx.putApproval({ ...pending!, status: 'approved', decidedBy: 'me' }));
      const retry = await service.requestFor('fp', request, 600_000, record);
      assert.equal(retry.approved, null);
      assert.deepEqual(retry.forged, [pending!.id]);
      assert.equal((await store.approval(pending!.id))?.status, 'rejected');
      assert.equal((await store.verify()).ok, false);
      await store.close();
    });

    test('a denial stands for the same command; deciding twice or an unknown request is refused in plain words', async () => {
      const { store, service, pending } = await held();
      await service.decide(pending!.id, 'denied', human, 'not during the sale');
      const retry = await service.requestFor('fp', request, 600_000, record);
      assert.equal(retry.denied?.decisionReason, 'not during the sale');
      await assert.rejects(service.decide(pending!.id, 'approved', human), (e: Error) => e instanceof ApprovalRefused && /is denied, not pending/.test(e.message));
      await assert.rejects(service.decide('nope22', 'approved', human), /there is no request nope22/);
      await store.close();
    });

    test("a request expires when due: it can't be approved, and the expiry is recorded and announced", async () => {
      const { store } = await open();
      let now = 1_000_000;
      const service = new ApprovalService(store, () => now);
      const { pending } = await service.requestFor('fp', request, 60_000, record);
      const controller = new AbortController();
      const feed = await store.feed.subscribe({ signal: controller.signal });
      now += 60_000;
      assert.equal((await service.get(pending!.id))?.status, 'expired');
      for await (const { event } of feed) {
        assert.deepEqual(event, { type: 'approval.expired', id: pending!.id });
        break;
      }
      controller.abort();
      await assert.rejects(service.decide(pending!.id, 'approved', human), /is expired, not pending/);
      await store.close();
    });

    test("a request whose stored copy was edited shows the logged one, marked, and can't be approved", async () => {
      const { store, service, pending } = await held();
      await store.transaction(async (tx) => tx.putApproval({ ...pending!, request: { ...request, command: 'git status', environment: 'development' } }));
      const shown = await service.get(pending!.id);
      assert.equal(shown?.request.command, request.command);
      assert.match(shown?.tampered ?? '', /differs from the request the audit log recorded/);
      await assert.rejects(service.decide(pending!.id, 'approved', human), /can't be approved/);
      await store.close();
    });

    test('a wait sees an approval given through another handle as it commits, and uses it', async () => {
      const { store, another } = await open();
      const service = new ApprovalService(store);
      const { pending } = await service.requestFor('fp', request, 600_000, record);
      const waiting = service.waitFor(pending!.id, 'fp', 60_000);
      const approver = another();
      await new ApprovalService(approver).decide(pending!.id, 'approved', human);
      const outcome = await waiting;
      assert.equal(outcome.status, 'allowed');
      assert.equal((await approver.approval(pending!.id))?.status, 'consumed');
      await approver.close();
      await store.close();
    });

    test('a wait that ended never uses an approval: not when its signal aborted first, not when the caller can no longer answer', async () => {
      const { store, another } = await open();
      const service = new ApprovalService(store);
      const approver = another();
      // Aborted before the approval arrives.
      const first = await service.requestFor('fp-1', request, 600_000, record);
      const gone = new AbortController();
      const waiting = service.waitFor(first.pending!.id, 'fp-1', 60_000, { signal: gone.signal });
      gone.abort();
      assert.deepEqual(await waiting, { status: 'over' });
      await new ApprovalService(approver).decide(first.pending!.id, 'approved', human);
      assert.equal((await store.approval(first.pending!.id))?.status, 'approved');
      // Still waiting when the approval comes, but the caller has already answered (its time ran out).
      const second = await service.requestFor('fp-2', request, 600_000, record);
      const late = service.waitFor(second.pending!.id, 'fp-2', 60_000, { mayUse: () => false });
      await new ApprovalService(approver).decide(second.pending!.id, 'approved', human);
      assert.deepEqual(await late, { status: 'over' });
      assert.equal((await store.approval(second.pending!.id))?.status, 'approved');
      // Both approvals still stand for the agent's next try, and the log holds no use of either.
      const transitions = (await store.entries()).filter((e) => e.kind === 'approval').map((e) => e.detail!.transition);
      assert.ok(!transitions.includes('consumed'), transitions.join(', '));
      assert.equal((await service.requestFor('fp-1', request, 600_000, record)).approved?.id, first.pending!.id);
      await approver.close();
      await store.close();
    });
  });
}
