// Installing airlock's hook into each agent's settings, idempotently, with a backup of every file
// touched, and uninstalling it so that each file is exactly what it was before.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isObject, parseJson as jsonOf } from '../core/shape.js';
import type { AgentName } from './types.js';

/** Marks airlock's own entries, so a second init changes nothing and uninstall finds them. */
const MARKER = 'airlock';

export interface InstallContext {
  home: string;
  /** The project directory, for --project installs. */
  projectDir: string;
  project: boolean;
  /** The shell command an agent runs for its hook (see runtime.ts). */
  hookCommand(agent: AgentName): string;
  /** The time limit, in ms, installed for the agent's hook (see budget.ts). */
  timeoutMs(agent: AgentName): number;
  /** Whether a program is on PATH (for detection). */
  onPath(program: string): boolean;
  env: Record<string, string | undefined>;
}

interface Installer {
  /** Unique per installed file kind (an agent may have more than one: Codex hooks and rules). */
  id: string;
  agent: AgentName;
  /** Files this agent's hook lives in, for this context. */
  file(ctx: InstallContext): string;
  detect(ctx: InstallContext): boolean;
  /** New file content with airlock's hook added, or null when it is already there. */
  add(existing: string | null, ctx: InstallContext): string | null;
  /** File content with airlock's entries removed; null means the file should not exist. */
  remove(existing: string): string | null;
  /** What a human still has to do. */
  humanStep?: string;
}

type Json = Record<string, unknown>;

