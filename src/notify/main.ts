// The deliverer as a process of its own (dist/notify.cjs), started detached by startDeliverer: it
// delivers what the outbox and the ledger hold, then exits. It says nothing: nobody reads its output,
// and what fails for good goes to the audit log.

import { deliver } from './deliverer.js';
import { localPorts } from './local.js';

async function main(): Promise<number> {
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  const ports = localPorts(env);
  try {
    await deliver(ports, { signal: new AbortController().signal });
    return 0;
  } finally {
    ports.ledger.close();
    await ports.store.close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  () => (process.exitCode = 1),
);
