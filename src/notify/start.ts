// Starting a deliverer after a command was held or answered: a detached process of its own, so the hook
// (or `airlock approve`) returns at once and the messages still go out after it has exited. Only when
// the policy asks for webhooks or git notes; otherwise nothing is started.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Policy } from '../policy/policy.js';

/** The deliverer's entry: the bundle beside the running one (dist/ or the installed runtime), else the compiled source. */
function delivererEntry(): string | null {
  // The hook and CLI bundles define __dirname; compiled tests run as ES modules.
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, 'notify.cjs'), join(here, 'main.js')]) if (existsSync(candidate)) return candidate;
  return null;
}

export const notifies = (policy: Policy) => policy.notify.webhooks.length > 0 || policy.notify.gitNotes;

/**
 * Starts a deliverer for what the store's outbox now holds, if the policy wants one. Never throws: a
 * deliverer that can't start leaves its deliveries in the outbox for the next one (or `airlock serve`).
 */
export function startDeliverer(policy: Policy, env: Readonly<Record<string, string | undefined>>): void {
  if (!notifies(policy)) return;
  const entry = delivererEntry();
  if (!entry) return;
  try {
    // Options meant for the agent's node (NODE_OPTIONS) are not the deliverer's.
    const { NODE_OPTIONS: _, ...rest } = env;
    const child = spawn(process.execPath, [entry], { detached: true, stdio: 'ignore', cwd: '/', env: rest });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // As above: the outbox keeps it.
  }
}
