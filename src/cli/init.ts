// `airlock init`, `airlock uninstall`, `airlock doctor`: putting the hook into each agent, taking it
// out again exactly, and checking that every installed hook really answers.

import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { adapterFor } from '../agents/index.js';
import { init, INSTALLERS, InstallManifest, uninstall, type InstallContext } from '../agents/install.js';
import type { AgentName } from '../agents/types.js';
import { stateDirectory } from '../policy/grants.js';
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

/** The hook command agents run: absolute node and hook paths, as agents run hooks with a thin PATH. */
function hookCommand(): string {
  const hook = fileURLToPath(new URL('./hook.cjs', import.meta.url));
  if (!existsSync(hook)) throw new Error(`the hook bundle is missing at ${hook}; run npm run build`);
  const q = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return `${q(process.execPath)} ${q(hook)}`;
}

function context(project: boolean): InstallContext {
  const e = processEnv();
  return { home: e.HOME ?? '', projectDir: process.cwd(), project, hookCommand: hookCommand(), onPath, env: e };
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
    ctx = context(!!values.project);
  } catch (error) {
    process.stderr.write(`airlock init: ${(error as Error).message}\n`);
    return 1;
  }
  if (!values.yes) {
    if (!process.stdin.isTTY) {
      process.stderr.write('airlock init changes your agents\' settings; run it at a terminal, or pass --yes to confirm without one.\n');
      return 2;
    }
    const planned = INSTALLERS.filter((i) => (names.length ? names.includes(i.agent) : i.detect(ctx)));
    process.stdout.write(`airlock will add its hook to:\n${planned.map((i) => `  ${i.agent.padEnd(12)} ${i.file(ctx)}`).join('\n')}\nEvery file is backed up first; \`airlock uninstall\` puts each back exactly.\n`);
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
  const steps = results.filter((r) => r.humanStep);
  if (steps.length) process.stdout.write(`\nStill needs you:\n${steps.map((r) => `  ${r.agent}: ${r.humanStep}`).join('\n')}\n`);
  if (!results.some((r) => r.status === 'installed' || r.status === 'already installed')) process.stdout.write('\nNo agent found. Name one with --agent (claude-code, codex, gemini, cursor, copilot, opencode, windsurf).\n');
  return failed ? 1 : 0;
}

export async function runUninstall(argv: string[]): Promise<number> {
  if (!argv.includes('--yes') && !argv.includes('-y') && !process.stdin.isTTY) {
    process.stderr.write('airlock uninstall removes airlock from your agents; run it at a terminal, or pass --yes.\n');
    return 2;
  }
  const results = uninstall(manifest());
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

export async function runDoctor(): Promise<number> {
  let ctx: InstallContext;
  try {
    ctx = context(false);
  } catch (error) {
    process.stderr.write(`airlock doctor: ${(error as Error).message}\n`);
    return 1;
  }
  let bad = 0;
  for (const inst of INSTALLERS) {
    const files = [inst.file(ctx), inst.file({ ...ctx, project: true })];
    const installed = files.find((f) => existsSync(f) && (spawnSync('grep', ['-q', 'hook.cjs', f]).status === 0));
    if (!installed) {
      process.stdout.write(`${inst.agent.padEnd(12)} not installed\n`);
      continue;
    }
    const run = (command: string) => {
      const start = Date.now();
      const r = spawnSync('sh', ['-c', `${ctx.hookCommand} ${inst.agent}`], { input: JSON.stringify(SAMPLES[inst.agent](command)), encoding: 'utf8', timeout: 10_000 });
      return { ms: Date.now() - start, out: r.stdout + r.stderr, code: r.status };
    };
    const allow = run('git status');
    const block = run('rm -rf ~');
    const allowed = allow.code === 0 && !/deny|never allowed/.test(allow.out);
    const blocked = block.code === 2 || /deny|never allowed/.test(block.out);
    const fast = allow.ms <= BUDGET_MS && block.ms <= BUDGET_MS;
    const ok = allowed && blocked && fast;
    if (!ok) bad++;
    process.stdout.write(`${inst.agent.padEnd(12)} ${ok ? 'ok  ' : 'FAIL'} allow ${allow.ms} ms, block ${block.ms} ms${!allowed ? '; a harmless command was not allowed' : ''}${!blocked ? '; rm -rf ~ was not blocked' : ''}${!fast ? `; slower than ${BUDGET_MS} ms` : ''}  (${installed})\n`);
  }
  return bad ? 1 : 0;
}
