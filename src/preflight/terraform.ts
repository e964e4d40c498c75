// Before a Terraform or OpenTofu apply or destroy runs, ask the tool itself what it would do: a plan
// with the command's own directory, workspace, variables and targets (`plan -out` then `show -json`,
// without taking the state lock), or the saved plan it applies. And first, check the state is sane:
// the incident this project began with was a destroy run against a state that was not what the
// agent thought. The plan runs the configuration's providers and data sources, exactly as the
// agent's own `terraform plan` would; it never writes the state.

import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { posix } from 'node:path';
import type { Invocation } from '../core/invocation.js';
import type { Assessment } from '../core/finding.js';
import { terraformCommand } from '../analyze/terraform-command.js';
import { selectedWorkspace } from '../analyze/terraform-workspace.js';
import { type PlanSummary, summarisePlan } from './terraform-plan.js';

/** What Terraform's configuration in a directory declares, as far as state sanity needs. */
export interface TfConfig {
  /** How many configuration files there are: none, and Terraform refuses to plan or apply at all. */
  files: number;
  resources: number;
  /** The backend type (`s3`, `local`), `cloud` for HCP Terraform, or null when none is declared. */
  backend: string | null;
  /** A local backend's `path`, when set. */
  localPath?: string;
}

/** The parts of a state file sanity looks at. */
export interface TfState {
  serial: number;
  lineage: string;
  resources: number;
}

/** The state as found: the current one, and the backup a local backend keeps of the one before. */
export interface StateFound {
  /** Where it was looked for, for the message. */
  where: string;
  current: TfState | null;
  backup: TfState | null;
}

export interface TerraformFacts {
  /** Reasons the state is not what the command assumes; any of them holds an apply or destroy. */
  warnings: string[];
  /** What the plan would do; absent when a state warning made planning pointless. */
  plan?: PlanSummary;
  /** The plan is a destroy plan (`destroy`, `apply -destroy`, a plan made with -destroy). */
  destroying?: boolean;
  /** The directory holds no configuration, so the command stops with Terraform's own error. */
  noConfiguration?: string;
}

/** Runs the tool in the command's directory; rejects with its own message. */
export type RunTerraform = (args: readonly string[], signal: AbortSignal) => Promise<string>;

/** What to plan: where, with which options, or which saved plan to read. */
export interface TerraformProbe {
  program: string;
  dir: string;
  /** The command's planning options (`-var-file=…`, `-target=…`, `-destroy`), ready for `plan`. */
  planArgs: string[];
  /** `apply PLANFILE`: the saved plan to read instead of planning. */
  planFile?: string;
  /** `-state=PATH` given to the command (legacy local state). */
  statePath?: string;
  /** The workspace the command runs in, when TF_WORKSPACE or a `workspace select` before it says; else the recorded one. */
  workspace?: string;
  /** A state change earlier in the same command, which the plan now would not see. */
  stateChangedEarlier?: string;
  /** TF_DATA_DIR: where the recorded workspace is kept instead of .terraform. */
  dataDir?: string;
}

/** `-destroy`, `-destroy=true`, `-destroy=1`…, but not `-destroy=false`. */
export const isDestroyArgument = (word: string) => /^--?destroy(=(?!(false|f|0)$).*)?$/i.test(word);

// ---------------------------------------------------------------------------------------------
// State sanity (pure)

