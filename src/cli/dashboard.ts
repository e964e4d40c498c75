// `airlock dashboard passkey|totp|status`: setting up what proves the human on the dashboard, at the
// human's own terminal only (the agent is refused these by the hook, and here by the terminal check).
//   passkey  prints a one-time link, valid for ten minutes, that registers a passkey in the browser;
//   totp     sets up a one-time-code app (a new secret; --replace to change one already set up);
//   status   what is set up.

import { parseArgs } from 'node:util';
import { generateSecret, generateURI } from 'otplib';
import { userInfo } from 'node:os';
import { loadPolicy, policyLocations } from '../facts/policy-files.js';
import { dashboardSecretsFile } from '../runtime/locations.js';
import { Auth, enrolmentToken } from '../server/auth.js';
import { readSecrets, updateSecrets } from '../server/secrets.js';
import { processEnv } from './process-env.js';
import { ask, humanAtTerminal } from './terminal.js';

const USAGE = 'usage: airlock dashboard passkey | totp [--replace] | status';

export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { replace: { type: 'boolean' } } });
  } catch (error) {
    process.stderr.write(`airlock dashboard: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const [sub] = parsed.positionals;
  const env = processEnv();
  const file = dashboardSecretsFile(env);
  try {
    if (sub === 'status') return status(file);
    if (sub !== 'passkey' && sub !== 'totp') {
      process.stderr.write(`airlock dashboard: expected passkey, totp or status\n${USAGE}\n`);
      return 2;
    }
    if (!humanAtTerminal()) {
      process.stderr.write(`airlock dashboard ${sub}: refusing to run without an interactive terminal. Only a human at their own terminal may set up what approves on the dashboard.\n`);
      return 2;
    }
    if (sub === 'passkey') {
      const port = (await loadPolicy(policyLocations(process.cwd(), env))).dashboard.port;
      const token = enrolmentToken(file, Date.now());
      const { passkeys, totp } = readSecrets(file);
      process.stdout.write(
        `Open this link in your browser on this machine, while \`airlock serve\` runs, to add a passkey (it works once, for 10 minutes; don't share it):\n\n  http://localhost:${port}/enroll#${token}\n\n${passkeys || totp ? 'Sign in to the dashboard first, with the passkey or code you have: a new passkey needs it.\n' : ''}`,
      );
      return 0;
    }
    return await totp(file, parsed.values.replace === true);
  } catch (error) {
    process.stderr.write(`airlock dashboard: ${(error as Error).message}\n`);
    return 1;
  }
}

function status(file: string): number {
  const s = readSecrets(file);
  process.stdout.write(`passkeys: ${s.passkeys.length}${s.passkeys.length ? ` (added ${s.passkeys.map((p) => new Date(p.addedAt).toISOString().slice(0, 10)).join(', ')})` : ''}\n`);
  process.stdout.write(`one-time codes: ${s.totp ? `set up ${new Date(s.totp.addedAt).toISOString().slice(0, 10)}` : 'not set up'}\n`);
  return 0;
}

/**
 * One-time codes: set up on a machine where nothing proves the human yet, or replaced with a code from
 * the current app. Never added beside a passkey: a terminal is not proof against code that makes one,
 * and codes are the weaker way in (their secret is a file of the user's).
 */
async function totp(file: string, replace: boolean): Promise<number> {
  const existing = readSecrets(file);
  if (existing.passkeys.length && !existing.totp) {
    process.stderr.write('airlock dashboard totp: a passkey is set up; one-time codes would be a weaker way in beside it, so they are not added. Use the passkey.\n');
    return 1;
  }
  if (existing.totp && !replace) {
    process.stderr.write('airlock dashboard totp: one-time codes are set up already; `airlock dashboard totp --replace` makes a new secret (the old one stops working)\n');
    return 1;
  }
  if (existing.totp) {
    const current = await ask('Type a code from your current authenticator app, to show it is you: ');
    const checked = await new Auth(file, '', 'localhost', userInfo().username).checkCode(current);
    if (checked !== true) {
      process.stderr.write(`airlock dashboard totp: not replaced: ${checked}\n`);
      return 1;
    }
  }
  const secret = generateSecret();
  updateSecrets(file, (s) => {
    s.totp = { secret, addedAt: Date.now(), lastStep: 0 };
  });
  const uri = generateURI({ issuer: 'airlock', label: userInfo().username, secret });
  process.stdout.write(`Add this to your authenticator app (as a QR code from the link, or typed as the key):\n\n  ${uri}\n  key: ${secret}\n\n`);
  const code = await ask('Type the code your app shows now to check it (or press Enter to skip): ');
  if (code === '') return 0;
  const checked = await new Auth(file, '', 'localhost', userInfo().username).checkCode(code);
  process.stdout.write(
    checked === true ? 'The code matches: one-time codes are ready.\n' : `Not confirmed: ${checked}. Check the app's clock and the key; run \`airlock dashboard totp --replace\` to start over.\n`,
  );
  return checked === true ? 0 : 1;
}
