// The step after installing airlock's hook into Codex: Codex runs a hook only once a human has trusted
// it in `/hooks`, and skips it silently until then. At a terminal, `airlock init` shows the hooks and
// records that trust if the human says yes, exactly as `/hooks` would; without a terminal it records
// nothing and says what is left. Trust stays a human's act: `--yes` confirms airlock's own file changes
// for scripts, and does not vouch for a hook to Codex on a person's behalf.
// `airlock doctor` reads the same state: a hook Codex would skip is a failure, not "ok".

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InstallManifest, rememberBeforeWrite, type InitResult } from '../agents/install.js';
import { stateDirectory } from '../runtime/locations.js';
import { codexHooks, isAirlockHook, readHookStates, recordTrust, TomlSyntaxError, TrustEditError, trustStatus, type CodexHook, type TrustStatus } from '../agents/codex-trust.js';
import { ask, humanAtTerminal } from './terminal.js';

type Env = Record<string, string | undefined>;

/** What is left to do when Codex does not trust airlock's hook yet. */
const CODEX_TRUST_STEP = "Codex skips airlock's hook until you trust it: open Codex, run /hooks and trust the airlock hook, or run `airlock init --agent codex` at a terminal and answer y.";

/** Codex's user config, where hook trust lives whichever hooks file the hook is in. */
function codexConfigFile(env: Env): string {
  return join(env.CODEX_HOME || join(env.HOME ?? '', '.codex'), 'config.toml');
}

/** The path Codex puts in trust keys: it resolves symlinks in CODEX_HOME (and the project path). */
function keyPath(hooksFile: string): string {
  try {
    return join(realpathSync(dirname(hooksFile)), basename(hooksFile));
  } catch {
    return hooksFile;
  }
}

interface CodexTrustReport {
  configFile: string;
  /** airlock's hooks in the file, with what Codex would decide for each. */
  hooks: Array<CodexHook & { status: TrustStatus }>;
  /** Why the state could not be read, when it could not. */
  problem?: string;
}

function codexTrustReport(hooksFile: string, env: Env): CodexTrustReport {
  const configFile = codexConfigFile(env);
  try {
    const hooks = codexHooks(readFileSync(hooksFile, 'utf8'), keyPath(hooksFile)).filter(isAirlockHook);
    const config = existsSync(configFile) ? readFileSync(configFile, 'utf8') : null;
    const states = readHookStates(config);
    return { configFile, hooks: hooks.map((h) => ({ ...h, status: trustStatus(h, states) })) };
  } catch (error) {
    const where = error instanceof TomlSyntaxError ? `${configFile} ${error.message}` : (error as Error).message;
    return { configFile, hooks: [], problem: `could not read Codex's hook trust: ${where}` };
  }
}

const WHY: Record<Exclude<TrustStatus, 'trusted'>, string> = {
  untrusted: 'not trusted in /hooks',
  modified: 'trusted once, but the hook changed since (the recorded hash is stale)',
  disabled: 'turned off in /hooks',
};

/** One line for doctor: null when Codex runs every airlock hook in the file. */
export function codexTrustProblem(hooksFile: string, env: Env): string | null {
  const report = codexTrustReport(hooksFile, env);
  if (report.problem) return report.problem;
  if (report.hooks.length === 0) return 'no airlock hook Codex would load is in the file';
  const bad = report.hooks.filter((h) => h.status !== 'trusted');
  if (bad.length === 0) return null;
  return `Codex skips ${bad.map((h) => `${h.event} (${WHY[h.status as Exclude<TrustStatus, 'trusted'>]})`).join(', ')}; fix: run \`airlock init --agent codex\` at a terminal and answer y, or trust the airlock hook in Codex's /hooks`;
}

function describe(report: CodexTrustReport, hooksFile: string): string {
  const rows = report.hooks.map((h) => `  ${h.event.padEnd(12)} matcher ${h.matcher ?? '(any)'}, timeout ${h.timeoutSec} s${h.status === 'trusted' ? '' : `  [${h.status}]`}\n      ${h.command}`);
  return `Codex runs a hook only after you have trusted it (Codex's /hooks). airlock's hooks in ${hooksFile}:\n${rows.join('\n')}\n`;
}

