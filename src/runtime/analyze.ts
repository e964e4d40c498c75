// The analysis as the runtime runs it: with the default packs unless told otherwise, and with the SQL
// parser loaded when SQL first appears.

import { analyzeSync, type AnalyzeOptions } from '../analyze/analyze.js';
import type { Assessment } from '../core/finding.js';
import type { Request } from '../core/request.js';
import { defaultRuleSet } from '../packs/index.js';
import { loadPostgresParser, postgresParserLoaded } from '../sql/classify.js';

/**
 * Analyses a request. SQL found in it is judged by the Postgres parser, loaded on first need: the
 * rules run once with the tokenizer, and if any of them looked at SQL while the parser was not yet
 * loaded, the parser is loaded and the rules run again.
 */
export async function analyze(request: Request, options: Partial<AnalyzeOptions> = {}): Promise<Assessment> {
  const full = { ...options, rules: options.rules ?? defaultRuleSet() };
  let sawSql = false;
  const first = analyzeSync(request, full, () => (sawSql = true));
  if (!sawSql || postgresParserLoaded()) return first;
  await loadPostgresParser();
  return analyzeSync(request, full);
}

/** Synchronous analysis with the default packs; SQL is judged by whatever parser is loaded now. */
export function analyzeNow(request: Request, options: Partial<AnalyzeOptions> = {}): Assessment {
  return analyzeSync(request, { ...options, rules: options.rules ?? defaultRuleSet() });
}
