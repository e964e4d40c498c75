// decide(): Assessment × environments × policy × grants × now → Decision. Pure.
// Each finding gets a verdict from the matrix for its effect and its target's environment; the
// strictest verdict wins. Grants open write (and, if they say so, destroy) windows for humans.

import type { Decision, Verdict } from '../core/decision.js';
import type { Assessment, Finding } from '../core/finding.js';
import type { Environment, Evidence, Resolution } from '../core/environment.js';
import { maskSecretLines, maskSecrets } from '../core/mask.js';
import type { Grant } from '../core/grant.js';
import { defaultPolicy, type Policy } from './policy.js';

const STRICTNESS: Record<Verdict, number> = { allow: 0, confirm: 1, approve: 2, deny: 3 };
const stricter = (a: Verdict, b: Verdict): Verdict => (STRICTNESS[b] > STRICTNESS[a] ? b : a);

/** Exit status of `airlock check` for each verdict (documented in the README). */
export const EXIT_CODES: Record<Verdict, number> = { allow: 0, confirm: 10, approve: 11, deny: 12 };

export interface DecideInput {
  assessment: Assessment;
  /** One resolution per finding, in the same order; missing ones mean `unknown`. */
  resolutions?: Resolution[];
  policy?: Policy;
  grants?: readonly Grant[];
  now?: number;
}

interface Judged {
  finding: Finding;
  verdict: Verdict;
  environment: Environment;
  evidence: Evidence[];
  grant?: Grant;
}

function grantCovers(grant: Grant, f: Finding, environment: Environment, now: number): boolean {
  if (grant.revokedAt !== undefined || grant.expiresAt <= now || grant.environment !== environment) return false;
  if (f.effect === 'destroy' ? grant.effect !== 'destroy' : f.effect !== 'write') return false;
  if (grant.tool && f.invocation?.program !== grant.tool) return false;
  if (grant.target && !(f.target ?? '').includes(grant.target) && !(f.invocation?.source ?? '').includes(grant.target)) return false;
  if (grant.pattern && !globMatch(grant.pattern, f.invocation?.source ?? f.command)) return false;
  return true;
}

export function globMatch(pattern: string, text: string): boolean {
  const re = new RegExp(
    '^' +
      pattern
        .split('*')
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*') +
      '$',
    's',
  );
  return re.test(text);
}

/** The default policy, built once: decide() never changes it. */
let sharedDefault: Policy | undefined;

export function decide(input: DecideInput): Decision {
  const { assessment } = input;
  const policy = input.policy ?? (sharedDefault ??= defaultPolicy());
  const now = input.now ?? Date.now();
  const judged: Judged[] = [];
  assessment.findings.forEach((finding, i) => {
    const resolution = input.resolutions?.[i] ?? { environment: 'unknown' as Environment, evidence: [] };
    const environment = resolution.environment;
    if (policy.rules.allow.has(finding.rule) && !finding.forbidden) return;
    let verdict: Verdict = finding.forbidden ? 'deny' : policy.matrix[environment][finding.effect];
    if (policy.rules.hold.has(finding.rule)) verdict = stricter(verdict, 'approve');
    let grant: Grant | undefined;
    if (verdict === 'approve' || verdict === 'confirm') {
      grant = (input.grants ?? []).find((g) => grantCovers(g, finding, environment, now));
      if (grant && !(finding.effect === 'destroy' && policy.grants.destroyStillNeedsApproval)) verdict = 'allow';
      else grant = undefined;
    }
    judged.push({ finding, verdict, environment, evidence: resolution.evidence, ...(grant ? { grant } : {}) });
  });
  if (judged.length === 0) {
    return { verdict: 'allow', effect: assessment.effect, environment: 'unknown', reason: 'Allowed: nothing destructive found.', findings: assessment.findings, evidence: [] };
  }
  const verdict = judged.reduce<Verdict>((v, j) => stricter(v, j.verdict), 'allow');
  const deciding = judged.filter((j) => j.verdict === verdict);
  const environment = deciding[0]!.environment;
  const evidence = deciding.flatMap((j) => j.evidence);
  const grant = verdict === 'allow' ? judged.find((j) => j.grant)?.grant : undefined;
  // Trial mode: what would be held (or asked) runs, and says so in the log. What is denied stays denied.
  if ((verdict === 'approve' || verdict === 'confirm') && policy.mode[environment] === 'warn') {
    return {
      verdict: 'allow',
      effect: assessment.effect,
      environment,
      reason: maskSecrets(
        `Allowed in trial mode (mode: warn for ${environment}): airlock would have ${verdict === 'approve' ? 'held this for approval' : 'asked a human to confirm this'}: ${deciding[0]!.finding.summary}.`,
      ),
      findings: assessment.findings,
      evidence,
      trial: { wouldHave: verdict },
    };
  }
  return {
    verdict,
    effect: assessment.effect,
    environment,
    reason: reasonFor(verdict, deciding, grant),
    findings: assessment.findings,
    evidence,
    ...(grant ? { grant } : {}),
  };
}

/** Written for the agent, and masked: it quotes the findings, which quote the command. */
function reasonFor(verdict: Verdict, deciding: Judged[], grant: Grant | undefined): string {
  const first = deciding[0]!;
  if (verdict === 'allow') {
    return maskSecrets(
      grant
        ? `Allowed by grant ${grant.id} (${grant.effect} in ${grant.environment}, "${grant.reason}"): ${first.finding.summary}.`
        : `Allowed: ${first.finding.summary} (${first.environment} environment).`,
    );
  }
  const lines: string[] = [];
  // The lines that are airlock's own wording, the same for every request: the head, each finding's
  // consequence and safer routes, an environment without evidence, the last line. Their masking is
  // remembered (see maskSecretLines).
  const fixed: boolean[] = [];
  const line = (text: string, own: boolean) => {
    lines.push(text);
    fixed.push(own);
  };
  const head: Record<Exclude<Verdict, 'allow'>, string> = {
    deny: 'airlock blocked this command. It is never allowed, whoever approves it.',
    approve: 'airlock is holding this command until a human approves it out of band.',
    confirm: 'airlock needs a human to confirm this command before it runs.',
  };
  line(head[verdict], true);
  for (const j of deciding.slice(0, 5)) {
    const f = j.finding;
    line(`- ${f.summary}${f.target ? ` [target: ${f.target}]` : ''}${f.via.length ? ` (via ${f.via.join(' → ')})` : ''}`, false);
    line(`  Environment: ${j.environment}${j.evidence.length ? ` (${describeEvidence(j.evidence)})` : " (nothing names the target's environment)"}.`, j.evidence.length === 0);
    line(`  Consequence: ${f.consequence}`, true);
    if (f.alternatives.length) line(`  Safer: ${f.alternatives.join('; ')}`, true);
  }
  if (deciding.length > 5) line(`- and ${deciding.length - 5} more findings`, true);
  line(
    verdict === 'deny'
      ? 'Do not retry this or look for another way to do it. Stop and tell the human what you were trying to achieve.'
      : 'Do not look for another route to the same result. Stop, explain to the human what you want to run and why, and let them decide.',
    true,
  );
  return maskSecretLines(lines, fixed);
}

function describeEvidence(evidence: Evidence[]): string {
  const strongest = [...evidence].sort((a, b) => rankEnv(b.environment) - rankEnv(a.environment)).slice(0, 3);
  return strongest.map((e) => `${e.value} from ${e.source}: ${e.reason}`).join('; ');
}

const ENV_RANK: Record<Environment, number> = { local: 0, development: 1, unknown: 2, staging: 3, production: 4 };
const rankEnv = (e: Environment) => ENV_RANK[e];
