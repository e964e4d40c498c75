// What the analysis found, and the files it read to find it.

import type { Effect, Severity } from './effect.js';
import type { Invocation } from './invocation.js';
import type { DatabaseCopy } from './copy.js';

export interface Finding {
  rule: string;
  /** The pack (one per ecosystem) the rule belongs to. */
  pack: string;
  effect: Effect;
  severity: Severity;
  /** What was matched, in one line. */
  summary: string;
  /** What happens to data if it runs. */
  consequence: string;
  /** Safer ways to reach the same goal. */
  alternatives: string[];
  /** The invocation's source text. */
  command: string;
  /** What it acts on, when known (a path, a database, a branch). */
  target?: string;
  /** Wrappers it was found behind. */
  via: string[];
  /** Never allowed, whatever is approved (wiping `/` or `~`, tampering with airlock). */
  forbidden?: boolean;
  /** The invocation it was found in (not serialised). */
  invocation?: Invocation;
  /** What a preflight probe may look at before this is held: the repository, or what a delete takes. */
  probe?: Probe;
  /** What the probe said (src/preflight/). */
  preflight?: PreflightFacts;
}

/**
 * The probes preflight runs for a finding about to be held: `git-…` asks the repository what a command
 * that throws work away would lose; `deletion` counts what a recursive delete of the finding's target
 * takes, and how much of it git can bring back; `terraform` checks the state and plans (an apply is
 * looked at even when it would be allowed, since only its plan says whether it destroys); `drizzle-push`
 * and `prisma-push` ask the schema tool's own diff what a push or migration would run (likewise always).
 */
export type Probe = GitProbe | 'deletion' | 'terraform' | 'drizzle-push' | 'prisma-push';
/** What a git command would lose: a reset's changes and commits, paths a checkout overwrites, what clean deletes, stashes, a branch's commits. */
export type GitProbe = 'git-reset' | 'git-discard' | 'git-clean' | 'git-stash' | 'git-branch' | 'git-ref-move';

/** A probe's answer: what would be lost, that nothing would, or why it could not look. */
export type PreflightFacts =
  | { probe: Probe; loses: false; files?: number; bytes?: number }
  | { probe: GitProbe; loses: true; changed: string[]; untracked: string[]; commits: string[]; stashes: string[] }
  | { probe: 'deletion'; loses: true; files: number; bytes: number; changed: string[]; untracked: string[]; ignored: string[]; histories: string[]; outsideRepository: boolean }
  | ({ probe: 'terraform'; loses: boolean; warnings: string[] } & Partial<TerraformPlanFacts>)
  /** drizzle-kit's or Prisma's own diff: the statements a push or migration would run, data-loss warnings, the tables and columns dropped (with row counts). */
  | {
      probe: 'drizzle-push' | 'prisma-push';
      loses: boolean;
      statements: string[];
      warnings: string[];
      dropped: string[];
      database?: DatabaseCopy;
    }
  | { probe: Probe; failed: string };

/** What a Terraform plan would do (src/preflight/terraform-plan.ts). */
export interface TerraformPlanFacts {
  creates: number;
  updates: number;
  deletes: number;
  replaces: number;
  /** Addresses deleted or replaced. */
  removed: string[];
  /** Deleted or replaced resources that hold data, backups, keys or DNS zones, with what protects them. */
  stateful: { address: string; type: string; action: 'delete' | 'replace'; kind: string; protections: string[] }[];
  /** Backups deleted in the same plan as the data they back up. */
  backupsWithData: string[];
}

export interface Assessment {
  /** The strongest effect over all findings; `read` when nothing was found. */
  effect: Effect;
  findings: Finding[];
  invocations: Invocation[];
  /** Every file on disk the analysis read (or looked for) to reach its verdict, in the order first read. */
  read: FileRead[];
}

/**
 * A file the analysis read from disk, and what it found there. The verdict depends on it (a package.json
 * script, a Makefile recipe, a shell script, a SQL file), so an approval is bound to exactly this.
 */
export interface FileRead {
  /** Absolute path, as resolved from where the command reads it. */
  path: string;
  /** Its bytes; null when there is no regular file there (distinct from an empty file). */
  bytes: Uint8Array | null;
  /** There is a file, but the analysis did not read it (too big, unreadable, past the budget). */
  unread?: true;
}

/**
 * A finding for analysis that stopped short (a budget, a syntax error, a rule that failed, a pack that
 * could not be loaded): unknown, so the command is held rather than guessed at.
 */
export function unexaminedFinding(rule: string, reason: string, command: string, via: string[]): Finding {
  const syntax = rule === 'shell/syntax';
  return {
    rule,
    pack: rule.split('/')[0]!,
    effect: 'unknown',
    severity: 'high',
    summary: syntax ? `airlock cannot parse this command: ${reason}` : `analysis stopped early: ${reason}`,
    consequence: syntax ? 'What it would run cannot be known, so it is held rather than guessed at.' : 'Part of what it would run was not examined, so it is held rather than guessed at.',
    alternatives: ['split the command into smaller, plain commands', 'write it to a script file and show the script to a human first'],
    command,
    via,
  };
}
