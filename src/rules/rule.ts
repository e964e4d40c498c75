// A rule is data plus one small match function. Its evidence, commands it must catch and look-alikes
// it must let through, sits beside its pack in src/packs/<pack>.examples.ts, keyed by rule id;
// test/rules/examples.test.ts runs every rule's examples.

import type { Arg, Invocation } from '../core/invocation.js';
import type { Effect, Severity } from '../core/effect.js';
import { unexaminedFinding, type Finding, type Probe } from '../core/finding.js';
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
  /** The prefixes npm may install global packages under: airlock's installed package is `<prefix>/lib/node_modules/airlock`. */
  npmPrefixes?: readonly string[];
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
  /** What a preflight probe may look at before this is held (src/preflight/); the rule's own when not given. */
  probe?: Probe | null;
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
  /** What a preflight probe may look at before one of its findings is held: see Probe. */
  probe?: Probe;
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

/**
 * Where a rule set's packs come from. The CLI and the tests have every pack in memory; the hook's
 * bundle loads a pack only when a command names one of its programs (scripts/build.mjs), because
 * reading and setting up all of them is most of what the hook adds to every command an agent runs.
 */
export interface PackSource {
  /** The packs, in the order their rules run. */
  readonly order: readonly string[];
  readonly programs: Readonly<Record<string, PackPrograms>>;
  /** A pack's rules and what its commands act on. Called once per pack, when it is first needed. */
  load(pack: string): { rules: readonly Rule[]; targets?: TargetSpec };
}

/**
 * Every program a pack's rules name, whether one of its rules looks at every program, and its rules'
 * ids (so a policy naming a rule can be checked without loading the pack).
 */
export interface PackPrograms {
  readonly named: readonly string[];
  readonly every: boolean;
  readonly ids: readonly string[];
}

export function packPrograms(rules: readonly Rule[]): PackPrograms {
  return { named: [...new Set(rules.flatMap((r) => r.programs ?? []))], every: rules.some((r) => !r.programs), ids: rules.map((r) => r.id) };
}

/** The source of packs already in memory. */
export function loadedPacks(packs: Readonly<Record<string, readonly Rule[]>>, targets: Readonly<Record<string, TargetSpec>> = {}): PackSource {
  const programs: Record<string, PackPrograms> = {};
  for (const [pack, rules] of Object.entries(packs)) programs[pack] = packPrograms(rules);
  return { order: Object.keys(packs), programs, load: (pack) => ({ rules: packs[pack] ?? [], ...(targets[pack] ? { targets: targets[pack] } : {}) }) };
}

/** A rule with the pack it belongs to, as evaluate() runs it. */
interface PackedRule {
  rule: Rule;
  pack: string;
}

/**
 * Indexes rules by program so each invocation is checked only against rules that can match it, and
 * loads a pack the first time a command names one of its programs. A program's rules run in pack
 * order, then the rules that look at every program: the same order whichever packs are loaded when.
 */
export class RuleSet {
  private readonly source: PackSource;
  // Each rule is kept with its pack's name: evaluate() runs a dozen rules on every invocation.
  private readonly byProgram = new Map<string, readonly PackedRule[]>();
  private readonly general: PackedRule[] = [];
  private readonly loaded = new Map<string, { rules: readonly Rule[]; targets?: TargetSpec }>();
  private readonly packOf = new Map<Rule, string>();
  /** Packs whose loading failed, with why. */
  private readonly unloadable = new Map<string, string>();
  /** The packs that name each program, in pack order. */
  private packsNaming: Map<string, string[]> | undefined;
  private targetIndex: TargetIndex | undefined;

  /** `packs` in memory, with what each pack's commands act on (see src/rules/targets.ts); or a source that loads them. */
  constructor(packs: Readonly<Record<string, readonly Rule[]>> | PackSource, targets: Readonly<Record<string, TargetSpec>> = {}) {
    this.source = isSource(packs) ? packs : loadedPacks(packs, targets);
    // The rules that look at every program run on every invocation: their packs are needed at once.
    for (const pack of this.source.order) {
      if (!this.source.programs[pack]?.every) continue;
      for (const r of this.packLoaded(pack).rules) if (!r.programs) this.general.push({ rule: r, pack });
    }
  }

  /** Every rule id of every pack, without loading any. */
  get ids(): readonly string[] {
    return this.source.order.flatMap((pack) => this.source.programs[pack]?.ids ?? []);
  }

  /** Every rule of every pack (loading them all). */
  get rules(): readonly Rule[] {
    return this.source.order.flatMap((pack) => this.packLoaded(pack).rules);
  }

