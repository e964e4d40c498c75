// What an agent proposes, as it reaches airlock: a shell command, a file write, an SQL text for a
// database, or a call to a tool on an MCP server; with who asks and where. Each front end turns its
// request into invocations and typed targets for the same rules (src/analyze/requests.ts).

import { maskStructured } from './mask.js';
import type { DatabaseTarget } from './target.js';

/** Who asks, and where they work. */
interface Actor {
  /** The agent, by the name of its adapter (`claude-code`, `gemini`…), or the CLI that asked. */
  agent: string;
  session?: string;
  /** A subagent's identity, when the agent reports one. */
  subagent?: string;
}

interface Where {
  /** Working directory it would run in; files are read relative to it. */
  cwd?: string;
  /** Environment it would inherit. */
  env?: Record<string, string>;
  actor?: Actor;
}

/** Shell command text exactly as proposed. A request without a kind is one. */
export interface ShellRequest extends Where {
  kind?: 'shell';
  command: string;
}

/** A file tool's change: the files it writes, those it deletes, and what it writes when that is known. */
export interface FileWriteRequest extends Where {
  kind: 'file-write';
  /** The tool that makes it (`Write`, `apply_patch`, an MCP server's `write_file`). */
  tool: string;
  paths: string[];
  deletes: string[];
  /** The whole text the file will hold, when the tool says it (a write, a patch that only adds files). */
  content?: string;
  /**
   * Text an edit puts into the file, whose surroundings are not known (an edit's new text, a patch's
   * added lines): what it says counts, but it is not what the file will hold.
   */
  fragments?: string;
}

/** SQL text sent straight to a database, with the database it goes to when that is known. */
export interface SqlRequest extends Where {
  kind: 'sql';
  text: string;
  /** How the text is parsed: `postgres` when nothing says otherwise. */
  dialect?: 'postgres' | 'mysql' | 'sqlite';
  database?: DatabaseTarget;
  /** Where it comes from, for messages: `MCP prod_postgres.query`. */
  via?: string;
}

/**
 * A tool call to an MCP server, by the server's name as the agent knows it (`prod_postgres` in Claude
 * Code's `mcp__prod_postgres__query`). A tool the agent has that airlock doesn't know is read the same
 * way, with no server.
 */
export interface McpRequest extends Where {
  kind: 'mcp';
  /** The server's name; '' for a tool airlock doesn't know that is not on an MCP server. */
  server: string;
  tool: string;
  args: unknown;
  /** The tool's full name as the agent gave it (`mcp__prod_postgres__query`), when it differs from `tool`. */
  name?: string;
  /** How the agent starts or reaches the server (its command line or URL), when the agent says. */
  endpoint?: string;
}

export type Request = ShellRequest | FileWriteRequest | SqlRequest | McpRequest;

/** What the policy says an MCP server is (`mcp_servers`): what it acts on, its SQL dialect, its environment. */
export interface McpServer {
  kind?: 'database' | 'kube' | 'shell' | 'filesystem' | 'other';
  dialect?: 'postgres' | 'mysql' | 'sqlite';
  /**
   * Set when the policy's word on the server's environment is final: then ambient evidence (the
   * project's DATABASE_URL) does not count beside it. The environment itself is a declaration.
   */
  environment?: 'production' | 'staging' | 'development' | 'local';
}

/** The request as text, as the audit log, approvals and messages show it (an MCP call's arguments masked as structure; the rest is masked where it is shown). */
export function requestText(request: Request): string {
  switch (request.kind) {
    case undefined:
    case 'shell':
      return request.command;
    case 'file-write':
      return [request.tool, ...request.paths, ...(request.deletes.length ? ['(deletes)', ...request.deletes] : [])].join(' ');
    case 'sql':
      return request.text;
    case 'mcp':
      return `${request.name ?? (request.server ? `${request.server}.${request.tool}` : request.tool)} ${JSON.stringify(maskStructured(request.args ?? {}))}`;
  }
}