/** The reasons to stop before an apply or destroy, from the configuration and the state found. */
export function stateWarnings(config: TfConfig, state: StateFound): string[] {
  const warnings: string[] = [];
  const declares = [
    config.resources ? `${config.resources} resource block${config.resources === 1 ? '' : 's'}` : '',
    config.backend && config.backend !== 'local' ? `a "${config.backend}" backend` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  const { current, backup } = state;
  if (current === null && declares) warnings.push(`there is no Terraform state (${state.where}), but the configuration declares ${declares}: Terraform would act as if nothing it manages exists`);
  else if (current && current.resources === 0 && config.resources > 0)
    warnings.push(`the Terraform state (${state.where}) is empty, but the configuration declares ${declares}: if this infrastructure exists, Terraform has lost track of it`);
  if (current && backup) {
    if (current.lineage !== backup.lineage) warnings.push(`the state's lineage ${current.lineage} differs from its backup's ${backup.lineage}: the state file was replaced by another state`);
    else if (current.serial < backup.serial) warnings.push(`the state's serial ${current.serial} is lower than its backup's ${backup.serial}: the state was replaced by an older copy`);
  }
  return warnings;
}

/** A state file's text, read for sanity; null when it is empty (Terraform writes none until the first apply). */
export function parseState(text: string): TfState | null {
  if (text.trim() === '') return null;
  const json = JSON.parse(text) as Record<string, unknown>;
  if (typeof json.serial !== 'number' || typeof json.lineage !== 'string') throw new Error('it is not a Terraform state (no serial or lineage)');
  return { serial: json.serial, lineage: json.lineage, resources: Array.isArray(json.resources) ? json.resources.length : 0 };
}

/** What the configuration's files (.tf, .tofu and their .json forms) in a directory declare. */
export function readConfigText(files: readonly (readonly [name: string, text: string])[]): TfConfig {
  const config: TfConfig = { files: files.length, resources: 0, backend: null };
  for (const [name, text] of files) {
    if (name.endsWith('.json')) {
      const json = JSON.parse(text) as Record<string, unknown>;
      for (const byType of Object.values((json.resource ?? {}) as Record<string, object>)) config.resources += Object.keys(byType).length;
      const tfBlock = ([] as unknown[]).concat(json.terraform ?? [])[0] as Record<string, unknown> | undefined;
      if (tfBlock?.backend) config.backend = Object.keys(tfBlock.backend as object)[0] ?? config.backend;
      if (tfBlock?.cloud) config.backend = 'cloud';
      continue;
    }
    // HCL without a parser: comments out, then the block headers. Good enough to count and to find a backend.
    const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)(#|\/\/).*$/gm, '$1');
    config.resources += (code.match(/^\s*(resource|module)\s+"[^"]+"/gm) ?? []).length;
    const backend = /^\s*backend\s+"([^"]+)"\s*\{([^}]*)\}/m.exec(code);
    if (backend) {
      config.backend = backend[1]!;
      const path = /\bpath\s*=\s*"([^"]+)"/.exec(backend[2]!);
      if (path) config.localPath = path[1]!;
    }
    if (/^\s*cloud\s*\{/m.test(code)) config.backend = 'cloud';
  }
  return config;
}

// ---------------------------------------------------------------------------------------------
// From the command to what to plan

/** Options `plan` takes the same way the command did; the rest (-auto-approve, -lock…) are the command's own. */
const PLAN_OPTIONS = new Set(['-var', '-var-file', '-target', '-replace', '-refresh', '-refresh-only', '-destroy', '-parallelism', '-state', '-exclude']);
/** Subcommands that change no state: beside them in the same command, the plan made now still holds. */
const READS_ONLY = new Set(['plan', 'show', 'output', 'validate', 'version', 'providers', 'graph', 'fmt -check', 'state list', 'state show', 'state pull', 'workspace show', 'workspace list']);
/** Subcommands that change the state itself (`workspace select` only changes which state: the probe follows it). */
const CHANGES_STATE = /^(state (push|rm|mv|replace-provider)|import|taint|untaint|workspace delete|init -migrate-state|init -force-copy)\b/;

const optionWord = ([name, value]: [string, string | true]) => (value === true ? name : `${name}=${value}`);

/** Whether an invocation in the same request leaves what the plan sees as it is. */
export function terraformReadsOnly(inv: Invocation): boolean {
  if (!['terraform', 'tofu'].includes(inv.program)) return false;
  const t = terraformCommand(inv);
  if (!t) return false;
  const words = t.words.join(' ');
  return selectedWorkspace(inv) !== null || [...READS_ONLY].some((r) => words === r || words.startsWith(`${r} `) || (r === 'fmt -check' && t.words[0] === 'fmt' && t.has('-check')));
}

/** A change to the state, or to a state file, by another invocation in the request; null when there is none. */
function stateChangeIn(others: readonly Invocation[]): string | null {
  for (const o of others) {
    if (['terraform', 'tofu', 'terragrunt'].includes(o.program)) {
      const t = terraformCommand(o);
      const words = t ? [...t.words, ...t.options.map(([n]) => n)].join(' ') : '';
      if (CHANGES_STATE.test(words)) return `\`${o.source}\``;
    } else if (/\.tfstate\b/.test(o.source) || o.redirects.some((r) => /\.tfstate\b/.test(r.target?.text ?? ''))) return `\`${o.source}\``;
  }
  return null;
}

