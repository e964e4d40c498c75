// One-time codes can't be guessed: after five wrong ones in a row, every code is refused for a minute,
// then longer, and a right code is accepted again only once the lock has passed (each code once).

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { generate, generateSecret } from 'otplib';
import { Auth } from '../../src/server/auth.js';
import { writeSecrets } from '../../src/server/secrets.js';
import { scratchDir } from '../helpers.js';

test('five wrong codes lock codes out, even the right one, until the lock has passed; the lock doubles', async () => {
  const file = join(scratchDir('auth'), 'dashboard.json');
  const secret = generateSecret();
  writeSecrets(file, { userId: 'u', passkeys: [], enrolments: [], totp: { secret, addedAt: 0, lastStep: 0 } });
  let offset = 0;
  const auth = new Auth(file, 'http://localhost:1', 'localhost', 'me', () => Date.now() + offset);
  const right = await generate({ secret });
  const wrong = right === '000000' ? '111111' : '000000';
  for (let i = 1; i < 5; i++) assert.equal(await auth.checkCode(wrong), 'that code is wrong, or was used already');
  assert.match(String(await auth.checkCode(wrong)), /5 wrong codes in a row: codes are refused for 60 s more/);
  assert.match(String(await auth.checkCode(right)), /refused for \d+ s more/, 'the right code too, while locked');
  offset = 61_000;
  assert.equal(await auth.checkCode(right), true);
  assert.equal(await auth.checkCode(right), 'that code is wrong, or was used already', 'a code is used once');
  // The count started again after the right code; five more wrong ones lock it again.
  for (let i = 1; i < 5; i++) await auth.checkCode(wrong);
  assert.match(String(await auth.checkCode(wrong)), /refused for 60 s more/);
  offset += 61_000;
  assert.match(String(await auth.checkCode(wrong)), /6 wrong codes in a row: codes are refused for 120 s more/);
  assert.match(String(await auth.checkCode('12')), /refused/, 'not even looked at while locked');
});

test('one code, sent by several processes at once (a server and a terminal, say), is accepted by exactly one', async () => {
  const file = join(scratchDir('auth-race'), 'dashboard.json');
  const secret = generateSecret();
  writeSecrets(file, { userId: 'u', passkeys: [], enrolments: [], totp: { secret, addedAt: 0, lastStep: 0 } });
  const code = await generate({ secret });
  const auth = new URL('../../src/server/auth.js', import.meta.url).href;
  // All of them check at one moment, after each has started and loaded what it needs.
  const at = Date.now() + 3_000;
  const script = `import { Auth } from ${JSON.stringify(auth)}; const a = new Auth(${JSON.stringify(file)}, '', 'localhost', 'me'); while (Date.now() < ${at}); process.stdout.write(String(await a.checkCode(${JSON.stringify(code)})));`;
  const answers = await Promise.all(
    Array.from({ length: 6 }, () => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      return new Promise<string>((resolve) => child.on('close', () => resolve(out)));
    }),
  );
  assert.equal(answers.filter((a) => a === 'true').length, 1, answers.join(' | '));
});
