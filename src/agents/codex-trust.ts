// Codex runs a user's hook only after a human has trusted it in `/hooks`; until then the hook is skipped
// silently, in `codex exec` too. Trust is a line in $CODEX_HOME/config.toml:
//
//   [hooks.state."<hooks file>:<event_snake>:<group index>:<handler index>"]
//   trusted_hash = "sha256:…"
//
// where the hash covers a normalised identity of the hook, so a changed command, matcher or timeout is
// no longer trusted. These pure functions compute what Codex 0.171 computes (checked against the real
// binary's `hooks/list`, see test/e2e/codex.test.ts), read the trust state out of a config.toml text,
// and record trust with the smallest edit, leaving every other byte of the user's file as it was.
//
// The identity, as Codex builds it: the event's snake_case label, the group's matcher (dropped for the
// events that take none), and the one handler with its effective timeout, serialised through TOML (which
// drops absent fields), as JSON with every object's keys sorted, no whitespace; sha256, hex, "sha256:".

import { table } from '../core/table.js';
import { createHash } from 'node:crypto';

// ── the hooks Codex loads from a hooks.json ──────────────────────────────────────────────────────────

interface CodexEvent {
  /** The snake_case label in trust keys and in the hashed identity. */
  label: string;
  /** Whether Codex keeps the group's matcher for this event (it drops it for the others). */
  matcher: boolean;
  defaultTimeoutSec: number;
  maxTimeoutSec?: number;
}

/** The events Codex 0.171 reads from hooks.json; it ignores any other key (StopFailure, Notification…). */
const CODEX_EVENTS: Record<string, CodexEvent> = table({
  PreToolUse: { label: 'pre_tool_use', matcher: true, defaultTimeoutSec: 600 },
  PermissionRequest: { label: 'permission_request', matcher: true, defaultTimeoutSec: 600 },
  PostToolUse: { label: 'post_tool_use', matcher: true, defaultTimeoutSec: 600 },
  PreCompact: { label: 'pre_compact', matcher: true, defaultTimeoutSec: 600 },
  PostCompact: { label: 'post_compact', matcher: true, defaultTimeoutSec: 600 },
  SessionStart: { label: 'session_start', matcher: true, defaultTimeoutSec: 600 },
  SessionEnd: { label: 'session_end', matcher: true, defaultTimeoutSec: 1, maxTimeoutSec: 3 },
  UserPromptSubmit: { label: 'user_prompt_submit', matcher: false, defaultTimeoutSec: 600 },
  SubagentStart: { label: 'subagent_start', matcher: true, defaultTimeoutSec: 600 },
  SubagentStop: { label: 'subagent_stop', matcher: true, defaultTimeoutSec: 600 },
  Stop: { label: 'stop', matcher: false, defaultTimeoutSec: 600 },
  Interrupt: { label: 'interrupt', matcher: false, defaultTimeoutSec: 1, maxTimeoutSec: 3 },
});

