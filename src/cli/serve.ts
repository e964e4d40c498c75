// `airlock serve [--port N]`: the dashboard on loopback (server/), and the deliverer of webhooks and git
// notes following the outbox while it runs. It stops on Ctrl-C, closing what it opened.

import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { ApprovalService } from '../approvals/service.js';
import { loadPolicy, policyLocations } from '../facts/policy-files.js';
import { deliver } from '../notify/deliverer.js';
import { localPorts } from '../notify/local.js';
import { startDeliverer } from '../notify/start.js';
import { dashboardSecretsFile } from '../runtime/locations.js';
import { openStore } from '../runtime/store.js';
import { processEnv } from './process-env.js';

/** How often the server looks for requests due to expire. */
const EXPIRY_LOOK_MS = 5_000;

const USAGE = 'usage: airlock serve [--port N]   (the port is dashboard.port in the policy, 7717 by default)';

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { port: { type: 'string' } } }));
  } catch (error) {
    process.stderr.write(`airlock serve: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const env = processEnv();
  const policy = await loadPolicy(policyLocations(process.cwd(), env));
  const port = values.port === undefined ? policy.dashboard.port : Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    process.stderr.write(`airlock serve: --port takes a port number from 1 to 65535, not ${JSON.stringify(values.port)}\n${USAGE}\n`);
    return 2;
  }
  const [{ serve }, { dashboardApp }, { Auth }] = await Promise.all([import('@hono/node-server'), import('../server/app.js'), import('../server/auth.js')]);
  const store = openStore(env);
  const user = userInfo().username;
  const origin = `http://localhost:${port}`;
  const auth = new Auth(dashboardSecretsFile(env), origin, 'localhost', user);
  let enrolled;
  try {
    enrolled = auth.enrolled();
  } catch (error) {
    process.stderr.write(`airlock serve: ${(error as Error).message}\n`);
    return 1;
  }
  const service = new ApprovalService(store);
  const app = dashboardApp({
    store,
    service,
    auth,
    port,
    env,
    user,
    policyFor: (cwd) => loadPolicy(policyLocations(cwd, env)),
    onDecided: (p) => startDeliverer(p, env),
  });
  const stop = new AbortController();
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  const listening = await new Promise<Error | null>((resolve) => {
    server.once('listening', () => resolve(null));
    server.once('error', (error) => resolve(error));
  });
  if (listening) {
    const code = (listening as NodeJS.ErrnoException).code;
    process.stderr.write(
      `airlock serve: cannot listen on 127.0.0.1:${port}: ${code === 'EADDRINUSE' ? 'the port is in use (another airlock serve?); choose another with --port' : listening.message}\n`,
    );
    await store.close();
    return 1;
  }
  process.stdout.write(`airlock dashboard: ${origin}  (this machine only; Ctrl-C stops it)\n`);
  if (!enrolled.passkeys && !enrolled.totp)
    process.stdout.write('Nothing is set up to prove it is you yet: run `airlock dashboard passkey` or `airlock dashboard totp` in another terminal of yours.\n');
  const delivering = followOutbox(env, stop.signal);
  // Requests are expired when someone looks at them; looking every few seconds announces an expiry when it happens.
  const expiring = setInterval(() => void service.pending().catch(() => undefined), EXPIRY_LOOK_MS);
  await new Promise<void>((resolve) => {
    const end = () => resolve();
    process.once('SIGINT', end);
    process.once('SIGTERM', end);
  });
  stop.abort();
  clearInterval(expiring);
  server.close();
  await delivering;
  await store.close();
  process.stdout.write('airlock dashboard stopped\n');
  return 0;
}

/** The deliverer, following the outbox while the server runs; when a detached one holds the lease, it waits its turn. */
async function followOutbox(env: Record<string, string>, signal: AbortSignal): Promise<void> {
  const ports = localPorts(env);
  try {
    while (!signal.aborted) {
      try {
        if (await deliver(ports, { signal, follow: true })) continue;
      } catch {
        // A broken ledger or store: try again shortly; the hook's own deliverers carry on meanwhile.
      }
      await ports.sleep(5_000, signal);
    }
  } finally {
    ports.ledger.close();
    await ports.store.close();
  }
}
