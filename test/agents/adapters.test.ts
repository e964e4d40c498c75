// Each adapter, through the real hook process (dist/hook.cjs), fed payloads shaped as the agents send
// them, for allow, confirm, approve and deny, and for subagent, MCP and file-write variants. Outputs
// are compared byte-for-byte with each agent's protocol around the decision's own reason.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { answerAfterError, requestFor } from '../../src/agents/hook.js';
import type { Request } from '../../src/core/request.js';
import { basisOf, type BoundFile } from '../../src/approvals/basis.js';
import { instructionsFor } from '../../src/approvals/flow.js';
import { PayloadError } from '../../src/agents/types.js';
import { adapters } from '../../src/agents/index.js';
import type { AgentName } from '../../src/agents/types.js';
import { judge } from '../../src/runtime/judge.js';
import { BIN, airlockEnv, projectRoot, runHook } from '../helpers.js';

const home = mkdtempSync(join(tmpdir(), 'airlock-hook-home-'));
const cwd = mkdtempSync(join(tmpdir(), 'airlock-hook-cwd-'));
const env = airlockEnv(home);

function hook(agent: string, payload: unknown) {
  const r = runHook(agent, payload, { env, cwd });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status };
}

/** The verdict and reason airlock gives this command, and the files an approval of it would cover, computed independently of the hook process. */
async function expected(command: string | Request) {
  const { decision, assessment } = await judge(typeof command === 'string' ? { command, cwd, env } : { ...command, cwd, env });
  return { ...decision, files: basisOf(assessment).files };
}

const COMMANDS = {
  allow: 'ls -la',
  confirm: 'DATABASE_URL=postgres://u:p@localhost:5432/app_dev npx prisma migrate reset --force',
  approve: 'terraform destroy -auto-approve',
  deny: 'rm -rf ~',
} as const;

/** Payloads as each agent sends them, for a shell command. */
const SHELL_PAYLOADS: Record<AgentName, (command: string) => unknown> = {
  'claude-code': (command) => ({
    session_id: 'abc123',
    transcript_path: '/home/u/.claude/projects/p/t.jsonl',
    cwd,
    permission_mode: 'default',
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command, description: 'Run it', timeout: 120000 },
    tool_use_id: 'toolu_01',
  }),
  codex: (command) => ({
    session_id: 'thr_1',
    turn_id: 't1',
    transcript_path: '/x/rollout.jsonl',
    cwd,
    hook_event_name: 'PreToolUse',
    model: 'gpt-5',
    permission_mode: 'default',
    tool_name: 'Bash',
    tool_use_id: 'call_1',
    tool_input: { command },
  }),
  gemini: (command) => ({
    session_id: 's',
    transcript_path: '/x',
    cwd,
    hook_event_name: 'BeforeTool',
    timestamp: '2026-08-21T10:00:00.000Z',
    tool_name: 'run_shell_command',
    tool_input: { command, description: 'x', dir_path: cwd, is_background: false },
  }),
  cursor: (command) => ({ conversation_id: 'c1', generation_id: 'g1', hook_event_name: 'beforeShellExecution', cursor_version: '3.9.16', workspace_roots: [cwd], command, cwd: '', sandbox: false }),
  copilot: (command) => ({ sessionId: 's1', timestamp: 1704614600000, cwd, toolName: 'bash', toolArgs: JSON.stringify({ command, description: 'x' }) }),
  opencode: (command) => ({ tool: 'bash', sessionID: 's1', callID: 'c1', directory: cwd, args: { command, description: 'x' } }),
  windsurf: (command) => ({
    agent_action_name: 'pre_run_command',
    trajectory_id: 't1',
    execution_id: 'e1',
    timestamp: '2026-01-01T00:00:00Z',
    model_name: 'swe-1',
    tool_info: { command_line: command, cwd },
  }),
};

