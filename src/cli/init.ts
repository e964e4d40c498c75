// `airlock init`, `airlock uninstall`, `airlock doctor`: putting the hook into each agent, taking it
// out again exactly, and checking that every installed hook really answers.

import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { adapterFor } from '../agents/index.js';
import { init, INSTALLERS, InstallManifest, ManifestDamaged, uninstall, type InstallContext } from '../agents/install.js';
import type { AgentName } from '../agents/types.js';
import { dataDirectory, stateDirectory } from '../runtime/locations.js';
import { installedTimeoutMs } from '../agents/budget.js';
import { filesOfHookCommand, hookCommand, hookCommandsIn, installRuntime } from '../agents/runtime.js';
import { loadPolicy, policyLocations } from '../facts/policy-files.js';
import { codexTrustProblem, settleCodexTrust } from './codex-trust-step.js';
import { processEnv } from './process-env.js';
import { ask } from './terminal.js';

function onPath(program: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The checkout (or installed package) this CLI runs from: dist/ is beside bin/. */
const packageRoot = () => fileURLToPath(new URL('..', import.meta.url));

/**
 * What `init` installs into the agents: a hook runtime copied into airlock's data directory, run by
 * absolute paths (agents run hooks with a thin PATH), with a time limit that makes room for the
 * policy's approvals.wait where the agent lets airlock set one.
 */
async function context(project: boolean): Promise<InstallContext> {
  const e = processEnv();
  const runtime = installRuntime(packageRoot(), dataDirectory(e), process.execPath);
  const policy = await loadPolicy(policyLocations(process.cwd(), e));
  const timeoutMs = (agent: AgentName) => installedTimeoutMs(adapterFor(agent)!, policy.approvals.waitMs);
  return { home: e.HOME ?? '', projectDir: process.cwd(), project, hookCommand: (agent) => hookCommand(runtime, agent, timeoutMs(agent)), timeoutMs, onPath, env: e };
}

const manifest = () => new InstallManifest(join(stateDirectory(processEnv()), 'install', 'manifest.json'));

export async function runInit(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { agent: { type: 'string', multiple: true }, project: { type: 'boolean' }, yes: { type: 'boolean', short: 'y' } } });
  } catch (error) {
    process.stderr.write(`airlock init: ${(error as Error).message}\nusage: airlock init [--agent NAME]... [--project] [--yes]\n`);
    return 2;
  }
  const { values } = parsed;
  const names = (values.agent ?? []).map((a) => adapterFor(a)?.name ?? a);
  const unknown = names.filter((n) => !INSTALLERS.some((i) => i.agent === n));
  if (unknown.length) {
    process.stderr.write(`airlock init: unknown agent ${unknown.join(', ')}; known: ${INSTALLERS.map((i) => i.agent).join(', ')}\n`);
    return 2;
  }
  let ctx: InstallContext;
  try {
    ctx = await context(!!values.project);
  } catch (error) {
    process.stderr.write(`airlock init: ${(error as Error).message}\n`);
    return 1;
  }
  if (!values.yes) {
    if (!process.stdin.isTTY) {
      process.stderr.write("airlock init changes your agents' settings; run it at a terminal, or pass --yes to confirm without one.\n");
      return 2;
    }
    const planned = INSTALLERS.filter((i) => (names.length ? names.includes(i.agent) : i.detect(ctx)));
    process.stdout.write(
      `airlock will add its hook to:\n${planned.map((i) => `  ${i.agent.padEnd(12)} ${i.file(ctx)}`).join('\n')}\nEvery file is backed up first; \`airlock uninstall\` puts each back exactly.\n`,
    );
    const answer = (await ask('Go ahead? [y/N] ')).toLowerCase();
    if (answer !== 'y' && answer !== 'yes') {
      process.stdout.write('Nothing changed.\n');
      return 1;
    }
  }
  const results = init(ctx, manifest(), names.length ? (names as AgentName[]) : 'detected');
  let failed = 0;
  for (const r of results) {
    if (r.status === 'failed') failed++;
    process.stdout.write(`${r.agent.padEnd(12)} ${r.status.padEnd(18)} ${r.file}${r.detail ? `\n             ${r.detail}` : ''}\n`);
  }
  // Codex skips a hook nobody has trusted: settle that now, or say what is left (codex-trust-step.ts).
  const codexTrusted = await settleCodexTrust(results, ctx.env);
  const steps = results.filter((r) => r.humanStep);
  if (steps.length) process.stdout.write(`\nStill needs you:\n${steps.map((r) => `  ${r.agent}: ${r.humanStep}`).join('\n')}\n`);
  if (!results.some((r) => r.status === 'installed' || r.status === 'already installed'))
    process.stdout.write('\nNo agent found. Name one with --agent (claude-code, codex, gemini, cursor, copilot, opencode, windsurf).\n');
  return failed || !codexTrusted ? 1 : 0;
}

