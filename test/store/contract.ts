// The store contract: what every backend promises, as one suite of tests run against each (see
// store.test.ts). A backend is given by a factory that opens a fresh, empty store and can open a second
// handle on the same one, as a second process opening the same database would.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Approval } from '../../src/core/approval.js';
import type { Grant } from '../../src/core/grant.js';
import { TransactionAborted, type Delivered, type DomainEvent, type Store } from '../../src/store/store.js';

interface Opened {
  store: Store;
  /** Another handle on the same store. */
  another(): Store;
}

export type Factory = (options?: { key?: Buffer }) => Promise<Opened>;

function approval(id: string, over: Partial<Approval> = {}): Approval {
  const now = Date.now();
  return {
    id,
    fingerprint: `fp-${id}`,
    status: 'pending',
    createdAt: now,
    expiresAt: now + 600_000,
    request: { command: `psql -c "DELETE FROM t${id}"`, cwd: '/p', agent: 'claude-code', session: 's', environment: 'production', evidence: [], findings: [], reason: 'held' },
    ...over,
  };
}

function grant(id: string, over: Partial<Grant> = {}): Grant {
  const now = Date.now();
  return { id, effect: 'write', environment: 'production', reason: 'hotfix', createdAt: now, expiresAt: now + 60_000, by: 'alice', ...over };
}

/** Subscribes, then gathers `n` deliveries (or whatever came before `stop` aborts), then ends the subscription. */
async function gather(store: Store, n: number, options: { after?: number; stop?: AbortSignal } = {}): Promise<{ done: Promise<Delivered[]> }> {
  const controller = new AbortController();
  options.stop?.addEventListener('abort', () => controller.abort(), { once: true });
  const feed = await store.feed.subscribe({ signal: controller.signal, ...(options.after !== undefined ? { after: options.after } : {}) });
  const done = (async () => {
    const got: Delivered[] = [];
    if (n === 0) {
      controller.abort();
      return got;
    }
    for await (const d of feed) {
      got.push(d);
      if (got.length >= n) break;
    }
    controller.abort();
    return got;
  })();
  return { done };
}

const held = (id: string): DomainEvent => ({ type: 'request.held', id, fingerprint: `fp-${id}`, expiresAt: 1, command: 'x', environment: 'production', agent: 'a', cwd: '/' });

