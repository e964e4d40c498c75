// The hot path's own SHA-256 and HMAC give exactly node:crypto's digests, for every length around the
// block boundaries, for Unicode, and for long keys.

import assert from 'node:assert/strict';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { hmacSha256Hex, sha256Hex } from '../../src/store/sha256.js';

test('sha256 matches node:crypto for lengths 0–300 and random inputs', () => {
  for (let n = 0; n <= 300; n++) {
    const text = 'x'.repeat(n);
    assert.equal(sha256Hex(text), createHash('sha256').update(text).digest('hex'), `length ${n}`);
  }
  for (let i = 0; i < 200; i++) {
    const bytes = randomBytes(Math.floor(Math.random() * 5000));
    assert.equal(sha256Hex(bytes), createHash('sha256').update(bytes).digest('hex'));
  }
  const unicode = 'DROP TABLE ünïcödé 🚀 — プロダクション';
  assert.equal(sha256Hex('prev', '\n', unicode), createHash('sha256').update('prev').update('\n').update(unicode).digest('hex'));
});

test('hmac matches node:crypto for short, block-sized and long keys', () => {
  for (const keyLength of [0, 1, 32, 63, 64, 65, 200]) {
    const key = randomBytes(keyLength);
    for (const message of ['', 'abc', 'x'.repeat(1000)]) {
      assert.equal(hmacSha256Hex(key, message), createHmac('sha256', key).update(message).digest('hex'), `key ${keyLength}`);
    }
  }
});