function parseJson(text: string | null, file: string): Json {
  if (text === null || !text.trim()) return {};
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Json;
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${(error as Error).message}); fix it by hand, airlock will not overwrite it`);
  }
  throw new Error(`${file} does not hold a JSON object; airlock will not overwrite it`);
}

/** An entry is airlock's when its command runs airlock's hook bundle for an agent. */
const OUR_COMMAND = /hook\.cjs'? (claude-code|codex|gemini|cursor|copilot|opencode|windsurf)\b/;
const isOurs = (value: unknown): boolean => OUR_COMMAND.test(JSON.stringify(value));

/**
 * Adds `entry` to `json.hooks[event]`, or replaces airlock's entry there when it differs (a new hook
 * runtime, a new time limit), keeping its place among the user's own hooks.
 */
function addHookEntries(json: Json, entries: Record<string, Json>): boolean {
  const hooks = (json.hooks && typeof json.hooks === 'object' ? json.hooks : (json.hooks = {})) as Record<string, unknown[]>;
  let changed = false;
  for (const [event, entry] of Object.entries(entries)) {
    const list = Array.isArray(hooks[event]) ? hooks[event]! : (hooks[event] = []);
    const at = list.findIndex(isOurs);
    if (at >= 0 && JSON.stringify(list[at]) === JSON.stringify(entry)) continue;
    if (at >= 0) list[at] = entry;
    else list.push(entry);
    changed = true;
  }
  return changed;
}

function removeHookEntries(json: Json): void {
  const hooks = json.hooks as Record<string, unknown[]> | undefined;
  if (!hooks || typeof hooks !== 'object') return;
  for (const [event, list] of Object.entries(hooks)) {
    if (!Array.isArray(list)) continue;
    hooks[event] = list.filter((e) => !isOurs(e));
    if (hooks[event]!.length === 0) delete hooks[event];
  }
  if (Object.keys(hooks).length === 0) delete json.hooks;
}

function jsonInstaller(
  agent: AgentName,
  relative: (ctx: InstallContext) => string,
  entries: (ctx: InstallContext) => Record<string, Json>,
  detect: (ctx: InstallContext) => boolean,
  extra: Partial<Installer> = {},
): Installer {
  return {
    id: agent,
    agent,
    file: relative,
    detect,
    add(existing, ctx) {
      const json = parseJson(existing, relative(ctx));
      return addHookEntries(json, entries(ctx)) ? JSON.stringify(json, null, 2) + '\n' : null;
    },
    remove(existing) {
      const json = parseJson(existing, 'settings');
      removeHookEntries(json);
      return Object.keys(json).length === 0 || (Object.keys(json).length === 1 && json.version !== undefined) ? null : JSON.stringify(json, null, 2) + '\n';
    },
    ...extra,
  };
}

const hookFor = (ctx: InstallContext, agent: AgentName) => ctx.hookCommand(agent);
const seconds = (ctx: InstallContext, agent: AgentName) => Math.ceil(ctx.timeoutMs(agent) / 1000);
const dirOr = (ctx: InstallContext, home: string, project: string) => (ctx.project ? join(ctx.projectDir, project) : join(ctx.home, home));
const exists = (...paths: string[]) => paths.some((p) => existsSync(p));

const copilotEntries = (ctx: InstallContext): Record<string, Json> => ({
  preToolUse: { type: 'command', bash: hookFor(ctx, 'copilot'), timeoutSec: seconds(ctx, 'copilot') },
  postToolUse: { type: 'command', bash: hookFor(ctx, 'copilot'), timeoutSec: 30 },
});

export const INSTALLERS: Installer[] = [
  jsonInstaller(
    'claude-code',
    (ctx) => dirOr(ctx, '.claude/settings.json', '.claude/settings.json'),
    (ctx) => ({
      PreToolUse: {
        matcher: 'Bash|PowerShell|Write|Edit|MultiEdit|NotebookEdit|mcp__.*',
        hooks: [{ type: 'command', command: hookFor(ctx, 'claude-code'), timeout: seconds(ctx, 'claude-code'), statusMessage: MARKER }],
      },
      PostToolUse: { matcher: 'Bash|PowerShell', hooks: [{ type: 'command', command: hookFor(ctx, 'claude-code'), timeout: 30, statusMessage: MARKER }] },
      // Claude Code reports a command that failed here, not in PostToolUse.
      PostToolUseFailure: { matcher: 'Bash|PowerShell', hooks: [{ type: 'command', command: hookFor(ctx, 'claude-code'), timeout: 30, statusMessage: MARKER }] },
    }),
    (ctx) => exists(join(ctx.home, '.claude')) || ctx.onPath('claude'),
    { humanStep: 'Claude Code holds back hooks in a folder until you accept its workspace-trust dialog there.' },
  ),
  jsonInstaller(
    'codex',
    (ctx) => (ctx.project ? join(ctx.projectDir, '.codex/hooks.json') : join(ctx.env.CODEX_HOME || join(ctx.home, '.codex'), 'hooks.json')),
    (ctx) => ({
      PreToolUse: { matcher: 'Bash|apply_patch|mcp__.*', hooks: [{ type: 'command', command: hookFor(ctx, 'codex'), timeout: seconds(ctx, 'codex'), statusMessage: MARKER }] },
      PostToolUse: { matcher: 'Bash', hooks: [{ type: 'command', command: hookFor(ctx, 'codex'), timeout: 30, statusMessage: MARKER }] },
    }),
    (ctx) => exists(ctx.env.CODEX_HOME || join(ctx.home, '.codex')) || ctx.onPath('codex'),
    { humanStep: 'Open Codex and run /hooks to review and trust the airlock hook; Codex skips hooks nobody has trusted.' },
  ),
  jsonInstaller(
    'gemini',
    (ctx) => dirOr(ctx, '.gemini/settings.json', '.gemini/settings.json'),
    (ctx) => ({
      BeforeTool: { matcher: 'run_shell_command|write_file|replace|mcp_.*', hooks: [{ type: 'command', name: MARKER, command: hookFor(ctx, 'gemini'), timeout: ctx.timeoutMs('gemini') }] },
      AfterTool: { matcher: 'run_shell_command', hooks: [{ type: 'command', name: MARKER, command: hookFor(ctx, 'gemini'), timeout: 30_000 }] },
    }),
    (ctx) => exists(join(ctx.home, '.gemini')) || ctx.onPath('gemini'),
    { humanStep: 'Gemini CLI skips settings hooks in folders it does not trust; trust your project folders.' },
  ),
  jsonInstaller(
    'cursor',
    (ctx) => dirOr(ctx, '.cursor/hooks.json', '.cursor/hooks.json'),
    (ctx) => ({
      beforeShellExecution: { command: hookFor(ctx, 'cursor'), failClosed: true },
      beforeMCPExecution: { command: hookFor(ctx, 'cursor'), failClosed: true },
    }),
    (ctx) => exists(join(ctx.home, '.cursor')) || ctx.onPath('cursor') || ctx.onPath('cursor-agent'),
    {
      humanStep: 'Restart Cursor so it reads the new hooks.',
      add(existing, ctx) {
        const json = parseJson(existing, 'hooks.json');
        if (json.version === undefined) json.version = 1;
        const changed = addHookEntries(json, {
          beforeShellExecution: { command: hookFor(ctx, 'cursor'), failClosed: true },
          beforeMCPExecution: { command: hookFor(ctx, 'cursor'), failClosed: true },
        });
        return changed ? JSON.stringify(json, null, 2) + '\n' : null;
      },
    },
  ),
  jsonInstaller(
    'copilot',
    (ctx) => (ctx.project ? join(ctx.projectDir, '.github/hooks/airlock.json') : join(ctx.env.COPILOT_HOME || join(ctx.home, '.copilot'), 'hooks/airlock.json')),
    (ctx) => copilotEntries(ctx),
    (ctx) => exists(ctx.env.COPILOT_HOME || join(ctx.home, '.copilot')) || ctx.onPath('copilot'),
    {
      add(existing, ctx) {
        const json = parseJson(existing, 'airlock.json');
        json.version = 1;
        return addHookEntries(json, copilotEntries(ctx)) ? JSON.stringify(json, null, 2) + '\n' : null;
      },
    },
  ),
  {
    // Codex hooks cannot ask; Codex's own execpolicy rules can. These `prompt` rules make Codex ask the
    // human for the incident commands even before the hook is trusted in /hooks.
    id: 'codex-rules',
    agent: 'codex',
    file: (ctx) => (ctx.project ? join(ctx.projectDir, '.codex/rules/airlock.rules') : join(ctx.env.CODEX_HOME || join(ctx.home, '.codex'), 'rules/airlock.rules')),
    detect: (ctx) => exists(ctx.env.CODEX_HOME || join(ctx.home, '.codex')) || ctx.onPath('codex'),
    add(existing) {
      return existing === CODEX_RULES ? null : CODEX_RULES;
    },
    remove: () => null,
    humanStep: 'Restart Codex so it loads rules/airlock.rules.',
  },
  {
    id: 'opencode',
    agent: 'opencode',
    file: (ctx) => (ctx.project ? join(ctx.projectDir, '.opencode/plugins/airlock.js') : join(ctx.env.XDG_CONFIG_HOME || join(ctx.home, '.config'), 'opencode/plugins/airlock.js')),
    detect: (ctx) => exists(join(ctx.env.XDG_CONFIG_HOME || join(ctx.home, '.config'), 'opencode'), join(ctx.home, '.opencode')) || ctx.onPath('opencode'),
    add(existing, ctx) {
      const source = openCodePlugin(hookFor(ctx, 'opencode'), ctx.timeoutMs('opencode'));
      return existing === source ? null : source;
    },
    remove: () => null,
  },
  jsonInstaller(
    'windsurf',
    (ctx) => dirOr(ctx, '.codeium/windsurf/hooks.json', '.windsurf/hooks.json'),
    (ctx) => ({
      pre_run_command: { command: hookFor(ctx, 'windsurf'), show_output: true },
      pre_write_code: { command: hookFor(ctx, 'windsurf'), show_output: true },
      pre_mcp_tool_use: { command: hookFor(ctx, 'windsurf'), show_output: true },
    }),
    (ctx) => exists(join(ctx.home, '.codeium/windsurf')) || ctx.onPath('windsurf'),
  ),
];

const CODEX_RULES = `# ${MARKER}: installed by \`airlock init\`; removed by \`airlock uninstall\`.
# Codex asks the human before these, whatever the hook says; the hook judges everything else.
prefix_rule(pattern = ["terraform", ["destroy"]], decision = "prompt", justification = "Destroys every resource in the Terraform state", match = ["terraform destroy -auto-approve"], not_match = ["terraform plan"])
prefix_rule(pattern = ["tofu", ["destroy"]], decision = "prompt", justification = "Destroys every resource in the OpenTofu state", match = ["tofu destroy"], not_match = ["tofu plan"])
prefix_rule(pattern = ["npx", "prisma", ["migrate", "db"], ["reset", "push"]], decision = "prompt", justification = "Prisma resets or pushes schema changes that can drop data", match = ["npx prisma migrate reset --force", "npx prisma db push --accept-data-loss"], not_match = ["npx prisma migrate status"])
prefix_rule(pattern = ["npx", "drizzle-kit", "push"], decision = "prompt", justification = "drizzle-kit push applies schema changes directly", match = ["npx drizzle-kit push --force"], not_match = ["npx drizzle-kit generate"])
prefix_rule(pattern = ["supabase", "db", "reset"], decision = "prompt", justification = "Resets the database", match = ["supabase db reset --linked"], not_match = ["supabase db diff"])
prefix_rule(pattern = ["kubectl", "delete"], decision = "prompt", justification = "Deletes Kubernetes resources", match = ["kubectl delete namespace production"], not_match = ["kubectl get pods"])
prefix_rule(pattern = ["dropdb"], decision = "prompt", justification = "Deletes a whole database", match = ["dropdb app"], not_match = ["createdb app"])
prefix_rule(pattern = ["git", "push", ["--force", "-f"]], decision = "prompt", justification = "Overwrites the remote branch", match = ["git push --force origin main"], not_match = ["git push origin main"])
prefix_rule(pattern = ["git", "reset", "--hard"], decision = "prompt", justification = "Discards uncommitted work", match = ["git reset --hard"], not_match = ["git reset --soft HEAD~1"])
`;

/** The OpenCode plugin: calls the hook and throws its reason, which is how OpenCode plugins block. */
function openCodePlugin(command: string, timeoutMs: number): string {
  return `// ${MARKER}: installed by \`airlock init\`; removed by \`airlock uninstall\`. It asks airlock before every tool call.
