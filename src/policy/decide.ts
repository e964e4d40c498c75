// decide(): Assessment × environment → Verdict, under the default policy of DESIGN.md. Pure.

import type { Assessment, Effect, Finding } from '../analyze/types.js';

export type Verdict = 'allow' | 'confirm' | 'approve' | 'deny';
export type Environment = 'production' | 'staging' | 'development' | 'local' | 'unknown';

export interface Decision {
  verdict: Verdict;
  effect: Effect;
  environment: Environment;
  /** Written for the agent: what was held and why, the consequence, safer routes, what a human must do. */
  reason: string;
  findings: Finding[];
}

/** The default matrix: rows are effects, columns environments (DESIGN.md, "Default policy"). */
const MATRIX: Record<Effect, Record<Environment, Verdict>> = {
  read: { local: 'allow', development: 'allow', staging: 'allow', unknown: 'allow', production: 'allow' },
  write: { local: 'allow', development: 'allow', staging: 'allow', unknown: 'allow', production: 'approve' },
  destroy: { local: 'confirm', development: 'confirm', staging: 'approve', unknown: 'approve', production: 'approve' },
  unknown: { local: 'confirm', development: 'confirm', staging: 'approve', unknown: 'approve', production: 'approve' },
};

export function decide(assessment: Assessment, environment: Environment = 'unknown'): Decision {
  const forbidden = assessment.findings.filter((f) => f.forbidden);
  const verdict: Verdict = forbidden.length ? 'deny' : MATRIX[assessment.effect][environment];
  const shown = forbidden.length ? forbidden : assessment.findings.filter((f) => f.effect === assessment.effect);
  return { verdict, effect: assessment.effect, environment, reason: reasonFor(verdict, shown, environment), findings: assessment.findings };
}

/** Exit status of `airlock check` for each verdict (documented in the README). */
export const EXIT_CODES: Record<Verdict, number> = { allow: 0, confirm: 10, approve: 11, deny: 12 };

function reasonFor(verdict: Verdict, findings: Finding[], environment: Environment): string {
  if (verdict === 'allow') return findings.length ? `Allowed: ${findings[0]!.summary} (${environment} environment).` : 'Allowed: nothing destructive found.';
  const lines: string[] = [];
  const head: Record<Exclude<Verdict, 'allow'>, string> = {
    deny: 'airlock blocked this command. It is never allowed, whoever approves it.',
    approve: 'airlock is holding this command until a human approves it out of band.',
    confirm: 'airlock needs a human to confirm this command before it runs.',
  };
  lines.push(head[verdict]);
  for (const f of findings.slice(0, 5)) {
    lines.push(`- ${f.summary}${f.target ? ` [target: ${f.target}]` : ''}${f.via.length ? ` (via ${f.via.join(' → ')})` : ''}`);
    lines.push(`  Consequence: ${f.consequence}`);
    if (f.alternatives.length) lines.push(`  Safer: ${f.alternatives.join('; ')}`);
  }
  if (findings.length > 5) lines.push(`- and ${findings.length - 5} more findings`);
  lines.push(`Environment: ${environment}.`);
  lines.push(
    verdict === 'deny'
      ? 'Do not retry this or look for another way to do it. Stop and tell the human what you were trying to achieve.'
      : 'Do not look for another route to the same result. Stop, explain to the human what you want to run and why, and let them decide.',
  );
  return lines.join('\n');
}
