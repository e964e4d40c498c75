// For each finding, the environment of what it acts on, with the evidence: the finding's own targets
// (what its pack reads from its invocation and wrappers, and what its front end knows) always count;
// ambient ones (process env, .env, kubeconfig, workspace, branch) only for what its pack acts on, so a
// production DATABASE_URL in the shell does not make `git push` a production write.

import { guess } from './heuristics.js';
import { maskSecrets } from '../core/mask.js';
import type { Surroundings } from './targets.js';
import { ambientTargets } from './targets.js';
import { maskTarget, namesOf, scopeOf, type Target } from '../core/target.js';
import { riskiest, type Environment, type Evidence, type Resolution, type Scope } from '../core/environment.js';

/** Policy-declared environments: a function from (kind, value) to a declared environment, if any. */
export type Declarations = (kind: string, value: string) => { environment: Environment; reason: string } | null;

/** What a finding acts on, as its pack reads it (src/rules/targets.ts). */
export interface OwnTargets {
  targets: readonly Target[];
  /** Which ambient evidence counts for it. */
  scopes: readonly Scope[];
  /** The database URL schemes it speaks: an ambient database URL of another scheme is another database's. */
  schemes?: RegExp;
}

/** Whether an ambient target is about what the finding's tool speaks to (a redis:// URL for redis-cli, not a postgres:// one). */
function concerns(own: OwnTargets, t: Target): boolean {
  if (!own.schemes || t.type !== 'database' || !t.url) return true;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(t.url)?.[1];
  return scheme === undefined || own.schemes.test(scheme.toLowerCase());
}

/** Kinds whose values are names of real targets: when nothing classifies them, the target is unknown. */
const TYPED = new Set(['database', 'host', 'url', 'kube-context', 'aws-profile', 'project', 'resource-group', 'app', 'workspace', 'stack', 'stage', 'account']);

/** Classifies each name of a target on its real value; the evidence carries it masked, since it is shown and stored. */
function classify(target: Target, declared: Declarations | null): Evidence[] {
  const scope = scopeOf(target);
  const shownTarget = maskTarget(target);
  if (target.type === 'path' && target.inProject) {
    return [{ scope, kind: 'path', value: maskSecrets(target.path), source: target.source, environment: 'local', reason: 'a path inside the working directory', target: shownTarget }];
  }
  const out: Evidence[] = [];
  for (const { kind, value } of namesOf(target)) {
    const d = declared?.(kind, value);
    const g = d ?? guess(kind, value);
    const shown = { scope, kind, value: maskSecrets(value), source: target.source, target: shownTarget };
    if (g) out.push({ ...shown, environment: g.environment, reason: maskSecrets(g.reason) });
    // A database or cluster behind an MCP server is a real target too; a server of no known kind is a name.
    else if (TYPED.has(kind) || (kind === 'mcp-server' && target.type !== 'name')) out.push({ ...shown, environment: 'unknown', reason: 'nothing classifies it' });
  }
  return out;
}

/** The environment of one finding, from its own targets and the ambient ones that count for it. */
export function resolveFinding(own: OwnTargets, ambient: readonly Target[], declared: Declarations | null): Resolution {
  // A target that is all there is to know (an MCP server the policy maps) leaves out ambient evidence of its kind.
  const known = new Set(own.targets.filter((t) => t.exclusive).map(scopeOf));
  const scopes = new Set<Scope>(['any', ...own.scopes]);
  const targets = [...own.targets, ...ambient.filter((t) => scopes.has(scopeOf(t)) && !known.has(scopeOf(t)) && concerns(own, t))];
  const evidence = targets.flatMap((t) => classify(t, declared));
  return { environment: evidence.length ? riskiest(evidence.map((e) => e.environment)) : 'unknown', evidence };
}

export function ambientFor(s: Surroundings, appEnv?: string): Target[] {
  return ambientTargets(s, appEnv);
}
