// The values that flow through the analysis stage: Request in, Invocations in the middle, Assessment out.

import type { Arg } from '../shell/expand.js';

export type { Arg };

/** What a command does to data: the order is the order of concern. */
export type Effect = 'read' | 'write' | 'destroy' | 'unknown';
export type Severity = 'low' | 'medium' | 'high' | 'critical';

export interface Request {
  /** Shell command text exactly as the agent proposed it. */
  command: string;
  /** Working directory the command would run in; files are read relative to it. */
  cwd?: string;
  /** Environment the command would inherit. */
  env?: Record<string, string>;
}

export type Stdin =
  | { kind: 'none' }
  /** Text known before running: a heredoc, a here-string, or the output of `echo …` / `printf …` / `cat <<EOF`. */
  | { kind: 'text'; text: string; static: boolean }
  /**
   * Produced at run time by an earlier command in the pipeline. When that is a command group
   * (`(crontab -l; echo '* * * * * job') | crontab -`), `pieces` is what each of its commands prints,
   * in order: the text when it is known, null when it is not.
   */
  | { kind: 'pipe'; producer: string; pieces?: { text: string | null; source: string }[] }
  | { kind: 'file'; path: Arg };

/** Where `find` looks, for commands it runs or deletes with (`-exec`, `-delete`). */
export interface FindScope {
  roots: Arg[];
  /** The `-name`/`-iname`/`-path` patterns that narrow it, if any. */
  patterns: string[];
}

/** One command that would run, after unwrapping, with everything a rule needs to judge it. */
export interface Invocation {
  /** The command name without its directory (`/usr/bin/rm` → `rm`); '' when there is no command. */
  program: string;
  argv: Arg[];
  /** Assignments it runs with (`FOO=1 cmd`, `env FOO=1 cmd`). */
  env: Record<string, Arg>;
  redirects: { op: string; fd: number | null; target: Arg }[];
  stdin: Stdin;
  /** Wrappers it was found behind, outermost first (`sudo`, `bash -c`, `ssh db-primary.prod`). */
  via: string[];
  /** Source text of the command, for messages. */
  source: string;
  /** Set when the code it would run can't be known statically, with the reason. */
  opaque?: string;
  /** More arguments arrive at run time (`xargs rm`, `find -exec rm {}`). */
  runtimeArgs?: boolean;
  /** For commands run by find -exec, and for find itself: what find walks over. */
  find?: FindScope;
  /** The wrapper this invocation was found behind (`ssh host`, `heroku run --app x`). */
  outer?: Invocation;
  /**
   * The directory it runs in, after any `cd` before it and its own directory flag: absolute (or
   * relative to the request's directory when the request has none); null for a place that can't be
   * known (`cd "$DIR"`); undefined when nothing set it (the request's directory).
   */
  cwd?: string | null;
  /** Runs inside $(…), `…` or <(…): its output becomes another command's words or file. */
  captured?: boolean;
  /**
   * When `cwd` is null because `cd` went to a pattern (`cd ~/.local/state/air* && …`): that pattern as
   * an absolute path, which covers every place the command could run in.
   */
  cwdPattern?: string;
  /** A project task (`npm run x`, `make y`) whose definition could not be read. */
  unresolvedTask?: { tool: string; name: string };
}

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

const RANK: Record<Effect, number> = { read: 0, write: 1, unknown: 2, destroy: 3 };

/** Order of concern: read < write < unknown < destroy. */
export function rank(effect: Effect): number {
  return RANK[effect];
}

export function strongest(effects: Effect[]): Effect {
  let best: Effect = 'read';
  for (const e of effects) if (RANK[e] > RANK[best]) best = e;
  return best;
}
