// Request → Assessment, in one pass. Files the command names (scripts, SQL files, package.json) are read
// through the file source the runtime passes in; what this pass still needs (the SQL parser, facts the
// source could not give at once) is reported, and the runtime gathers it and runs the pass again.

import { BudgetExceeded } from '../shell/ast.js';
import { classifySql, postgresParserLoaded } from '../sql/classify.js';
import type { RuleContext, RuleSet } from '../rules/rule.js';
import { defaultBudget, Walker, type Budget, type FileSource } from './walk.js';
import type { Need } from '../core/facts.js';
import { strongest } from '../core/effect.js';
import { type Arg } from '../core/invocation.js';
import { unexaminedFinding, type Assessment, type Finding } from '../core/finding.js';
import { requestText, type McpServer, type Request } from '../core/request.js';
import { frontEnd } from './requests.js';

export interface AnalyzeOptions {
  rules: RuleSet;
  budget?: Budget;
  /** Where files named by the command are read from, relative to `cwd`. */
  files: FileSource;
  places: ProtectedPlaces;
  /** Told of each fact this pass needed and did not have (today: the SQL parser, when SQL appears before it is loaded). */
  onNeed?: (need: Need) => void;
  /** What the policy says MCP servers are (`mcp_servers`). */
  mcpServers?: Readonly<Record<string, McpServer>>;
}

/** Longer commands are held unread rather than parsed: no agent proposes a 4 MiB command for a good reason. */
const MAX_COMMAND_BYTES = 4 * 1024 * 1024;

/** airlock's own places and the agents' hook settings, which the self-protection rules keep the agent out of. */
export interface ProtectedPlaces {
  /** airlock's directories, and the node binary the hook runs with: replaced, it could answer anything. */
  airlockDirectories: readonly string[];
  agentSettings: readonly string[];
  /** airlock's own folders and files, each as narrow as it is (the org policy as a file, not /etc). */
  airlockFolders: readonly string[];
  auditKeys: readonly string[];
  /** Where npm may install global packages, airlock among them (`<prefix>/lib/node_modules/airlock`). */
  npmPrefixes?: readonly string[];
}

/** One pass; SQL is judged by whatever parser is loaded now (the tokenizer at worst). */
export function analyzeSync(request: Request, options: AnalyzeOptions): Assessment {
  const { rules, files, places } = options;
  const walker = new Walker(files, options.budget ?? defaultBudget, request.env ?? {}, request.cwd);
  const extra: Finding[] = [];
  // Each front end's request as shell text to walk or invocations made directly (src/analyze/requests.ts).
  const front = frontEnd(request, options.mcpServers);
  for (const script of front.scripts) {
    if (script.text.length > MAX_COMMAND_BYTES) {
      extra.push(unknownFinding('shell/budget', `the command is longer than ${MAX_COMMAND_BYTES} characters`, script.text, script.via));
    } else {
      try {
        walker.walkScript(script.text, script.via, 0, script.owner);
      } catch (error) {
        extra.push(failure(error, script.text));
      }
    }
  }
  const invocations = [...front.invocations, ...walker.invocations];
  // A project task run from a place that can't be known: what it runs can't be read, so it is held.
  for (const inv of walker.invocations) {
    if (inv.cwd === null && inv.unresolvedTask)
      extra.push(
        unknownFinding(
          'scripts/unknown-place',
          `\`${inv.unresolvedTask.tool} ${inv.unresolvedTask.name}\` runs in a directory airlock can't know, so its definition can't be read`,
          inv.source,
          inv.via,
        ),
      );
  }
  for (const p of walker.problems) {
    extra.push(unknownFinding(p.reason.startsWith('analysis budget') ? 'shell/budget' : 'shell/syntax', p.reason, p.source, p.via));
  }
  const ctx: RuleContext = {
    readFile: (path, inv) => walker.readFileIn(path, inv?.cwd),
    entry: (path, inv) => walker.entryIn(path, inv.cwd),
    locate: (path, inv) => walker.locate(path, inv.cwd),
    airlockDirectories: places.airlockDirectories,
    agentSettings: places.agentSettings,
    airlockFolders: places.airlockFolders,
    auditKeys: places.auditKeys,
    ...(places.npmPrefixes ? { npmPrefixes: places.npmPrefixes } : {}),
    ...(request.cwd ? { requestDir: request.cwd } : {}),
    ...(request.env?.HOME ? { home: request.env.HOME } : {}),
    movedTo: (path: Arg) => walker.moves.filter((m) => sameOrCovers(path, m.to)).map((m) => m.from),
    sql: (text, dialect) => {
      if (!postgresParserLoaded()) options.onNeed?.({ kind: 'sql-parser' });
      return classifySql(text, dialect);
    },
  };
  let findings: Finding[];
  try {
    findings = [...extra, ...rules.evaluate(invocations, ctx)];
  } catch (error) {
    // A rule that fails, or a pack that can't be loaded, is a finding of its own beside what the others
    // found (RuleSet.evaluate). Anything else failing must not turn into an allow either: held as unknown.
    findings = [...extra, failure(error, requestText(request))];
  }
  for (const f of findings) {
    // A write whose target may depend on where it runs (Terraform's directory, the .env there) is held
    // when that place can't be known: it could be the production one.
    if (f.effect === 'write' && f.invocation?.cwd === null) {
      f.effect = 'unknown';
      f.summary = `${f.summary} (in a directory airlock can't know)`;
    }
  }
  return { effect: strongest(findings.map((f) => f.effect)), findings, invocations, read: files.reads?.() ?? [] };
}

/** An analysis that could not finish is held as `unknown`, never allowed. */
function failure(error: unknown, command: string): Finding {
  if (error instanceof BudgetExceeded) return unknownFinding('shell/budget', error.message, command);
  if (error instanceof RangeError) return unknownFinding('shell/budget', 'the command is nested too deeply to analyse', command);
  return unknownFinding('analysis/internal-error', `airlock failed while analysing it: ${(error as Error)?.message ?? String(error)}`, command);
}

function unknownFinding(rule: string, reason: string, command: string, via: string[] = []): Finding {
  return unexaminedFinding(rule, reason, command.length > 200 ? command.slice(0, 200) + '…' : command, via);
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
