// Records the exact JSON each real agent program sends its hooks, before and after a tool runs, into
// test/fixtures/agents/<agent>/<event>.<call>.json, so adapter tests read what the agents really send
// rather than what their documentation says. Not a test: run it again when an agent's pinned version
// changes.
//
//   npm run build && node build/test/e2e/capture-hook-payloads.js [claude-code] [gemini]
//
// In place of airlock, a hook that only saves its stdin is installed for every event. The sandbox's
// random temporary folder is replaced by /tmp/airlock-e2e-capture in the saved files (also in the
// dashed form Claude Code uses for its transcript folder), and this checkout by /airlock-checkout;
// nothing else is changed.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runClaudeCode, claudeCodeDriver } from './drivers/claude-code.js';
import { geminiDriver, runGemini } from './drivers/gemini.js';
import type { ScriptedRun } from './drivers/process.js';
import { agentBinary, sandbox, type AgentDriver, type Sandbox } from './harness.js';
import type { ToolCall } from './models/script.js';
import { projectRoot } from '../helpers.js';

interface Capture {
  driver: AgentDriver;
  /** Hook events to record, as the agent names them. */
  events: string[];
  /** Where the agent reads user hooks, and how to add a hook for every tool there. */
  settings(sb: Sandbox): string;
  hookEntry(command: string): Record<string, unknown>;
  /** Calls to make, each with a label for its file name; paths relative to the project. */
  calls(sb: Sandbox): Array<[label: string, call: ToolCall]>;
  run(sb: Sandbox, calls: ToolCall[]): Promise<ScriptedRun>;
}

const CAPTURES: Record<'claude-code' | 'gemini', Capture> = {
  'claude-code': {
    driver: claudeCodeDriver,
    events: ['PreToolUse', 'PostToolUse', 'PostToolUseFailure'],
    settings: (sb) => join(sb.home, '.claude', 'settings.json'),
    hookEntry: (command) => ({ matcher: '*', hooks: [{ type: 'command', command }] }),
    calls: (sb) => [
      ['Bash', { name: 'Bash', input: { command: 'echo out; echo err >&2' } }],
      ['Bash-failing', { name: 'Bash', input: { command: 'echo partial; exit 3' } }],
      ['Write', { name: 'Write', input: { file_path: join(sb.project, 'notes.txt'), content: 'first\n' } }],
      ['Edit', { name: 'Edit', input: { file_path: join(sb.project, 'notes.txt'), old_string: 'first', new_string: 'second' } }],
      // A tool on an MCP server (test/fixtures/mcp/sql-server.mjs, registered as prod_postgres).
      ['mcp', { name: 'mcp__prod_postgres__query', input: { sql: 'SELECT 1' } }],
    ],
    run: (sb, calls) => runClaudeCode(sb, calls, { mcpConfig: sqlServerConfig(sb) }),
  },
  gemini: {
    driver: geminiDriver,
    events: ['BeforeTool', 'AfterTool'],
    settings: (sb) => join(sb.home, '.gemini', 'settings.json'),
    hookEntry: (command) => ({ matcher: '*', hooks: [{ type: 'command', name: 'capture', command }] }),
    calls: (sb) => [
      ['run_shell_command', { name: 'run_shell_command', input: { command: 'echo out; echo err >&2' } }],
      ['run_shell_command-failing', { name: 'run_shell_command', input: { command: 'echo partial; exit 3' } }],
      ['write_file', { name: 'write_file', input: { file_path: join(sb.project, 'notes.txt'), content: 'first\n' } }],
      ['replace', { name: 'replace', input: { file_path: join(sb.project, 'notes.txt'), old_string: 'first', new_string: 'second', instruction: 'Say second.' } }],
      // A tool on an MCP server: Gemini CLI calls it mcp_<server>_<tool> and says which server in mcp_context.
      ['mcp', { name: 'mcp_prod_postgres_query', input: { sql: 'SELECT 1' } }],
    ],
    run: runGemini,
  },
};

