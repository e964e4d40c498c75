// The edges of what agents send, through the real hook process: tools and events airlock doesn't know
// are recorded in the audit log and judged by any command-like field they carry, never passed over in
// silence; PermissionRequest is judged; and sudo/doas/env spellings and recursive chmod/chown on / ~
// or system directories are held or denied, not allowed.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectRoot, removeAtExit } from '../helpers.js';

const home = mkdtempSync(join(tmpdir(), 'airlock-payload-edges-'));
removeAtExit(home);
const project = join(home, 'project');
mkdirSync(project);
const env = { PATH: process.env.PATH ?? '', HOME: home, AIRLOCK_STATE_DIR: join(home, 'state'), AIRLOCK_ORG_POLICY: '/nonexistent/org.yaml' };

interface Answer {
  status: number | null;
  stdout: string;
  stderr: string;
}

function hook(agent: string, payload: unknown): Answer {
  const r = spawnSync(process.execPath, [join(projectRoot, 'dist/hook.cjs'), agent], { input: JSON.stringify(payload), encoding: 'utf8', env, cwd: project });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The decision in whichever protocol: 'blocked' for exit 2, 'allow' for an answer that decides nothing. */
function decision(r: Answer): string {
  if (r.status === 2) return 'blocked';
  assert.equal(r.status, 0, `exit ${r.status}: ${r.stderr}`);
  const a = JSON.parse(r.stdout || '{}') as Record<string, unknown> & { hookSpecificOutput?: { permissionDecision?: string; decision?: { behavior?: string } } };
  return String(a.hookSpecificOutput?.permissionDecision ?? a.hookSpecificOutput?.decision?.behavior ?? a.permissionDecision ?? a.permission ?? a.decision ?? 'allow');
}

interface LogEntry {
  agent: string;
  command: string;
  verdict?: string;
  detail?: Record<string, unknown>;
}

function auditLog(): LogEntry[] {
  const r = spawnSync(process.execPath, [join(projectRoot, 'bin/airlock.mjs'), 'log', '--json'], { encoding: 'utf8', env, cwd: project });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LogEntry);
}

const DROP = 'psql -h db.prod.example.com -c "DROP TABLE users"';

/** Per agent: an unknown tool with the given arguments, in that agent's payload shape. */
const UNKNOWN_TOOL: Record<string, (tool: string, args: Record<string, unknown>) => unknown> = {
  'claude-code': (tool, args) => ({ session_id: 's', cwd: project, hook_event_name: 'PreToolUse', tool_name: tool, tool_input: args }),
  codex: (tool, args) => ({ session_id: 's', cwd: project, hook_event_name: 'PreToolUse', tool_name: tool, tool_input: args }),
  gemini: (tool, args) => ({ session_id: 's', cwd: project, hook_event_name: 'BeforeTool', tool_name: tool, tool_input: args }),
  cursor: (tool, args) => ({ conversation_id: 's', hook_event_name: 'preToolUse', workspace_roots: [project], tool_name: tool, tool_input: args }),
  copilot: (tool, args) => ({ sessionId: 's', cwd: project, toolName: tool, toolArgs: args }),
  opencode: (tool, args) => ({ tool, sessionID: 's', directory: project, args }),
};

test('an unknown tool with a command-like field is judged as that command, in every adapter, and recorded', () => {
  for (const [agent, payload] of Object.entries(UNKNOWN_TOOL)) {
    for (const [field, value] of [
      ['command', DROP],
      ['cmd', 'rm -rf ~'],
      ['command_line', 'sudo chown -R nobody /'],
      ['script', ['rm', '-rf', '/etc']],
      ['sql', 'DROP TABLE users'],
    ] as const) {
      const tool = `frobnicate${agent.replace(/\W/g, '')}${field.replace(/\W/g, '')}`;
      const r = hook(agent, payload(tool, { [field]: value, note: 'x' }));
      assert.notEqual(decision(r), 'allow', `${agent} ${field}: ${JSON.stringify(r)}`);
    }
  }
  const log = auditLog();
  for (const agent of Object.keys(UNKNOWN_TOOL)) {
    const entry = log.find((e) => e.agent === agent && e.command === DROP);
    assert.ok(entry, `${agent}: the judged command is in the log`);
  }
});