export function contract(name: string, open: Factory): void {
  describe(`store contract: ${name}`, () => {
    test('appends are chained and numbered from 1, read back in order, and verify', async () => {
      const { store } = await open();
      for (let i = 1; i <= 5; i++) await store.append({ kind: 'request', command: `echo ${i}`, verdict: 'allow' });
      await store.transaction(async (tx) => {
        await tx.append({ kind: 'request', command: 'echo 6' });
      });
      const entries = await store.entries();
      assert.deepEqual(
        entries.map((e) => [e.seq, e.command]),
        [1, 2, 3, 4, 5, 6].map((i) => [i, `echo ${i}`]),
      );
      for (let i = 1; i < entries.length; i++) assert.equal(entries[i]!.prevHash, entries[i - 1]!.hash);
      assert.deepEqual(await store.newest(), { seq: 6, hash: entries[5]!.hash });
      assert.equal(await store.hashAt(3), entries[2]!.hash);
      assert.equal(await store.hashAt(99), undefined);
      const report = await store.verify();
      assert.equal(report.ok, true, JSON.stringify(report.problems));
      assert.equal(report.entries, 6);
      assert.deepEqual(
        (await store.entries({ limit: 2 })).map((e) => e.seq),
        [5, 6],
      );
      await store.close();
    });

    test('with an HMAC key every entry is signed, and the key change is itself an entry', async () => {
      const { store } = await open({ key: Buffer.from('the key') });
      await store.append({ kind: 'request', command: 'ls' });
      const entries = await store.entries();
      assert.deepEqual(
        entries.map((e) => e.kind),
        ['key', 'request'],
      );
      assert.ok(entries.every((e) => typeof e.hmac === 'string' && e.hmac.length === 64));
      assert.equal((await store.verify()).ok, true);
      await store.close();
    });

    test('secrets are masked before they are stored', async () => {
      const { store } = await open();
      await store.append({ kind: 'request', command: 'psql postgres://admin:hunter2@prod-db/app', reason: 'token=hunter2', detail: { note: 'PGPASSWORD=hunter2 psql' } });
      const [entry] = await store.entries();
      assert.doesNotMatch(JSON.stringify(entry), /hunter2/);
      await store.close();
    });

    test('a transaction commits its entries, approval, grant and events together, seen by another handle', async () => {
      const { store, another } = await open();
      const other = another();
      const listening = await gather(other, 2);
      const result = await store.transaction(async (tx) => {
        const e = await tx.append({ kind: 'approval', detail: { id: 'a1', transition: 'requested' } });
        await tx.putApproval(approval('a1', { requestedSeq: e.seq }));
        await tx.putGrant(grant('g-1'));
        tx.emit(held('a1'));
        tx.emit({ type: 'grant.opened', id: 'g-1', effect: 'write', environment: 'production', expiresAt: 1, by: 'alice' });
        return e.seq;
      });
      assert.equal(result, 1);
      assert.equal((await other.approval('a1'))?.requestedSeq, 1);
      assert.deepEqual(
        (await other.grants()).map((g) => g.id),
        ['g-1'],
      );
      assert.equal((await other.entries()).length, 1);
      const got = await listening.done;
      assert.deepEqual(
        got.map((d) => d.event.type),
        ['request.held', 'grant.opened'],
      );
      assert.ok(got[1]!.position > got[0]!.position);
      await other.close();
      await store.close();
    });

    test('a transaction that throws leaves nothing behind, and its events are never delivered', async () => {
      const { store } = await open();
      await store.append({ kind: 'request', command: 'before' });
      const stop = new AbortController();
      const listening = await gather(store, 1, { stop: stop.signal });
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.append({ kind: 'request', command: 'inside' });
          await tx.putApproval(approval('a2'));
          await tx.putGrant(grant('g-2'));
          tx.emit(held('a2'));
          throw new Error('changed my mind');
        }),
        /changed my mind/,
      );
      // A later transaction's event is the first the subscriber gets.
      await store.transaction(async (tx) => tx.emit(held('a3')));
      assert.deepEqual(
        (await listening.done).map((d) => 'id' in d.event && d.event.id),
        ['a3'],
      );
      assert.deepEqual(
        (await store.entries()).map((e) => e.command),
        ['before'],
      );
      assert.equal(await store.approval('a2'), null);
      assert.deepEqual(await store.grants(), []);
      assert.equal((await store.verify()).ok, true);
      await store.close();
    });

    test('events are delivered after the commit, not while the transaction is open', async () => {
      const { store } = await open();
      const seen: string[] = [];
      const controller = new AbortController();
      const feed = await store.feed.subscribe({ signal: controller.signal });
      const reading = (async () => {
        for await (const d of feed) {
          seen.push(d.event.type);
          break;
        }
      })();
      await store.transaction(async (tx) => {
        tx.emit(held('a4'));
        // Let anything that could deliver early run (a test may do this; real work must not wait outside the store).
        await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setTimeout(resolve, 20));
        assert.deepEqual(seen, []);
      });
      await reading;
      controller.abort();
      assert.deepEqual(seen, ['request.held']);
      await store.close();
    });

    test('a transaction whose signal has aborted does not start, and one aborted while it runs does not commit', async () => {
      const { store } = await open();
      const gone = new AbortController();
      gone.abort();
      let ran = false;
      await assert.rejects(
        store.transaction(
          async () => {
            ran = true;
          },
          { signal: gone.signal },
        ),
        TransactionAborted,
      );
      assert.equal(ran, false);
      const midway = new AbortController();
      await assert.rejects(
        store.transaction(
          async (tx) => {
            await tx.append({ kind: 'request', command: 'abandoned' });
            await tx.putApproval(approval('a5'));
            tx.emit(held('a5'));
            midway.abort();
          },
          { signal: midway.signal },
        ),
        TransactionAborted,
      );
      assert.deepEqual(await store.entries(), []);
      assert.equal(await store.approval('a5'), null);
      await store.close();
    });

    test('the feed: rising positions in commit order, a replay from a position, and an end when the signal aborts', async () => {
      const { store, another } = await open();
      const other = another();
      const listening = await gather(store, 3);
      for (const id of ['b1', 'b2', 'b3']) await other.transaction(async (tx) => tx.emit(held(id)));
      const got = await listening.done;
      assert.deepEqual(
        got.map((d) => 'id' in d.event && d.event.id),
        ['b1', 'b2', 'b3'],
      );
      assert.ok(got[0]!.position < got[1]!.position && got[1]!.position < got[2]!.position);
      const replay = await gather(store, 2, { after: got[0]!.position });
      assert.deepEqual(
        (await replay.done).map((d) => 'id' in d.event && d.event.id),
        ['b2', 'b3'],
      );
      // Read at a reader's own pace: what is there after a place, now, and the newest place.
      assert.equal(await other.feed.last(), got[2]!.position);
      assert.deepEqual(
        (await store.feed.since(got[0]!.position)).map((d) => d.position),
        [got[1]!.position, got[2]!.position],
      );
      assert.deepEqual(await store.feed.since(got[2]!.position), []);
      // An aborted subscription ends its iteration, without throwing, with nothing more to come.
      const controller = new AbortController();
      const feed = await store.feed.subscribe({ signal: controller.signal });
      const ended = (async () => {
        const rest: Delivered[] = [];
        for await (const d of feed) rest.push(d);
        return rest;
      })();
      controller.abort();
      assert.deepEqual(await ended, []);
      await other.close();
      await store.close();
    });

    test("transactions started together in one process take turns: each one's entries are consecutive", async () => {
      const { store } = await open();
      await Promise.all(
        Array.from({ length: 6 }, (_, k) =>
          store.transaction(async (tx) => {
            for (let i = 0; i < 3; i++) await tx.append({ kind: 'request', command: `t${k}` });
          }),
        ),
      );
      const commands = (await store.entries()).map((e) => e.command);
      assert.equal(commands.length, 18);
      for (let k = 0; k < 6; k++) {
        const at = commands.indexOf(`t${k}`);
        assert.deepEqual(commands.slice(at, at + 3), [`t${k}`, `t${k}`, `t${k}`]);
      }
      await store.close();
    });

    test('an intact entry is read back as its record; a missing one is null; transitions since an entry are listed', async () => {
      const { store } = await open();
      await store.transaction(async (tx) => {
        for (const transition of ['requested', 'approved', 'consumed']) await tx.append({ kind: 'approval', detail: { id: 'c1', transition } });
        await tx.append({ kind: 'approval', detail: { id: 'c2', transition: 'requested' } });
      });
      assert.deepEqual((await store.intactRecord(2))?.detail, { id: 'c1', transition: 'approved' });
      assert.equal(await store.intactRecord(42), null);
      assert.deepEqual(await store.transitionsSince('c1', 1), ['approved', 'consumed']);
      assert.deepEqual(await store.transitionsSince('c1', 3), []);
      await store.close();
    });

    test('the records about an id are its intact entries in order, and no entry that merely mentions it', async () => {
      const { store } = await open();
      await store.transaction(async (tx) => {
        await tx.append({ kind: 'grant', environment: 'production', effect: 'write', reason: 'g-1 hotfix', detail: { id: 'g-1', expiresAt: 5, by: 'ann' } });
        await tx.append({ kind: 'request', command: 'echo g-1', detail: { note: 'g-1' } });
        await tx.append({ kind: 'revoke', detail: { id: 'g-1' } });
        await tx.append({ kind: 'revoke', detail: { id: 'g-12' } });
      });
      assert.deepEqual(
        (await store.recordsAbout('g-1')).map(({ seq, record }) => [seq, record.kind]),
        [
          [1, 'grant'],
          [3, 'revoke'],
        ],
      );
      assert.deepEqual(await store.recordsAbout('g-9'), []);
      await store.close();
    });

    test('approvals are found by fingerprint, status and expiry, oldest first, and replaced by id', async () => {
      const { store } = await open();
      const now = Date.now();
      await store.transaction(async (tx) => {
        await tx.putApproval(approval('d2', { createdAt: now + 2, fingerprint: 'f', status: 'approved', expiresAt: now - 1 }));
        await tx.putApproval(approval('d1', { createdAt: now + 1, fingerprint: 'f' }));
        await tx.putApproval(approval('d3', { createdAt: now + 3, fingerprint: 'g', status: 'denied', decidedBy: 'bob', decisionReason: 'no' }));
      });
      assert.deepEqual(
        (await store.approvals({ fingerprint: 'f' })).map((a) => a.id),
        ['d1', 'd2'],
      );
      assert.deepEqual(
        (await store.approvals({ status: ['pending', 'approved'], expiringBy: now })).map((a) => a.id),
        ['d2'],
      );
      assert.deepEqual(
        (await store.approvals({ status: ['denied'] }))[0],
        approval('d3', { createdAt: now + 3, fingerprint: 'g', status: 'denied', decidedBy: 'bob', decisionReason: 'no', expiresAt: (await store.approval('d3'))!.expiresAt }),
      );
      await store.transaction(async (tx) => tx.putApproval({ ...(await tx.approval('d1'))!, status: 'approved', approvedSeq: 7 }));
      assert.deepEqual([(await store.approval('d1'))?.status, (await store.approval('d1'))?.approvedSeq], ['approved', 7]);
      assert.deepEqual((await store.approvals()).length, 3);
      await store.close();
    });

    test('grants are kept with their revocation', async () => {
      const { store } = await open();
      await store.transaction(async (tx) => {
        await tx.putGrant(grant('g-a'));
        await tx.putGrant(grant('g-b', { tool: 'psql' }));
      });
      await store.transaction(async (tx) => tx.putGrant({ ...grant('g-a'), revokedAt: 5 }));
      const grants = await store.grants();
      assert.deepEqual(
        grants.map((g) => [g.id, g.revokedAt, g.tool]),
        [
          ['g-a', 5, undefined],
          ['g-b', undefined, 'psql'],
        ],
      );
      await store.close();
    });

    test('verify checks the approvals against the log: one marked approved that no human approved is reported', async () => {
      const { store } = await open();
      await store.transaction(async (tx) => {
        const e = await tx.append({ kind: 'approval', detail: { id: 'e1', transition: 'requested' } });
        await tx.putApproval(approval('e1', { status: 'approved', requestedSeq: e.seq }));
      });
      const report = await store.verify();
      assert.equal(report.ok, false);
      assert.match(report.problems.map((p) => p.problem).join('\n'), /request e1 is marked approved in the approvals table, but the log holds no approval of it by a human/);
      await store.close();
    });
  });
}