/** What to plan for this invocation, or why it can't be planned here. */
export function terraformProbeFor(inv: Invocation, assessment: Assessment, env: Readonly<Record<string, string>>): TerraformProbe | { why: string } {
  if (inv.program === 'terragrunt') return { why: 'terragrunt runs Terraform in modules airlock does not plan one by one' };
  const t = terraformCommand(inv);
  if (!t) return { why: 'airlock could not read the command' };
  for (const [name, value] of Object.entries(inv.env)) if (name.startsWith('TF_') && !value.static) return { why: `${name} is only known when it runs` };
  // Extra arguments from the environment (`TF_CLI_ARGS_apply=-destroy`) make the command another one than the probe would plan.
  const extra = [...Object.keys(inv.env), ...Object.keys(env)].find((name) => name.startsWith('TF_CLI_ARGS') && (inv.env[name]?.text ?? env[name]));
  if (extra) return { why: `${extra} adds arguments the probe can't plan with` };
  const chdir = t.values('-chdir').at(-1);
  // Terraform changes to -chdir's folder as the system does, through symlinks: `link/..` is link's target's parent.
  if (chdir !== undefined && /(^|\/)\.\.(\/|$)/.test(chdir)) return { why: "-chdir climbs with '..', which Terraform takes through symbolic links to somewhere else" };
  // The folder the command runs in already has -chdir applied (src/analyze/cwd.ts).
  const dir = inv.cwd as string;
  const dataDir = inv.env.TF_DATA_DIR?.text ?? env.TF_DATA_DIR;
  const others = assessment.invocations.filter((o) => o !== inv && !isWrapperOf(o, inv));
  const changed = stateChangeIn(others);
  // TF_WORKSPACE wins over a `terraform workspace select NAME` earlier in the command, which wins over the recorded one.
  const workspace =
    inv.env.TF_WORKSPACE?.text ??
    env.TF_WORKSPACE ??
    others
      .map(selectedWorkspace)
      .filter((w): w is string => w !== null)
      .at(-1);
  const base = {
    program: inv.program,
    dir,
    ...(dataDir ? { dataDir } : {}),
    ...(t.values('-state').length ? { statePath: t.values('-state').at(-1)! } : {}),
    ...(workspace ? { workspace } : {}),
    ...(changed ? { stateChangedEarlier: changed } : {}),
  };
  const planFile = t.words[0] === 'apply' ? t.words[1] : undefined;
  if (planFile === undefined) {
    const planArgs = t.options.filter(([n]) => PLAN_OPTIONS.has(n)).map(optionWord);
    if (t.words[0] === 'destroy' && !planArgs.some(isDestroyArgument)) planArgs.push('-destroy');
    return { ...base, planArgs };
  }
  // `terraform plan -out=p && terraform apply p`: the plan file does not exist yet, so plan as that plan would.
  const maker = others.find((o) => {
    const m = ['terraform', 'tofu'].includes(o.program) ? terraformCommand(o) : null;
    return m?.words[0] === 'plan' && m.values('-out').some((out) => posix.resolve(o.cwd ?? '', out) === posix.resolve(dir, planFile));
  });
  if (maker)
    return {
      ...base,
      planArgs: terraformCommand(maker)!
        .options.filter(([n]) => PLAN_OPTIONS.has(n))
        .map(optionWord),
    };
  return { ...base, planArgs: [], planFile: posix.resolve(dir, planFile) };
}

function isWrapperOf(candidate: Invocation, inv: Invocation): boolean {
  for (let at = inv.outer; at; at = at.outer) if (at === candidate) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// The probe (I/O)

/** Reads the configuration's files in `dir`; none at all is a configuration with nothing declared. */
async function readConfig(dir: string): Promise<TfConfig> {
  const names = (await readdir(dir)).filter((n) => /\.(tf|tofu)(\.json)?$/.test(n)).sort();
  return readConfigText(await Promise.all(names.map(async (n) => [n, await readFile(posix.join(dir, n), 'utf8')] as const)));
}

async function readStateFile(path: string): Promise<TfState | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    return parseState(text);
  } catch (error) {
    throw new Error(`${path} can't be read as a Terraform state: ${(error as Error).message}`);
  }
}