/** What each agent must receive for a verdict, given the reason. */
function protocol(agent: AgentName, verdict: string, reason: string): { stdout: string; stderr: string; exitCode: number } {
  const none = { stdout: '', stderr: '', exitCode: 0 };
  const json = (body: unknown) => ({ stdout: JSON.stringify(body) + '\n', stderr: '', exitCode: 0 });
  switch (agent) {
    case 'claude-code':
      return verdict === 'allow' ? none : json({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: verdict === 'confirm' ? 'ask' : 'deny', permissionDecisionReason: reason } });
    case 'codex':
      // Without its last full stop: Codex appends ". Command: …" to the reason it shows.
      return verdict === 'allow' ? none : json({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: reason.replace(/\.$/, '') } });
    case 'gemini':
      // No "ask": an undocumented decision could be read as allow (see src/agents/gemini.ts).
      return verdict === 'allow' ? { stdout: '{}\n', stderr: '', exitCode: 0 } : json({ decision: 'deny', reason });
    case 'cursor':
      return verdict === 'allow'
        ? json({ continue: true, permission: 'allow' })
        : json({ continue: true, permission: verdict === 'confirm' ? 'ask' : 'deny', user_message: reason.split('\n').slice(0, 2).join(' '), agent_message: reason });
    case 'copilot':
      return verdict === 'allow' ? none : json({ permissionDecision: verdict === 'confirm' ? 'ask' : 'deny', permissionDecisionReason: reason });
    case 'opencode':
      return json(verdict === 'allow' ? { decision: 'allow' } : { decision: verdict, reason });
    case 'windsurf':
      return verdict === 'allow' ? none : { stdout: '', stderr: reason + '\n', exitCode: 2 };
  }
}

/**
 * A held command (approve, or confirm for an agent that can't ask) becomes an approval request; its
 * reason ends with the instructions naming the request id, which is read back from the answer.
 */
function expectedAnswer(agent: AgentName, verdict: string, { reason, files }: { reason: string; files: BoundFile[] }, answer: { stdout: string; stderr: string }) {
  const effective = verdict === 'confirm' && !adapters[agent].canAsk ? 'approve' : verdict;
  if (effective !== 'approve') return protocol(agent, effective, reason);
  const id = /approval request ([a-z2-9]{6})/.exec(answer.stdout.replace(/\\n/g, '\n') + answer.stderr)?.[1] ?? '(no request id in the answer)';
  return protocol(agent, effective, `${reason}\n${instructionsFor(id, 10 * 60_000, files, cwd)}`);
}

for (const agent of Object.keys(adapters) as AgentName[]) {
  for (const [verdict, command] of Object.entries(COMMANDS)) {
    test(`${agent}: ${verdict} — ${command}`, async () => {
      const decision = await expected(command);
      assert.equal(decision.verdict, verdict, 'the fixture command no longer has this verdict');
      const answer = hook(agent, SHELL_PAYLOADS[agent](command));
      assert.deepEqual(answer, expectedAnswer(agent, verdict, decision, answer));
    });
  }
  test(`${agent}: a malformed payload blocks with a message naming what is wrong`, () => {
    const answer = hook(agent, '{"not": "the agent payload"}');
    const text = answer.stdout + answer.stderr;
    assert.match(text, /malformed/);
    assert.doesNotMatch(text, /\n\s+at /, 'no stack trace');
    const blocks = answer.exitCode === 2 || /"(permission|permissionDecision|decision)":"deny"/.test(answer.stdout);
    assert.ok(blocks, `${agent} must block on a malformed payload: ${JSON.stringify(answer)}`);
    const notJson = hook(agent, 'rm -rf ~');
    assert.match(notJson.stdout + notJson.stderr, /not valid JSON/);
  });
}

test('claude-code: a subagent payload is judged the same way', async () => {
  const payload = { ...(SHELL_PAYLOADS['claude-code'](COMMANDS.approve) as object), agent_id: 'a1', agent_type: 'general-purpose' };
  const decision = await expected(COMMANDS.approve);
  const answer = hook('claude-code', payload);
  assert.deepEqual(answer, expectedAnswer('claude-code', 'approve', decision, answer));
});

