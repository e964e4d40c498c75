// One command that would run, after unwrapping: the unit every rule judges.

import type { Target } from './target.js';

export interface Arg {
  /** Text after quote removal. Unknown pieces are shown as written (`${DIR}`, `$(date +%s)`). */
  text: string;
  /** Every piece is known before running. */
  static: boolean;
  /** The word begins with an unknown value (`"$BUILD_DIR/"`), so nothing is known about where it points. */
  dynamicStart: boolean;
  /** Unquoted `*`, `?` or `[` remain: the shell would match the pattern against files. */
  glob: boolean;
  /** An unquoted unknown piece could split into several arguments, or none. */
  mayMultiply: boolean;
}

/** A word known as written: nothing in it is expanded or matched against files. */
export const literalWord = (text: string): Arg => ({ text, static: true, dynamicStart: false, glob: false, mayMultiply: false });

export type Stdin =
  | { kind: 'none' }
  /** Text known before running: a heredoc, a here-string, or the output of `echo …` / `printf …` / `cat <<EOF`. */
  | { kind: 'text'; text: string; static: boolean }
  /**
   * Produced at run time by an earlier command in the pipeline. When that is a command group
   * (`(crontab -l; echo '* * * * * job') | crontab -`), `pieces` is what each of its commands prints,
   * in order: the text when it is known, null when it is not.
   */
  | {
      kind: 'pipe';
      producer: string;
      pieces?: { text: string | null; source: string }[];
      /** Set when what comes down the pipe is a listing of a whole tree's files (`find /srv`, `git ls-files`): the tree. */
      listing?: FindScope;
    }
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
  /**
   * Variables the script assigned once, earlier, from text airlock can't work out (`r=$(npm root -g)`),
   * with that text as written: `$r/airlock` is `$(npm root -g)/airlock`.
   */
  spelled?: Readonly<Record<string, string>>;
  /** A project task (`npm run x`, `make y`) whose definition could not be read. */
  unresolvedTask?: { tool: string; name: string };
  /**
   * Targets its front end knows it acts on, beside what its own words name: the database behind the
   * MCP server an SQL request goes to. Masked: they are evidence.
   */
  targets?: Target[];
}

/**
 * The program name of the invocation an SQL request becomes (SQL sent straight to a database, as an
 * MCP server sends it): its argv is this name and the dialect, its stdin the SQL. No shell command is
 * called this by accident.
 */
export const SQL_PROGRAM = '(sql)';

/**
 * The program name of the invocation an MCP tool call becomes when its arguments carry nothing airlock
 * can judge (no SQL, command or file change): its argv is this name, the server and the tool, so the
 * tool's name is judged for what it says it does (`delete_namespace`, `drop_table`).
 */
export const MCP_TOOL_PROGRAM = '(mcp)';
