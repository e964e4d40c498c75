import assert from 'node:assert/strict';
import { execFileSync, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ShellRequest } from '../src/core/request.js';
import { judge } from '../src/runtime/judge.js';
import type { Decision } from '../src/core/decision.js';
import { defaultPolicy, type Policy } from '../src/policy/policy.js';
import type { Grant } from '../src/core/grant.js';

export const projectRoot = new URL('..', import.meta.url).pathname.replace(/\/build\/$/, '/').replace(/\/$/, '');

/** An empty working directory and an empty HOME, as the corpus acceptance asks. */
export const emptyDir = mkdtempSync(join(tmpdir(), 'airlock-empty-cwd-'));
export const emptyHome = mkdtempSync(join(tmpdir(), 'airlock-empty-home-'));

/** The verdict under the default policy (or the one given) with no grants, as the tests intend. */
export async function check(command: string, request: Partial<ShellRequest> = {}, policy: Policy = defaultPolicy(), grants: Grant[] = []): Promise<Decision> {
  return (await judge({ command, cwd: emptyDir, env: { HOME: emptyHome }, ...request }, { policy, grants })).decision;
}

const toRemove = new Set<string>();

/** Removes a temporary folder when this test process ends; AIRLOCK_TEST_KEEP=1 keeps it for a look. */
export function removeAtExit(dir: string): void {
  if (process.env.AIRLOCK_TEST_KEEP) return;
  // One exit listener for all of them: a test file making many folders must not trip Node's leak warning.
  if (toRemove.size === 0)
    process.on('exit', () => {
      for (const d of toRemove) rmSync(d, { recursive: true, force: true });
    });
  toRemove.add(dir);
}

/** A new temporary folder, removed when this test process ends. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `airlock-${prefix}-`));
  removeAtExit(dir);
  return dir;
}

/** git in `dir` with no system or user configuration, so the machine's settings can't change a test. */
export const plainGit = (dir: string, ...args: string[]) =>
  execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } });

/** Makes `dir` a repository on branch main with a committer set. */
export function initRepo(dir: string): void {
  plainGit(dir, 'init', '-q', '-b', 'main');
  plainGit(dir, 'config', 'user.email', 'dev@example.com');
  plainGit(dir, 'config', 'user.name', 'dev');
}

/** A small seeded PRNG, so generated test inputs are the same on every run. */
export function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every file under `root`, with its path relative to it and its bytes read as latin1 (to search for ASCII secrets). */
export function filesUnder(root: string): Array<[file: string, bytes: string]> {
  const out: Array<[string, string]> = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push([path.slice(root.length + 1), readFileSync(path).toString('latin1')]);
    }
  };
  walk(root);
  return out;
}

/** The CLI and the hook as installed from this checkout, and the pseudo-terminal driver that plays a human at a terminal. */
export const BIN = join(projectRoot, 'bin/airlock.mjs');
export const HOOK = join(projectRoot, 'dist/hook.cjs');
const PTY = join(projectRoot, 'test/fixtures/pty-run.py');

/** What an airlock process under test runs with: its own HOME, its state inside it, no organisation policy. */
export function airlockEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: home, AIRLOCK_STATE_DIR: join(home, 'state'), AIRLOCK_ORG_POLICY: '/nonexistent/org.yaml', NO_COLOR: '1', ...extra };
}

/** The agents airlock installs hooks into, by the name `airlock init --agent` and the hook take. */
export const AGENTS = ['claude-code', 'codex', 'gemini', 'cursor', 'copilot', 'opencode', 'windsurf'] as const;
export type Agent = (typeof AGENTS)[number];