/** The workspace Terraform would use: TF_WORKSPACE, else the one `workspace select` recorded, else default. */
async function workspaceIn(dir: string, given: string | undefined, dataDir = '.terraform'): Promise<string> {
  if (given) return given;
  try {
    return (await readFile(posix.resolve(dir, dataDir, 'environment'), 'utf8')).trim() || 'default';
  } catch {
    return 'default';
  }
}

/** The state the command would act on: local files (with the backup), or the backend's, pulled read-only. */
async function findState(probe: TerraformProbe, config: TfConfig, run: RunTerraform, signal: AbortSignal): Promise<StateFound> {
  if (config.backend === null || config.backend === 'local' || probe.statePath) {
    const workspace = await workspaceIn(probe.dir, probe.workspace, probe.dataDir);
    const relative = probe.statePath ?? config.localPath ?? (workspace === 'default' ? 'terraform.tfstate' : `terraform.tfstate.d/${workspace}/terraform.tfstate`);
    const path = posix.resolve(probe.dir, relative);
    return { where: path, current: await readStateFile(path), backup: await readStateFile(`${path}.backup`) };
  }
  return { where: `the "${config.backend}" backend`, current: parseState(await run(['state', 'pull'], signal)), backup: null };
}

/** Asks Terraform what the command would do, after checking the state it would do it to. */
export async function probeTerraform(probe: TerraformProbe, run: RunTerraform, signal: AbortSignal, extraStateful: readonly string[] = []): Promise<TerraformFacts> {
  const config = await readConfig(probe.dir);
  // Planning without configuration plans to delete everything; Terraform refuses, and so does the command.
  if (config.files === 0 && !probe.planFile) return { warnings: [], noConfiguration: probe.dir };
  const warnings = stateWarnings(config, await findState(probe, config, run, signal));
  if (warnings.length) return { warnings };
  if (probe.planFile) return { warnings, plan: summarisePlan(JSON.parse(await run(['show', '-json', '-no-color', probe.planFile], signal)), extraStateful), destroying: false };
  const scratch = await mkdtemp(posix.join(tmpdir(), 'airlock-plan-'));
  try {
    const out = posix.join(scratch, 'preflight.tfplan');
    await run(['plan', '-input=false', '-lock=false', '-no-color', `-out=${out}`, ...probe.planArgs], signal);
    return { warnings, plan: summarisePlan(JSON.parse(await run(['show', '-json', '-no-color', out], signal)), extraStateful), destroying: probe.planArgs.some(isDestroyArgument) };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Terraform's error, without colour and boilerplate, cut to what says what went wrong. */
function terraformError(stderr: string, fallback: string): string {
  const text = stderr
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\n')
    .map((l) => l.replace(/^[│╷╵\s]+/, '').trim())
    .filter((l) => l && !/CLI configuration|terraformrc|does not exist\.$/.test(l));
  const error = text.findIndex((l) => l.startsWith('Error:'));
  const message = (error >= 0 ? text.slice(error, error + 4) : text.slice(-3)).join(' ');
  return message.length > 400 ? `${message.slice(0, 400)}…` : message || fallback;
}

/**
 * Terraform run for a probe: in the command's directory, with its environment but without the
 * TF_CLI_ARGS that would turn a plan into something else, never prompting, never colouring.
 */
export function terraformRunner(program: string, dir: string, env: Readonly<Record<string, string>>, inline: Readonly<Record<string, string>>): RunTerraform {
  const clean = Object.fromEntries(Object.entries({ ...env, ...inline }).filter(([k]) => !k.startsWith('TF_CLI_ARGS')));
  const probeEnv = { ...clean, TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
  return (args, signal) =>
    new Promise((resolve, reject) => {
      execFile(program, args, { cwd: dir, env: probeEnv, signal, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        if (signal.aborted) return reject(signal.reason ?? error);
        const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? `${program} is not installed here` : terraformError(stderr, error.message);
        reject(new Error(`\`${program} ${args[0]}\` failed: ${why}`));
      });
    });
}