import { spawnSync } from "node:child_process"

const HOOK = ${JSON.stringify(command)}

export const Airlock = async ({ directory }) => ({
  "tool.execute.before": async (input, output) => {
    const payload = JSON.stringify({ tool: input.tool, sessionID: input.sessionID, callID: input.callID, directory, args: output.args })
    const run = spawnSync("/bin/sh", ["-c", HOOK], { input: payload, encoding: "utf8", timeout: ${timeoutMs} })
    let answer
    try {
      answer = JSON.parse(run.stdout)
    } catch {
      throw new Error("airlock could not check this tool call, so it is blocked: " + (run.stderr || run.error?.message || "no answer"))
    }
    // Only the wrapper's exit 0 says the hook really answered (see runtime.ts).
    if (answer.decision !== "allow" || run.status !== 0) throw new Error(answer.reason || "blocked by airlock")
  },
  // After a shell command: its exit status goes to the audit log. It can't undo what ran, so it never throws.
  "tool.execute.after": async (input, output) => {
    if (input.tool !== "bash") return
    const payload = JSON.stringify({ event: "tool.execute.after", tool: input.tool, sessionID: input.sessionID, callID: input.callID, directory, args: input.args, exit: output?.metadata?.exit })
    const run = spawnSync("/bin/sh", ["-c", HOOK], { input: payload, encoding: "utf8", timeout: ${timeoutMs} })
    if (run.status !== 0 || run.stderr) console.error("airlock: " + (run.stderr || "the outcome was not recorded"))
  },
})
`;
}

// ── the manifest: what init touched, so uninstall can put it back ─────────────────────────────────────

interface ManifestEntry {
  installer: string;
  agent: AgentName;
  file: string;
  /** The file's bytes before init, base64; null when it did not exist. */
  before: string | null;
  /** sha256 of what init wrote, to tell whether someone changed it since. */
  written: string;
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** The manifest can't be read as what init writes: it holds the only copies of the files init changed, so nothing may overwrite it. */
export class ManifestDamaged extends Error {}

/** An entry as init writes it. */
function isManifestEntry(e: unknown): e is ManifestEntry {
  return (
    isObject(e) && typeof e.installer === 'string' && typeof e.agent === 'string' && typeof e.file === 'string' && (e.before === null || typeof e.before === 'string') && typeof e.written === 'string'
  );
}

export class InstallManifest {
  constructor(readonly file: string) {}

  /** What init touched: none when there is no manifest yet. Throws ManifestDamaged, never reads a damaged one as empty. */
  read(): ManifestEntry[] {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new ManifestDamaged(`the install manifest ${this.file} can't be read: ${(error as Error).message}`);
    }
    const entries = jsonOf(text);
    if (!Array.isArray(entries)) throw new ManifestDamaged(`the install manifest ${this.file} is damaged: it is ${entries === undefined ? 'not JSON' : 'not a list of entries'}`);
    const bad = entries.findIndex((e) => !isManifestEntry(e));
    if (bad >= 0) throw new ManifestDamaged(`the install manifest ${this.file} is damaged: entry ${bad + 1} is not one init writes`);
    return entries as ManifestEntry[];
  }

  write(entries: ManifestEntry[]): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    writeFileSync(this.file, JSON.stringify(entries, null, 2) + '\n', { mode: 0o600 });
  }
}

