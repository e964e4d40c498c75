// Every agent's file tools are judged as the writes they are, whatever the tool is called and however
// it names the file; a file tool whose file can't be found is refused, never allowed as "nothing to
// judge". Found in the real OpenCode: with a GPT model it offers apply_patch, which airlock had read as
// an MCP call and allowed, and which deleted airlock's own plugin.

import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { airlockEnv, runHook } from '../helpers.js';

const home = mkdtempSync(join(tmpdir(), 'airlock-file-tools-'));
const env = airlockEnv(home);

function hook(agent: string, payload: unknown) {
  const r = runHook(agent, payload, { env, cwd: home });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The decision in whichever protocol, or 'blocked' for exit 2. */
function decision(r: { status: number | null; stdout: string }): string {
  if (r.status === 2) return 'blocked';
  const a = JSON.parse(r.stdout || '{}') as Record<string, unknown> & { hookSpecificOutput?: { permissionDecision?: string } };
  return String(a.hookSpecificOutput?.permissionDecision ?? a.permissionDecision ?? a.permission ?? a.decision ?? 'allow');
}

const plugin = join(home, '.config/opencode/plugins/airlock.js');
const patch = (line: string) => `*** Begin Patch\n${line}\n*** End Patch`;

test("file tools aimed at the agents' hook settings are denied, by every tool name and argument spelling", () => {
  const cases: Array<[string, unknown]> = [
    ['opencode', { tool: 'apply_patch', sessionID: 's', directory: home, args: { patchText: patch(`*** Delete File: ${plugin}`) } }],
    ['opencode', { tool: 'apply_patch', sessionID: 's', directory: home, args: { patchText: patch(`*** Update File: notes.txt\n*** Move to: ${plugin}`) } }],
    ['opencode', { tool: 'multiedit', sessionID: 's', directory: home, args: { filePath: plugin, edits: [] } }],
    // A tool airlock doesn't know that names a file is judged as writing it.
    ['opencode', { tool: 'rewrite', sessionID: 's', directory: home, args: { filePath: plugin } }],
    ['copilot', { sessionId: 's', cwd: home, toolName: 'create', toolArgs: { path: join(home, '.copilot/hooks/airlock.json'), file_text: '{}' } }],
    ['codex', { session_id: 's', cwd: home, hook_event_name: 'PreToolUse', tool_name: 'apply_patch', tool_input: { command: patch(`  *** Delete File:   ${join(home, '.codex/hooks.json')}`) } }],
    [
      'claude-code',
      { session_id: 's', cwd: home, hook_event_name: 'PreToolUse', tool_name: 'Edit', tool_input: { file_path: join(home, '.claude/../.claude/settings.json'), old_string: 'a', new_string: 'b' } },
    ],
    ['cursor', { conversation_id: 's', hook_event_name: 'preToolUse', workspace_roots: [home], tool_name: 'Write', tool_input: { path: join(home, '.cursor/hooks.json') } }],
  ];
  for (const [agent, payload] of cases) assert.equal(decision(hook(agent, payload)), 'deny', `${agent}: ${JSON.stringify(payload)}`);
});

test("a file tool whose file can't be found is refused with the reason, not allowed", () => {
  const cases: Array<[string, unknown]> = [
    ['opencode', { tool: 'apply_patch', sessionID: 's', directory: home, args: { patchText: '*** Begin Patch\n*** Frobnicate: x\n*** End Patch' } }],
    ['opencode', { tool: 'write', sessionID: 's', directory: home, args: { content: 'x' } }],
    ['copilot', { sessionId: 's', cwd: home, toolName: 'edit', toolArgs: { old_str: 'a', new_str: 'b' } }],
    ['codex', { session_id: 's', cwd: home, hook_event_name: 'PreToolUse', tool_name: 'apply_patch', tool_input: { command: 'not a patch' } }],
    ['cursor', { conversation_id: 's', hook_event_name: 'preToolUse', workspace_roots: [home], tool_name: 'Edit', tool_input: {} }],
  ];
  for (const [agent, payload] of cases) {
    const r = hook(agent, payload);
    assert.notEqual(decision(r), 'allow', `${agent}: ${JSON.stringify(payload)}`);
    assert.match(r.stdout + r.stderr, /names no file|malformed/, `${agent}: the reason says what is wrong`);
  }
  // The same tools with a harmless file pass.
  assert.equal(decision(hook('opencode', { tool: 'apply_patch', sessionID: 's', directory: home, args: { patchText: patch('*** Add File: notes.txt\n+hi') } })), 'allow');
  assert.equal(decision(hook('copilot', { sessionId: 's', cwd: home, toolName: 'edit', toolArgs: { path: join(home, 'notes.txt'), old_str: 'a', new_str: 'b' } })), 'allow');
});

test("what a file tool writes is judged when the tool gives the whole text: a .env or start-up file that sets the hooks' environment is denied, by every agent's write tool", () => {
  const env_ = join(home, 'project', '.env');
  const dangerous = 'NODE_OPTIONS=--require /tmp/x.js\n';
  const cases: Array<[string, unknown]> = [
    ['claude-code', { session_id: 's', cwd: home, hook_event_name: 'PreToolUse', tool_name: 'Write', tool_input: { file_path: env_, content: dangerous } }],
    ['gemini', { session_id: 's', cwd: home, hook_event_name: 'BeforeTool', tool_name: 'write_file', tool_input: { file_path: env_, content: dangerous } }],
    ['copilot', { sessionId: 's', cwd: home, toolName: 'create', toolArgs: { path: env_, file_text: dangerous } }],
    ['opencode', { tool: 'write', sessionID: 's', directory: home, args: { filePath: env_, content: dangerous } }],
    ['codex', { session_id: 's', cwd: home, hook_event_name: 'PreToolUse', tool_name: 'apply_patch', tool_input: { command: patch(`*** Add File: ${env_}\n+${dangerous.trim()}`) } }],
    [
      'claude-code',
      { session_id: 's', cwd: home, hook_event_name: 'PreToolUse', tool_name: 'Write', tool_input: { file_path: join(home, '.bashrc'), content: 'export AIRLOCK_STATE_DIR=/tmp/elsewhere\n' } },
    ],
  ];
  for (const [agent, payload] of cases) assert.equal(decision(hook(agent, payload)), 'deny', `${agent}: ${JSON.stringify(payload)}`);
  // The same files with harmless text are written as usual.
  assert.equal(
    decision(
      hook('claude-code', { session_id: 's', cwd: home, hook_event_name: 'PreToolUse', tool_name: 'Write', tool_input: { file_path: env_, content: 'DATABASE_URL=postgres://localhost/app\n' } }),
    ),
    'allow',
  );
  // An edit's new text is not what the file will hold (removing `# ` can make a line dangerous): held, as a write airlock can't see.
  const edit = hook('claude-code', {
    session_id: 's',
    cwd: home,
    hook_event_name: 'PreToolUse',
    tool_name: 'Edit',
    tool_input: { file_path: join(home, '.bashrc'), old_string: '# export NODE_OPTIONS', new_string: 'export NODE_OPTIONS' },
  });
  assert.notEqual(decision(edit), 'allow');
  // A patch that updates a file says only part of it: not read as the file's text.
  assert.notEqual(
    decision(
      hook('codex', {
        session_id: 's',
        cwd: home,
        hook_event_name: 'PreToolUse',
        tool_name: 'apply_patch',
        tool_input: { command: patch(`*** Update File: ${join(home, '.bashrc')}\n@@\n-# x\n+alias ll=ls`) },
      }),
    ),
    'allow',
  );
});

test("an edit's new text that itself sets the hooks' environment in a .env is denied by every agent's edit tool, and an MCP edit is not read as the whole file", () => {
  const env_ = join(home, 'project', '.env');
  const dangerous = 'NODE_OPTIONS=--require /tmp/x.js';
  const cc = (tool: string, input: Record<string, unknown>) => ({ session_id: 's', cwd: home, hook_event_name: 'PreToolUse', tool_name: tool, tool_input: input });
  const cases: Array<[string, unknown]> = [
    ['claude-code', cc('Edit', { file_path: env_, old_string: 'A=1', new_string: dangerous })],
    [
      'claude-code',
      cc('MultiEdit', {
        file_path: env_,
        edits: [
          { old_string: 'B=1', new_string: 'B=2' },
          { old_string: 'A=1', new_string: `A=1\n${dangerous}` },
        ],
      }),
    ],
    ['gemini', { session_id: 's', cwd: home, hook_event_name: 'BeforeTool', tool_name: 'replace', tool_input: { file_path: env_, old_string: 'A=1', new_string: dangerous } }],
    ['copilot', { sessionId: 's', cwd: home, toolName: 'edit', toolArgs: { path: env_, old_str: 'A=1', new_str: dangerous } }],
    ['opencode', { tool: 'edit', sessionID: 's', directory: home, args: { filePath: env_, oldString: 'A=1', newString: dangerous } }],
    ['codex', cc('apply_patch', { command: patch(`*** Update File: ${env_}\n@@\n A=1\n+${dangerous}`) })],
    ['claude-code', cc('mcp__filesystem__edit_file', { path: env_, edits: [{ oldText: 'A=1', newText: dangerous }] })],
  ];
  for (const [agent, payload] of cases) assert.equal(decision(hook(agent, payload)), 'deny', `${agent}: ${JSON.stringify(payload)}`);
  // An MCP edit of a start-up file is held as Claude Code's own Edit is: what the file will hold can't be seen.
  assert.notEqual(decision(hook('claude-code', cc('mcp__filesystem__edit_file', { path: join(home, '.bashrc'), edits: [{ oldText: '# ', newText: '' }] }))), 'allow');
  assert.notEqual(
    decision(hook('gemini', { session_id: 's', cwd: home, hook_event_name: 'BeforeTool', tool_name: 'replace', tool_input: { file_path: join(home, '.bashrc'), old_string: '# ', new_string: '' } })),
    'allow',
  );
  // Harmless edits of the same .env pass.
  assert.equal(decision(hook('claude-code', cc('Edit', { file_path: env_, old_string: 'A=1', new_string: 'A=2' }))), 'allow');
  assert.equal(decision(hook('claude-code', cc('mcp__filesystem__edit_file', { path: env_, edits: [{ oldText: 'A=1', newText: 'A=2' }] }))), 'allow');
});
