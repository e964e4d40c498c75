// A pack's rules look at one invocation one after another, and each reads its words the same way
// (git's subcommand, the AWS service and operation, the request curl sends). Read once for each
// invocation rather than once for each rule, that reading was most of what a pack's rules cost.

import type { Invocation } from '../core/invocation.js';

/**
 * `read`, answered again without reading for the invocation it was last asked about. The answer is
 * shared by every rule that asks, so callers must not change it.
 */
export function perInvocation<T>(read: (inv: Invocation) => T): (inv: Invocation) => T {
  let lastInv: Invocation | undefined;
  let last: T | undefined;
  return (inv) => {
    if (inv !== lastInv) {
      // Set only once read has answered: a read that throws leaves nothing behind.
      last = read(inv);
      lastInv = inv;
    }
    return last as T;
  };
}
