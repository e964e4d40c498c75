// Agent settings that let everything run: Claude Code permission rules that allow every shell command,
// bypass modes on by default, hooks switched off; Codex never asking with full access; and agents that
// run without airlock's hook. Pure: settings texts in, findings out.

import type { ScanFinding } from './findings.js';

type Json = Record<string, unknown>;

const parsed = (text: string): Json | null => {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null;
  } catch {
    return null;
  }
};

/** Claude Code's permission rules that match every shell command: `Bash`, `Bash(*)`, `Bash(:*)`. */
const EVERY_COMMAND = /^Bash(?:\(\s*(?:\*|:\*|\*\*)\s*\))?$/;

export function claudeSettings(file: string, text: string): ScanFinding[] {
  const s = parsed(text);
  if (!s) return [{ id: 'agents/unreadable-settings', severity: 'warning', message: 'Claude Code settings that are not JSON: what they allow cannot be checked', where: file, fix: 'fix the JSON' }];
  const out: ScanFinding[] = [];
  const permissions = (s.permissions ?? {}) as Json;
  const allow = Array.isArray(permissions.allow) ? permissions.allow.filter((r): r is string => typeof r === 'string') : [];
  for (const rule of allow.filter((r) => EVERY_COMMAND.test(r.trim())))
    out.push({
      id: 'agents/claude-allows-every-command',
      severity: 'warning',
      message: `permissions.allow has ${JSON.stringify(rule)}: Claude runs every shell command without asking (airlock's hook still judges each one)`,
      where: file,
      fix: 'allow specific commands instead, like "Bash(npm test)" or "Bash(git status)"',
    });
  if (permissions.defaultMode === 'bypassPermissions')
    out.push({
      id: 'agents/claude-bypass-default',
      severity: 'error',
      message: 'permissions.defaultMode is bypassPermissions: Claude skips every permission prompt by default',
      where: file,
      fix: 'remove defaultMode, or set it to "default"',
    });
  if (s.disableAllHooks === true)
    out.push({ id: 'agents/claude-hooks-disabled', severity: 'error', message: "disableAllHooks is true: Claude Code runs no hooks, airlock's included", where: file, fix: 'remove disableAllHooks' });
  return out;
}

/** Gemini CLI's settings: YOLO (approve every tool call) as the default approval mode (general.defaultApprovalMode, in gemini-cli's settings schema). */
export function geminiSettings(file: string, text: string): ScanFinding[] {
  const s = parsed(text);
  if (!s) return [{ id: 'agents/unreadable-settings', severity: 'warning', message: 'Gemini CLI settings that are not JSON: what they allow cannot be checked', where: file, fix: 'fix the JSON' }];
  const general = (s.general ?? {}) as Json;
  return general.defaultApprovalMode === 'yolo'
    ? [
        {
          id: 'agents/gemini-yolo-default',
          severity: 'error',
          message: 'general.defaultApprovalMode is "yolo": Gemini CLI approves every tool call by default',
          where: file,
          fix: 'remove defaultApprovalMode, or set it to "default"',
        },
      ]
    : [];
}

/** Codex's config.toml: never asking, with no sandbox. Read by key, line by line (its TOML here is flat). */
export function codexConfig(file: string, text: string): ScanFinding[] {
  const value = (key: string) => new RegExp(`^\\s*${key}\\s*=\\s*"([^"]*)"`, 'm').exec(text)?.[1];
  const out: ScanFinding[] = [];
  if (value('approval_policy') === 'never')
    out.push({ id: 'agents/codex-never-asks', severity: 'warning', message: 'approval_policy = "never": Codex runs commands without asking', where: file, fix: 'set approval_policy = "on-request"' });
  if (value('sandbox_mode') === 'danger-full-access')
    out.push({
      id: 'agents/codex-no-sandbox',
      severity: 'warning',
      message: 'sandbox_mode = "danger-full-access": Codex commands run without its sandbox',
      where: file,
      fix: 'set sandbox_mode = "workspace-write"',
    });
  return out;
}

/** An agent that is set up on this machine (its settings folder or program is there) with no airlock hook installed. */
export function agentWithoutHook(agent: string, files: readonly string[]): ScanFinding {
  return {
    id: 'agents/no-airlock-hook',
    severity: 'error',
    message: `${agent} is set up here, and runs without airlock's hook: nothing it proposes is judged`,
    where: files[0] ?? agent,
    fix: `airlock init --agent ${agent}`,
  };
}
