// Request → Assessment. Pure apart from reading files the command itself names (scripts, SQL files,
// package.json) and loading the SQL parser the first time SQL appears.

import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, posix } from 'node:path';
import { agentSettingsFiles, airlockDirectories, airlockFolders, auditKeyFiles } from '../core/locations.js';
import { resolveIn, type Directory } from './cwd.js';
import { BudgetExceeded } from '../shell/ast.js';
import { classifySql, postgresParserLoaded } from '../sql/classify.js';
import type { RuleContext, RuleSet } from '../rules/rule.js';
import { defaultBudget, Walker, type Budget, type FileSource } from './walk.js';
import { strongest } from '../core/effect.js';
import { type Arg } from '../core/invocation.js';
import { type Assessment, type FileRead, type Finding } from '../core/finding.js';
import { type Request } from '../core/request.js';

export interface AnalyzeOptions {
  rules: RuleSet;
  budget?: Budget;
  /** Where files named by the command are read from; defaults to the disk, relative to `cwd`. */
  files?: FileSource;
}

const MAX_FILE_BYTES = 256 * 1024;
/** Longer commands are held unread rather than parsed: no agent proposes a 4 MiB command for a good reason. */
const MAX_COMMAND_BYTES = 4 * 1024 * 1024;

/**
 * Reads files as seen from a directory (the request's working directory by default); never throws.
 * It remembers what it found in each file (or that there was none), for an approval to bind to.
 */
