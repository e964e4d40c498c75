// Every store backend, as factories of fresh empty stores: what the contract and the services built on
// the store are tested against.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStore } from '../../src/store/memory/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { removeAtExit } from '../helpers.js';
import type { Factory } from './contract.js';

export const backends: Record<string, Factory> = {
  memory: async ({ key } = {}) => {
    const store = new MemoryStore({ ...(key ? { key } : {}) });
    return { store, another: () => store.another() };
  },
  // A real file in a temporary state directory; `another` opens it again, as a second process would.
  sqlite: async ({ key } = {}) => {
    const dir = mkdtempSync(join(tmpdir(), 'airlock-store-'));
    removeAtExit(dir);
    const file = join(dir, 'audit.db');
    return { store: new SqliteStore(file, { ...(key ? { key } : {}) }), another: () => new SqliteStore(file, { ...(key ? { key } : {}) }) };
  },
};
