// An MCP server in the real Claude Code and Gemini CLI programs: a tiny stdio server
// (test/fixtures/mcp/sql-server.mjs) that runs SQL on the real PostgreSQL, registered as `prod_postgres`.
// The scripted model calls its `query` tool with an UPDATE. airlock holds it as a production write by
// the server's name (the row is unchanged, the server never got the call, airlock's reason reaches the
// model); once the user's policy maps prod_postgres to development, the same call runs and changes the
// row. Both are in the audit log, under the tool's name as the agent called it.
// Needs: the real agent programs from npm, PostgreSQL on loopback (the unit run leaves this file out).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { claudeCodeDriver, runClaudeCode } from './drivers/claude-code.js';
import { geminiDriver, runGemini } from './drivers/gemini.js';
import type { ScriptedRun } from './drivers/process.js';
import { auditEntries, installAirlock, pgTable, sandbox, skipUnlessInstalled, type AgentDriver, type Sandbox } from './harness.js';
import type { ToolCall } from './models/script.js';
import { AIRLOCK_REASON } from './scenarios.js';
import { projectRoot } from '../helpers.js';

const SERVER = join(projectRoot, 'test/fixtures/mcp/sql-server.mjs');

interface McpAgent {
  driver: AgentDriver;
  /** The tool's name as the agent offers it to its model. */
  tool: string;
  /** Registers the server with the agent and runs one session in which the model makes `call`. */
  run(sb: Sandbox, server: { command: string; args: string[] }, call: ToolCall): Promise<ScriptedRun>;
}

const AGENTS: McpAgent[] = [
  {
    driver: claudeCodeDriver,
    tool: 'mcp__prod_postgres__query',
    run(sb, server, call) {
      const mcpConfig = join(sb.home, '..', 'mcp.json');
      writeFileSync(mcpConfig, JSON.stringify({ mcpServers: { prod_postgres: { type: 'stdio', ...server } } }));
      return runClaudeCode(sb, [call], { mcpConfig });
    },
  },
  {
    driver: geminiDriver,
    tool: 'mcp_prod_postgres_query',
    run(sb, server, call) {
      // Gemini CLI reads its MCP servers from the settings file airlock's hook is in; `trust` skips its own confirmation.
      const file = join(sb.home, '.gemini', 'settings.json');
      const settings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      writeFileSync(file, JSON.stringify({ ...settings, mcpServers: { prod_postgres: { ...server, trust: true } } }, null, 2));
      return runGemini(sb, [call]);
    },
  },
];

for (const agent of AGENTS) {
  const name = agent.driver.agent;
  test(`${name} (real program): an MCP SQL server named prod_postgres: an UPDATE is held as a production write, and runs once the policy maps the server to development`, {
    skip: skipUnlessInstalled(name),
    timeout: 600_000,
  }, async () => {
    const sb = sandbox(`${name}-mcp`);
    agent.driver.configure(sb);
    installAirlock(sb, name);
    const table = pgTable(`${name}-mcp`);
    const calls = join(sb.home, '..', 'mcp-calls.jsonl');
    const server = { command: process.execPath, args: [SERVER, table.url, calls] };
    /** The value of the row the UPDATE changes, read from the real database. */
    const value = () => {
      const r = spawnSync('psql', [table.url, '-X', '-q', '-t', '-A', '-c', `SELECT v FROM ${table.name} WHERE id = 2`], { encoding: 'utf8' });
      return r.status === 0 ? r.stdout.trim() : null;
    };
    const update = `UPDATE ${table.name} SET v = 'free' WHERE id = 2`;
    const call = { name: agent.tool, input: { sql: update } };
    const received = () =>
      existsSync(calls)
        ? readFileSync(calls, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as { sql: string })
        : [];
    try {
      const held = await agent.run(sb, server, call);
      assert.equal(held.toolResults.length, 1, `the model's MCP call got no result: ${held.problems.join('; ')}\n${held.stderr.slice(-2000)}`);
      assert.match(held.toolResults[0]!, AIRLOCK_REASON, `airlock's reason did not reach the model: ${held.toolResults[0]}`);
      assert.match(held.toolResults[0]!, /production/);
      assert.equal(value(), 'row 2', 'the UPDATE ran');
      assert.deepEqual(received(), [], 'the MCP server got the held call');

      mkdirSync(join(sb.env.XDG_CONFIG_HOME!, 'airlock'), { recursive: true });
      writeFileSync(join(sb.env.XDG_CONFIG_HOME!, 'airlock', 'policy.yaml'), 'mcp_servers:\n  prod_postgres: { kind: database, dialect: postgres, environment: development }\n');
      const allowed = await agent.run(sb, server, call);
      assert.equal(allowed.toolResults.length, 1, `the model's MCP call got no result\n${allowed.stderr.slice(-2000)}`);
      assert.doesNotMatch(allowed.toolResults[0]!, AIRLOCK_REASON);
      assert.equal(value(), 'free', `the UPDATE did not run: ${allowed.toolResults[0]}`);
      assert.deepEqual(
        received().map((c) => c.sql),
        [update],
      );

      const entries = auditEntries(sb).filter((e) => e.kind === 'request' && String(e.command).startsWith(`${agent.tool} `));
      assert.deepEqual(
        entries.map((e) => [e.verdict, e.environment]),
        [
          ['approve', 'production'],
          ['allow', 'development'],
        ],
        JSON.stringify(entries),
      );
    } finally {
      table.drop();
    }
  });
}