/** One command hook as Codex sees it, with the key and hash its trust is recorded under. */
export interface CodexHook {
  key: string;
  /** The event as written in hooks.json (PreToolUse). */
  event: string;
  group: number;
  handler: number;
  matcher: string | null;
  command: string;
  /** The timeout Codex applies, in seconds. */
  timeoutSec: number;
  hash: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON with every object's keys in sorted order and no whitespace, as Codex hashes it. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

const sha256 = (text: string) => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;

/**
 * The hash Codex records as `trusted_hash` for one command handler of a matcher group, or null when
 * Codex would not run it (not a command, an empty command, an event Codex does not read).
 */
export function codexHookHash(event: string, matcher: unknown, handler: unknown): string | null {
  const identity = hookIdentity(event, matcher, handler);
  return identity ? sha256(canonicalJson(identity)) : null;
}

function effectiveTimeout(spec: CodexEvent, timeout: unknown): number {
  const given = typeof timeout === 'number' && Number.isInteger(timeout) && timeout >= 0 ? timeout : spec.defaultTimeoutSec;
  const atLeastOne = Math.max(1, given);
  return spec.maxTimeoutSec === undefined ? atLeastOne : Math.min(spec.maxTimeoutSec, atLeastOne);
}

function hookIdentity(event: string, matcher: unknown, handler: unknown): Json | null {
  const spec = CODEX_EVENTS[event];
  if (!spec || !isObject(handler) || handler.type !== 'command') return null;
  if (typeof handler.command !== 'string' || !handler.command.trim()) return null;
  // Only the fields Codex keeps: commandWindows is dropped on unix, unknown fields are ignored, and
  // absent (null) fields vanish in the TOML round trip.
  const normalized: Json = { type: 'command', command: handler.command, timeout: effectiveTimeout(spec, handler.timeout), async: handler.async === true };
  if (typeof handler.statusMessage === 'string') normalized.statusMessage = handler.statusMessage;
  if (typeof handler.additionalContextLimit === 'number') normalized.additionalContextLimit = handler.additionalContextLimit;
  const identity: Json = { event_name: spec.label, hooks: [normalized] };
  if (spec.matcher && typeof matcher === 'string') identity.matcher = matcher;
  return identity;
}

/** The trust key Codex uses: `<source path>:<event_snake>:<group index>:<handler index>`. */
function codexHookKey(sourcePath: string, event: string, group: number, handler: number): string {
  const spec = CODEX_EVENTS[event];
  if (!spec) throw new Error(`Codex has no hook event ${event}`);
  return `${sourcePath}:${spec.label}:${group}:${handler}`;
}

/**
 * Every command hook Codex would load from a hooks.json text at `sourcePath`. `sourcePath` must be the
 * file's absolute path with symlinks resolved, as Codex resolves CODEX_HOME before it builds the keys.
 */
export function codexHooks(hooksJson: string, sourcePath: string): CodexHook[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(hooksJson);
  } catch (error) {
    throw new Error(`${sourcePath} is not valid JSON (${(error as Error).message})`);
  }
  const events = isObject(parsed) && isObject(parsed.hooks) ? parsed.hooks : {};
  const hooks: CodexHook[] = [];
  for (const [event, groups] of Object.entries(events)) {
    if (!CODEX_EVENTS[event] || !Array.isArray(groups)) continue;
    groups.forEach((group, g) => {
      if (!isObject(group) || !Array.isArray(group.hooks)) return;
      group.hooks.forEach((handler, h) => {
        const identity = hookIdentity(event, group.matcher, handler);
        if (!identity) return;
        hooks.push({
          key: codexHookKey(sourcePath, event, g, h),
          event,
          group: g,
          handler: h,
          matcher: typeof identity.matcher === 'string' ? identity.matcher : null,
          command: (handler as Json).command as string,
          timeoutSec: (identity.hooks as Json[])[0]!.timeout as number,
          hash: sha256(canonicalJson(identity)),
        });
      });
    });
  }
  return hooks;
}

/**
 * Whether a hook is airlock's: its command runs airlock's hook for Codex (`…/hook.cjs codex`, or
 * `airlock hook codex`). Only these are offered for trust; airlock never vouches for anyone else's hook.
 */
