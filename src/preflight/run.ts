// Preflight: for the findings about to be held, ask the real tools what the command would do, and
// let the answer confirm the hold with concrete facts or clear it when nothing would be lost. It has
// a time budget; when a probe can't finish, the finding stays held and says why. A failed preflight
// never allows anything.

import { strongest } from '../core/effect.js';
import type { Assessment, Finding, GitProbe, Probe } from '../core/finding.js';
import type { Invocation } from '../core/invocation.js';
import type { DatabaseCopy } from '../core/copy.js';
import { maskSecrets } from '../core/mask.js';
import { describeLoss, hardenedGit, losesNothing, notSeenHere, probeGitLoss, systemGitFor, unprobeable, type GitLoss, type RunGit } from './git.js';
import { probeTerraform, terraformProbeFor, terraformReadsOnly, terraformRunner, type RunTerraform, type TerraformFacts } from './terraform.js';
import { describePlan, removesStateful } from './terraform-plan.js';
import { deletionRecoverable, describeDeletion, probeDeletion, type DeletionLoss } from './files.js';
import { drizzleConfigFor, probeDrizzle } from './drizzle.js';
import { probePrisma, prismaRequestFor } from './prisma.js';
import { droppedBy, type SchemaDiff } from './schema-diff.js';
import { withSqliteFacts } from './sqlite-facts.js';
import { withoutRebuildDrops } from './sqlite-rebuild.js';
import { classifySql } from '../sql/classify.js';
import { realpath } from 'node:fs/promises';
import { posix } from 'node:path';

export interface PreflightOptions {
  /** The request's environment: variables that point git elsewhere make a probe pointless. */
  env: Readonly<Record<string, string>>;
  signal: AbortSignal;
  /** How long all probes of one request may take together. */
  budgetMs?: number;
  /** Whether the command is about to be held: only then are the git and deletion probes worth their time. */
  held: boolean;
  /** Terraform resource types the policy adds to the stateful ones. */
  statefulTypes?: readonly string[];
  /** How long a Terraform probe (state, plan, show) or drizzle-kit's diff may take. */
  terraformBudgetMs?: number;
  /** False under `strictness: strict`: probes that would load the project's own code (a drizzle schema) don't run. */
  runsProjectCode?: boolean;
  /** False when the policy says `preflight: { databases: false }`: no probe connects to a database. */
  queriesDatabases?: boolean;
}

export const DEFAULT_PREFLIGHT_MS = 5_000;
/** A plan talks to the providers' APIs: it gets longer than a look at a repository, within the hook's own limit. */
export const DEFAULT_TERRAFORM_MS = 60_000;

/**
 * Whether a finding is looked at: git and deletion probes only when the command is about to be held
 * (they can only clear a hold), a Terraform apply and a drizzle-kit push always (only the plan or the
 * diff says whether it destroys).
 * The allowed path of every other command never pays for preflight.
 */
const probed = (f: Finding, held: boolean) => f.probe !== undefined && !f.forbidden && (held || LOOKED_AT_ALWAYS.has(f.probe));
/** Probes that decide whether a write is a destroy: a Terraform apply's plan, a drizzle-kit push's or a Prisma push's or migration's diff. */
const LOOKED_AT_ALWAYS: ReadonlySet<Probe> = new Set(['terraform', 'drizzle-push', 'prisma-push']);

/** Whether any finding would be looked at. */
export const needsPreflight = (assessment: Assessment, held: boolean) => assessment.findings.some((f) => probed(f, held));

/**
 * Commands that change nothing a probe looks at: with only these beside it, what the repository holds
 * now is what the probed command meets when it runs. Anything else earlier or later in the request
 * (`git stash && git stash drop`, a loop that makes changes) could change that, and the probe can't clear it.
 */
