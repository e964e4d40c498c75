// Each front end turns its request into what the rules judge: shell text to walk, or invocations made
// directly, each with the typed targets its front end knows.
//   shell       the text, walked as the shell would run it
//   file write  the write (`tee` of the files, with the text written when known) and the deletes (`rm`)
//   SQL         one invocation of SQL_PROGRAM carrying the text and the database it goes to
//   MCP         what its arguments carry (SQL, command lines, files a file tool changes), each judged as
//               the request it amounts to, behind the server: the server's name is evidence like any
//               other name, and the policy may say what the server is (mcp_servers).

import type { Invocation, Stdin } from '../core/invocation.js';
import { MCP_TOOL_PROGRAM, SQL_PROGRAM, literalWord } from '../core/invocation.js';
import type { FileWriteRequest, McpRequest, McpServer, Request, SqlRequest } from '../core/request.js';
import { maskSecrets } from '../core/mask.js';
import type { DatabaseTarget, Target } from '../core/target.js';
import { fileChange, toolContent } from './tool-args.js';
import { makeInvocation } from './walk.js';

/** What a request amounts to for the rules. */
export interface FrontEnd {
  /** Shell text to walk, each with the wrappers it runs behind and the invocation it runs inside. */
  scripts: { text: string; via: string[]; owner?: Invocation }[];
  /** Invocations made directly. */
  invocations: Invocation[];
}

export function frontEnd(request: Request, servers: Readonly<Record<string, McpServer>> = {}): FrontEnd {
  switch (request.kind) {
    case undefined:
    case 'shell':
      return { scripts: [{ text: request.command, via: [] }], invocations: [] };
    case 'file-write':
      return { scripts: [], invocations: fileWrite(request, []) };
    case 'sql':
      return { scripts: [], invocations: [sqlInvocation(request, [])] };
    case 'mcp':
      return mcp(request, servers);
  }
}

/**
 * The invocations a file tool's change amounts to: the same ones the shell's `tee` and `rm` of those
 * files would be, so the rules that protect airlock's files and the agents' settings judge them
 * alike, with the text written when the tool says it.
 */
function fileWrite(request: Pick<FileWriteRequest, 'tool' | 'paths' | 'deletes' | 'content' | 'fragments'>, via: string[], outer?: Invocation): Invocation[] {
  const out: Invocation[] = [];
  const writes = request.paths.filter(Boolean);
  // An edit's text is fed as text not all of which is known: what it says counts, but it is not the file.
  const stdin: Stdin =
    request.content !== undefined
      ? { kind: 'text', text: request.content, static: true }
      : request.fragments !== undefined
        ? { kind: 'text', text: request.fragments, static: false }
        : { kind: 'none' };
  if (writes.length) out.push(makeInvocation([literalWord('tee'), literalWord('--'), ...writes.map(literalWord)], {}, [], stdin, via, `${request.tool} ${writes.join(' ')}`));
  const deletes = request.deletes.filter(Boolean);
  if (deletes.length) out.push(makeInvocation([literalWord('rm'), literalWord('--'), ...deletes.map(literalWord)], {}, [], { kind: 'none' }, via, `${request.tool} deletes ${deletes.join(' ')}`));
  if (outer) for (const inv of out) inv.outer = outer;
  return out;
}

/** SQL sent straight to a database: its text on stdin, its dialect in argv, its database as a target. */
function sqlInvocation(request: Pick<SqlRequest, 'text' | 'dialect' | 'database' | 'via'>, via: string[]): Invocation {
  const inv = makeInvocation(
    [literalWord(SQL_PROGRAM), literalWord(request.dialect ?? 'postgres')],
    {},
    [],
    { kind: 'text', text: request.text, static: true },
    request.via ? [...via, request.via] : via,
    request.text,
  );
  if (request.database) inv.targets = [request.database];
  return inv;
}

/**
 * The policy's entry for a server: by its name, or by a name the tool's full name starts with, where
 * the agent's naming can't tell server from tool (OpenCode's `prod_postgres_query`, Gemini's
 * `mcp_prod_postgres_query`). With the server's name and the tool's.
 */
function serverEntry(request: Pick<McpRequest, 'server' | 'tool' | 'name'>, servers: Readonly<Record<string, McpServer>>): { server: string; tool: string; entry: McpServer } | null {
  if (!request.server) return null;
  if (Object.hasOwn(servers, request.server)) return { server: request.server, tool: request.tool, entry: servers[request.server]! };
  const full = request.name ?? '';
  let best: { server: string; tool: string; entry: McpServer } | null = null;
  for (const name of Object.keys(servers)) {
    for (const prefix of [`mcp__${name}__`, `mcp_${name}_`, `${name}__`, `${name}_`, `${name}/`, `${name}-`]) {
      if (full.startsWith(prefix) && full.length > prefix.length && (!best || name.length > best.server.length)) best = { server: name, tool: full.slice(prefix.length), entry: servers[name]! };
    }
  }
  return best;
}

/** Dialect words in a server's name or command line: `mysql-prod`, `@modelcontextprotocol/server-sqlite`. */
function dialectOf(text: string): McpServer['dialect'] | undefined {
  if (/mysql|maria/i.test(text)) return 'mysql';
  if (/sqlite|libsql|\bd1\b/i.test(text)) return 'sqlite';
  if (/postgres|\bpg\b|psql|neon|supabase/i.test(text)) return 'postgres';
  return undefined;
}

