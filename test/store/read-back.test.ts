// Each check of state read back from disk, one by one: what airlock writes passes, and each kind of
// damage is caught and said in plain words (or, where there is nothing to say it to, made harmless:
// an approval that can't be used, a grant or event that is not taken for one). The same damage made to
// real files and run through the CLI and the hook is in damaged-state.test.ts.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { heldRequestOf } from '../../src/core/approval.js';
import { readRecord } from '../../src/store/audit.js';
import { readBody, seal } from '../../src/store/chain.js';
import { checkpointLine, readCheckpoints } from '../../src/store/checkpoint.js';
import { isGrant, legacyGrants } from '../../src/store/sqlite/legacy-grants.js';
import { auditRow, eventOf, toApproval } from '../../src/store/sqlite/rows.js';
import { readHead, readSpool } from '../../src/store/sqlite/spool.js';

const problemOf = (value: unknown) => {
  const read = readRecord(value);
  return 'problem' in read ? read.problem : null;
};

test('an audit record airlock writes reads back as itself; each field of the wrong type is named', () => {
  const sealed = seal(
    { kind: 'request', agent: 'codex', command: 'ls', effect: 'read', environment: 'local', verdict: 'allow', rules: [], detail: { judged: false } },
    { seq: 0, hash: '' },
    1_700_000_000_000,
    null,
  );
  const read = readBody(sealed.body);
  assert.ok('record' in read);
  assert.deepEqual(read.record, {
    kind: 'request',
    agent: 'codex',
    command: 'ls',
    effect: 'read',
    environment: 'local',
    verdict: 'allow',
    rules: [],
    detail: { judged: false },
    seq: 1,
    ts: 1_700_000_000_000,
  });
  assert.deepEqual(readBody('{"kind":'), { problem: 'it is not JSON' });
  for (const [value, problem] of [
    [null, 'it is not a JSON object'],
    [[], 'it is not a JSON object'],
    [{}, 'its kind is missing'],
    [{ kind: 'bogus' }, 'its kind is "bogus"'],
    [{ kind: 'request', command: ['rm'] }, 'its command is not text'],
    [{ kind: 'request', effect: 'explode' }, 'its effect is "explode"'],
    [{ kind: 'request', environment: 'prod' }, 'its environment is "prod"'],
    [{ kind: 'request', verdict: 'maybe' }, 'its verdict is "maybe"'],
    [{ kind: 'request', rules: 'a,b' }, 'its rules are not a list of rule ids'],
    [{ kind: 'request', detail: [] }, 'its detail is not an object'],
    [{ kind: 'request', seq: 1.5 }, 'its number is 1.5'],
    [{ kind: 'request', ts: 1e300 }, 'its time is 1e+300'],
  ] as const)
    assert.equal(problemOf(value), problem, JSON.stringify(value));
});

test('a held request reads back only with every field the approval screens show', () => {
  const request = {
    command: 'terraform destroy',
    cwd: '/p',
    agent: 'codex',
    session: 's',
    environment: 'production',
    evidence: ['e'],
    findings: [{ rule: 'r', summary: 's', consequence: 'c' }],
    reason: 'held',
  };
  assert.deepEqual(heldRequestOf(request), request);
  assert.deepEqual(heldRequestOf({ ...request, files: [{ path: 'a.sh', sha256: null }] })?.files, [{ path: 'a.sh', sha256: null }]);
  for (const damaged of [null, 'x', [], {}, { ...request, command: 5 }, { ...request, evidence: 'e' }, { ...request, findings: [{ rule: 'r' }] }, { ...request, files: [{ path: 1 }] }])
    assert.equal(heldRequestOf(damaged), null, JSON.stringify(damaged));
});

test('an approvals row of the wrong shape reads as an approval that can never be used', () => {
  const request = { command: 'x', cwd: '/p', agent: 'a', session: 's', environment: 'production', evidence: [], findings: [], reason: 'r' };
  const good = {
    id: 'abc234',
    fingerprint: 'fp',
    status: 'approved',
    created_at: 1,
    expires_at: 2,
    decided_at: 2,
    decided_by: 'me',
    decision_reason: null,
    request: JSON.stringify(request),
    approved_seq: 3,
    requested_seq: 2,
  };
  assert.deepEqual(toApproval(good), { id: 'abc234', fingerprint: 'fp', status: 'approved', createdAt: 1, expiresAt: 2, decidedAt: 2, decidedBy: 'me', request, requestedSeq: 2, approvedSeq: 3 });
  const damaged = toApproval({ ...good, status: 'APPROVED', expires_at: 'never', request: 'null', approved_seq: 'x', fingerprint: Buffer.from('fp') });
  assert.equal(damaged.status, 'rejected');
  assert.equal(damaged.expiresAt, 0, 'long past');
  assert.equal(damaged.request.command, '(unreadable)');
  assert.equal(damaged.approvedSeq, undefined, 'nothing in the log to back it');
  assert.equal(damaged.fingerprint, '', 'matches no command');
});