const CHANGES_NOTHING = new Set(['cd', 'pushd', 'popd', 'pwd', 'echo', 'printf', 'true', ':', 'test', '[', 'ls']);
const GIT_CHANGES_NOTHING = new Set(['status', 'log', 'diff', 'show', 'rev-parse', 'describe', 'shortlog']);

function changesNothing(inv: Invocation): boolean {
  if (inv.redirects.length > 0 || inv.opaque) return false;
  if (CHANGES_NOTHING.has(inv.program) || terraformReadsOnly(inv)) return true;
  if (inv.program !== 'git') return false;
  // `git diff --output=FILE` writes a file, `--ext-diff` runs a program the configuration names.
  if (inv.argv.some((a) => /^--(output|ext-diff)/.test(a.text))) return false;
  const sub = inv.argv.slice(1).find((a) => !a.text.startsWith('-'));
  return sub !== undefined && GIT_CHANGES_NOTHING.has(sub.text);
}

/** The invocation and the wrappers it runs under (`sudo git …`, `bash -c 'git …'`). */
function withWrappers(inv: Invocation): Set<Invocation> {
  const chain = new Set<Invocation>();
  for (let at: Invocation | undefined = inv; at; at = at.outer) chain.add(at);
  return chain;
}

/** Why nothing else in the request may change what the probe sees, or null when it may. */
function aloneInRequest(inv: Invocation, assessment: Assessment): string | null {
  const own = withWrappers(inv);
  const other = assessment.invocations.find((i) => !own.has(i) && !changesNothing(i));
  return other ? `\`${other.source.length > 60 ? `${other.source.slice(0, 60)}…` : other.source}\` in the same command can change what it finds` : null;
}

/** The finding with what the repository says it would lose. */
function withLoss(f: Finding, probe: GitProbe, loss: GitLoss): Finding {
  if (losesNothing(loss)) {
    return {
      ...f,
      effect: 'write',
      severity: 'low',
      summary: `${f.summary}; the repository says nothing would be lost`,
      consequence: 'Nothing uncommitted, untracked, stashed or unmerged would be lost.',
      preflight: { probe, loses: false },
    };
  }
  // File names and commit subjects are the repository's text: masked like the command.
  const masked = { changed: loss.changed.map(maskSecrets), untracked: loss.untracked.map(maskSecrets), commits: loss.commits.map(maskSecrets), stashes: loss.stashes.map(maskSecrets) };
  return { ...f, summary: `${f.summary}: it would lose ${describeLoss(masked)}`, preflight: { probe, loses: true, ...masked } };
}

/** The finding with what a delete would take, and whether git can bring all of it back. */
function withDeletion(f: Finding, loss: DeletionLoss | 'missing'): Finding {
  // Nothing there now says nothing about what will be there when it runs (another process, a wrong
  // working directory): the delete stays held, as it would without preflight.
  if (loss === 'missing') return unlooked(f, 'there is nothing there now to count');
  if (deletionRecoverable(loss)) {
    return {
      ...f,
      effect: 'write',
      severity: 'low',
      summary: `${f.summary}: ${describeDeletion(loss)}, all tracked and committed`,
      consequence: 'git can bring every file back (git checkout -- <path>).',
      preflight: { probe: 'deletion', loses: false, files: loss.files, bytes: loss.bytes },
    };
  }
  const masked = { ...loss, changed: loss.changed.map(maskSecrets), untracked: loss.untracked.map(maskSecrets), ignored: loss.ignored.map(maskSecrets), histories: loss.histories.map(maskSecrets) };
  return { ...f, summary: `${f.summary}: it would delete ${describeDeletion(masked)}`, preflight: { probe: 'deletion', loses: true, ...masked } };
}

/** The finding still held, with why preflight could not look. */
function unlooked(f: Finding, why: string): Finding {
  // An apply or a push is a write only if its plan or diff says so: unread, it may destroy, so it is held as unknown.
  const decides = f.probe !== undefined && LOOKED_AT_ALWAYS.has(f.probe);
  const effect = decides && f.effect === 'write' ? 'unknown' : f.effect;
  const what = decides ? 'what it would do' : 'what it would lose';
  return { ...f, effect, summary: maskSecrets(`${f.summary} (airlock could not look at ${what}: ${why})`), preflight: { probe: f.probe!, failed: maskSecrets(why) } };
}