/** The end-to-end SQL server (test/fixtures/mcp/sql-server.mjs) on the loopback PostgreSQL, as an MCP server entry. */
function sqlServer(): { command: string; args: string[] } {
  return { command: process.execPath, args: [join(projectRoot, 'test/fixtures/mcp/sql-server.mjs'), 'postgresql://postgres@127.0.0.1:5432/test'] };
}

/** An MCP config naming the end-to-end SQL server `prod_postgres`, for Claude Code's --mcp-config. */
function sqlServerConfig(sb: Sandbox): string {
  const file = join(sb.home, '..', 'mcp.json');
  writeFileSync(file, JSON.stringify({ mcpServers: { prod_postgres: { type: 'stdio', ...sqlServer() } } }));
  return file;
}

/** A hook that appends its stdin as one line to `file` and answers nothing, which every agent reads as allow. */
function recorder(sb: Sandbox, file: string): string {
  const script = join(sb.home, '..', 'record-hook.sh');
  writeFileSync(script, `#!/bin/sh\n{ tr -d '\\n'; echo; } >> '${file}'\nexit 0\n`, { mode: 0o755 });
  return script;
}

async function capture(agent: keyof typeof CAPTURES): Promise<void> {
  const c = CAPTURES[agent];
  if (!agentBinary(agent)) throw new Error(`${agent} is not installed in test/e2e/agents`);
  const sb = sandbox('capture');
  c.driver.configure(sb);
  const dump = join(sb.home, '..', 'payloads.jsonl');
  const hook = recorder(sb, dump);
  const settingsFile = c.settings(sb);
  const settings = (existsSync(settingsFile) ? JSON.parse(readFileSync(settingsFile, 'utf8')) : {}) as Record<string, unknown>;
  settings.hooks = Object.fromEntries(c.events.map((event) => [event, [c.hookEntry(hook)]]));
  // Gemini CLI reads its MCP servers from the same settings file (Claude Code gets --mcp-config).
  if (agent === 'gemini') settings.mcpServers = { prod_postgres: { ...sqlServer(), trust: true } };
  writeFileSync(settingsFile, JSON.stringify(settings, null, 2));

  const calls = c.calls(sb);
  const run = await c.run(
    sb,
    calls.map(([, call]) => call),
  );
  if (run.exitCode !== 0 || run.toolResults.length !== calls.length) throw new Error(`${agent} run failed: exit ${run.exitCode}\n${run.stderr.slice(-3000)}`);

  const root = join(sb.home, '..');
  const outDir = join(projectRoot, 'test/fixtures/agents', agent);
  mkdirSync(outDir, { recursive: true });
  const payloads = readFileSync(dump, 'utf8').split('\n').filter(Boolean);
  for (const line of payloads) {
    const payload = JSON.parse(line) as { hook_event_name: string; tool_name: string; tool_input?: Record<string, unknown> };
    // The call a payload belongs to: same tool, and every argument the model gave is in tool_input.
    const match = calls.find(([, call]) => call.name === payload.tool_name && Object.entries(call.input).every(([k, v]) => payload.tool_input?.[k] === v));
    const label = match?.[0] ?? payload.tool_name;
    // Claude Code also names the folder with slashes turned into dashes, in transcript_path.
    const text =
      JSON.stringify(payload, null, 2)
        .replaceAll(root, '/tmp/airlock-e2e-capture')
        .replaceAll(root.replaceAll('/', '-'), '-tmp-airlock-e2e-capture')
        // The end-to-end MCP server's path, in an MCP server's command line.
        .replaceAll(projectRoot, '/airlock-checkout') + '\n';
    const file = join(outDir, `${payload.hook_event_name}.${label}.json`);
    writeFileSync(file, text);
    process.stdout.write(`${file}\n`);
  }
}

const wanted = process.argv.slice(2);
for (const agent of Object.keys(CAPTURES) as Array<keyof typeof CAPTURES>) {
  if (wanted.length === 0 || wanted.includes(agent)) await capture(agent);
}
