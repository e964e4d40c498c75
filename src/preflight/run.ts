// Preflight: for the findings about to be held, ask the real tools what the command would do, and
// let the answer confirm the hold with concrete facts or clear it when nothing would be lost. It has
// a time budget; when a probe can't finish, the finding stays held and says why. A failed preflight
// never allows anything.

import { strongest } from '../core/effect.js';
import type { Assessment, Finding } from '../core/finding.js';
import type { Invocation } from '../core/invocation.js';
import { maskSecrets } from '../core/mask.js';
import { describeLoss, hardenedGit, losesNothing, probeGitLoss, unprobeable, type GitLoss, type RunGit } from './git.js';
import { deletionRecoverable, describeDeletion, probeDeletion, type DeletionLoss } from './files.js';
import { posix } from 'node:path';

export interface PreflightOptions {
  /** The request's environment: variables that point git elsewhere make a probe pointless. */
  env: Readonly<Record<string, string>>;
  signal: AbortSignal;
  /** How long all probes of one request may take together. */
  budgetMs?: number;
  /** How git is run in a directory (tests may count the calls); hardened git by default. */
  git?: (dir: string, timeoutMs: number) => RunGit;
}

export const DEFAULT_PREFLIGHT_MS = 5_000;

/** Whether any finding could be confirmed or cleared by a probe: the allowed path never pays for preflight. */
export const needsPreflight = (assessment: Assessment) => assessment.findings.some((f) => f.probe && !f.forbidden);

/**
 * Commands that change nothing a probe looks at: with only these beside it, what the repository holds
 * now is what the probed command meets when it runs. Anything else earlier or later in the request
 * (`git stash && git stash drop`, a loop that makes changes) could change that, and the probe can't clear it.
 */
const CHANGES_NOTHING = new Set(['cd', 'pushd', 'popd', 'pwd', 'echo', 'printf', 'true', ':', 'test', '[', 'ls']);
const GIT_CHANGES_NOTHING = new Set(['status', 'log', 'diff', 'show', 'rev-parse', 'describe', 'shortlog']);

function changesNothing(inv: Invocation): boolean {
  if (inv.redirects.length > 0 || inv.opaque) return false;
  if (CHANGES_NOTHING.has(inv.program)) return true;
  if (inv.program !== 'git') return false;
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
function withLoss(f: Finding, loss: GitLoss): Finding {
  if (losesNothing(loss)) {
    return {
      ...f,
      effect: 'write',
      severity: 'low',
      summary: `${f.summary}; the repository says nothing would be lost`,
      consequence: 'Nothing uncommitted, untracked, stashed or unmerged would be lost.',
      preflight: { probe: 'git', loses: false },
    };
  }
  // File names and commit subjects are the repository's text: masked like the command.
  const masked = { changed: loss.changed.map(maskSecrets), untracked: loss.untracked.map(maskSecrets), commits: loss.commits.map(maskSecrets), stashes: loss.stashes.map(maskSecrets) };
  return { ...f, summary: `${f.summary}: it would lose ${describeLoss(masked)}`, preflight: { probe: 'git', loses: true, ...masked } };
}

/** The finding with what a delete would take, and whether git can bring all of it back. */
function withDeletion(f: Finding, loss: DeletionLoss | 'missing'): Finding {
  if (loss === 'missing') {
    return {
      ...f,
      effect: 'write',
      severity: 'low',
      summary: `${f.summary}; there is nothing there now`,
      consequence: 'Nothing is there to delete.',
      preflight: { probe: 'deletion', loses: false, files: 0, bytes: 0 },
    };
  }
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
  return { ...f, summary: maskSecrets(`${f.summary} (airlock could not look at what it would lose: ${why})`), preflight: { probe: f.probe!, failed: why } };
}

/** The absolute path a delete finding names, or why it has none the probe can look at. */
function deletedPath(f: Finding, dir: string): string | { why: string } {
  const target = f.target ?? '';
  if (target === '' || /[*?[\]{}$`~]/.test(target)) return { why: `${target || 'its target'} is a pattern or is only known when it runs` };
  return posix.resolve(dir, target);
}

/** The assessment with each probed finding confirmed with facts, cleared, or marked as not looked at. */
export async function preflight(assessment: Assessment, options: PreflightOptions): Promise<Assessment> {
  if (!needsPreflight(assessment)) return assessment;
  const budgetMs = options.budgetMs ?? DEFAULT_PREFLIGHT_MS;
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(budgetMs)]);
  const gitIn = options.git ?? hardenedGit;
  const gits = new Map<string, RunGit>();
  const gitAt = (dir: string) => {
    let git = gits.get(dir);
    if (!git) gits.set(dir, (git = gitIn(dir, budgetMs)));
    return git;
  };
  const findings: Finding[] = [];
  for (const f of assessment.findings) {
    const inv = f.invocation;
    if (!f.probe || f.forbidden || !inv) {
      findings.push(f);
      continue;
    }
    const why = unprobeable(inv, options.env) ?? aloneInRequest(inv, assessment);
    if (why) {
      findings.push(unlooked(f, why));
      continue;
    }
    const dir = inv.cwd as string;
    try {
      if (f.probe === 'git') findings.push(withLoss(f, await probeGitLoss(f.rule, inv, gitAt(dir), signal)));
      else {
        const path = deletedPath(f, dir);
        if (typeof path !== 'string') findings.push(unlooked(f, path.why));
        else findings.push(withDeletion(f, await probeDeletion(path, gitAt, signal)));
      }
    } catch (error) {
      options.signal.throwIfAborted();
      findings.push(unlooked(f, signal.aborted ? `it took longer than ${budgetMs} ms` : (error as Error)?.message || String(error)));
    }
  }
  return { ...assessment, findings, effect: strongest(findings.map((x) => x.effect)) };
}