test('an unknown tool without a command-like field is allowed and recorded with its arguments, never silently', () => {
  for (const [agent, payload] of Object.entries(UNKNOWN_TOOL)) {
    const tool = `gizmo${agent.replace(/\W/g, '')}`;
    const r = hook(agent, payload(tool, { colour: 'blue', count: 3 }));
    assert.equal(decision(r), 'allow', `${agent}: ${JSON.stringify(r)}`);
    const entry = auditLog().find((e) => e.agent === agent && e.command.startsWith(`${tool} `));
    assert.ok(entry, `${agent}: ${tool} is in the audit log`);
    assert.match(entry.command, /"colour":"blue"/, 'with its arguments');
    assert.equal(entry.verdict, 'allow');
    assert.equal(entry.detail?.unknown, true);
    assert.equal(entry.detail?.judged, false);
  }
});

test('windsurf: an event it does not know is judged by a command-like field in tool_info, else recorded', () => {
  assert.equal(decision(hook('windsurf', { agent_action_name: 'pre_frob_command', trajectory_id: 's', tool_info: { command: 'rm -rf ~', cwd: project } })), 'blocked');
  assert.equal(decision(hook('windsurf', { agent_action_name: 'pre_user_prompt', trajectory_id: 's', tool_info: { user_prompt: 'windsurf-prompt-marker' } })), 'allow');
  assert.ok(auditLog().some((e) => e.agent === 'windsurf' && e.command.includes('windsurf-prompt-marker') && e.detail?.event === 'pre_user_prompt'));
});

test('events airlock does not handle are answered the way the agent accepts and are in the audit log', () => {
  const events: Array<[string, Record<string, unknown>, (r: Answer) => void]> = [
    ['claude-code', { session_id: 's', cwd: project, hook_event_name: 'Notification', message: 'claude-notification-marker' }, (r) => assert.deepEqual([r.status, r.stdout], [0, ''])],
    ['claude-code', { session_id: 's', cwd: project, hook_event_name: 'UserPromptSubmit', prompt: 'claude-prompt-marker' }, (r) => assert.deepEqual([r.status, r.stdout], [0, ''])],
    ['claude-code', { session_id: 's', cwd: project, hook_event_name: 'Stop', stop_hook_active: false, marker: 'claude-stop-marker' }, (r) => assert.deepEqual([r.status, r.stdout], [0, ''])],
    ['codex', { session_id: 's', cwd: project, hook_event_name: 'SessionStart', source: 'codex-start-marker' }, (r) => assert.deepEqual([r.status, r.stdout], [0, ''])],
    ['gemini', { session_id: 's', cwd: project, hook_event_name: 'BeforeAgent', prompt: 'gemini-agent-marker' }, (r) => assert.deepEqual([r.status, r.stdout], [0, '{}\n'])],
    ['cursor', { conversation_id: 's', hook_event_name: 'stop', workspace_roots: [project], status: 'cursor-stop-marker' }, (r) => assert.equal(JSON.parse(r.stdout).permission, 'allow')],
    ['copilot', { timestamp: 1, cwd: project, prompt: 'copilot-prompt-marker' }, (r) => assert.deepEqual([r.status, r.stdout], [0, ''])],
    ['opencode', { event: 'session.idle', tool: 'none', sessionID: 's', directory: project, args: { marker: 'opencode-idle-marker' } }, (r) => assert.equal(JSON.parse(r.stdout).decision, 'allow')],
  ];
  for (const [agent, payload, accepted] of events) {
    const r = hook(agent, payload);
    accepted(r);
  }
  const log = auditLog();
  for (const marker of [
    'claude-notification-marker',
    'claude-prompt-marker',
    'claude-stop-marker',
    'codex-start-marker',
    'gemini-agent-marker',
    'cursor-stop-marker',
    'copilot-prompt-marker',
    'opencode-idle-marker',
  ]) {
    const entry = log.find((e) => e.command.includes(marker));
    assert.ok(entry, `${marker} is in the audit log`);
    assert.equal(entry.detail?.unknown, true, marker);
  }
});

