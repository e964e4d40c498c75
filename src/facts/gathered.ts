// A facts port for when the files are not at hand (an agent's machine seen from a server, a proxy):
// the analysis reads from a snapshot of facts gathered so far, says what it is missing, and a reader
// fetches that for the next pass. Surroundings come through the same reader.

import type { FileLookup } from '../analyze/files.js';
import type { Surroundings } from '../context/targets.js';
import { emptySnapshot, type FactSnapshot, type Need } from '../core/facts.js';
import type { FactPort } from './port.js';

export interface FactReader {
  /** Fetches each need into the snapshot; rejects (or stops) when `signal` aborts. */
  read(needs: readonly Need[], into: FactSnapshot, signal: AbortSignal): Promise<void>;
  surroundings(dir: string | undefined, env: Record<string, string>, signal: AbortSignal): Promise<Surroundings>;
}

export function gatheredFacts(reader: FactReader, snapshot: FactSnapshot = emptySnapshot()): FactPort & { snapshot: FactSnapshot } {
  return {
    snapshot,
    lookup: (need) => snapshotLookup(snapshot, need),
    gather: (needs, signal) => reader.read(needs, snapshot, signal),
    surroundings: (dir, env, signal) => reader.surroundings(dir, env, signal),
  };
}

/** Answers from the snapshot; whatever it does not hold yet is reported as a need and left unknown. */
function snapshotLookup(snapshot: FactSnapshot, need: (need: Need) => void): FileLookup {
  return {
    file(path) {
      if (snapshot.files.has(path)) return snapshot.files.get(path);
      need({ kind: 'file', path });
      return undefined;
    },
    realpath(path) {
      if (snapshot.realpaths.has(path)) return snapshot.realpaths.get(path);
      need({ kind: 'realpath', path });
      return undefined;
    },
    entry(path) {
      if (snapshot.entries.has(path)) return snapshot.entries.get(path);
      need({ kind: 'entry', path });
      return undefined;
    },
  };
}
