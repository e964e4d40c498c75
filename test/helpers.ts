import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../src/analyze/analyze.js';
import type { Request } from '../src/analyze/types.js';
import { decide, type Decision } from '../src/policy/decide.js';

export const projectRoot = new URL('..', import.meta.url).pathname.replace(/\/build\/$/, '/').replace(/\/$/, '');

/** An empty working directory and an empty HOME, as the corpus acceptance asks. */
export const emptyDir = mkdtempSync(join(tmpdir(), 'airlock-empty-cwd-'));
export const emptyHome = mkdtempSync(join(tmpdir(), 'airlock-empty-home-'));

export async function check(command: string, request: Partial<Request> = {}): Promise<Decision> {
  return decide(await analyze({ command, cwd: emptyDir, env: { HOME: emptyHome }, ...request }));
}

/** A small seeded PRNG, so generated test inputs are the same on every run. */
export function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