/** Each agent's own payload for a shell command (test/fixtures/agents has the full captured ones). */
export const SHELL_PAYLOADS: Record<Agent, (command: string, cwd: string) => unknown> = {
  'claude-code': (command, cwd) => ({ session_id: 's', cwd, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } }),
  codex: (command, cwd) => ({ session_id: 's', turn_id: 't', cwd, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_use_id: 'c', tool_input: { command } }),
  gemini: (command, cwd) => ({ session_id: 's', cwd, hook_event_name: 'BeforeTool', tool_name: 'run_shell_command', tool_input: { command } }),
  cursor: (command, cwd) => ({ conversation_id: 's', hook_event_name: 'beforeShellExecution', workspace_roots: [cwd], command }),
  copilot: (command, cwd) => ({ sessionId: 's', cwd, toolName: 'bash', toolArgs: { command } }),
  opencode: (command, cwd) => ({ tool: 'bash', sessionID: 's', directory: cwd, args: { command } }),
  windsurf: (command, cwd) => ({ agent_action_name: 'pre_run_command', tool_info: { command_line: command, cwd } }),
};
export const claudeCodePayload = SHELL_PAYLOADS['claude-code'];

/** Runs the built hook once for `agent`, with `payload` (as JSON unless it is text already) on its stdin. */
export function runHook(agent: string, payload: unknown, options: { env: Record<string, string>; cwd: string }): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [HOOK, agent], { input: typeof payload === 'string' ? payload : JSON.stringify(payload), encoding: 'utf8', ...options });
}

