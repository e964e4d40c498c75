// The store contract (contract.ts) on every backend: in memory, and SQLite on a real file. SQLite's own
// promises beyond the contract (the spool, the head anchor, faults, other processes) are tested from
// outside in test/audit/ and test/store/sqlite.test.ts.

import { backends } from './backends.js';
import { contract } from './contract.js';

for (const [name, factory] of Object.entries(backends)) contract(name, factory);