test('claude-code: Write and Edit of hook settings and airlock files are denied; ordinary files pass', async () => {
  for (const file_path of [join(home, '.claude/settings.json'), join(cwd, '.claude/settings.local.json'), join(cwd, '.airlock/policy.yaml'), join(home, '.codex/hooks.json')]) {
    for (const tool of ['Write', 'Edit', 'MultiEdit']) {
      const input = tool === 'Write' ? { file_path, content: '{}' } : tool === 'Edit' ? { file_path, old_string: 'a', new_string: 'b' } : { file_path, edits: [] };
      const answer = hook('claude-code', { session_id: 's', cwd, hook_event_name: 'PreToolUse', tool_name: tool, tool_input: input });
      const out = JSON.parse(answer.stdout);
      assert.equal(out.hookSpecificOutput.permissionDecision, 'deny', `${tool} ${file_path}`);
      assert.match(out.hookSpecificOutput.permissionDecisionReason, /never allowed/);
    }
  }
  assert.deepEqual(hook('claude-code', { session_id: 's', cwd, hook_event_name: 'PreToolUse', tool_name: 'Write', tool_input: { file_path: join(cwd, 'src/app.ts'), content: 'x' } }), {
    stdout: '',
    stderr: '',
    exitCode: 0,
  });
});

test('claude-code: MCP tool calls that carry SQL or commands are judged', async () => {
  const drop = { session_id: 's', cwd, hook_event_name: 'PreToolUse', tool_name: 'mcp__postgres__query', tool_input: { sql: 'DROP TABLE users' } };
  const decision = await expected(requestFor({ kind: 'mcp', server: 'postgres', tool: 'query', args: { sql: 'DROP TABLE users' } }, 'mcp__postgres__query')!);
  const answer = hook('claude-code', drop);
  assert.deepEqual(answer, expectedAnswer('claude-code', 'approve', decision, answer));
  assert.deepEqual(hook('claude-code', { ...drop, tool_input: { sql: 'SELECT 1' } }), { stdout: '', stderr: '', exitCode: 0 });
  assert.deepEqual(hook('claude-code', { ...drop, tool_name: 'mcp__memory__store', tool_input: { key: 'k', value: 'v' } }), { stdout: '', stderr: '', exitCode: 0 });
});

test('claude-code: PostToolUse is answered with nothing, and the outcome is in the audit log', () => {
  assert.deepEqual(
    hook('claude-code', {
      session_id: 'post-1',
      cwd,
      hook_event_name: 'PostToolUse',
      tool_name: 'Bash',
      tool_input: { command: 'npm run migrate' },
      tool_response: { stdout: '', stderr: 'boom', interrupted: false, exit_code: 3 },
    }),
    { stdout: '', stderr: '', exitCode: 0 },
  );
  const log = spawnSync(process.execPath, [BIN, 'log', '--json'], { encoding: 'utf8', env })
    .stdout.trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const outcome = log.find((e) => e.kind === 'outcome' && e.session === 'post-1');
  assert.ok(outcome, 'the outcome was not recorded');
  assert.equal(outcome.command, 'npm run migrate');
  assert.deepEqual(outcome.detail, { tool: 'Bash', exitCode: 3, interrupted: false });
});

test('codex: apply_patch touching hook settings is denied; MCP SQL is judged', () => {
  const patch = '*** Begin Patch\n*** Update File: .codex/hooks.json\n@@\n-{}\n+{"hooks":{}}\n*** End Patch\n';
  const answer = hook('codex', { session_id: 's', cwd, hook_event_name: 'PreToolUse', tool_name: 'apply_patch', tool_input: { command: patch } });
  assert.equal(JSON.parse(answer.stdout).hookSpecificOutput.permissionDecision, 'deny');
  const ok = hook('codex', { session_id: 's', cwd, hook_event_name: 'PreToolUse', tool_name: 'apply_patch', tool_input: { command: '*** Begin Patch\n*** Add File: src/x.ts\n+x\n*** End Patch\n' } });
  assert.deepEqual(ok, { stdout: '', stderr: '', exitCode: 0 });
  const mcp = hook('codex', { session_id: 's', cwd, hook_event_name: 'PreToolUse', tool_name: 'mcp__db__execute', tool_input: { query: 'TRUNCATE orders' } });
  assert.equal(JSON.parse(mcp.stdout).hookSpecificOutput.permissionDecision, 'deny');
});

test('gemini: write_file to settings and MCP tools with mcp_context', () => {
  const w = hook('gemini', { session_id: 's', cwd, hook_event_name: 'BeforeTool', tool_name: 'write_file', tool_input: { file_path: join(cwd, '.gemini/settings.json'), content: '{}' } });
  assert.equal(JSON.parse(w.stdout).decision, 'deny');
  const m = hook('gemini', {
    session_id: 's',
    cwd,
    hook_event_name: 'BeforeTool',
    tool_name: 'mcp_postgres_query',
    tool_input: { sql: 'DELETE FROM users' },
    mcp_context: { server_name: 'postgres', tool_name: 'query' },
  });
  assert.equal(JSON.parse(m.stdout).decision, 'deny');
});