/** The finding with the state's warnings, or what the plan would do. */
function withPlan(f: Finding, facts: TerraformFacts): Finding {
  if (facts.warnings.length) {
    return {
      ...f,
      effect: 'destroy',
      severity: 'critical',
      summary: maskSecrets(`${f.summary}. STOP: ${facts.warnings.join('; ')}. Ask a human before any apply or destroy here, and do not try to repair the state yourself`),
      consequence: 'Terraform acts on its state, not on what exists: against the wrong state an apply duplicates or replaces resources and a destroy deletes the wrong ones.',
      preflight: { probe: 'terraform', loses: true, warnings: facts.warnings },
    };
  }
  if (facts.noConfiguration) {
    const summary = maskSecrets(`${f.summary} (there is no Terraform configuration in ${facts.noConfiguration}, so it would stop with an error)`);
    return { ...f, summary, preflight: { probe: 'terraform', loses: false, warnings: [] } };
  }
  const plan = facts.plan!;
  const masked = {
    ...plan,
    removed: plan.removed.map(maskSecrets),
    backupsWithData: plan.backupsWithData.map(maskSecrets),
    stateful: plan.stateful.map((r) => ({ ...r, address: maskSecrets(r.address) })),
  };
  const described = describePlan(masked);
  const facts_ = { probe: 'terraform' as const, warnings: [], ...masked };
  if (facts.destroying) {
    if (plan.removed.length === 0)
      return { ...f, effect: 'write', severity: 'low', summary: `${f.summary}: ${described}`, consequence: 'The plan deletes nothing.', preflight: { ...facts_, loses: false } };
    return { ...f, summary: `${f.summary}: ${described}`, preflight: { ...facts_, loses: true } };
  }
  // An apply, an apply with -replace, a saved plan: a destroy when it removes something that holds
  // data, or deletes anything outright; replacing what holds nothing (an instance, a terraform_data) is a write.
  if (removesStateful(plan)) return { ...f, effect: 'destroy', severity: 'critical', summary: `${f.summary}, and deletes data: ${described}`, preflight: { ...facts_, loses: true } };
  if (plan.deletes > 0) return { ...f, effect: 'destroy', severity: 'high', summary: `${f.summary}, and deletes resources: ${described}`, preflight: { ...facts_, loses: true } };
  return { ...f, effect: 'write', severity: plan.removed.length ? 'medium' : f.severity, summary: `${f.summary}: ${described}`, preflight: { ...facts_, loses: false } };
}

/**
 * The absolute path a delete finding names, as the system finds it, or why it has none the probe can
 * look at. The folders on the way are resolved with symlinks followed before `..` is taken, as the
 * kernel does (`link/../x` is x beside link's target, not beside link); the last name is not followed,
 * as rm does not follow it.
 */
async function deletedPath(f: Finding, dir: string): Promise<string | { why: string }> {
  const target = (f.target ?? '').replace(/\/+$/, '') || (f.target ? '/' : '');
  if (target === '' || /[*?[\]{}$`~]/.test(target)) return { why: `${target || 'its target'} is a pattern or is only known when it runs` };
  const slash = target.lastIndexOf('/');
  const folder = slash < 0 ? '' : target.slice(0, slash + 1);
  const name = target.slice(slash + 1);
  if (name === '..' || name === '.') return { why: `${target} ends in ${name}, which names a folder through whatever links lead there` };
  try {
    const real = await realpath(folder.startsWith('/') ? folder || '/' : `${await realpath(dir)}/${folder}`);
    return posix.join(real, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return posix.resolve(dir, target);
    return { why: `its folder can't be resolved: ${(error as Error).message}` };
  }
}

/**
 * A signal that aborts when `parent` does, or when `ms` have passed, and a way to stop its timer. A
 * timer of its own: Node 20 can collect an AbortSignal.timeout() held only by AbortSignal.any() before
 * it fires, and then a probe that hangs (a FIFO where a database file should be) would never be stopped.
 */
function budget(parent: AbortSignal, ms: number): { signal: AbortSignal; [Symbol.dispose](): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`it took longer than ${ms} ms`, 'TimeoutError')), ms);
  const follow = () => controller.abort(parent.reason);
  if (parent.aborted) follow();
  else parent.addEventListener('abort', follow, { once: true });
  return {
    signal: controller.signal,
    [Symbol.dispose]() {
      clearTimeout(timer);
      parent.removeEventListener('abort', follow);
    },
  };
}

