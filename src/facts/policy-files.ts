// Finds and reads the policy's three files: the organisation's, the user's, and the project's (the
// nearest .airlock/policy.yaml from the working directory up).

import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { defaultRuleSet } from '../packs/index.js';
import { policyFrom, type Layer, type Policy, type PolicySource } from '../policy/policy.js';

export interface PolicyLocations {
  organisation: string;
  user: string;
  /** The folder the command runs in: a project's escape hatches (in the user's file) apply in it and below. */
  cwd?: string;
  /** The project file, if one was found from the working directory upward. */
  project: string | null;
}

/** Where the three layers live, for a working directory and environment. */
export function policyLocations(cwd: string | undefined, env: Record<string, string | undefined>): PolicyLocations {
  const configHome = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  let project: string | null = null;
  for (let dir = cwd; dir; ) {
    const candidate = join(dir, '.airlock', 'policy.yaml');
    if (readable(candidate)) {
      project = candidate;
      break;
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return { organisation: env.AIRLOCK_ORG_POLICY || '/etc/airlock/policy.yaml', user: join(configHome, 'airlock', 'policy.yaml'), project, ...(cwd ? { cwd } : {}) };
}

function readable(path: string): boolean {
  try {
    readFileSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads the three layers. A file that doesn't exist is fine; one that can't be read is an error, and so
 * is a rule id in `rules` that names no rule.
 */
export async function loadPolicy(locations: PolicyLocations): Promise<Policy> {
  const sources: PolicySource[] = [];
  for (const [layer, file] of [
    ['organisation', locations.organisation],
    ['user', locations.user],
    ['project', locations.project],
  ] as [Layer, string | null][]) {
    if (!file) continue;
    try {
      sources.push({ layer, file, text: readFileSync(file, 'utf8') });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      sources.push({ layer, file, text: null, ...(code !== 'ENOENT' && code !== 'ENOTDIR' ? { unreadable: code ?? (error as Error).message } : {}) });
    }
  }
  // Only when a file is there: the ids come from the packs' facts, no pack is loaded for them.
  return policyFrom(sources, sources.some((s) => s.text !== null) ? defaultRuleSet().ids : undefined, locations.cwd);
}
