// Statements between BEGIN and ROLLBACK never take effect, so they don't count toward the effect.

import { strongest } from '../core/effect.js';
import type { SqlStatement } from './types.js';

export type Step = { kind: 'statement'; statement: SqlStatement } | { kind: 'begin' } | { kind: 'commit' } | { kind: 'rollback' };

export function applyTransactions(steps: Step[]): { effect: SqlStatement['effect']; statements: SqlStatement[] } {
  const effective: SqlStatement[] = [];
  const all: SqlStatement[] = [];
  let open: SqlStatement[] | null = null;
  let openIndices: number[] = [];
  for (const step of steps) {
    if (step.kind === 'begin') {
      if (open) effective.push(...open);
      open = [];
      openIndices = [];
    } else if (step.kind === 'commit') {
      if (open) effective.push(...open);
      open = null;
    } else if (step.kind === 'rollback') {
      if (open) for (const k of openIndices) all[k] = { effect: 'read', summary: `${all[k]!.summary} (rolled back)` };
      open = null;
    } else {
      all.push(step.statement);
      if (open) {
        open.push(step.statement);
        openIndices.push(all.length - 1);
      } else effective.push(step.statement);
    }
  }
  // A transaction left open may still be committed by whoever runs it next: count it.
  if (open) effective.push(...open);
  return { effect: strongest(effective.map((s) => s.effect)), statements: all };
}
