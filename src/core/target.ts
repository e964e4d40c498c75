// What an invocation acts on, and where that was found.

import type { Scope } from './environment.js';

export interface Target {
  scope: Scope;
  kind: string;
  value: string;
  source: string;
}