  private packLoaded(pack: string): { rules: readonly Rule[]; targets?: TargetSpec } {
    let found = this.loaded.get(pack);
    if (!found) {
      found = this.source.load(pack);
      this.loaded.set(pack, found);
      for (const r of found.rules) this.packOf.set(r, pack);
    }
    return found;
  }

  private packsOf(program: string): readonly string[] {
    if (!this.packsNaming) {
      this.packsNaming = new Map();
      for (const pack of this.source.order) {
        for (const p of this.source.programs[pack]?.named ?? []) {
          const list = this.packsNaming.get(p);
          if (list) list.push(pack);
          else this.packsNaming.set(p, [pack]);
        }
      }
    }
    return this.packsNaming.get(program) ?? [];
  }

  /** The rules that name `program`, in pack order. */
  private rulesFor(program: string): readonly PackedRule[] {
    let found = this.byProgram.get(program);
    if (!found) {
      const list: PackedRule[] = [];
      for (const pack of this.packsOf(program)) {
        const loaded = this.packIfLoadable(pack);
        if (loaded) for (const r of loaded.rules) if (r.programs?.includes(program)) list.push({ rule: r, pack });
      }
      this.byProgram.set(program, (found = list));
    }
    return found;
  }

  /** Why each pack that names `program` and could not be loaded could not be. */
  private unloadableFor(program: string): [pack: string, why: string][] {
    if (this.unloadable.size === 0) return [];
    return this.packsOf(program).flatMap((pack) => (this.unloadable.has(pack) ? [[pack, this.unloadable.get(pack)!] as [string, string]] : []));
  }

  /** What a finding acts on, as its pack (and the packs of its wrappers' programs) read it. */
  targetsOf(finding: Pick<Finding, 'pack' | 'target' | 'invocation'>): FindingTargets {
    // Built at the first finding: the hook's allowed path, with none, never pays for it.
    this.targetIndex ??= new TargetIndex(
      (pack) => (this.source.programs[pack] && !this.unloadable.has(pack) ? this.packIfLoadable(pack)?.targets : undefined),
      (program) => this.packsOf(program),
    );
    return this.targetIndex.targetsOf(finding);
  }

  /**
   * A pack, or null when it can't be loaded (its file gone or broken): why is kept, the other packs'
   * rules still run, and evaluate() adds a finding that holds the command, so a deny found by another
   * pack stands.
   */
  private packIfLoadable(pack: string): { rules: readonly Rule[]; targets?: TargetSpec } | null {
    try {
      return this.packLoaded(pack);
    } catch (error) {
      this.unloadable.set(pack, (error as Error)?.message ?? String(error));
      return null;
    }
  }

  /** Program names some pack looks at: a generic rule leaves these to the pack that knows them. */
  knownPrograms(): ReadonlySet<string> {
    return new Set(this.source.order.flatMap((pack) => this.source.programs[pack]?.named ?? []));
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
      for (const { rule: r, pack } of this.rulesFor(inv.program)) collect(r, pack, inv, ctx, findings, masked);
      for (const { rule: r, pack } of this.general) collect(r, pack, inv, ctx, findings, masked);
      for (const [pack, why] of this.unloadableFor(inv.program)) {
        findings.push(unexamined(`analysis/rule-pack`, `the ${pack} rules for ${inv.program} could not be loaded: ${why}`, inv, masked()));
      }
    }
    return findings;
  }
}

function isSource(packs: Readonly<Record<string, readonly Rule[]>> | PackSource): packs is PackSource {
  return typeof (packs as PackSource).load === 'function' && Array.isArray((packs as PackSource).order);
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

/**
 * A finding for part of the analysis that could not be done (a rule that failed, a pack that could not
 * be loaded): it holds the command as unknown, and what the other rules found stands beside it.
 */
function unexamined(rule: string, reason: string, inv: Invocation, { command, via, hidden }: MaskedSource): Finding {
  const finding = unexaminedFinding(rule, `airlock failed while analysing it: ${reason}`, command, via);
  // An error's message can quote the command's words.
  return { ...finding, summary: maskSecretsIn(maskSecrets(finding.summary), hidden), invocation: inv };
}

function collect(r: Rule, pack: string, inv: Invocation, ctx: RuleContext, out: Finding[], masked: () => MaskedSource): void {
  let result: ReturnType<Rule['match']>;
  try {
    result = r.match(inv, ctx);
  } catch (error) {
    // One rule failing must not take the other rules' findings with it (a deny among them stands).
    out.push(unexamined('analysis/internal-error', `rule ${r.id} failed: ${(error as Error)?.message ?? String(error)}`, inv, masked()));
    return;
  }
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
      ...((hit.probe === undefined ? r.probe : hit.probe) ? { probe: (hit.probe ?? r.probe)! } : {}),
    });
  }
}
