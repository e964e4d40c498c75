// Loads the real Postgres parser (libpg-query, WebAssembly) when SQL first appears, and hands it to the engine.

import { usePostgresParser } from '../sql/classify.js';
import type { ParseSync } from '../sql/postgres.js';

let loading: Promise<void> | null = null;

export function loadPostgresParser(): Promise<void> {
  // From the CommonJS hook bundle, require() skips starting Node's ES module loader (~10 ms), for
  // node:v8 as for the parser.
  loading ??= (typeof require === 'function' ? Promise.resolve(require('node:v8') as typeof import('node:v8')) : import('node:v8'))
    .then((v8) => {
      // In a short-lived process V8 would spend far longer optimising the parser's WebAssembly than
      // airlock spends using it, and the process waits for that before exiting: baseline code is enough.
      v8.setFlagsFromString('--liftoff-only');
      return typeof require === 'function' ? (require('libpg-query') as typeof import('libpg-query')) : import('libpg-query');
    })
    .then(async (m) => {
      await m.loadModule();
      usePostgresParser(m.parseSync as ParseSync);
    });
  // A failed load may be tried again by the next request.
  loading.catch(() => (loading = null));
  return loading;
}
