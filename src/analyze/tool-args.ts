// What a tool call's arguments carry that airlock can judge, for MCP tools and every tool airlock
// doesn't know: SQL (`sql`, `query`, `statement`, arrays of statements, Neon's `params.sql`), command
// lines (`command`, `cmd`, an argv array…), and the files a file tool writes, moves or deletes.
// Field names are compared without case, `_` or `-`.

import { shellJoin } from '../rules/argv.js';

/** Argument names whose value is SQL. */
const SQL_FIELDS = new Set(['sql', 'query', 'queries', 'statement', 'statements', 'sqlquery', 'sqlstatement', 'sqlstatements', 'sqlstring', 'sqltext']);
/** Argument names whose value is a command line, or an argv. */
const COMMAND_FIELDS = new Set(['command', 'cmd', 'cmdline', 'commandline', 'commands', 'script', 'shell', 'shellcommand', 'bash', 'sh', 'code', 'exec', 'run', 'argv']);
/** Argument names whose value is the program a tool starts, its arguments given beside it (`{"program": "rm", "args": […]}`). */
const PROGRAM_FIELDS = new Set(['program', 'executable', 'binary', 'bin', 'exe']);
/** Argument names whose value is the argument list of the command or program beside it, as spawn() takes them. */
const ARGV_FIELDS = new Set(['args', 'arguments', 'argv']);
/** Objects that tools wrap their arguments in (`{"params": {"sql": …}}`), sometimes as a JSON text. */
const WRAPPERS = new Set(['params', 'parameters', 'arguments', 'args', 'input', 'request', 'body', 'payload', 'data']);
/**
 * How deep arguments are followed. Every field is looked into, not only the wrappers': a list of
 * `{sql: …}` objects may be under any name (`requests`, `batch`, `operations`). What lies deeper is not
 * passed over: the call is held as unseen.
 */