/** Database URLs in a server's command line or address (`npx @modelcontextprotocol/server-postgres postgres://db.prod/app`). */
function urlsIn(endpoint: string | undefined): string[] {
  return endpoint ? [...endpoint.matchAll(/\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|rediss|sqlite|libsql|clickhouse|cockroachdb):\/\/[^\s'"]+/gi)].map((m) => m[0]) : [];
}

/**
 * Words that say a server or tool works on a database (`prod_postgres`, `ProdDb`, `run_query`): on one,
 * any text in its arguments that reads as SQL is judged as SQL, whatever its field is called.
 */
const DATABASE_WORDS =
  /sql|postgres|mysql|maria|sqlite|libsql|neon|supabase|database|duckdb|clickhouse|snowflake|bigquery|redshift|cockroach|turso|planetscale|mongo|query|(?<![a-z])(pg|db|d1)(?![a-z])/i;
const isDatabase = (text: string) => DATABASE_WORDS.test(text.replace(/([a-z0-9])([A-Z])/g, '$1_$2'));

function mcp(request: McpRequest, servers: Readonly<Record<string, McpServer>>): FrontEnd {
  const found = serverEntry(request, servers);
  const server = found?.server ?? request.server;
  const mapping = found?.entry;
  const via = server ? [`mcp ${server} ${found?.tool ?? request.tool}`] : [`tool ${request.tool}`];
  // A server the policy says the environment of is all there is to know about where it acts.
  const exclusive = mapping?.environment ? ({ exclusive: true } as const) : {};
  const source = mapping ? `the MCP server ${server}, as the policy maps it` : server ? `the MCP server's name` : `the tool's name`;
  // The tool's full name is evidence too, unless the policy says what its server is: where an agent's
  // spelling can't tell server from tool (`mcp__dev__prod_mirror__query` read as server `dev`), the
  // part read as the tool holds a separator, and the server's name as read may be only part of it; a
  // tool on no known server has nothing else (`prod-db-query`).
  const named = !server ? request.tool : request.name !== undefined && /[_-]/.test(found?.tool ?? request.tool) ? request.name : undefined;
  const toolName: Target | undefined = !mapping && named ? { type: 'name', kind: 'name', value: named, source: "the tool's name" } : undefined;
  const database = mapping?.kind ? mapping.kind === 'database' : isDatabase(`${server} ${request.tool} ${request.endpoint ?? ''}`);
  const content = toolContent(request.args, { database });
  const invocations: Invocation[] = [];
  const scripts: FrontEnd['scripts'] = [];
  if (content.sql.length) {
    const dialect = mapping?.dialect ?? dialectOf(`${server || request.tool} ${request.endpoint ?? ''}`) ?? 'postgres';
    const database: DatabaseTarget | undefined = server ? { type: 'database', server, dialect, source, ...exclusive } : undefined;
    // The server's command line may name its database: that counts too (masked, as evidence is).
    const urls = urlsIn(request.endpoint).map((url): Target => ({ type: 'database', url: maskSecrets(url), source: "the MCP server's command line" }));
    for (const text of content.sql) {
      const inv = sqlInvocation({ text, dialect, ...(database ? { database } : {}), via: via[0]! }, []);
      inv.targets = [...(inv.targets ?? []), ...urls, ...(toolName ? [toolName] : [])];
      invocations.push(inv);
    }
  }
  // What else the server would run or change, judged behind it: the server is a wrapper, as `ssh host` is.
  const owner = serverInvocation(request, server, mapping, source, exclusive, toolName);
  for (const text of content.commands) scripts.push({ text, via, owner });
  const change = fileChange(request.tool, request.args);
  if (change) invocations.push(...fileWrite({ tool: request.name ?? request.tool, ...change }, via, owner));
  // The call itself, behind its server: judged by its tool's name when nothing in its arguments says
  // what it does, and held as unseen when some of them could not be read.
  const unseen = content.unseen ?? change?.unseen;
  if (unseen || (!content.sql.length && !content.commands.length && !change)) {
    const tool = found?.tool ?? request.tool;
    const call = makeInvocation([literalWord(MCP_TOOL_PROGRAM), literalWord(server), literalWord(tool)], {}, [], { kind: 'none' }, via, request.name ?? `${server} ${tool}`);
    call.targets = owner.targets ?? [];
    if (unseen) call.opaque = unseen;
    invocations.push(call);
  }
  return { scripts, invocations };
}

/** The MCP server as the wrapper what it runs runs behind, carrying its target: a database, a cluster, or a name. */
function serverInvocation(request: McpRequest, server: string, mapping: McpServer | undefined, source: string, exclusive: { exclusive?: true }, toolName: Target | undefined): Invocation {
  const inv = makeInvocation([], {}, [], { kind: 'none' }, [], request.name ?? `${server} ${request.tool}`);
  const target: Target | undefined = !server
    ? undefined
    : mapping?.kind === 'database'
      ? { type: 'database', server, ...(mapping.dialect ? { dialect: mapping.dialect } : {}), source, ...exclusive }
      : mapping?.kind === 'kube'
        ? { type: 'kube', server, source, ...exclusive }
        : { type: 'name', kind: 'mcp-server', value: server, source };
  inv.targets = [...(target ? [target] : []), ...(toolName ? [toolName] : [])];
  return inv;
}
