// Gather → assess, in bounded rounds. The analysis runs as one pure pass over the facts a port gives it
// and reports what it still needed; the runtime gathers that (with a time budget and the caller's
// AbortSignal) and runs the pass again. On the agent's own machine the disk answers at once, so a pass
// is repeated only when SQL first appears and the parser has to be loaded.

import { analyzeSync } from '../analyze/analyze.js';
import { fileSource } from '../analyze/files.js';
import type { Budget } from '../analyze/walk.js';
import { needKey, summariseReads, type FactsUsed, type Need } from '../core/facts.js';
import { strongest } from '../core/effect.js';
import type { Assessment, Finding } from '../core/finding.js';
import { requestText, type McpServer, type Request } from '../core/request.js';
import { runningBundle, runningNode } from '../facts/disk.js';
import { localFacts } from '../facts/local.js';
import type { FactPort } from '../facts/port.js';
import { loadPostgresParser } from '../facts/sql-parser.js';
import { defaultRuleSet } from '../packs/index.js';
import type { RuleSet } from '../rules/rule.js';
import { protectedPlaces } from './locations.js';

export interface AssessOptions {
  rules?: RuleSet;
  port?: FactPort;
  budget?: Budget;
  /** Stops the work when the caller no longer waits for it (the hook's budget ran out). */
  signal?: AbortSignal;
  /** How long gathering may take in all, before what is still missing is held as unknown. */
  gatherMs?: number;
  /** How many passes at most: each may need facts the previous one could not know to ask for. */
  maxRounds?: number;
  /** What the policy says MCP servers are (`mcp_servers`). */
  mcpServers?: Readonly<Record<string, McpServer>>;
}

const DEFAULT_GATHER_MS = 15_000;
const DEFAULT_ROUNDS = 6;

export interface Assessed {
  assessment: Assessment;
  facts: FactsUsed;
}

export type { FactPort };

export async function assess(request: Request, options: AssessOptions = {}): Promise<Assessed> {
  const rules = options.rules ?? defaultRuleSet();
  const port = options.port ?? localFacts;
  const places = protectedPlaces(request.env ?? {}, runningNode(), runningBundle());
  const maxRounds = options.maxRounds ?? DEFAULT_ROUNDS;
  // Gathering has a time budget of its own. Its clock keeps the process alive while it runs (an
  // unref'd one would let a hook whose reader hangs exit without an answer).
  const gathering = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, gathering.signal]) : gathering.signal;
  const endsAt = Date.now() + (options.gatherMs ?? DEFAULT_GATHER_MS);
  for (let round = 1; ; round++) {
    options.signal?.throwIfAborted();
    const needs = new Map<string, Need>();
    const need = (n: Need) => void needs.set(needKey(n), n);
    const files = fileSource(port.lookup(need), request.cwd, request.env?.HOME);
    const assessment = analyzeSync(request, {
      rules,
      files,
      places,
      ...(options.budget ? { budget: options.budget } : {}),
      ...(options.mcpServers ? { mcpServers: options.mcpServers } : {}),
      onNeed: need,
    });
    const facts: FactsUsed = { rounds: round, files: summariseReads(assessment.read), surroundings: [] };
    if (needs.size === 0) return { assessment, facts };
    const missing = [...needs.values()];
    if (round === maxRounds) return incomplete(request, assessment, facts, missing, `still needed after ${round} passes`);
    const timer = setTimeout(() => gathering.abort(new Error('gathering ran out of time')), Math.max(0, endsAt - Date.now()));
    try {
      await abortable(
        Promise.all([
          missing.some((n) => n.kind === 'sql-parser') ? loadPostgresParser() : undefined,
          port.gather(
            missing.filter((n) => n.kind !== 'sql-parser'),
            signal,
          ),
        ]),
        signal,
      );
    } catch (error) {
      // The caller gave up: nothing more is done for it. Otherwise gathering failed or ran out of time,
      // and what could not be gathered is held as unknown rather than guessed at.
      options.signal?.throwIfAborted();
      return incomplete(request, assessment, facts, missing, gathering.signal.aborted ? 'not gathered in time' : `could not be gathered: ${(error as Error)?.message ?? String(error)}`);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Rejects as soon as `signal` aborts, whether or not the work itself can be stopped. */
function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}

function incomplete(request: Request, assessment: Assessment, facts: FactsUsed, missing: Need[], why: string): Assessed {
  const names = missing.map(needKey);
  const text = requestText(request);
  const finding: Finding = {
    rule: 'analysis/facts-missing',
    pack: 'analysis',
    effect: 'unknown',
    severity: 'high',
    summary: `airlock could not learn everything it needed to judge this (${why}): ${names.slice(0, 5).join(', ')}${names.length > 5 ? ` and ${names.length - 5} more` : ''}`,
    consequence: 'What it would do depends on facts airlock did not see, so it is held rather than guessed at.',
    alternatives: ['try again', 'run it where airlock can read the files it names'],
    command: text.length > 200 ? text.slice(0, 200) + '…' : text,
    via: [],
  };
  const findings = [...assessment.findings, finding];
  return { assessment: { ...assessment, findings, effect: strongest(findings.map((f) => f.effect)) }, facts: { ...facts, missing: names } };
}

/** Analysis with the default packs on this machine, as one call (tests, the benchmark). */
export async function analyze(request: Request, options: AssessOptions = {}): Promise<Assessment> {
  return (await assess(request, options)).assessment;
}

/** One synchronous pass on this machine; SQL is judged by whatever parser is loaded now. */
export function analyzeNow(request: Request, options: { rules?: RuleSet; budget?: Budget } = {}): Assessment {
  const files = fileSource(
    localFacts.lookup(() => undefined),
    request.cwd,
    request.env?.HOME,
  );
  return analyzeSync(request, {
    rules: options.rules ?? defaultRuleSet(),
    files,
    places: protectedPlaces(request.env ?? {}, runningNode(), runningBundle()),
    ...(options.budget ? { budget: options.budget } : {}),
  });
}
