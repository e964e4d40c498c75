// A time-boxed window a human opens for writes (or destroys) in one environment.

import type { Environment } from './environment.js';

export interface Grant {
  id: string;
  effect: 'write' | 'destroy';
  environment: Environment;
  reason: string;
  createdAt: number;
  expiresAt: number;
  /** Only commands naming this target (a host, a database, a context…). */
  target?: string;
  /** Only this program. */
  tool?: string;
  /** Only commands matching this glob. */
  pattern?: string;
  revokedAt?: number;
  /** Who opened it: the OS user at a terminal. */
  by: string;
}
