import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ShellRequest } from '../src/core/request.js';
import { judge } from '../src/runtime/judge.js';
import type { Decision } from '../src/core/decision.js';
import { defaultPolicy, type Policy } from '../src/policy/policy.js';
import type { Grant } from '../src/core/grant.js';

export const projectRoot = new URL('..', import.meta.url).pathname.replace(/\/build\/$/, '/').replace(/\/$/, '');

/** An empty working directory and an empty HOME, as the corpus acceptance asks. */
export const emptyDir = mkdtempSync(join(tmpdir(), 'airlock-empty-cwd-'));
export const emptyHome = mkdtempSync(join(tmpdir(), 'airlock-empty-home-'));

/** The verdict under the default policy (or the one given) with no grants, as the tests intend. */
export async function check(command: string, request: Partial<ShellRequest> = {}, policy: Policy = defaultPolicy(), grants: Grant[] = []): Promise<Decision> {
  return (await judge({ command, cwd: emptyDir, env: { HOME: emptyHome }, ...request }, { policy, grants })).decision;
}

/** Removes a temporary folder when this test process ends; AIRLOCK_TEST_KEEP=1 keeps it for a look. */
export function removeAtExit(dir: string): void {
  if (process.env.AIRLOCK_TEST_KEEP) return;
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
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

/** Every file under `root`, with its path relative to it and its bytes read as latin1 (to search for ASCII secrets). */
export function filesUnder(root: string): Array<[file: string, bytes: string]> {
  const out: Array<[string, string]> = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push([path.slice(root.length + 1), readFileSync(path).toString('latin1')]);
    }
  };
  walk(root);
  return out;
}
