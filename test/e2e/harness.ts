// What every end-to-end test in a real agent program needs: the agent's binary at its pinned version,
// a fresh HOME and project as a new user would have, airlock installed there with `airlock init`, and
// real things to lose (Terraform state, a folder of files, rows in PostgreSQL) with checks that they
// are still there. Each agent's scripted model server lives in test/e2e/models/.

import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot, removeAtExit } from '../helpers.js';

const AIRLOCK_BIN = join(projectRoot, 'bin/airlock.mjs');
const AGENTS = join(projectRoot, 'test/e2e/agents/node_modules');

export type E2EAgent = 'claude-code' | 'codex' | 'gemini' | 'opencode' | 'copilot';

/** Each agent's executable inside test/e2e/agents (installed by scripts/test-env.sh). */
const BINARIES: Record<E2EAgent, string> = {
  // The npm wrapper's install script links the native binary; npm does not run it here, so call the binary.
  'claude-code': '@anthropic-ai/claude-code-linux-x64/claude',
  codex: '.bin/codex',
  gemini: '.bin/gemini',
  opencode: '.bin/opencode',
  copilot: '.bin/copilot',
};

export function agentBinary(agent: E2EAgent): string | null {
  const file = join(AGENTS, BINARIES[agent]);
  return existsSync(file) ? file : null;
}

/**
 * `skip` for node:test: false when the agent is installed, else a loud reason. A skipped end-to-end
 * test is printed to stderr as well, so nobody mistakes a skip for a pass.
 */
export function skipUnlessInstalled(agent: E2EAgent): false | string {
  if (agentBinary(agent)) return false;
  const reason = `SKIPPED: the real ${agent} program is not installed in test/e2e/agents (npm install there failed); airlock is NOT tested end to end in ${agent}`;
  process.stderr.write(`\n*** ${reason} ***\n\n`);
  return reason;
}

/** A fresh user: an empty HOME with XDG directories, a project folder, and a plain environment. */
export interface Sandbox {
  home: string;
  project: string;
  stateDir: string;
  env: Record<string, string>;
}

export function sandbox(label: string): Sandbox {
  const root = mkdtempSync(join(tmpdir(), `airlock-e2e-${label}-`));
  // Each holds a hook runtime of ~7 MB.
  removeAtExit(root);
  const home = join(root, 'home');
  const project = join(root, 'project');
  mkdirSync(home, { recursive: true });
  mkdirSync(project, { recursive: true });
  const env: Record<string, string> = {
    HOME: home,
    USER: process.env.USER ?? 'root',
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'C.UTF-8',
    TERM: 'dumb',
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_STATE_HOME: join(home, '.local/state'),
    XDG_CACHE_HOME: join(home, '.cache'),
    // Terraform must not look for updates or a CLI config outside the sandbox.
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    TF_CLI_CONFIG_FILE: '/dev/null',
    NO_COLOR: '1',
    CI: 'true',
  };
  return { home, project, stateDir: join(home, '.local/state/airlock'), env };
}

export function airlock(sb: Sandbox, args: string[], options: { input?: string; cwd?: string } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [AIRLOCK_BIN, ...args], { encoding: 'utf8', cwd: options.cwd ?? sb.project, env: sb.env, input: options.input ?? '' });
}

/**
 * `airlock init --agent X --yes`, as a user would run it; fails the test when init fails. Codex runs a
 * hook only once a person has trusted it, and init records that trust only at a terminal when the person
 * says yes (`--yes` never vouches for a hook on anyone's behalf), so for codex init runs in a
 * pseudo-terminal and the person answers y.
 */
export function installAirlock(sb: Sandbox, agent: E2EAgent): SpawnSyncReturns<string> {
  if (agent === 'codex') return airlockAtTerminal(sb, ['init', '--agent', agent, '--yes'], [['as /hooks would', 'y']], 0);
  const r = airlock(sb, ['init', '--agent', agent, '--yes']);
  assert.equal(r.status, 0, `airlock init --agent ${agent} failed:\n${r.stdout}${r.stderr}`);
  return r;
}

const PTY = join(projectRoot, 'test/fixtures/pty-run.py');

/**
 * airlock run in a pseudo-terminal, a person answering each prompt (a substring of it) in turn; the
 * terminal's output comes back as stdout. Fails the test unless it exits with `status`.
 */