export function isAirlockHook(hook: Pick<CodexHook, 'command'>): boolean {
  return /(?:hook\.cjs|\bairlock(?:\.mjs)?)['"]?\s+(?:hook\s+)?codex(?:\s|['"]|$)/.test(hook.command);
}

// ── trust state in config.toml ───────────────────────────────────────────────────────────────────────

export interface HookState {
  enabled?: boolean;
  trustedHash?: string;
}

export type TrustStatus = 'trusted' | 'untrusted' | 'modified' | 'disabled';

/** What Codex decides for a hook given the recorded state: it runs only `trusted`. */
export function trustStatus(hook: Pick<CodexHook, 'key' | 'hash'>, states: Map<string, HookState>): TrustStatus {
  const state = states.get(hook.key);
  if (state?.enabled === false) return 'disabled';
  if (state?.trustedHash === undefined) return 'untrusted';
  return state.trustedHash === hook.hash ? 'trusted' : 'modified';
}

/** The `hooks.state` entries of a config.toml text (Codex trims the keys). */
export function readHookStates(configToml: string | null): Map<string, HookState> {
  const states = new Map<string, HookState>();
  if (configToml === null) return states;
  for (const a of scanToml(configToml).assignments) {
    if (a.path.length !== 4 || a.path[0] !== 'hooks' || a.path[1] !== 'state') continue;
    const key = a.path[2]!.trim();
    const state = states.get(key) ?? {};
    if (a.path[3] === 'trusted_hash' && a.kind === 'string') state.trustedHash = a.value as string;
    else if (a.path[3] === 'enabled' && a.kind === 'boolean') state.enabled = a.value as boolean;
    else continue;
    states.set(key, state);
  }
  return states;
}

/** Thrown when config.toml holds the hook state in a shape a minimal text edit cannot safely extend. */
export class TrustEditError extends Error {}

/**
 * config.toml with `trusted_hash` recorded for each hook (and `enabled = false` turned back on when
 * `enable` is set), as Codex's `/hooks` would write it: an existing value is replaced in place, a
 * missing one goes into the hook's existing `[hooks.state."…"]` table, else a new table is appended.
 * Every other byte stays as it was. Returns the text unchanged when everything is already recorded.
 */
export function recordTrust(configToml: string | null, hooks: Array<Pick<CodexHook, 'key' | 'hash'>>, options: { enable?: boolean } = {}): string {
  const text = configToml ?? '';
  const doc = scanToml(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const edits: Array<{ start: number; end: number; insert: string }> = [];
  const appended: string[] = [];
  const isPath = (path: string[], ...want: string[]) => path.length === want.length && want.every((w, i) => path[i] === w);

  for (const { key, hash } of hooks) {
    const under = doc.assignments.filter((a) => a.path.length > 3 && isPath(a.path.slice(0, 3), 'hooks', 'state', key));
    const hashes = under.filter((a) => a.path.length === 4 && a.path[3] === 'trusted_hash');
    if (hashes.length > 1) throw new TrustEditError(`hooks.state."${key}".trusted_hash is set more than once`);
    const existing = hashes[0];
    if (existing && existing.kind !== 'string') throw new TrustEditError(`hooks.state."${key}".trusted_hash is not a string`);
    if (existing) {
      if (existing.value !== hash) edits.push({ start: existing.start, end: existing.end, insert: tomlString(hash) });
    } else {
      const header = doc.headers.find((h) => !h.array && isPath(h.path, 'hooks', 'state', key));
      if (header) {
        // After the table's last line of its own, so the new line sits with the table's other keys.
        const own = doc.assignments.filter((a) => a.header === header && !a.inline);
        const at = own.length ? own[own.length - 1]!.lineEnd : header.end;
        const lead = at > 0 && text[at - 1] !== '\n' ? eol : '';
        edits.push({ start: at, end: at, insert: `${lead}trusted_hash = ${tomlString(hash)}${eol}` });
      } else if (under.length || doc.assignments.some((a) => isPath(a.path, 'hooks', 'state', key))) {
        throw new TrustEditError(`the state of hook ${key} is written as dotted keys or an inline table`);
      } else {
        appended.push(`[hooks.state.${tomlString(key)}]${eol}trusted_hash = ${tomlString(hash)}${eol}`);
      }
    }
    if (options.enable) {
      for (const a of under) if (a.path.length === 4 && a.path[3] === 'enabled' && a.kind === 'boolean' && a.value === false) edits.push({ start: a.start, end: a.end, insert: 'true' });
    }
  }
  if (appended.length) {
    // A new [hooks.state."…"] table cannot extend a `hooks` or `hooks.state` given as a value.
    const blocked = doc.assignments.find((a) => isPath(a.path, 'hooks') || isPath(a.path, 'hooks', 'state'));
    const arrayHeader = doc.headers.find((h) => h.array && (isPath(h.path, 'hooks') || isPath(h.path, 'hooks', 'state')));
    if (blocked || arrayHeader) throw new TrustEditError(`${blocked ? blocked.path.join('.') : `[[${arrayHeader!.path.join('.')}]]`} (line ${(blocked ?? arrayHeader)!.line}) is not a plain table`);
  }

  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.insert + out.slice(e.end);
  if (appended.length) {
    if (out.length && !out.endsWith('\n')) out += eol;
    if (out.length && !out.endsWith(`${eol}${eol}`) && out.trim().length) out += eol;
    out += appended.join(eol);
  }
  // The edit must say what was meant, read back the way Codex reads it.
  const after = readHookStates(out);
  for (const { key, hash } of hooks) {
    if (after.get(key)?.trustedHash !== hash) throw new TrustEditError(`recording trust for ${key} did not take (internal error)`);
  }
  return out;
}

/** A TOML basic string. */
function tomlString(s: string): string {
  const escaped = s.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => {
    const named: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };
    return named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return `"${escaped}"`;
}

// ── a small TOML scanner ─────────────────────────────────────────────────────────────────────────────
// Enough of TOML 1.0 to find every key path with the byte span of its value, so a value can be read or
// replaced in place. It checks the syntax it walks through and stops at the first error with its line.

interface TomlHeader {
  path: string[];
  array: boolean;
  line: number;
  /** Index just past the header's line (after its newline, or the end of the text). */
  end: number;
}

interface TomlAssignment {
  /** The absolute key path (array-of-tables indices are not counted). */
  path: string[];
  kind: 'string' | 'boolean' | 'table' | 'array' | 'other';
  value?: string | boolean;
  /** The byte span of the value. */
  start: number;
  end: number;
  line: number;
  /** Index just past the statement's line; for inline-table members, that of the enclosing statement. */
  lineEnd: number;
  /** The table header it sits under, null for the root table. */
  header: TomlHeader | null;
  /** Whether it is a member of an inline table. */
  inline: boolean;
}

export class TomlSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

export function scanToml(text: string): { headers: TomlHeader[]; assignments: TomlAssignment[] } {
  const headers: TomlHeader[] = [];
  const assignments: TomlAssignment[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const fail = (message: string): never => {
    throw new TomlSyntaxError(line, message);
  };
  const peek = (n = 0) => text[i + n];
  const skipSpaces = () => {
    while (peek() === ' ' || peek() === '\t') i++;
  };
  const skipComment = () => {
    if (peek() === '#') while (i < text.length && peek() !== '\n') i++;
  };
  const newline = (): boolean => {
    if (peek() === '\n') {
      i++;
      line++;
      return true;
    }
    if (peek() === '\r' && peek(1) === '\n') {
      i += 2;
      line++;
      return true;
    }
    return false;
  };
  /** Spaces, comments and newlines, as allowed between array elements. */
  const skipBlank = () => {
    for (;;) {
      skipSpaces();
      skipComment();
      if (!newline()) return;
    }
  };
  const endOfLine = () => {
    skipSpaces();
    skipComment();
    if (i < text.length && !newline()) fail(`unexpected ${JSON.stringify(peek())} after the value`);
  };

  const basicString = (): string => {
    i++;
    let out = '';
    for (;;) {
      const c = peek();
      if (c === undefined || c === '\n' || c === '\r') fail('unterminated string');
      i++;
      if (c === '"') return out;
      out += c === '\\' ? escapeSequence() : c;
    }
  };
  const escapeSequence = (): string => {
    const c = peek();
    i++;
    const simple: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', e: '\x1b', '"': '"', '\\': '\\' };
    if (c !== undefined && simple[c] !== undefined) return simple[c]!;
    const digits = c === 'u' ? 4 : c === 'U' ? 8 : c === 'x' ? 2 : 0;
    const hex = text.slice(i, i + digits);
    if (!digits || !new RegExp(`^[0-9A-Fa-f]{${digits}}$`).test(hex)) return fail(`invalid escape \\${c ?? ''}`);
    i += digits;
    return String.fromCodePoint(parseInt(hex, 16));
  };
  const literalString = (): string => {
    const close = text.indexOf("'", i + 1);
    const nl = text.slice(i + 1, close === -1 ? undefined : close).search(/[\r\n]/);
    if (close === -1 || nl !== -1) fail('unterminated string');
    const out = text.slice(i + 1, close);
    i = close + 1;
    return out;
  };
  const multiline = (quote: '"' | "'"): string => {
    const delimiter = quote.repeat(3);
    i += 3;
    // A newline right after the opening delimiter is not part of the string.
    newline();
    let out = '';
    for (;;) {
      if (i >= text.length) fail('unterminated multi-line string');
      if (text.startsWith(delimiter, i)) {
        // Up to two quotes may end the content right before the closing delimiter.
        let run = 3;
        while (run < 5 && text[i + run] === quote) run++;
        out += quote.repeat(run - 3);
        i += run;
        return out;
      }
      if (quote === '"' && peek() === '\\') {
        i++;
        // A line-ending backslash trims the newline and the whitespace after it.
        const rest = /^[ \t]*\r?\n/.exec(text.slice(i));
        if (rest) {
          while (/[ \t\r\n]/.test(peek() ?? '')) if (!newline()) i++;
          continue;
        }
        out += escapeSequence();
        continue;
      }
      if (newline()) {
        out += '\n';
        continue;
      }
      out += peek();
      i++;
    }
  };

  const simpleKey = (): string => {
    const c = peek();
    if (c === '"') return basicString();
    if (c === "'") return literalString();
    const m = /^[A-Za-z0-9_-]+/.exec(text.slice(i, i + 4096));
    if (!m) return fail(c === undefined ? 'expected a key at the end of the file' : `expected a key, found ${JSON.stringify(c)}`);
    i += m[0].length;
    return m[0];
  };
  const dottedKey = (): string[] => {
    const parts = [simpleKey()];
    for (;;) {
      skipSpaces();
      if (peek() !== '.') return parts;
      i++;
      skipSpaces();
      parts.push(simpleKey());
    }
  };

  /** Reads one value; members of inline tables are recorded as assignments of their own. */
  const value = (path: string[], context: { header: TomlHeader | null; line: number; record: boolean }): { kind: TomlAssignment['kind']; value?: string | boolean; start: number; end: number } => {
    const start = i;
    const c = peek();
    if (c === '"' || c === "'") {
      const v = text.startsWith(c.repeat(3), i) ? multiline(c) : c === '"' ? basicString() : literalString();
      return { kind: 'string', value: v, start, end: i };
    }
    if (c === '[') {
      i++;
      for (;;) {
        skipBlank();
        if (peek() === ']') break;
        value(path, { ...context, record: false });
        skipBlank();
        if (peek() === ',') i++;
        else if (peek() !== ']') fail('expected , or ] in an array');
      }
      i++;
      return { kind: 'array', start, end: i };
    }
    if (c === '{') {
      i++;
      const members: TomlAssignment[] = [];
      skipBlank();
      if (peek() === '}') i++;
      else
        for (;;) {
          skipBlank();
          const key = dottedKey();
          skipSpaces();
          if (peek() !== '=') fail('expected = in an inline table');
          i++;
          skipSpaces();
          const memberLine = line;
          const v = value([...path, ...key], context);
          members.push({ path: [...path, ...key], ...v, line: memberLine, lineEnd: -1, header: context.header, inline: true });
          skipBlank();
          if (peek() === ',') {
            i++;
            continue;
          }
          if (peek() === '}') {
            i++;
            break;
          }
          fail('expected , or } in an inline table');
        }
      if (context.record) assignments.push(...members);
      return { kind: 'table', start, end: i };
    }
    // Booleans, numbers, dates and times: one token (a date and a time may be separated by a space).
    const m = /^(?:\d{4}-\d{2}-\d{2}[ ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?|[^\s,\]}#]+)/.exec(text.slice(i, i + 256));
    if (!m) return fail(c === undefined || c === '\n' || c === '\r' ? 'expected a value' : `unexpected ${JSON.stringify(c)}`);
    i += m[0].length;
    if (m[0] === 'true' || m[0] === 'false') return { kind: 'boolean', value: m[0] === 'true', start, end: i };
    if (!/^[-+0-9a-fA-FxobinfaTZtz:._]+$|^\d{4}-\d{2}-\d{2}[ T]/.test(m[0])) fail(`unexpected value ${m[0]}`);
    return { kind: 'other', start, end: i };
  };

  let header: TomlHeader | null = null;
  while (i < text.length) {
    skipSpaces();
    skipComment();
    if (newline()) continue;
    if (i >= text.length) break;
    const headerLine = line;
    if (peek() === '[') {
      const array = peek(1) === '[';
      i += array ? 2 : 1;
      skipSpaces();
      const path = dottedKey();
      skipSpaces();
      if (!text.startsWith(array ? ']]' : ']', i)) fail(`expected ${array ? ']]' : ']'} to close the table header`);
      i += array ? 2 : 1;
      endOfLine();
      header = { path, array, line: headerLine, end: i };
      headers.push(header);
      continue;
    }
    const key = dottedKey();
    skipSpaces();
    if (peek() !== '=') fail(`expected = after the key ${key.join('.')}`);
    i++;
    skipSpaces();
    const path = [...(header?.path ?? []), ...key];
    const before = assignments.length;
    const v = value(path, { header, line: headerLine, record: true });
    const own: TomlAssignment = { path, ...v, line: headerLine, lineEnd: -1, header, inline: false };
    assignments.push(own);
    endOfLine();
    for (let k = before; k < assignments.length; k++) assignments[k]!.lineEnd = i;
  }
  return { headers, assignments };
}