test('an unknown event that carries a command is judged, and blocked where it is not allowed', () => {
  const claude = hook('claude-code', { session_id: 's', cwd: project, hook_event_name: 'PreShellRun', tool_name: 'Bash', tool_input: { command: 'rm -rf /' } });
  assert.equal(claude.status, 2);
  assert.match(claude.stderr, /never allowed/);
  const gemini = hook('gemini', { session_id: 's', cwd: project, hook_event_name: 'BeforeShell', command: 'rm -rf /' });
  assert.equal(gemini.status, 2);
  assert.ok(auditLog().some((e) => e.command === 'rm -rf /' && e.verdict === 'deny' && e.detail?.event === 'BeforeShell'));
});

test("PermissionRequest: a command never allowed is denied in its own schema; a held one is left to the agent's question and recorded", () => {
  for (const agent of ['claude-code', 'codex']) {
    const denied = hook(agent, { session_id: 's', cwd: project, hook_event_name: 'PermissionRequest', tool_name: 'Bash', tool_input: { command: 'chmod -R 000 /' }, permission_suggestions: [] });
    assert.equal(denied.status, 0);
    const body = JSON.parse(denied.stdout) as { hookSpecificOutput: { hookEventName: string; decision: { behavior: string; message: string } } };
    assert.equal(body.hookSpecificOutput.hookEventName, 'PermissionRequest');
    assert.equal(body.hookSpecificOutput.decision.behavior, 'deny');
    assert.match(body.hookSpecificOutput.decision.message, /never allowed/);
    // Held: the human is about to be asked by the agent itself; airlock doesn't answer allow.
    const held = hook(agent, { session_id: 's', cwd: project, hook_event_name: 'PermissionRequest', tool_name: 'Bash', tool_input: { command: `sudo X=1 ${DROP}` } });
    assert.deepEqual([held.status, held.stdout], [0, '']);
  }
  const log = auditLog();
  assert.ok(log.some((e) => e.command === 'chmod -R 000 /' && e.verdict === 'deny'));
  assert.ok(log.some((e) => e.command === `sudo X=1 ${DROP}` && e.verdict === 'confirm' && e.detail?.event === 'PermissionRequest'));
});

const bash = (command: string) => ({ session_id: 's', cwd: project, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } });

test('sudo, doas and env spellings are judged by what they run', () => {
  const commands = [
    `sudo X=1 ${DROP}`,
    `sudo -u postgres PGPASSWORD=x ${DROP}`,
    `sudo -Eu postgres -- X=1 ${DROP}`,
    'sudo --user=root --preserve-env=PATH rm -rf /etc',
    'sudo -k rm -rf /etc',
    'sudo -nEH -- rm -rf /etc',
    'sudo -s rm -rf /etc',
    "sudo -i 'rm -rf /etc'",
    'sudo -Z rm -rf /etc',
    'sudo -e ~/.claude/settings.json',
    'sudoedit ~/.claude/settings.json',
    'doas -u root X=1 rm -rf /etc',
    'doas -s rm -rf /etc',
    'env -i X=1 rm -rf /etc',
    'env - rm -rf /etc',
    'env -u X rm -rf /etc',
    'env -S "rm -rf /etc"',
  ];
  for (const command of commands) assert.equal(decision(hook('claude-code', bash(command))), 'deny', command);
});

test('recursive chmod/chown/chgrp/setfacl on / ~ or system directories is held or denied; narrow ones pass', () => {
  for (const command of [
    'chmod -R 000 /',
    'chmod --recursive 777 /etc',
    'chmod -Rf a-rwx ~',
    'sudo chown -R nobody /',
    'chown -R me /usr',
    'chgrp -R staff /var',
    'setfacl -R -m u:x:rwx /etc',
    'chmod -R 755 $HOME',
  ]) {
    assert.equal(decision(hook('claude-code', bash(command))), 'deny', command);
  }
  for (const command of ['chmod -R 755 ./build', 'chmod 600 ~/.ssh/id_rsa', 'chown -R me ./node_modules']) {
    assert.equal(decision(hook('claude-code', bash(command))), 'allow', command);
  }
});
