// A rule is data plus one small match function. Its evidence, commands it must catch and look-alikes
// it must let through, sits beside its pack in src/packs/<pack>.examples.ts, keyed by rule id;
// test/rules/examples.test.ts runs every rule's examples.

import type { Arg, Invocation } from '../core/invocation.js';
import type { Effect, Severity } from '../core/effect.js';
import type { Finding } from '../core/finding.js';
import type { PathEntry } from '../core/facts.js';
import { hiddenWords, maskSecrets, maskSecretsIn } from '../core/mask.js';
import type { Dialect, SqlAssessment } from '../sql/types.js';
import type { Request } from '../core/request.js';
import { TargetIndex, type FindingTargets, type TargetSpec } from './targets.js';

export interface RuleContext {
  /** Reads a file the command refers to, as seen from where `inv` runs (what the script wrote earlier first, then the disk). */
  readFile(path: string, inv?: Invocation): string | null;
  /** What is at a path the command names, as seen from where `inv` runs; 'unknown' when that can't be told. */
  entry(path: string, inv: Invocation): PathEntry | 'unknown';
  /**
   * Every absolute spelling of `path` as `inv` would reach it: resolved against the directory it runs
   * in (after any `cd`), with `~`, `.` and `..` folded, and with symlinks followed where they exist on
   * disk. Empty when it can't be known (a relative path in an unknown place).
   */
  locate(path: string, inv: Invocation): readonly string[];
  /** airlock's own directories (state, data, configuration) for this request's environment, and the node binary the hook runs with. */
  airlockDirectories: readonly string[];
  /** Only the directories airlock keeps its state, keys, policy and installed runtime in (no programs). */
  airlockFolders?: readonly string[];
  /** The agents' user-level hook settings for this request's environment. */
  agentSettings: readonly string[];
  /** The audit log's HMAC key files for this request's environment (the default place and $AIRLOCK_AUDIT_KEY_FILE). */
  auditKeys?: readonly string[];
  /** The home directory of the request's environment ($HOME), when it has one: home wherever it lives, /tmp included. */
  home?: string;
  /** The request's working directory, when it has one. */
  requestDir?: string;
  /** Paths moved to `path` earlier in the same script (`mv ~/x /tmp/t && rm -rf /tmp/t`). */
  movedTo(path: Arg): Arg[];
  /** Classifies SQL text. Synchronous: the analysis loads the parsers before it runs the rules. */
  sql(text: string, dialect: Dialect): SqlAssessment;
}

/** What a match can refine about the finding it produces. */
export interface Hit {
  effect?: Effect;
  severity?: Severity;
  summary?: string;
  consequence?: string;
  alternatives?: string[];
  target?: string;
  forbidden?: boolean;
}

export interface RuleDefinition {
  id: string;
  effect: Effect;
  severity: Severity;
  summary: string;
  consequence: string;
  alternatives: string[];
  /** Program names it looks at; omit to see every invocation. */
  programs?: string[];
  match(inv: Invocation, ctx: RuleContext): boolean | Hit | Hit[] | null | undefined;
}

export type Rule = Readonly<RuleDefinition>;

/** An example: a shell command, or a request of another kind (SQL sent to a database, an MCP tool call). */
export type Example = string | Request;

/**
 * A pack's evidence, by rule id: commands each rule must flag, and look-alikes it must not flag at its
 * own effect or stronger (a destroy rule may still call one a write). Kept in
 * src/packs/<pack>.examples.ts, which only the examples test reaches, so no bundle carries them.
 */
export type RuleExamples = Readonly<Record<string, { catches: readonly Example[]; passes: readonly Example[] }>>;

/** Defines a rule. test/rules/examples.test.ts fails for a rule without examples in its pack's examples file. */
export function rule(definition: RuleDefinition): Rule {
  return Object.freeze(definition);
}

/** Indexes rules by program so each invocation is checked only against rules that can match it. */
/** A rule with the pack it belongs to, as evaluate() runs it. */
interface PackedRule {
  rule: Rule;
  pack: string;
}

