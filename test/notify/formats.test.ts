// The messages themselves, for each receiver format, from one notice: what Discord and ntfy are sent,
// that text from the command can't break out of its block or ping anyone, and that a generic message
// is signed only when the webhook has a secret.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { messageFor, signature } from '../../src/notify/formats.js';
import type { Notice } from '../../src/notify/notice.js';

const notice: Notice = {
  kind: 'held',
  id: 'abc234',
  at: Date.UTC(2026, 11, 2, 9, 0, 0),
  position: 7,
  command: 'psql -c "DROP TABLE users" # ``` @everyone <!channel> ünïcode',
  agent: 'claude-code',
  session: 's1',
  cwd: '/srv/app',
  environment: 'production',
  evidence: ['db.prod (argument: the host name contains "prod")'],
  findings: [{ rule: 'postgres/psql', summary: 'DROP TABLE users', consequence: 'Rows are deleted.', target: 'postgres://db.prod/app' }],
  expiresAt: Date.UTC(2026, 11, 2, 9, 10, 0),
  link: 'http://localhost:7717/requests/abc234',
};

test('Discord: an embed with the command in a code block, linked to the request, that pings nobody', () => {
  const m = messageFor({ format: 'discord' }, notice, notice.at);
  assert.equal(m.headers['content-type'], 'application/json');
  const body = JSON.parse(m.body);
  assert.deepEqual(body.allowed_mentions, { parse: [] });
  const [embed] = body.embeds;
  assert.equal(embed.url, notice.link);
  assert.ok(embed.description.startsWith('```') && embed.description.endsWith('```'));
  // The ``` inside the command does not end the block early.
  assert.equal(embed.description.slice(3, -3).includes('```'), false);
  assert.deepEqual(
    embed.fields.map((f: { name: string }) => f.name),
    ['Environment', 'Agent', 'Directory', 'What it does'],
  );
});

test('Slack: markup characters in the command are escaped, so <!channel> is shown, not sent', () => {
  const body = JSON.parse(messageFor({ format: 'slack' }, notice, notice.at).body);
  const text = JSON.stringify(body.blocks);
  assert.match(text, /&lt;!channel&gt;/);
  assert.doesNotMatch(text, /<!channel>/);
});

test('ntfy: the command as the body; title, priority, tags and the link as headers with nothing a header cannot carry', () => {
  const m = messageFor({ format: 'ntfy' }, notice, notice.at);
  assert.match(m.body, /^psql -c "DROP TABLE users"/);
  assert.match(m.body, /ünïcode/);
  assert.equal(m.headers.priority, 'high');
  assert.equal(m.headers.click, notice.link);
  for (const value of Object.values(m.headers)) assert.match(value, /^[\x20-\x7e]*$/);
});

test('generic JSON: signed over the timestamp and body with a secret, and unsigned (but timestamped) without one', () => {
  const signed = messageFor({ format: 'json', secret: 'sixteen-chars-secret' }, notice, notice.at);
  const timestamp = signed.headers['x-airlock-timestamp']!;
  assert.equal(timestamp, String(notice.at / 1000));
  assert.equal(signed.headers['x-airlock-signature'], signature('sixteen-chars-secret', timestamp, signed.body));
  // Another body, or another time, has another signature.
  assert.notEqual(signature('sixteen-chars-secret', timestamp, signed.body + ' '), signed.headers['x-airlock-signature']);
  assert.notEqual(signature('sixteen-chars-secret', String(Number(timestamp) + 1), signed.body), signed.headers['x-airlock-signature']);
  const unsigned = messageFor({ format: 'json' }, notice, notice.at);
  assert.equal(unsigned.headers['x-airlock-signature'], undefined);
  assert.equal(JSON.parse(unsigned.body).delivery, '7');
});

test('a very long command is cut within what Slack and Discord accept, and says so (a longer field is refused, and the notice lost)', () => {
  const long = { ...notice, command: `psql -c "${'DELETE FROM t WHERE a < 1 && b > 2 2>&1; '.repeat(400)}"`, cwd: `/srv/${'deep/'.repeat(400)}`, reason: 'r'.repeat(5_000) };
  const slack = JSON.parse(messageFor({ format: 'slack' }, long, long.at).body);
  for (const block of slack.blocks) if (block.text) assert.ok(block.text.text.length <= 3_000, `a Slack text block of ${block.text.text.length} characters`);
  for (const block of slack.blocks) for (const field of block.fields ?? []) assert.ok(field.text.length <= 2_000);
  assert.match(JSON.stringify(slack.blocks), /cut: \d+ characters in all/);
  const [embed] = JSON.parse(messageFor({ format: 'discord' }, long, long.at).body).embeds;
  for (const field of embed.fields) assert.ok(field.value.length <= 1_024, `a Discord field of ${field.value.length} characters`);
  assert.ok(embed.description.length <= 4_096);
  const total = embed.title.length + embed.description.length + embed.fields.reduce((n: number, f: { name: string; value: string }) => n + f.name.length + f.value.length, 0);
  assert.ok(total <= 6_000, `a Discord embed of ${total} characters`);
});
