// What a tool call's arguments carry that airlock can judge, for MCP tools and every tool airlock
// doesn't know: SQL (`sql`, `query`, `statement`, arrays of statements, Neon's `params.sql`), command
// lines (`command`, `cmd`, an argv array…), and the files a file tool writes, moves or deletes.
// Field names are compared without case, `_` or `-`.

import { shellJoin } from '../rules/argv.js';

/** Argument names whose value is SQL. */
const SQL_FIELDS = new Set(['sql', 'query', 'queries', 'statement', 'statements', 'sqlquery', 'sqlstatement', 'sqlstatements', 'sqlstring', 'sqltext']);
/** Argument names whose value is a command line, or an argv. */
const COMMAND_FIELDS = new Set(['command', 'cmd', 'cmdline', 'commandline', 'commands', 'script', 'shell', 'shellcommand', 'bash', 'sh', 'code', 'exec', 'run']);
/** Objects that tools wrap their arguments in (`{"params": {"sql": …}}`): looked into. */
const WRAPPERS = new Set(['params', 'parameters', 'arguments', 'args', 'input', 'request', 'body', 'payload', 'data']);
/** How deep wrappers and lists of statement objects are followed. */
const MAX_DEPTH = 3;

export interface ToolContent {
  /** SQL texts, one per statement or field. */
  sql: string[];
  /** Command lines. */
  commands: string[];
}

const fieldName = (key: string) => key.toLowerCase().replace(/[_-]/g, '');

/** The SQL and commands in a tool's arguments. */
export function toolContent(args: unknown): ToolContent {
  const out: ToolContent = { sql: [], commands: [] };
  collect(args, 0, out);
  return out;
}

function collect(args: unknown, depth: number, out: ToolContent): void {
  if (!args || typeof args !== 'object' || Array.isArray(args) || depth > MAX_DEPTH) return;
  for (const [key, v] of Object.entries(args as Record<string, unknown>)) {
    const name = fieldName(key);
    if (SQL_FIELDS.has(name)) out.sql.push(...sqlTexts(v, depth));
    else if (COMMAND_FIELDS.has(name)) {
      // A tool with both `command` and `script` may run either: every command-like field is judged.
      const text = typeof v === 'string' ? v : Array.isArray(v) && v.length && v.every((x) => typeof x === 'string') ? shellJoin(v as string[]) : null;
      if (text !== null && text.trim()) out.commands.push(text);
    } else if (WRAPPERS.has(name)) collect(v, depth + 1, out);
  }
}

/** SQL under an SQL-named field: a text, a list of texts (each its own statement), or a list of `{sql: …}` objects. */
function sqlTexts(v: unknown, depth: number): string[] {
  if (typeof v === 'string') return v.trim() ? [v] : [];
  if (!Array.isArray(v)) {
    const inner: ToolContent = { sql: [], commands: [] };
    collect(v, depth + 1, inner);
    return inner.sql;
  }
  return v.flatMap((item) => (typeof item === 'string' ? (item.trim() ? [item] : []) : sqlTexts(item, depth + 1)));
}

/** What a file tool on an MCP server changes: the files it writes, those it deletes, and the text it writes. */
export interface FileChange {
  paths: string[];
  deletes: string[];
  content?: string;
}

/** Words in a tool's name that say it changes files; the others (read_file, list_directory, search_files) only look. */
const WRITES = /^(write|edit|create|update|append|insert|replace|patch|save|put|upload|copy|cp|mkdir|touch|chmod|apply)$/;
const MOVES = /^(move|rename|mv)$/;
const DELETES = /^(delete|remove|rm|unlink|rmdir|trash)$/;
/** Argument names that hold a path: where a file tool writes, or what it moves. */
const PATH_FIELDS = ['path', 'filepath', 'file', 'filename', 'target', 'targetpath', 'destination', 'dest', 'destinationpath', 'newpath', 'to'];
const SOURCE_FIELDS = ['source', 'sourcepath', 'src', 'from', 'oldpath'];
const CONTENT_FIELDS = ['content', 'contents', 'text', 'filetext', 'data', 'newtext', 'newstring', 'newstr'];

/**
 * The files a tool changes, when its name says it changes files (`write_file`, `edit_file`,
 * `move_file`, `delete_file`, `create_directory`) and its arguments name them; null otherwise.
 */
export function fileChange(tool: string, args: unknown): FileChange | null {
  if (!args || typeof args !== 'object' || Array.isArray(args)) return null;
  const verbs = tool
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
  const writes = verbs.some((w) => WRITES.test(w));
  const moves = verbs.some((w) => MOVES.test(w));
  const deletes = verbs.some((w) => DELETES.test(w));
  if (!writes && !moves && !deletes) return null;
  const fields = new Map(Object.entries(args as Record<string, unknown>).map(([k, v]) => [fieldName(k), v]));
  const strings = (names: string[]) =>
    names.flatMap((n) => {
      const v = fields.get(n);
      return typeof v === 'string' && v !== '' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : [];
    });
  const named = [...strings(PATH_FIELDS), ...strings(['paths', 'files'])];
  const sources = strings(SOURCE_FIELDS);
  const change: FileChange = { paths: [], deletes: [] };
  if (deletes && !writes && !moves) change.deletes.push(...named, ...sources);
  else {
    change.paths.push(...named);
    // A move takes its source away, as `mv` does; a copy leaves it.
    if (moves) change.deletes.push(...sources);
  }
  if (change.paths.length === 0 && change.deletes.length === 0) return null;
  const text = strings(CONTENT_FIELDS);
  const edits = fields.get('edits');
  if (Array.isArray(edits))
    for (const e of edits)
      if (e && typeof e === 'object')
        text.push(
          ...Object.entries(e as Record<string, unknown>)
            .filter(([k, v]) => CONTENT_FIELDS.includes(fieldName(k)) && typeof v === 'string')
            .map(([, v]) => v as string),
        );
  if (text.length) change.content = text.join('\n');
  return change;
}