export class RuleSet {
  // Each rule is kept with its pack's name: evaluate() runs a dozen rules on every invocation.
  private readonly byProgram = new Map<string, PackedRule[]>();
  private readonly general: PackedRule[] = [];
  private readonly packOf = new Map<Rule, string>();
  private targetIndex: TargetIndex | undefined;
  readonly rules: readonly Rule[];

  /** `targets`: what each pack says its commands act on (see src/rules/targets.ts). */
  constructor(
    private readonly packs: Readonly<Record<string, readonly Rule[]>>,
    private readonly targets: Readonly<Record<string, TargetSpec>> = {},
  ) {
    this.rules = Object.values(packs).flat();
    for (const [pack, rules] of Object.entries(packs)) {
      for (const r of rules) {
        this.packOf.set(r, pack);
        if (!r.programs) this.general.push({ rule: r, pack });
        else
          for (const p of r.programs) {
            // Added to in place: a new list for each rule made building the set quadratic, on every hook's start.
            const listed = this.byProgram.get(p);
            if (listed) listed.push({ rule: r, pack });
            else this.byProgram.set(p, [{ rule: r, pack }]);
          }
      }
    }
  }

  /** What a finding acts on, as its pack (and the packs of its wrappers' programs) read it. */
  targetsOf(finding: Pick<Finding, 'pack' | 'target' | 'invocation'>): FindingTargets {
    // Built at the first finding: the hook's allowed path, with none, never pays for it.
    this.targetIndex ??= new TargetIndex(this.targets, Object.fromEntries(Object.entries(this.packs).map(([pack, rules]) => [pack, rules.flatMap((r) => r.programs ?? [])])));
    return this.targetIndex.targetsOf(finding);
  }

  /** Program names some pack looks at: a generic rule leaves these to the pack that knows them. */
  knownPrograms(): ReadonlySet<string> {
    return new Set(this.byProgram.keys());
  }

  pack(r: Rule): string {
    return this.packOf.get(r) ?? 'unknown';
  }

  evaluate(invocations: readonly Invocation[], ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const inv of invocations) {
      // Each invocation's source is masked once however many findings it has, and only if it has one.
      let source: MaskedSource | undefined;
      const masked = () => (source ??= maskedSource(inv));
      const specific = this.byProgram.get(inv.program);
      if (specific) for (const { rule: r, pack } of specific) collect(r, pack, inv, ctx, findings, masked);
      for (const { rule: r, pack } of this.general) collect(r, pack, inv, ctx, findings, masked);
    }
    return findings;
  }
}

interface MaskedSource {
  command: string;
  via: string[];
  /** The words masking the source hid: a summary or target taken from the argv must not show them either. */
  hidden: ReadonlySet<string>;
}

/** An invocation's source, masked. */
function maskedSource(inv: Invocation): MaskedSource {
  const command = maskSecrets(inv.source);
  return { command, via: inv.via.map(maskSecrets), hidden: hiddenWords(inv.source, command) };
}

function collect(r: Rule, pack: string, inv: Invocation, ctx: RuleContext, out: Finding[], masked: () => MaskedSource): void {
  const result = r.match(inv, ctx);
  if (!result) return;
  const { command, via, hidden } = masked();
  const hits = result === true ? [{}] : Array.isArray(result) ? result : [result];
  for (const hit of hits) {
    // Findings are what airlock shows and stores, so secrets are masked here, once.
    out.push({
      rule: r.id,
      pack,
      effect: hit.effect ?? r.effect,
      severity: hit.severity ?? r.severity,
      summary: maskSecretsIn(hit.summary ?? r.summary, hidden),
      consequence: hit.consequence ?? r.consequence,
      alternatives: hit.alternatives ?? r.alternatives,
      command,
      via,
      invocation: inv,
      ...(hit.target !== undefined ? { target: maskSecretsIn(hit.target, hidden) } : {}),
      ...(hit.forbidden ? { forbidden: true } : {}),
    });
  }
}