export interface InitResult {
  agent: AgentName;
  file: string;
  status: 'installed' | 'already installed' | 'not detected' | 'failed';
  detail?: string;
  humanStep?: string;
}

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Notes in the manifest what `file` held before airlock first touched it, and the hash of what airlock
 * writes now, so that uninstall can put it back exactly. Call it before writing.
 */
export function rememberBeforeWrite(manifest: InstallManifest, installer: string, agent: AgentName, file: string, existing: string | null, next: string): void {
  const entries = manifest.read();
  const known = entries.find((e) => e.file === file);
  if (!known) entries.push({ installer, agent, file, before: existing === null ? null : Buffer.from(existing).toString('base64'), written: sha(next) });
  else known.written = sha(next);
  manifest.write(entries);
}

/** Trust recorded in Codex's config.toml (cli/codex-trust-step.ts). Changed since by someone else, it is left alone: it is inert once the hook is gone. */
const CODEX_TRUST: Pick<Installer, 'remove'> = { remove: (text) => text };

export function init(ctx: InstallContext, manifest: InstallManifest, agents: AgentName[] | 'detected'): InitResult[] {
  const results: InitResult[] = [];
  for (const inst of INSTALLERS) {
    const file = inst.file(ctx);
    if (agents === 'detected' ? !inst.detect(ctx) : !agents.includes(inst.agent)) {
      if (agents === 'detected') results.push({ agent: inst.agent, file, status: 'not detected' });
      continue;
    }
    try {
      const existing = readOrNull(file);
      const next = inst.add(existing, ctx);
      if (next === null) {
        results.push({ agent: inst.agent, file, status: 'already installed' });
        continue;
      }
      // The first time airlock touches a file, remember exactly what was there.
      rememberBeforeWrite(manifest, inst.id, inst.agent, file, existing, next);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, next);
      results.push({ agent: inst.agent, file, status: 'installed', ...(inst.humanStep ? { humanStep: inst.humanStep } : {}) });
    } catch (error) {
      results.push({ agent: inst.agent, file, status: 'failed', detail: (error as Error).message });
    }
  }
  return results;
}

