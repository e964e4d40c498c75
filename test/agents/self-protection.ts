// What the self-protection tests share (self-approval.test.ts, self-approval-2.test.ts): a HOME with
// airlock's state in its default place (~/.local/state/airlock) or where AIRLOCK_STATE_DIR names, a
// project folder, and the real hook's answer to a command as the agent is told it.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Agent, SHELL_PAYLOADS, removeAtExit, runHook } from '../helpers.js';

export interface Setup {
  name: string;
  home: string;
  project: string;
  /** How the commands spell the state directory. */
  state: string;
  env: Record<string, string>;
}

/** A fresh HOME and project; the state directory is AIRLOCK_STATE_DIR's when `explicit`, else the default place. */
export function stateSetup(prefix: string, explicit: boolean): Setup {
  const home = mkdtempSync(join(tmpdir(), prefix));
  removeAtExit(home);
  const project = join(home, 'project');
  mkdirSync(project, { recursive: true });
  const stateDir = explicit ? join(home, 'var', 'airlock-state') : join(home, '.local', 'state', 'airlock');
  mkdirSync(stateDir, { recursive: true });
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: home, AIRLOCK_ORG_POLICY: '/nonexistent/org.yaml' };
  if (explicit) env.AIRLOCK_STATE_DIR = stateDir;
  return { name: explicit ? 'AIRLOCK_STATE_DIR' : 'default state directory', home, project, state: explicit ? stateDir : '~/.local/state/airlock', env };
}

/** `deny` (never allowed), `held` (denied until a human approves), `ask`, or `allow`, as the agent is told. */
export function answer(s: Setup, agent: Agent, command: string): { verdict: string; text: string } {
  const r = runHook(agent, SHELL_PAYLOADS[agent](command, s.project), { env: s.env, cwd: s.project });
  assert.equal(r.status, 0, `${agent} hook exited ${r.status}: ${r.stderr}`);
  const out = JSON.parse(r.stdout || '{}') as { decision?: string; reason?: string; hookSpecificOutput?: { permissionDecision?: string; permissionDecisionReason?: string } };
  const decision = out.hookSpecificOutput?.permissionDecision ?? out.decision ?? 'allow';
  const text = out.hookSpecificOutput?.permissionDecisionReason ?? out.reason ?? '';
  if (decision !== 'deny') return { verdict: decision, text };
  return { verdict: /never allowed/.test(text) ? 'deny' : 'held', text };
}

/** Fails naming every command the agent was not told is never allowed. */
export function expectAllDenied(s: Setup, agent: Agent, commands: string[]): void {
  const failures: string[] = [];
  for (const command of commands) {
    const { verdict, text } = answer(s, agent, command);
    if (verdict !== 'deny') failures.push(`${verdict}: ${command}\n    ${text.split('\n')[0]}`);
  }
  assert.deepEqual(failures, [], `not denied:\n${failures.join('\n')}`);
}