/** Writes through a symlinked config.toml to its target, atomically, keeping the file's mode. */
function writeConfig(file: string, expectedBefore: string | null, text: string): void {
  const target = existsSync(file) ? realpathSync(file) : file;
  const temp = join(dirname(target), `.${basename(target)}.airlock-${randomBytes(4).toString('hex')}`);
  const mode = existsSync(target) ? statSync(target).mode & 0o777 : 0o600;
  writeFileSync(temp, text, { mode });
  try {
    // Codex or the user may have written the file meanwhile; never drop their change.
    const now = existsSync(target) ? readFileSync(target, 'utf8') : null;
    if (now !== expectedBefore) throw new Error(`${file} changed while airlock was writing it; run airlock init again`);
    renameSync(temp, target);
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * After init: for the Codex hooks file init installed into, make sure Codex trusts airlock's hooks, or
 * say what is left. Rewrites that result's humanStep accordingly; false when the hooks are not trusted.
 */
export async function settleCodexTrust(results: InitResult[], env: Env, out: NodeJS.WritableStream = process.stdout): Promise<boolean> {
  let allTrusted = true;
  for (const result of results) {
    if (result.agent !== 'codex' || basename(result.file) !== 'hooks.json' || (result.status !== 'installed' && result.status !== 'already installed')) continue;
    const settled = await settleOne(result.file, env, out);
    if (settled) delete result.humanStep;
    else result.humanStep = CODEX_TRUST_STEP;
    allTrusted &&= settled;
  }
  return allTrusted;
}

async function settleOne(hooksFile: string, env: Env, out: NodeJS.WritableStream): Promise<boolean> {
  const report = codexTrustReport(hooksFile, env);
  if (report.problem) {
    out.write(`codex        ${report.problem}\n`);
    return false;
  }
  if (report.hooks.length === 0) {
    out.write(`codex        no airlock hook Codex would load is in ${hooksFile}\n`);
    return false;
  }
  const pending = report.hooks.filter((h) => h.status !== 'trusted');
  if (pending.length === 0) {
    out.write(`codex        trusted            ${report.configFile}\n`);
    return true;
  }
  if (!humanAtTerminal()) {
    out.write(`codex        NOT TRUSTED        Codex will not run airlock's hook (${pending.map((h) => h.event).join(', ')}) until a human trusts it\n`);
    return false;
  }
  out.write(`\n${describe(report, hooksFile)}`);
  const disabled = pending.some((h) => h.status === 'disabled');
  const answer = (
    await ask(
      `Trust ${pending.length === 1 ? 'this hook' : 'these hooks'} in Codex${disabled ? ` and turn ${pending.length === 1 ? 'it' : 'them'} back on` : ''}, as /hooks would (records trusted_hash in ${report.configFile})? [y/N] `,
      out,
    )
  ).toLowerCase();
  if (answer !== 'y' && answer !== 'yes') {
    out.write("Not trusted: Codex will skip airlock's hook until you trust it.\n");
    return false;
  }
  try {
    const before = existsSync(report.configFile) ? readFileSync(report.configFile, 'utf8') : null;
    const next = recordTrust(before, pending, { enable: true });
    // So that uninstall puts config.toml back exactly as it was.
    rememberBeforeWrite(new InstallManifest(join(stateDirectory(env), 'install', 'manifest.json')), 'codex-trust', 'codex', report.configFile, before, next);
    writeConfig(report.configFile, before, next);
  } catch (error) {
    const why = error instanceof TomlSyntaxError ? `${report.configFile} ${error.message}` : error instanceof TrustEditError ? `${report.configFile}: ${error.message}` : (error as Error).message;
    out.write(`codex        could not record trust: ${why}\n`);
    return false;
  }
  const check = codexTrustReport(hooksFile, env);
  const ok = !check.problem && check.hooks.length > 0 && check.hooks.every((h) => h.status === 'trusted');
  out.write(ok ? `codex        trusted            ${report.configFile}\n` : `codex        trust did not take: ${check.problem ?? 'the hook state reads back untrusted'}\n`);
  return ok;
}
