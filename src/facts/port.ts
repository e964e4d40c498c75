// The port the runtime gathers facts through.

import type { FileLookup } from '../analyze/files.js';
import type { Surroundings } from '../context/targets.js';
import type { Need } from '../core/facts.js';

/** Where the facts come from: the local disk in the hook; later, an agent's machine seen from a server. */
export interface FactPort {
  /** The lookup one pass reads files through; one that can't answer at once reports each need through `need`. */
  lookup(need: (need: Need) => void): FileLookup;
  /** Gathers what a pass needed (files, symlinks, directories), stopping when `signal` aborts. */
  gather(needs: readonly Need[], signal: AbortSignal): Promise<void>;
  /** Where a command runs: the directory's real name and the files that set its environment. */
  surroundings(dir: string | undefined, env: Record<string, string>, signal: AbortSignal): Promise<Surroundings>;
}