/** The assessment with each probed finding confirmed with facts, cleared, or marked as not looked at. */
export async function preflight(assessment: Assessment, options: PreflightOptions): Promise<Assessment> {
  if (!needsPreflight(assessment, options.held)) return assessment;
  const budgetMs = options.budgetMs ?? DEFAULT_PREFLIGHT_MS;
  using timed = budget(options.signal, budgetMs);
  const signal = timed.signal;
  const gits = new Map<string, RunGit>();
  const gitAt = (program: string) => (dir: string) => {
    let git = gits.get(`${program}\0${dir}`);
    if (!git) gits.set(`${program}\0${dir}`, (git = hardenedGit(dir, budgetMs, program)));
    return git;
  };
  const findings: Finding[] = [];
  for (const f of assessment.findings) {
    const inv = f.invocation;
    if (!probed(f, options.held) || !inv) {
      findings.push(f);
      continue;
    }
    if (f.probe === 'terraform') {
      findings.push(await terraformFinding(f, inv, assessment, options));
      continue;
    }
    if (f.probe === 'drizzle-push' || f.probe === 'prisma-push') {
      findings.push(await schemaFinding(f, f.probe, inv, assessment, options));
      continue;
    }
    const why = unprobeable(inv, options.env) ?? aloneInRequest(inv, assessment);
    if (why) {
      findings.push(unlooked(f, why));
      continue;
    }
    const dir = inv.cwd as string;
    const probe = f.probe as Exclude<Probe, 'terraform' | 'drizzle-push' | 'prisma-push'>;
    // A deletion is looked at with the system's git; a git command with the git it would run, if that is the system's.
    const program = await systemGitFor(probe === 'deletion' ? null : inv, options.env);
    if (typeof program !== 'string') {
      findings.push(unlooked(f, program.why));
      continue;
    }
    try {
      if (probe !== 'deletion') findings.push(withLoss(f, probe, await probeGitLoss(probe, inv, gitAt(program)(dir), signal)));
      else {
        const path = await deletedPath(f, dir);
        if (typeof path !== 'string') findings.push(unlooked(f, path.why));
        else findings.push(withDeletion(f, await probeDeletion(path, gitAt(program), signal)));
      }
    } catch (error) {
      options.signal.throwIfAborted();
      findings.push(unlooked(f, signal.aborted ? `it took longer than ${budgetMs} ms` : (error as Error)?.message || String(error)));
    }
  }
  return { ...assessment, findings, effect: strongest(findings.map((x) => x.effect)) };
}