export interface UninstallResult {
  agent: AgentName;
  file: string;
  status: 'restored' | 'removed' | 'entries removed' | 'failed';
  detail?: string;
}

export function uninstall(manifest: InstallManifest): UninstallResult[] {
  const results: UninstallResult[] = [];
  const remaining: ManifestEntry[] = [];
  for (const entry of manifest.read()) {
    const inst = entry.installer === 'codex-trust' ? CODEX_TRUST : INSTALLERS.find((i) => i.id === (entry.installer ?? entry.agent));
    if (!inst) {
      remaining.push(entry);
      results.push({ agent: entry.agent, file: entry.file, status: 'failed', detail: `no installer ${entry.installer} in this version of airlock` });
      continue;
    }
    try {
      const current = readOrNull(entry.file);
      if (current !== null && sha(current) !== entry.written) {
        // Someone changed the file since: take out only airlock's entries and keep their changes.
        const next = inst.remove(current);
        if (next === null) rmSync(entry.file, { force: true });
        else writeFileSync(entry.file, next);
        results.push({ agent: entry.agent, file: entry.file, status: 'entries removed', detail: "the file changed after airlock was installed, so only airlock's entries were taken out" });
        continue;
      }
      if (entry.before === null) {
        rmSync(entry.file, { force: true });
        results.push({ agent: entry.agent, file: entry.file, status: 'removed' });
      } else {
        writeFileSync(entry.file, Buffer.from(entry.before, 'base64'));
        results.push({ agent: entry.agent, file: entry.file, status: 'restored' });
      }
    } catch (error) {
      remaining.push(entry);
      results.push({ agent: entry.agent, file: entry.file, status: 'failed', detail: (error as Error).message });
    }
  }
  manifest.write(remaining);
  return results;
}
