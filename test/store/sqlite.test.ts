// The SQLite store's feed across processes: a subscriber here sees what another process commits, woken
// by its watch on the events file, or by the safety poll where nothing can be watched.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import type { Delivered } from '../../src/store/store.js';
import { projectRoot, removeAtExit } from '../helpers.js';

function database(): string {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-sqlite-feed-'));
  removeAtExit(dir);
  return join(dir, 'audit.db');
}

/** Another process commits one transaction that emits `request.held` for `id`. */
function commitElsewhere(file: string, id: string): void {
  const script = `
    const { SqliteStore } = await import(${JSON.stringify(join(projectRoot, 'build/src/store/sqlite/index.js'))});
    const store = new SqliteStore(${JSON.stringify(file)});
    await store.transaction(async (tx) => {
      await tx.append({ kind: 'approval', detail: { id: ${JSON.stringify(id)}, transition: 'requested' } });
      tx.emit({ type: 'request.held', id: ${JSON.stringify(id)}, fingerprint: 'fp', expiresAt: 1, command: 'x', environment: 'production', agent: 'a', cwd: '/' });
    });
    await store.close();`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

/** Lets the subscriber read what is there and settle into waiting, so what comes next must wake it. */
async function waiting(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

async function first(feed: AsyncIterable<Delivered>): Promise<Delivered> {
  for await (const d of feed) return d;
  throw new Error('the feed ended without an event');
}

/** The first event a subscriber to `file` sees once another process commits request `id`. */
async function eventFromElsewhere(file: string, id: string): Promise<Delivered> {
  const store = new SqliteStore(file);
  const controller = new AbortController();
  const feed = await store.feed.subscribe({ signal: controller.signal });
  const next = first(feed);
  await waiting();
  commitElsewhere(file, id);
  const got = await next;
  controller.abort();
  await store.close();
  return got;
}

test('a subscriber sees a commit made by another process', async () => {
  const got = await eventFromElsewhere(database(), 'p1');
  assert.equal(got.event.type, 'request.held');
  assert.equal('id' in got.event && got.event.id, 'p1');
});

test("where nothing can be watched (the events file can't even be written), the safety poll still delivers", async () => {
  const file = database();
  // A folder where the events file should be: neither the writer nor the subscriber can use it.
  mkdirSync(`${file}.events`, { recursive: true });
  const got = await eventFromElsewhere(file, 'p2');
  assert.equal('id' in got.event && got.event.id, 'p2');
});

test('a subscription that is aborted lets the process exit: nothing it watched keeps it alive', () => {
  const file = database();
  const script = `
    const { SqliteStore } = await import(${JSON.stringify(join(projectRoot, 'build/src/store/sqlite/index.js'))});
    const store = new SqliteStore(${JSON.stringify(file)});
    const controller = new AbortController();
    const feed = await store.feed.subscribe({ signal: controller.signal });
    const reading = (async () => { for await (const d of feed) void d; })();
    setTimeout(() => controller.abort(), 50);
    await reading;
    await store.close();
    process.stdout.write('ended');`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.signal, null, 'the process had to be killed: the subscription kept it alive');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'ended');
});