/** The agent, through the real Claude Code hook, proposing `command` in `dir`: allowed, or held with the reason and the approval request's id. */
export function agentProposes(command: string, dir: string, env: Record<string, string>): { allowed: boolean; reason: string; id: string | undefined } {
  const r = runHook('claude-code', claudeCodePayload(command, dir), { env, cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  const reason = r.stdout ? (JSON.parse(r.stdout).hookSpecificOutput.permissionDecisionReason as string) : '';
  return { allowed: r.stdout === '', reason, id: /approval request ([a-z2-9]{6})/.exec(reason)?.[1] };
}

/** The agent, through the real Claude Code hook, reporting that `command` ran in `dir` and ended with `exitCode` (PostToolUse). */
export function agentReportsOutcome(command: string, dir: string, env: Record<string, string>, exitCode = 0): void {
  const payload = { session_id: 's', cwd: dir, hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: { command }, tool_response: { stdout: '', stderr: '', exit_code: exitCode } };
  const r = runHook('claude-code', payload, { env, cwd: dir });
  assert.equal(r.status, 0, r.stderr);
}

/**
 * A home with airlock's state in it and a project whose policy holds destroys for a human even where
 * the target is local (as a team would set it to try approvals); no safety copies unless asked for.
 */
export function projectHoldingDestroys(prefix: string, options: { copies?: boolean } = {}): { home: string; dir: string; env: Record<string, string> } {
  const home = scratchDir(prefix);
  const dir = join(home, 'project');
  mkdirSync(join(dir, '.airlock'), { recursive: true });
  writeFileSync(join(dir, '.airlock/policy.yaml'), `${options.copies ? '' : 'safety_copies: { enabled: false }\n'}matrix:\n  local: { destroy: approve }\n  unknown: { destroy: approve }\n`);
  return { home, dir, env: airlockEnv(home) };
}

/** What `airlock check --json` answers, as the preflight tests read it. */
export interface CheckedJson {
  verdict: string;
  findings: { rule: string; effect: string; summary: string; preflight?: Record<string, unknown> }[];
}

/** `airlock check --json --cwd DIR COMMAND` as a separate process with airlock's state in `home`; it must say nothing on stderr. */
export function checkIn(dir: string, command: string, home: string, extra: Record<string, string> = {}): CheckedJson {
  const r = spawnSync(process.execPath, [BIN, 'check', '--json', '--cwd', dir, command], { encoding: 'utf8', cwd: dir, env: airlockEnv(home, extra) });
  assert.equal(r.stderr, '', r.stderr);
  return JSON.parse(r.stdout) as CheckedJson;
}

/** Runs `airlock args…` in a pseudo-terminal, answering each prompt that contains the first text with the second: a human at a terminal. */
export function inTerminal(env: Record<string, string>, args: string[], answers: [string, string][]): { status: number; output: string } {
  const r = spawnSync('python3', [PTY, JSON.stringify([process.execPath, BIN, ...args]), JSON.stringify(answers)], { encoding: 'utf8', env });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { status: number; output: string };
}

/** A human approving held request `id` at a terminal, typing its environment as `airlock pending` lists it, as approving asks. */
export function approveInTerminal(env: Record<string, string>, id: string, ...flags: string[]): { status: number; output: string } {
  const pending = spawnSync(process.execPath, [BIN, 'pending', '--json'], { encoding: 'utf8', env }).stdout.split('\n').filter(Boolean);
  const environment = (pending.map((l) => JSON.parse(l)).find((r) => r.id === id) as { request: { environment: string } }).request.environment;
  return inTerminal(env, ['approve', id, ...flags], [['to approve', environment]]);
}

/**
 * An agent's `command` in `dir` held as a destroy (the project's policy set to hold destroys for a
 * human even where local), the hold's reason matching `reason`, approved by a human at a terminal, which
 * keeps a safety copy first, and allowed once on the retry: the human's output and how to restore the copy.
 */
export function approvedWithCopy(command: string, dir: string, reason: RegExp): { output: string; restore: string } {
  writeFileSync(join(dir, '.airlock/policy.yaml'), 'matrix:\n  local: { destroy: approve }\n  unknown: { destroy: approve }\n');
  const home = scratchDir('copy-home');
  const env = airlockEnv(home, { AIRLOCK_DATA_DIR: join(home, 'data') });
  const held = agentProposes(command, dir, env);
  assert.equal(held.allowed, false);
  assert.ok(held.id, held.reason);
  assert.match(held.reason, reason);
  const approved = approveInTerminal(env, held.id);
  assert.equal(approved.status, 0, approved.output);
  const restore = /to restore: (.+)/.exec(approved.output)?.[1]?.trim();
  assert.ok(restore, approved.output);
  assert.equal(agentProposes(command, dir, env).allowed, true, 'the retry is allowed once');
  return { output: approved.output, restore };
}

/**
 * The end of a hunt for leaked secrets: every file of the state directory (which must hold the audit
 * database) is searched with `look` too, each command is checked to hold its secret, so there was
 * something to find, and the test fails naming every credential form that leaked (`leaks` are
 * `form — where` lines).
 */
export function expectNoLeaks(state: string, look: (where: string, text: string) => void, leaks: string[], credentials: ReadonlyArray<readonly [form: string, command: string, secret: string]>): void {
  const files = filesUnder(state);
  assert.ok(
    files.some(([f]) => f.startsWith('audit.db')),
    `the audit database is where the test reads it: ${files.map(([f]) => f).join(', ')}`,
  );
  for (const [file, bytes] of files) look(file, bytes);
  for (const [form, command, secret] of credentials) assert.ok(command.includes(secret), form);
  const forms = [...new Set(leaks.map((l) => l.slice(0, l.indexOf(' — '))))];
  assert.deepEqual(leaks, [], `secrets leaked for ${forms.length} forms (${forms.join('; ')}):\n${leaks.slice(0, 80).join('\n')}`);
}

/** `airlock approve ID` at a terminal, the human typing the environment's name when asked; fails unless it is approved. Its output. */
export function approveAtTerminal(env: Record<string, string>, id: string, environment = 'production'): string {
  const result = inTerminal(env, ['approve', id], [['to approve', environment]]);
  assert.equal(result.status, 0, result.output);
  return result.output;
}

/** Runs `statement` on the SQLite file `db` with the sqlite3 program, as anyone able to write the state can; its output, trimmed. */
export function sqlite3(db: string, statement: string): string {
  const r = spawnSync('sqlite3', [db, statement], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

/** What a child process prints, gathered as it comes. */
export function outputOf(child: ChildProcess): { stdout: string; stderr: string } {
  const out = { stdout: '', stderr: '' };
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (out.stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (out.stderr += d));
  return out;
}

/** The exit code of a child process once it ends (-1 when a signal ended it). */
export const exitOf = (child: ChildProcess) =>
  // A child that has exited already has nothing more to say: its exit event was before this listener.
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve(child.exitCode ?? -1) : new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));

/** Asks `find` every 100 ms until it answers, up to ten seconds; undefined if it never does. */
export async function poll<T>(find: () => T | undefined): Promise<T | undefined> {
  for (let i = 0; i < 100; i++) {
    const found = find();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}