test('an audit row whose columns hold another type names them, and reads as empty', () => {
  const good = { seq: 1, ts: 5, body: '{}', prev_hash: '', hash: 'h', hmac: null };
  assert.deepEqual(auditRow(good), good);
  const row = auditRow({ seq: 2, ts: 'yesterday', body: Buffer.from('{}'), prev_hash: '', hash: 7, hmac: 1 });
  assert.equal(row.damage, 'its time is not a number, body is not text, hash is not text, hmac is not text');
  assert.deepEqual([row.body, row.hash, row.hmac, Number.isNaN(row.ts)], ['', '', null, true]);
});

test('an outbox event is taken only with a type airlock emits and an id', () => {
  assert.deepEqual(eventOf('{"type":"approval.approved","id":"abc234","by":{"kind":"terminal","user":"me"}}'), { type: 'approval.approved', id: 'abc234', by: { kind: 'terminal', user: 'me' } });
  for (const damaged of ['null', '{"type":"approval.approved"}', '{"type":"wake.everyone","id":"a"}', '{"type":"approval.approved","id":5}', 'not json', 5])
    assert.equal(eventOf(damaged), null, String(damaged));
});

test('a grant is taken only as airlock writes one: a narrowing that is not text, or an environment it never names, is no grant', () => {
  const grant = { id: 'g', effect: 'write', environment: 'production', reason: 'r', createdAt: 1, expiresAt: 2, by: 'me', pattern: 'psql *' };
  assert.equal(isGrant(grant), true);
  for (const damaged of [
    null,
    { ...grant, pattern: 5 },
    { ...grant, target: ['db'] },
    { ...grant, tool: {} },
    { ...grant, environment: 'prod' },
    { ...grant, effect: 'read' },
    { ...grant, expiresAt: '2' },
  ])
    assert.equal(isGrant(damaged), false, JSON.stringify(damaged));
  // The old grants file: lines that are JSON but no event are skipped, never a crash.
  assert.deepEqual(legacyGrants(`null\n[]\n5\n${JSON.stringify({ type: 'grant', grant })}\n{"type":"revoke","id":"g","at":"soon"}\n`), [grant]);
});

test('checkpoint lines are read only as checkpointLine writes them; any other line is named, not skipped', () => {
  const hash = 'a'.repeat(64);
  const text = [checkpointLine({ at: 1_700_000_000_000, seq: 3, hash }).trim(), 'null', '[]', '{"seq":"3","hash":"x"}', `{"seq":1.5,"hash":"${hash}"}`, `{"seq":3,"hash":"${hash}","at":5}`].join('\n');
  assert.deepEqual(readCheckpoints(text), [
    { line: 1, checkpoint: { at: 1_700_000_000_000, seq: 3, hash } },
    { line: 2, error: 'is not a checkpoint line' },
    { line: 3, error: 'is not a checkpoint line' },
    { line: 4, error: 'is not a checkpoint line' },
    { line: 5, error: 'is not a checkpoint line' },
    { line: 6, error: 'is not a checkpoint line' },
  ]);
});

test('a head anchor or spool line of the wrong shape is no anchor, and a kept line of text', () => {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-read-back-'));
  const head = join(dir, 'audit.db.head');
  const hash = 'b'.repeat(64);
  for (const damaged of ['null', '[]', '{"seq":"1","hash":""}', `{"seq":-1,"hash":"${hash}"}`, '{"seq":1,"hash":"not a hash"}']) {
    writeFileSync(head, damaged);
    assert.equal(readHead(head), null, damaged);
  }
  writeFileSync(head, JSON.stringify({ seq: 2, hash, key: 'k', pending: { seq: 'x', hash } }));
  assert.deepEqual(readHead(head), { seq: 2, hash, key: 'k' }, 'a pending mark of the wrong shape is dropped');

  const spool = join(dir, 'audit.db.spool');
  const good = { seq: 1, ts: 5, body: '{}', prevHash: '', hash };
  const lines = [good, { ...good, seq: 2, hmac: 5 }, { ...good, seq: 0 }, { ...good, body: {} }, null];
  writeFileSync(spool, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  assert.deepEqual(
    readSpool(spool).map((l) => ('unreadable' in l ? 'kept as text' : l.seq)),
    [1, 'kept as text', 'kept as text', 'kept as text', 'kept as text'],
  );
});