export function diskFiles(cwd: string | undefined, home: string | undefined): FileSource {
  const found = new Map<string, FileRead>();
  const absolute = (path: string, dir?: Directory): string | null => {
    const full = resolveIn(dir === undefined ? (cwd ?? null) : dir, path, home);
    // A relative result means the request named no directory: nothing on disk to read it from.
    return full && isAbsolute(full) ? full : null;
  };
  // The first look at a file is what the verdict was reached on.
  const note = (entry: FileRead) => {
    if (!found.has(entry.path)) found.set(entry.path, entry);
  };
  const read = (path: string, dir?: Directory): string | null => {
    const full = absolute(path, dir);
    if (!full) return null;
    let st;
    try {
      st = statSync(full, { throwIfNoEntry: false });
    } catch (error) {
      // A file may be there, behind a directory airlock may not search; anything else (a NUL byte, a
      // file where a directory should be) means there is none.
      const denied = (error as NodeJS.ErrnoException).code === 'EACCES' || (error as NodeJS.ErrnoException).code === 'EPERM';
      note({ path: full, bytes: null, ...(denied ? { unread: true as const } : {}) });
      return null;
    }
    if (!st?.isFile()) {
      note({ path: full, bytes: null });
      return null;
    }
    if (st.size > MAX_FILE_BYTES) {
      note({ path: full, bytes: null, unread: true });
      return null;
    }
    try {
      const bytes = readFileSync(full);
      note({ path: full, bytes });
      return bytes.toString('utf8');
    } catch {
      note({ path: full, bytes: null, unread: true });
      return null;
    }
  };
  const scripts = new Map<Directory | undefined, Record<string, string> | null>();
  return {
    read,
    reads: () => [...found.values()],
    unread: (path, dir) => {
      const full = absolute(path, dir);
      if (full) note({ path: full, bytes: null, unread: true });
    },
    realpath: followLinks,
    isDirectory: (absolute) => {
      try {
        return statSync(absolute, { throwIfNoEntry: false })?.isDirectory() ?? false;
      } catch {
        return false; // a name no file can have (a NUL byte)
      }
    },
    packageScripts: (dir) => {
      if (scripts.has(dir)) return scripts.get(dir)!;
      let found: Record<string, string> | null = null;
      const text = read('package.json', dir);
      if (text) {
        try {
          const parsed = JSON.parse(text) as { scripts?: unknown };
          if (parsed.scripts && typeof parsed.scripts === 'object') {
            found = Object.fromEntries(Object.entries(parsed.scripts as Record<string, unknown>).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
          }
        } catch {
          found = null;
        }
      }
      scripts.set(dir, found);
      return found;
    },
  };
}

/** The node binary this process runs under, as named and with symlinks followed: it can't change while the process runs. */
let node: string[] | undefined;
function runningNode(): string[] {
  return (node ??= [...new Set([process.execPath, followLinks(process.execPath) ?? process.execPath])]);
}

/** Follows symlinks in the part of `absolute` that exists; the rest is appended as written. */
function followLinks(absolute: string): string | null {
  // Devices and the proc filesystem are never airlock's or an agent's settings (and `2>/dev/null` is everywhere).
  if (/^\/(dev|proc)\//.test(absolute)) return absolute;
  let head = absolute;
  const tail: string[] = [];
  // existsSync never throws, so a new file costs no exception on the way up (this runs for every path a command changes).
  if (absolute.includes('\0')) return null;
  while (head !== '/' && !existsSync(head)) {
    tail.unshift(posix.basename(head));
    head = posix.dirname(head);
  }
  try {
    // The native call is one system call; the JS one lstat()s every component.
    return posix.join(head === '/' ? '/' : realpathSync.native(head), ...tail);
  } catch {
    return null;
  }
}

/** Synchronous analysis; SQL is judged by whatever parser is loaded now (the tokenizer at worst). */
export function analyzeSync(request: Request, options: AnalyzeOptions, onSql?: () => void): Assessment {
  const rules = options.rules;
  const files = options.files ?? diskFiles(request.cwd, request.env?.HOME);
  const walker = new Walker(files, options.budget ?? defaultBudget, request.env ?? {}, request.cwd);
  const extra: Finding[] = [];
  if (request.command.length > MAX_COMMAND_BYTES) {
    extra.push(unknownFinding('shell/budget', `the command is longer than ${MAX_COMMAND_BYTES} characters`, request.command));
  } else {
    try {
      walker.walkScript(request.command, [], 0);
    } catch (error) {
      extra.push(failure(error, request.command));
    }
  }
  // A project task run from a place that can't be known: what it runs can't be read, so it is held.
  for (const inv of walker.invocations) {
    if (inv.cwd === null && inv.unresolvedTask) extra.push(unknownFinding('scripts/unknown-place', `\`${inv.unresolvedTask.tool} ${inv.unresolvedTask.name}\` runs in a directory airlock can't know, so its definition can't be read`, inv.source, inv.via));
  }
  for (const p of walker.problems) {
    extra.push(unknownFinding(p.reason.startsWith('analysis budget') ? 'shell/budget' : 'shell/syntax', p.reason, p.source, p.via));
  }
  let dirs: string[] | undefined;
  let settings: string[] | undefined;
  let folders: string[] | undefined;
  let keys: string[] | undefined;
  const ctx: RuleContext = {
    readFile: (path, inv) => walker.readFileIn(path, inv?.cwd),
    locate: (path, inv) => walker.locate(path, inv.cwd),
    // Asked by the self-protection rules for every command: worked out once per request.
    get airlockDirectories() {
      // The node binary the hook runs with is part of the guard: replaced, it could answer anything.
      return (dirs ??= [...airlockDirectories(request.env ?? {}), ...runningNode()]);
    },
    get agentSettings() {
      return (settings ??= agentSettingsFiles(request.env ?? {}));
    },
    get airlockFolders() {
      // The org policy is protected as a file: its folder (/etc, say) holds much else.
      return (folders ??= airlockFolders(request.env ?? {}));
    },
    get auditKeys() {
      return (keys ??= auditKeyFiles(request.env ?? {}));
    },
    ...(request.cwd ? { requestDir: request.cwd } : {}),
    movedTo: (path: Arg) => walker.moves.filter((m) => sameOrCovers(path, m.to)).map((m) => m.from),
    sql: (text, dialect) => {
      if (!postgresParserLoaded()) onSql?.();
      return classifySql(text, dialect);
    },
  };
  let findings: Finding[];
  try {
    findings = [...extra, ...rules.evaluate(walker.invocations, ctx)];
  } catch (error) {
    // A rule that crashes must not turn into an allow: what was found so far stands, plus an unknown.
    findings = [...extra, failure(error, request.command)];
  }
  for (const f of findings) {
    // A write whose target may depend on where it runs (Terraform's directory, the .env there) is held
    // when that place can't be known: it could be the production one.
    if (f.effect === 'write' && f.invocation?.cwd === null) {
      f.effect = 'unknown';
      f.summary = `${f.summary} (in a directory airlock can't know)`;
    }
  }
  return { effect: strongest(findings.map((f) => f.effect)), findings, invocations: walker.invocations, read: files.reads?.() ?? [] };
}

/** An analysis that could not finish is held as `unknown`, never allowed. */
function failure(error: unknown, command: string): Finding {
  if (error instanceof BudgetExceeded) return unknownFinding('shell/budget', error.message, command);
  if (error instanceof RangeError) return unknownFinding('shell/budget', 'the command is nested too deeply to analyse', command);
  return unknownFinding('analysis/internal-error', `airlock failed while analysing it: ${(error as Error)?.message ?? String(error)}`, command);
}

function unknownFinding(rule: string, reason: string, command: string, via: string[] = []): Finding {
  const syntax = rule === 'shell/syntax';
  return {
    rule,
    pack: rule.split('/')[0]!,
    effect: 'unknown',
    severity: 'high',
    summary: syntax ? `airlock cannot parse this command: ${reason}` : `analysis stopped early: ${reason}`,
    consequence: syntax
      ? 'What it would run cannot be known, so it is held rather than guessed at.'
      : 'Part of what it would run was not examined, so it is held rather than guessed at.',
    alternatives: ['split the command into smaller, plain commands', 'write it to a script file and show the script to a human first'],
    command: command.length > 200 ? command.slice(0, 200) + '…' : command,
    via,
  };
}

/** Whether `pattern` (possibly a glob like /tmp/trash-*) names the path `path` (possibly dynamic). */
function sameOrCovers(pattern: Arg, path: Arg): boolean {
  const strip = (s: string) => s.replace(/\/+$/, '');
  if (strip(pattern.text) === strip(path.text)) return true;
  const staticPrefix = (a: Arg) => {
    const m = /^[^*?[$`]*/.exec(a.text);
    return m ? m[0] : '';
  };
  if (!pattern.glob && path.static) return false;
  const p = staticPrefix(pattern);
  const q = staticPrefix(path);
  return p.length > 1 && q.length > 1 && (q.startsWith(p) || p.startsWith(q));
}