/** A Terraform finding after its probe: state warnings, the plan, or why it could not look. */
async function terraformFinding(f: Finding, inv: Invocation, assessment: Assessment, options: PreflightOptions): Promise<Finding> {
  const unseen = notSeenHere(inv, options.env);
  if (unseen) return unlooked(f, unseen);
  const probe = terraformProbeFor(inv, assessment, options.env);
  if ('why' in probe) return unlooked(f, probe.why);
  // A state change earlier in the command is a state warning in itself; the plan made now would not see it.
  if (probe.stateChangedEarlier) return withPlan(f, { warnings: [`${probe.stateChangedEarlier} earlier in the same command changes the state this would act on`] });
  const other = aloneInRequest(inv, assessment);
  if (other) return unlooked(f, other);
  const budgetMs = options.terraformBudgetMs ?? DEFAULT_TERRAFORM_MS;
  using timed = budget(options.signal, budgetMs);
  const signal = timed.signal;
  const inline: Record<string, string> = Object.fromEntries(Object.entries(inv.env).map(([k, v]) => [k, v.text]));
  if (probe.workspace) inline.TF_WORKSPACE = probe.workspace;
  const run: RunTerraform = terraformRunner(probe.program, probe.dir, options.env, inline);
  try {
    return withPlan(f, await probeTerraform(probe, run, signal, options.statefulTypes));
  } catch (error) {
    options.signal.throwIfAborted();
    return unlooked(f, signal.aborted ? `it took longer than ${budgetMs} ms` : (error as Error)?.message || String(error));
  }
}

/** Package runners that run the project's own drizzle-kit or prisma, here. */
const PACKAGE_RUNNERS: ReadonlySet<string> = new Set(['npx', 'pnpx', 'bunx', 'pnpm', 'yarn', 'bun', 'npm']);

const TOOL = { 'drizzle-push': 'drizzle-kit', 'prisma-push': 'prisma' } as const;

/** Options by which a package runner runs the command in other workspace packages than the folder it is in. */
const WORKSPACE_OPTION = /^(--filter|-F|--workspace|-w|--workspaces|-ws|--recursive|-r|-C|--dir|--cwd|--prefix)(=|$)/;

/** Why a package runner above the command runs it in another workspace package, or null. */
function inOtherPackage(inv: Invocation): string | null {
  for (let outer = inv.outer; outer; outer = outer.outer) {
    if (!PACKAGE_RUNNERS.has(outer.program)) continue;
    const option = outer.argv.slice(1).find((a) => WORKSPACE_OPTION.test(a.text));
    if (option) return `${outer.program} ${option.text.split('=')[0]} runs it in another package or folder, which the probe does not resolve`;
    if (outer.program === 'yarn' && /^workspaces?$/.test(outer.argv[1]?.text ?? '')) return `yarn ${outer.argv[1]!.text} runs it in another package or folder, which the probe does not resolve`;
  }
  return null;
}

/** A schema push or migration after the tool's own diff: a destroy when it drops data, a write when it doesn't, held when it can't be asked. */
async function schemaFinding(f: Finding, probe: 'drizzle-push' | 'prisma-push', inv: Invocation, assessment: Assessment, options: PreflightOptions): Promise<Finding> {
  // drizzle-kit's diff needs the project's schema code; Prisma's needs only its config, when there is one (prisma.ts).
  if (probe === 'drizzle-push' && options.runsProjectCode === false) return unlooked(f, "under strictness: strict, airlock does not run the project's drizzle config and schema to ask");
  if (options.queriesDatabases === false) return unlooked(f, 'the policy says preflight.databases: false, so airlock does not connect to the database to ask');
  const why = notSeenHere(inv, options.env, PACKAGE_RUNNERS) ?? inOtherPackage(inv) ?? aloneInRequest(inv, assessment);
  if (why) return unlooked(f, why);
  const dir = inv.cwd as string;
  const budgetMs = options.terraformBudgetMs ?? DEFAULT_TERRAFORM_MS;
  using timed = budget(options.signal, budgetMs);
  const signal = timed.signal;
  const env = { ...options.env, ...Object.fromEntries(Object.entries(inv.env).map(([k, v]) => [k, v.text])) };
  try {
    if (probe === 'prisma-push') {
      const request = prismaRequestFor(inv);
      if ('why' in request) return unlooked(f, request.why);
      return withSchemaDiff(f, probe, withSqliteFacts(await probePrisma(dir, request, env, signal, options.runsProjectCode !== false)));
    }
    const config = await drizzleConfigFor(inv, options.env);
    if (typeof config !== 'string') return unlooked(f, config.why);
    return withSchemaDiff(f, probe, withSqliteFacts(await probeDrizzle(dir, config, env, signal)));
  } catch (error) {
    options.signal.throwIfAborted();
    return unlooked(f, signal.aborted ? `it took longer than ${budgetMs} ms` : (error as Error)?.message || String(error));
  }
}