export function airlockAtTerminal(sb: Sandbox, args: string[], answers: Array<[string, string]>, status: number): SpawnSyncReturns<string> {
  const r = spawnSync('python3', [PTY, JSON.stringify([process.execPath, AIRLOCK_BIN, ...args]), JSON.stringify(answers)], { encoding: 'utf8', cwd: sb.project, env: sb.env });
  assert.equal(r.status, 0, `the pseudo-terminal failed: ${r.stderr}`);
  const { status: exit, output } = JSON.parse(r.stdout) as { status: number; output: string };
  assert.equal(exit, status, `airlock ${args.join(' ')} at a terminal exited ${exit}:\n${output}`);
  return { ...r, status: exit, stdout: output, stderr: '' };
}

/** Every audit entry, oldest first, read through `airlock log --json`. */
export function auditEntries(sb: Sandbox): Array<Record<string, unknown>> {
  const r = airlock(sb, ['log', '--json']);
  assert.equal(r.status, 0, `airlock log failed: ${r.stderr}`);
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

// ── things to lose ────────────────────────────────────────────────────────────────────────────────────

/** A real Terraform state with two terraform_data resources, applied in `<project>/infra`. */
export function terraformFixture(sb: Sandbox): { dir: string; resources(): string[] } {
  const dir = join(sb.project, 'infra');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'main.tf'), 'resource "terraform_data" "db" {\n  input = "precious"\n}\nresource "terraform_data" "cache" {\n  input = "x"\n}\n');
  const tf = (command: string) => spawnSync('bash', ['-c', command], { cwd: dir, encoding: 'utf8', env: sb.env, timeout: 300_000 });
  assert.equal(tf('terraform init -input=false').status, 0, 'terraform init failed');
  assert.equal(tf('terraform apply -auto-approve -input=false').status, 0, 'terraform apply failed');
  const resources = () => {
    const r = tf('terraform state list');
    return r.status === 0 ? r.stdout.split('\n').filter(Boolean) : [];
  };
  assert.equal(resources().length, 2);
  return { dir, resources };
}

/** A folder of files in the project, for `rm -rf`. */
export function victimFolder(sb: Sandbox): { dir: string; files(): string[] } {
  const dir = join(sb.project, 'data');
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < 3; i++) writeFileSync(join(dir, `record-${i}.txt`), `row ${i}\n`);
  return { dir, files: () => (existsSync(dir) ? readdirSync(dir).sort() : []) };
}

/** A table with rows in the real PostgreSQL on loopback (database `test`), with a name of its own. */
export function pgTable(label: string): { name: string; url: string; rows(): number | null; drop(): void } {
  const name = `e2e_${label.replace(/\W/g, '_')}_${process.pid}_${Date.now() % 100000}`;
  const url = 'postgresql://postgres@127.0.0.1:5432/test';
  const psql = (sql: string) => spawnSync('psql', [url, '-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' });
  const made = psql(`CREATE TABLE ${name} (id int primary key, v text); INSERT INTO ${name} SELECT g, 'row ' || g FROM generate_series(1, 5) g;`);
  assert.equal(made.status, 0, `could not create ${name}: ${made.stderr}`);
  return {
    name,
    url,
    rows: () => {
      const r = psql(`SELECT count(*) FROM ${name}`);
      return r.status === 0 ? Number(r.stdout.trim()) : null;
    },
    drop: () => void psql(`DROP TABLE IF EXISTS ${name}`),
  };
}

// ── driving an agent ──────────────────────────────────────────────────────────────────────────────────

/** What one run of an agent, driven by a scripted model, did. */
export interface AgentRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /**
   * For each tool call the model handed out, in order, the text the agent sent back to the model as its
   * result (where airlock's reason shows up when the call was blocked); '' when the agent sent none.
   */
  toolResults: string[];
  /** For each tool call, ms from the model's response carrying the call to the agent's next request. */
  callToNextRequestMs: number[];
}

/**
 * Runs one agent program against a scripted model server on loopback. The model hands out `commands`
 * as shell tool calls, one per turn, then finishes with a short text. `configure` writes the agent's
 * provider settings into the sandbox (done before `airlock init`, as a user would have them).
 */
export interface AgentDriver {
  agent: E2EAgent;
  configure(sb: Sandbox): void;
  run(sb: Sandbox, commands: string[]): Promise<AgentRun>;
}