export async function runUninstall(argv: string[]): Promise<number> {
  if (!argv.includes('--yes') && !argv.includes('-y') && !process.stdin.isTTY) {
    process.stderr.write('airlock uninstall removes airlock from your agents; run it at a terminal, or pass --yes.\n');
    return 2;
  }
  let results;
  try {
    results = uninstall(manifest());
    // With nothing left that runs it, the hook runtime goes too.
    if (manifest().read().length === 0) rmSync(join(dataDirectory(processEnv()), 'runtime'), { recursive: true, force: true });
  } catch (error) {
    if (!(error instanceof ManifestDamaged)) throw error;
    process.stderr.write(
      `airlock uninstall: ${error.message}. Nothing was changed: it holds the only copies of the settings files as they were before airlock, so put back a good copy of it, or take airlock's hook out of each agent's settings by hand.\n`,
    );
    return 1;
  }
  if (results.length === 0) process.stdout.write('Nothing to uninstall: airlock has not installed any hook here.\n');
  for (const r of results) process.stdout.write(`${r.agent.padEnd(12)} ${r.status.padEnd(16)} ${r.file}${r.detail ? `\n             ${r.detail}` : ''}\n`);
  return results.some((r) => r.status === 'failed') ? 1 : 0;
}

/** Sample payloads for doctor: one command that must be allowed and one that must be blocked. */
const SAMPLES: Record<AgentName, (command: string) => unknown> = {
  'claude-code': (command) => ({ session_id: 'doctor', cwd: process.cwd(), hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } }),
  codex: (command) => ({ session_id: 'doctor', cwd: process.cwd(), hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } }),
  gemini: (command) => ({ session_id: 'doctor', cwd: process.cwd(), hook_event_name: 'BeforeTool', tool_name: 'run_shell_command', tool_input: { command } }),
  cursor: (command) => ({ conversation_id: 'doctor', hook_event_name: 'beforeShellExecution', workspace_roots: [process.cwd()], command }),
  copilot: (command) => ({ sessionId: 'doctor', cwd: process.cwd(), toolName: 'bash', toolArgs: JSON.stringify({ command }) }),
  opencode: (command) => ({ tool: 'bash', sessionID: 'doctor', directory: process.cwd(), args: { command } }),
  windsurf: (command) => ({ agent_action_name: 'pre_run_command', tool_info: { command_line: command, cwd: process.cwd() } }),
};

const BUDGET_MS = 2000;

/** Where each agent's files are, for commands that only read them (doctor, scan): no hook runtime is needed. */
export function locations(project: boolean, projectDir = process.cwd()): InstallContext {
  const e = processEnv();
  const none = () => {
    throw new Error('this command does not install anything');
  };
  return { home: e.HOME ?? '', projectDir, project, hookCommand: none, timeoutMs: none, onPath, env: e };
}

/** One row per agent: every installed hook command points at files that exist and really answers. */
export async function runDoctor(): Promise<number> {
  const ctx = locations(false);
  let bad = 0;
  for (const agent of [...new Set(INSTALLERS.map((i) => i.agent))]) {
    const files = INSTALLERS.filter((i) => i.agent === agent).flatMap((i) => [i.file(ctx), i.file({ ...ctx, project: true })]);
    const installed = [...new Set(files)].filter((f) => existsSync(f));
    const commands = [...new Set(installed.flatMap((f) => hookCommandsIn(readFileSync(f, 'utf8'))))];
    if (commands.length === 0) {
      process.stdout.write(`${agent.padEnd(12)} not installed\n`);
      continue;
    }
    const problems: string[] = [];
    for (const command of commands) {
      const files = filesOfHookCommand(command);
      if (files.length === 0) problems.push(`an installed hook command does not run airlock's hook bundle: ${command}`);
      for (const f of files.filter((file) => !existsSync(file))) problems.push(`the hook runs ${f}, which does not exist (every call is blocked until you run airlock init again)`);
    }
    // Probes run exactly what the agent runs, and are marked as probes in the audit log.
    const run = (command: string) => {
      const start = Date.now();
      const r = spawnSync('/bin/sh', ['-c', commands[0]!], {
        input: JSON.stringify(SAMPLES[agent](command)),
        encoding: 'utf8',
        timeout: 10_000,
        env: { ...process.env, AIRLOCK_PROBE: 'airlock doctor' },
      });
      return { ms: Date.now() - start, out: r.stdout + r.stderr, code: r.status };
    };
    const allow = run('git status');
    const block = run('rm -rf ~');
    if (!(allow.code === 0 && !/deny|never allowed|blocked/.test(allow.out))) problems.push(`a harmless command was not allowed: ${allow.out.trim().split('\n')[0] ?? ''}`);
    if (!(block.code === 2 || /deny|never allowed/.test(block.out))) problems.push('rm -rf ~ was not blocked');
    if (allow.ms > BUDGET_MS || block.ms > BUDGET_MS) problems.push(`slower than ${BUDGET_MS} ms`);
    // A hook that answers is no guard if Codex never runs it.
    const hooksFile = INSTALLERS.filter((i) => i.id === 'codex')
      .flatMap((i) => [i.file(ctx), i.file({ ...ctx, project: true })])
      .find((f) => installed.includes(f));
    const untrusted = agent === 'codex' && hooksFile ? codexTrustProblem(hooksFile, ctx.env) : null;
    if (untrusted) problems.push(untrusted);
    if (problems.length) bad++;
    process.stdout.write(
      `${agent.padEnd(12)} ${problems.length ? 'FAIL' : 'ok  '} allow ${allow.ms} ms, block ${block.ms} ms  (${installed.join(', ')})\n${problems.map((p) => `             ${p}\n`).join('')}`,
    );
  }
  return bad ? 1 : 0;
}