/** A drop in words with the rows it holds, where they were counted (`column age of users, holding 2 values`). */
function withRows(drop: string, rows: Record<string, number> | undefined): string {
  const n = rows?.[drop];
  if (n === undefined) return drop;
  if (drop.startsWith('rows')) return `${drop}: ${n} row${n === 1 ? '' : 's'}`;
  return `${drop} (${n} ${drop.startsWith('column') ? (n === 1 ? 'row has a value' : 'rows have a value') : n === 1 ? 'row' : 'rows'})`;
}

/** The database a safety copy would keep: a SQLite file by its full path, a server's database by a plain name (no connection options beside it). */
function copyTarget(database: SchemaDiff['database']): { database?: DatabaseCopy } {
  if (database?.kind === 'sqlite') return database.file.startsWith('/') ? { database } : {};
  return database?.database !== undefined && /^[\w$-]+$/.test(database.database) ? { database } : {};
}

/** The push or migration as the tool's diff describes it. */
function withSchemaDiff(f: Finding, probe: 'drizzle-push' | 'prisma-push', diff: SchemaDiff): Finding {
  const tool = TOOL[probe];
  if (diff.noSchema) {
    const summary = maskSecrets(`${f.summary} (there is no ${tool} schema in ${diff.noSchema}, so it would stop with an error)`);
    return { ...f, summary, preflight: { probe, loses: false, statements: [], warnings: [], dropped: [] } };
  }
  const dropped = droppedBy(diff.statements, diff.rebuilt).map((d) => withRows(d, diff.rows));
  const warnings = diff.warnings.map((w) => maskSecrets(w.replace(/^[·\s]+/, '').replace(/\x1b\[[0-9;]*m/g, '')));
  const statements = diff.statements.map(maskSecrets);
  const count = `${statements.length} statement${statements.length === 1 ? '' : 's'}`;
  // A SQLite table rebuilt by copying drops the old table; what that loses is in `dropped`.
  const script = diff.dialect === 'sqlite' ? withoutRebuildDrops(diff.statements) : diff.statements;
  const effect = diff.statements.length ? classifySql(script.join(';\n'), diff.dialect ?? 'postgres').effect : 'read';
  const loses = diff.dataLoss || dropped.length > 0 || effect === 'destroy';
  // SQL the classifier can't read through (EXECUTE of a built string, a statement it can't parse) may drop anything.
  if (!loses && effect === 'unknown') return unlooked(f, `${tool} would run SQL airlock can't read through (${count})`);
  if (!loses && diff.unsure) return unlooked(f, maskSecrets(diff.unsure));
  const facts = { probe, loses, statements, warnings, dropped, ...copyTarget(diff.database) };
  if (loses)
    return {
      ...f,
      effect: 'destroy',
      severity: 'critical',
      summary: `${f.summary}: ${tool} would run ${count} and drop ${dropped.length ? dropped.join(', ') : 'data'}${warnings.length ? ` (${warnings.join('; ')})` : ''}`,
      consequence: 'The dropped columns and tables go with their data; only a backup brings them back.',
      preflight: facts,
    };
  const said = warnings.length ? ` (${warnings.join('; ')})` : '';
  const summary = statements.length ? `${f.summary}: ${tool} would run ${count}, none of which drops data${said}` : `${f.summary}: the database already matches the schema`;
  return { ...f, effect: f.effect === 'destroy' ? 'write' : f.effect, severity: f.effect === 'destroy' ? 'medium' : f.severity, summary, preflight: facts };
}
