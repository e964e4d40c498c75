// A deliverer's ports on this machine: the store and ledger in airlock's state directory, the policy
// files, HTTP and the system's git. Shared by the detached deliverer (main.ts) and \`airlock serve\`.

import { join } from 'node:path';
import { loadPolicy, policyLocations } from '../facts/policy-files.js';
import { openStore } from '../runtime/store.js';
import { stateDirectory } from '../runtime/locations.js';
import type { DelivererPorts } from './deliverer.js';
import { writeNote } from './git-note.js';
import { Ledger } from './ledger.js';
import { post } from './post.js';

/** A deliverer's ports on this machine, for the environment it was started with. */
export function localPorts(env: Record<string, string>): DelivererPorts {
  return {
    store: openStore(env),
    ledger: new Ledger(join(stateDirectory(env), 'notify.db')),
    policyFor: (cwd) => loadPolicy(policyLocations(cwd, env)),
    post,
    writeNote: (cwd, text) => writeNote(cwd, text, env),
    clock: Date.now,
    sleep: (ms, signal) =>
      new Promise((resolve) => {
        // The listener goes with the wait: a long follow (airlock serve) sleeps once a second on one signal.
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        signal.addEventListener('abort', done, { once: true });
      }),
  };
}
