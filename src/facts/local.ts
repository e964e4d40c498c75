// The facts port of the agent's own machine: everything is on the local disk, so the analysis is
// answered at once and never has to ask.

import type { FactPort } from './port.js';
import { diskLookup } from './disk.js';
import { gatherSurroundings } from './surroundings.js';

export const localFacts: FactPort = {
  lookup: () => diskLookup,
  // Nothing can be missing: the disk answered every question when it was asked.
  gather: async () => undefined,
  surroundings: async (dir, env) => gatherSurroundings(dir, env),
};