const MAX_DEPTH = 8;
/** The words an SQL statement starts with, for text under a name that doesn't say SQL on a database server. */
const SQL_START =
  /^(?:\s|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/|\()*(select|insert|update|delete|drop|truncate|alter|create|grant|revoke|merge|replace|upsert|with|begin|start|commit|rollback|set|copy|call|exec|execute|do|vacuum|reindex|cluster|comment|lock|rename|use|pragma|attach|detach|load|analyze|explain|refresh|discard|prepare|declare|savepoint|flush|purge|kill|shutdown|import|unload|optimize|handler|reset|undrop)(?![\w$])/i;

export interface ToolContent {
  /** SQL texts, one per statement or field. */
  sql: string[];
  /** Command lines. */
  commands: string[];
  /** Set when some of the arguments could not be read (nested too deep): the call can't be judged whole. */
  unseen?: string;
}

const fieldName = (key: string) => key.toLowerCase().replace(/[_-]/g, '');
const stringList = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string');

/**
 * The SQL and commands in a tool's arguments. `database`: the tool is on a database server, so any
 * text that reads as SQL (`{"q": "DROP TABLE users"}`) is SQL whatever its field is called.
 */
export function toolContent(args: unknown, options: { database?: boolean } = {}): ToolContent {
  const out: ToolContent = { sql: [], commands: [] };
  collect(args, 0, out, options.database === true);
  return out;
}

/** A JSON text of an object or a list, parsed (`{"params": "{\"sql\": …}"}`); undefined otherwise. */
function jsonIn(text: string): unknown {
  if (!/^\s*[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * How a value's place reads it: `wrapped` under a wrapper's name (a JSON text there is parsed), `command`
 * under a command's name (a text there is a command line, as in `{"script": {"content": "…"}}`).
 */
type Place = 'plain' | 'wrapped' | 'command';

function collect(v: unknown, depth: number, out: ToolContent, database: boolean, place: Place = 'plain'): void {
  if (typeof v === 'string') {
    const parsed = place !== 'plain' ? jsonIn(v) : undefined;
    if (parsed !== undefined) {
      collect(parsed, depth + 1, out, database, place);
      return;
    }
    if (place === 'command' && v.trim()) out.commands.push(v);
    if (database && SQL_START.test(v)) out.sql.push(v);
    return;
  }
  if (!v || typeof v !== 'object') return;
  if (depth > MAX_DEPTH) {
    out.unseen ??= `the call's arguments nest deeper than ${MAX_DEPTH} levels, and airlock reads no further`;
    return;
  }
  if (Array.isArray(v)) {
    for (const item of v) collect(item, depth + 1, out, database, place);
    return;
  }
  const entries = Object.entries(v as Record<string, unknown>).map(([key, value]) => [fieldName(key), value] as const);
  // The arguments given beside a command or program (`{"command": "rm", "args": ["-rf", "~"]}`) are its own.
  const argv = entries.find(([name, value]) => ARGV_FIELDS.has(name) && stringList(value))?.[1] as string[] | undefined;
  for (const [name, value] of entries) {
    const commandLike = COMMAND_FIELDS.has(name) || PROGRAM_FIELDS.has(name);
    if (SQL_FIELDS.has(name)) out.sql.push(...sqlTexts(value, depth, out, database));
    else if (commandLike && typeof value === 'string') {
      const text = argv && name !== 'argv' ? `${value} ${shellJoin(argv)}` : value;
      if (text.trim()) out.commands.push(text);
      if (database && SQL_START.test(value)) out.sql.push(value);
    } else if (commandLike && stringList(value)) {
      // An argv, or a list of command lines: judged both ways, since the tool may run either.
      out.commands.push(shellJoin(value));
      if (value.some((w) => /\s/.test(w))) out.commands.push(...value.filter((w) => w.trim()));
    } else if (ARGV_FIELDS.has(name) && argv === value && entries.some(([n]) => COMMAND_FIELDS.has(n) || PROGRAM_FIELDS.has(n))) continue;
    else collect(value, depth + 1, out, database, commandLike || place === 'command' ? 'command' : WRAPPERS.has(name) ? 'wrapped' : 'plain');
  }
}

/** SQL under an SQL-named field: a text, a list of texts (each its own statement), or `{sql: …}` objects, anywhere inside. */
function sqlTexts(v: unknown, depth: number, out: ToolContent, database: boolean): string[] {
  if (typeof v === 'string') return v.trim() ? [v] : [];
  if (Array.isArray(v) && depth <= MAX_DEPTH) return v.flatMap((item) => sqlTexts(item, depth + 1, out, database));
  // An object under an SQL name: every text in it that reads as SQL is, and its SQL-named fields are.
  const inner: ToolContent = { sql: [], commands: [] };
  collect(v, depth + 1, inner, true);
  out.commands.push(...inner.commands);
  if (inner.unseen) out.unseen ??= inner.unseen;
  return inner.sql;
}

/** What a file tool on an MCP server changes: the files it writes, those it deletes, and the text it writes. */
export interface FileChange {
  paths: string[];
  deletes: string[];
  content?: string;
  /** Text an edit puts into the file, its surroundings unknown (`edit_file`'s new text). */
  fragments?: string;
  /** Set when the tool's name says it changes files and its arguments name none airlock can read. */
  unseen?: string;
}

/** Words in a tool's name that say it changes files; the others (read_file, list_directory, search_files) only look. */
const WRITES = /^(write|edit|create|update|append|insert|replace|patch|save|put|upload|copy|cp|mkdir|touch|chmod|apply)$/;
const MOVES = /^(move|rename|mv)$/;
const DELETES = /^(delete|remove|rm|unlink|rmdir|trash)$/;
/** Argument names that hold a path: where a file tool writes, or what it moves. */
const PATH_FIELDS = ['path', 'filepath', 'file', 'filename', 'target', 'targetpath', 'destination', 'dest', 'destinationpath', 'newpath', 'to'];
const SOURCE_FIELDS = ['source', 'sourcepath', 'src', 'from', 'oldpath'];
const CONTENT_FIELDS = ['content', 'contents', 'text', 'filetext', 'data'];
/** Argument names that hold an edit's new text: part of what the file will hold, not all of it. */
const EDIT_FIELDS = ['newtext', 'newstring', 'newstr', 'newcontent', 'replacement'];
/** Words in a tool's name that say it changes part of a file, so no text it gives is the whole file. */
const EDITS = /^(edit|replace|patch|insert|append|update|modify)$/;
/** Words in a tool's name that say what it changes is files (`write_file`, `deleteDirectory`), not a record or an issue. */
const FILE_NOUNS = /^(file|files|dir|dirs|directory|directories|folder|folders|path|paths)$/;

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
  // Its fields, and those of the object it wraps them in (`{"params": {"path": …}}`).
  const top = Object.entries(args as Record<string, unknown>);
  const wrapped = top.flatMap(([k, v]) => (WRAPPERS.has(fieldName(k)) && v && typeof v === 'object' && !Array.isArray(v) ? Object.entries(v as Record<string, unknown>) : []));
  const fields = new Map([...wrapped, ...top].map(([k, v]) => [fieldName(k), v]));
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
  if (change.paths.length === 0 && change.deletes.length === 0)
    return verbs.some((w) => FILE_NOUNS.test(w)) ? { ...change, unseen: `${tool} changes files, and its arguments name none that airlock can read` } : null;
  const text = strings(CONTENT_FIELDS);
  const fragments = strings(EDIT_FIELDS);
  const edits = fields.get('edits');
  if (Array.isArray(edits))
    for (const e of edits)
      if (e && typeof e === 'object')
        fragments.push(
          ...Object.entries(e as Record<string, unknown>)
            .filter(([k, v]) => (CONTENT_FIELDS.includes(fieldName(k)) || EDIT_FIELDS.includes(fieldName(k))) && typeof v === 'string')
            .map(([, v]) => v as string),
        );
  // An edit's text, and any text of a tool that says it edits, is only part of what the file will hold.
  if (verbs.some((w) => EDITS.test(w))) fragments.unshift(...text.splice(0));
  if (text.length) change.content = text.join('\n');
  else if (fragments.length) change.fragments = fragments.join('\n');
  return change;
}