test('cursor: beforeMCPExecution sends tool_input as a JSON string', () => {
  const a = hook('cursor', {
    conversation_id: 'c',
    hook_event_name: 'beforeMCPExecution',
    workspace_roots: [cwd],
    tool_name: 'query',
    tool_input: JSON.stringify({ sql: 'DROP DATABASE prod' }),
    command: 'npx -y @modelcontextprotocol/server-postgres',
  });
  assert.equal(JSON.parse(a.stdout).permission, 'deny');
  const b = hook('cursor', { conversation_id: 'c', hook_event_name: 'beforeMCPExecution', workspace_roots: [cwd], tool_name: 'query', tool_input: JSON.stringify({ sql: 'SELECT 1' }) });
  assert.equal(JSON.parse(b.stdout).permission, 'allow');
});

test('copilot: toolArgs as an object (newer CLI) and as a string (older)', () => {
  const asObject = hook('copilot', { sessionId: 's', cwd, toolName: 'bash', toolArgs: { command: 'rm -rf ~' } });
  assert.equal(JSON.parse(asObject.stdout).permissionDecision, 'deny');
  const broken = hook('copilot', { sessionId: 's', cwd, toolName: 'bash', toolArgs: '{not json' });
  assert.match(broken.stdout, /toolArgs is a string but not valid JSON/);
  assert.equal(JSON.parse(broken.stdout).permissionDecision, 'deny');
});

test('windsurf: pre_write_code to hook settings is blocked with exit 2', () => {
  const a = hook('windsurf', { agent_action_name: 'pre_write_code', tool_info: { file_path: join(cwd, '.windsurf/hooks.json'), edits: [] } });
  assert.equal(a.exitCode, 2);
  assert.match(a.stderr, /never allowed/);
});

test('an unknown agent name blocks and says which names exist', () => {
  const a = hook('notepad', '{}');
  assert.equal(a.exitCode, 2);
  assert.match(a.stderr, /unknown agent 'notepad'.*\n.*claude-code\|codex/);
});

test('after an internal error: blocked, unless on_error allows a plainly read-only command', () => {
  const claude = adapters['claude-code'];
  const request = (command: string) => claude.parse(SHELL_PAYLOADS['claude-code'](command));
  const boom = new Error('disk on fire');
  assert.deepEqual(answerAfterError(claude, boom, request('ls -la src'), 'hold'), { stdout: '', stderr: 'airlock: internal error: disk on fire\n', exitCode: 2 });
  assert.deepEqual(answerAfterError(claude, boom, request('ls -la src'), 'allow-read-only'), { stdout: '', stderr: '', exitCode: 0 });
  assert.equal(answerAfterError(claude, boom, request('ls; rm -rf ~'), 'allow-read-only').exitCode, 2);
  assert.equal(answerAfterError(claude, boom, request('cat $(rm -rf x)'), 'allow-read-only').exitCode, 2);
  assert.equal(answerAfterError(claude, boom, request('terraform destroy'), 'allow-read-only').exitCode, 2);
  assert.equal(answerAfterError(claude, new PayloadError('x'), request('ls'), 'allow-read-only').exitCode, 2);
  assert.equal(answerAfterError(claude, boom, null, 'allow-read-only').exitCode, 2);
});

test('the hook bundle (built without rule examples) gives the same verdicts as the pipeline, across the corpus', async () => {
  const { readFileSync } = await import('node:fs');
  const rows = readFileSync(join(projectRoot, 'test/fixtures/commands.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { command: string });
  // Every ninth row: a spread over every ecosystem, at one hook process each.
  for (const { command } of rows.filter((_, i) => i % 9 === 0)) {
    const decision = await expected(command);
    const answer = hook('codex', SHELL_PAYLOADS.codex(command));
    const verdict = answer.stdout === '' && answer.exitCode === 0 ? 'allow' : 'held';
    assert.equal(verdict, decision.verdict === 'allow' ? 'allow' : 'held', command);
  }
});
