// MCP tool calls through the real hook process (dist/hook.cjs), in each agent's payload shape: the
// server's name is evidence like any other name, the policy's mcp_servers says what a server is, and
// SQL, commands and file changes in a call's arguments are judged as what they are, behind the server.
// The bug this closes: `mcp__prod_postgres__query` with an UPDATE was allowed, its server name dropped.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectRoot, removeAtExit } from '../helpers.js';

const UPDATE = "UPDATE users SET plan='free' WHERE id=42";

interface Setup {
  home: string;
  cwd: string;
  env: Record<string, string>;
}

/** A fresh user and project, with a user policy and a project policy when given. */
function setup(policies: { user?: string; project?: string; dotenv?: string } = {}): Setup {
  const root = mkdtempSync(join(tmpdir(), 'airlock-mcp-'));
  removeAtExit(root);
  const home = join(root, 'home');
  const cwd = join(root, 'project');
  mkdirSync(join(home, '.config', 'airlock'), { recursive: true });
  mkdirSync(join(cwd, '.airlock'), { recursive: true });
  if (policies.user) writeFileSync(join(home, '.config', 'airlock', 'policy.yaml'), policies.user);
  if (policies.project) writeFileSync(join(cwd, '.airlock', 'policy.yaml'), policies.project);
  if (policies.dotenv) writeFileSync(join(cwd, '.env'), policies.dotenv);
  return { home, cwd, env: { PATH: process.env.PATH ?? '', HOME: home, AIRLOCK_STATE_DIR: join(home, 'state'), AIRLOCK_ORG_POLICY: '/nonexistent/org.yaml' } };
}

function hook(s: Setup, agent: string, payload: unknown) {
  const r = spawnSync(process.execPath, [join(projectRoot, 'dist/hook.cjs'), agent], { input: JSON.stringify(payload), encoding: 'utf8', env: s.env, cwd: s.cwd });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** allow, or held: any answer that keeps the call from running now (deny, ask, an approval request, exit 2). */
function outcome(r: { status: number | null; stdout: string }): 'allow' | 'held' {
  if (r.status === 2) return 'held';
  const a = JSON.parse(r.stdout || '{}') as Record<string, unknown> & { hookSpecificOutput?: { permissionDecision?: string } };
  const d = String(a.hookSpecificOutput?.permissionDecision ?? a.permissionDecision ?? a.permission ?? a.decision ?? 'allow');
  return d === 'allow' ? 'allow' : 'held';
}

interface Entry {
  kind: string;
  agent: string;
  command: string;
  verdict: string;
  environment?: string;
  effect?: string;
  rules?: string[];
}

function auditLog(s: Setup): Entry[] {
  const r = spawnSync(process.execPath, [join(projectRoot, 'bin/airlock.mjs'), 'log', '--json'], { encoding: 'utf8', env: s.env });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Entry)
    .filter((e) => e.kind === 'request');
}

/**
 * Claude Code's PreToolUse payload for an MCP tool, as the real program sent it for a call to the
 * end-to-end SQL server (test/fixtures/agents/claude-code/PreToolUse.mcp.json), with this call's server,
 * tool, arguments and directory.
 */
const CAPTURED = JSON.parse(readFileSync(join(projectRoot, 'test/fixtures/agents/claude-code/PreToolUse.mcp.json'), 'utf8')) as Record<string, unknown>;
const claude = (s: Setup, server: string, tool: string, input: Record<string, unknown>) => ({
  ...CAPTURED,
  cwd: s.cwd,
  tool_name: `mcp__${server}__${tool}`,
  tool_input: input,
  mcp_server: { ...(CAPTURED.mcp_server as object), name: server },
});

/** Each agent's payload for a call to `tool` on MCP server `server`, as the adapters read them. */
const AGENTS: Record<string, (s: Setup, server: string, tool: string, args: Record<string, unknown>) => unknown> = {
  'claude-code': claude,
  codex: (s, server, tool, args) => ({
    session_id: 'thr_1',
    turn_id: 't1',
    transcript_path: '/x/rollout.jsonl',
    cwd: s.cwd,
    hook_event_name: 'PreToolUse',
    model: 'gpt-5',
    permission_mode: 'default',
    tool_name: `mcp__${server}__${tool}`,
    tool_use_id: 'call_1',
    tool_input: args,
  }),
  // Gemini CLI names the tool and, from 0.2x, says which server it is on.
  gemini: (s, server, tool, args) => ({
    session_id: 's',
    transcript_path: '/x',
    cwd: s.cwd,
    hook_event_name: 'BeforeTool',
    timestamp: '2026-08-21T10:00:00.000Z',
    tool_name: `mcp_${server}_${tool}`,
    tool_input: args,
    mcp_context: { server_name: server, tool_name: tool, command: 'node', args: ['server.js'] },
  }),
  // Without mcp_context, only the tool's full name says which server it is on.
  'gemini (no mcp_context)': (s, server, tool, args) => ({
    session_id: 's',
    transcript_path: '/x',
    cwd: s.cwd,
    hook_event_name: 'BeforeTool',
    timestamp: '2026-08-21T10:00:00.000Z',
    tool_name: `mcp_${server}_${tool}`,
    tool_input: args,
  }),
  // Copilot CLI names MCP tools `<server>-<tool>`.
  copilot: (s, server, tool, args) => ({ sessionId: 's1', timestamp: 1704614600000, cwd: s.cwd, toolName: `${server}-${tool}`, toolArgs: args }),
  // Codex and older Claude Code send no mcp_server: the tool's name is all there is.
  'claude-code (no mcp_server)': (s, server, tool, args) => {
    const { mcp_server: _server, ...rest } = claude(s, server, tool, args);
    return rest;
  },
  opencode: (s, server, tool, args) => ({ tool: `${server}_${tool}`, sessionID: 's1', callID: 'c1', directory: s.cwd, args }),
  windsurf: (s, server, tool, args) => ({
    agent_action_name: 'pre_mcp_tool_use',
    trajectory_id: 't1',
    execution_id: 'e1',
    timestamp: '2026-01-01T00:00:00Z',
    model_name: 'swe-1',
    tool_info: { mcp_server_name: server, mcp_tool_name: tool, mcp_tool_arguments: args, cwd: s.cwd },
  }),
};
const adapterOf = (agent: string) => agent.replace(/ \(.*\)$/, '');

test('Claude Code: mcp__prod_postgres__query with an UPDATE … WHERE id=42 is held as a production write, and the audit entry says so', () => {
  const s = setup();
  const r = hook(s, 'claude-code', claude(s, 'prod_postgres', 'query', { sql: UPDATE }));
  const answer = JSON.parse(r.stdout).hookSpecificOutput;
  assert.equal(answer.permissionDecision, 'deny');
  assert.match(answer.permissionDecisionReason, /holding this command until a human approves it/);
  assert.match(answer.permissionDecisionReason, /UPDATE on users/);
  assert.match(answer.permissionDecisionReason, /Environment: production \(prod_postgres from the MCP server's name: the name contains "prod"\)/);
  assert.match(answer.permissionDecisionReason, /via mcp prod_postgres query/);
  const entry = auditLog(s).find((e) => e.command.startsWith('mcp__prod_postgres__query '));
  assert.ok(entry, 'the call is in the audit log, by its tool name');
  assert.equal(entry.command, `mcp__prod_postgres__query {"sql":"${UPDATE}"}`);
  assert.deepEqual([entry.verdict, entry.environment, entry.effect, entry.rules], ['approve', 'production', 'write', ['sql/statements']]);
});

test('with mcp_servers declaring it development (user policy), the same call is allowed and recorded as development', () => {
  const s = setup({ user: 'mcp_servers:\n  prod_postgres: { kind: database, dialect: postgres, environment: development }\n' });
  assert.deepEqual(hook(s, 'claude-code', claude(s, 'prod_postgres', 'query', { sql: UPDATE })), { status: 0, stdout: '', stderr: '' });
  const entry = auditLog(s).find((e) => e.command.startsWith('mcp__prod_postgres__query '));
  assert.deepEqual([entry?.verdict, entry?.environment, entry?.effect], ['allow', 'development', 'write']);
  // Declared production, the same call is held whatever its name says.
  const p = setup({ user: 'mcp_servers:\n  db: { kind: database, environment: production }\n' });
  assert.equal(outcome(hook(p, 'claude-code', claude(p, 'db', 'query', { sql: UPDATE }))), 'held');
  assert.equal(outcome(hook(setup(), 'claude-code', claude(setup(), 'db', 'query', { sql: UPDATE }))), 'allow', 'a write to a server nothing classifies is allowed, as a write in unknown is');
});

test('a project file may not declare a production-named server less risky, unless the user allows it', () => {
  const project = 'mcp_servers:\n  prod_postgres: { kind: database, environment: development }\n';
  const s = setup({ project });
  assert.equal(outcome(hook(s, 'claude-code', claude(s, 'prod_postgres', 'query', { sql: UPDATE }))), 'held');
  const allowed = setup({ project, user: 'project_may_relax: true\n' });
  assert.equal(outcome(hook(allowed, 'claude-code', claude(allowed, 'prod_postgres', 'query', { sql: UPDATE }))), 'allow');
  // A project may make a server riskier.
  const stricter = setup({ project: 'mcp_servers:\n  db: { environment: production }\n' });
  assert.equal(outcome(hook(stricter, 'claude-code', claude(stricter, 'db', 'query', { sql: UPDATE }))), 'held');
});

test("without a mapping the server's name is evidence: DROP TABLE is held as a destroy, a SELECT is allowed; a mapping's environment is the server's, not the project's", () => {
  const s = setup();
  const drop = hook(s, 'claude-code', claude(s, 'prod_db', 'execute', { sql: 'DROP TABLE users' }));
  assert.equal(outcome(drop), 'held');
  assert.match(JSON.parse(drop.stdout).hookSpecificOutput.permissionDecisionReason, /DROP TABLE/);
  assert.deepEqual(hook(s, 'claude-code', claude(s, 'prod_db', 'execute', { sql: 'SELECT * FROM users WHERE id = 42' })), { status: 0, stdout: '', stderr: '' });
  const entries = auditLog(s).filter((e) => e.command.startsWith('mcp__prod_db__execute '));
  assert.deepEqual(
    entries.map((e) => [e.verdict, e.effect, e.environment]),
    [
      ['approve', 'destroy', 'production'],
      ['allow', 'read', 'unknown'],
    ],
  );
  // The project's .env says production: with no mapping that counts for a database server; a mapping
  // of the server's environment is the word on where it acts.
  const dotenv = 'DATABASE_URL=postgres://app:secret@db.prod.acme.com/app\n';
  const unmapped = setup({ dotenv });
  assert.equal(outcome(hook(unmapped, 'claude-code', claude(unmapped, 'db', 'query', { sql: UPDATE }))), 'held');
  const mapped = setup({ dotenv, user: 'mcp_servers:\n  db: { kind: database, environment: development }\n' });
  assert.equal(outcome(hook(mapped, 'claude-code', claude(mapped, 'db', 'query', { sql: UPDATE }))), 'allow');
});

test('every shape of SQL argument is judged: sql, query, statement, lists of statements, wrapped params, statement objects', () => {
  const s = setup();
  const shapes: Record<string, unknown>[] = [
    { query: UPDATE },
    { statement: UPDATE },
    { statements: ['SELECT 1', UPDATE] },
    { params: { sql: UPDATE, projectId: 'p' } },
    { params: { sqlStatements: ['SELECT 1', UPDATE] } },
    { statements: [{ sql: 'SELECT 1' }, { sql: UPDATE, params: [] }] },
    { sql_query: UPDATE },
    { SQL: UPDATE },
  ];
  for (const args of shapes) assert.equal(outcome(hook(s, 'claude-code', claude(s, 'prod_postgres', 'run', args))), 'held', JSON.stringify(args));
  // The same shapes with reads only pass.
  for (const args of [{ query: 'SELECT 1' }, { statements: ['SELECT 1', 'SELECT 2'] }, { params: { sql: 'SELECT now()' } }])
    assert.equal(outcome(hook(s, 'claude-code', claude(s, 'prod_postgres', 'run', args))), 'allow', JSON.stringify(args));
});

test("every agent's MCP naming: held as a production write by the server's name, allowed once the policy maps the server to development", () => {
  const mapped = 'mcp_servers:\n  prod_postgres: { kind: database, dialect: postgres, environment: development }\n';
  for (const [agent, payload] of Object.entries(AGENTS)) {
    const s = setup();
    const held = hook(s, adapterOf(agent), payload(s, 'prod_postgres', 'query', { sql: UPDATE }));
    assert.equal(outcome(held), 'held', `${agent}: ${JSON.stringify(held)}`);
    const entry = auditLog(s).find((e) => e.agent === adapterOf(agent));
    assert.equal(entry?.environment, 'production', `${agent}: the audit entry`);
    assert.match(entry?.command ?? '', /prod_postgres/, `${agent}: the audit entry names the server`);
    const d = setup({ user: mapped });
    const allowed = hook(d, adapterOf(agent), payload(d, 'prod_postgres', 'query', { sql: UPDATE }));
    assert.equal(outcome(allowed), 'allow', `${agent}: ${JSON.stringify(allowed)}`);
    assert.equal(auditLog(d).find((e) => e.agent === adapterOf(agent))?.environment, 'development', `${agent}: the audit entry`);
  }
});

test('Cursor names the server by the command that starts it: the database URL there is evidence', () => {
  const s = setup();
  const call = (command: string, sql: string) => ({
    conversation_id: 'c',
    generation_id: 'g',
    hook_event_name: 'beforeMCPExecution',
    cursor_version: '3.9.16',
    workspace_roots: [s.cwd],
    tool_name: 'query',
    tool_input: JSON.stringify({ sql }),
    command,
  });
  assert.equal(outcome(hook(s, 'cursor', call('npx -y @modelcontextprotocol/server-postgres postgresql://app:pw@prod-db.internal:5432/app', UPDATE))), 'held');
  assert.equal(outcome(hook(s, 'cursor', call('npx -y @modelcontextprotocol/server-postgres postgresql://app:pw@localhost:5432/app', UPDATE))), 'allow');
  assert.ok(!JSON.stringify(auditLog(s)).includes(':pw@'), 'the password in the command line is not in the audit log');
});

test('MCP servers of other kinds: commands behind a cluster or shell server, and file tools on protected files', () => {
  const s = setup({ user: 'mcp_servers:\n  k8s: { kind: kube, environment: production }\n' });
  // A kube server declared production: a change through it is a production write.
  assert.equal(outcome(hook(s, 'claude-code', claude(s, 'k8s', 'kubectl', { command: 'kubectl apply -f deploy.yaml' }))), 'held');
  assert.equal(outcome(hook(s, 'claude-code', claude(s, 'k8s', 'kubectl', { command: 'kubectl get pods' }))), 'allow');
  // The server's name counts as a wrapper's does: `ssh prod-box …`.
  assert.equal(outcome(hook(s, 'claude-code', claude(s, 'prod_shell', 'run_command', { command: 'npx drizzle-kit migrate' }))), 'held');
  assert.equal(outcome(hook(s, 'claude-code', claude(s, 'dev_shell', 'run_command', { command: 'npx drizzle-kit migrate' }))), 'allow');
  // A migration preflight reads first is held behind a shell server: the probe can't see where the server runs it.
  const behind = hook(s, 'claude-code', claude(s, 'dev_shell', 'run_command', { command: 'npx prisma migrate deploy' }));
  assert.match(JSON.parse(behind.stdout).hookSpecificOutput.permissionDecisionReason, /could not look at what it would do: it runs through a program named at run time/);
  const never = hook(s, 'claude-code', claude(s, 'shell', 'run_command', { command: 'rm -rf ~' }));
  assert.match(JSON.parse(never.stdout).hookSpecificOutput.permissionDecisionReason, /never allowed/);
  // A filesystem server's write, move or delete of the agents' hook settings is self-protection, as the agent's own Write is.
  for (const [tool, args] of [
    ['write_file', { path: join(s.home, '.claude/settings.json'), content: '{}' }],
    ['edit_file', { path: join(s.cwd, '.claude/settings.local.json'), edits: [{ oldText: 'a', newText: 'b' }] }],
    ['move_file', { source: join(s.home, '.codex/hooks.json'), destination: join(s.cwd, 'hooks.bak') }],
    ['delete_file', { path: join(s.home, '.gemini/settings.json') }],
    ['write_file', { path: join(s.cwd, '.env'), content: 'NODE_OPTIONS=--require /tmp/x.js\n' }],
  ] as const) {
    const r = hook(s, 'claude-code', claude(s, 'filesystem', tool, args));
    assert.match(JSON.parse(r.stdout).hookSpecificOutput.permissionDecisionReason, /never allowed/, `${tool} ${JSON.stringify(args)}`);
  }
  assert.deepEqual(hook(s, 'claude-code', claude(s, 'filesystem', 'write_file', { path: join(s.cwd, 'src/app.ts'), content: 'x' })), { status: 0, stdout: '', stderr: '' });
  assert.deepEqual(hook(s, 'claude-code', claude(s, 'filesystem', 'read_file', { path: join(s.home, '.claude/settings.json') })), { status: 0, stdout: '', stderr: '' });
  // A call with nothing to judge is still in the audit log, with its arguments.
  assert.ok(auditLog(s).some((e) => e.command === `mcp__filesystem__read_file {"path":"${join(s.home, '.claude/settings.json')}"}`));
});

test("Claude Code names the server in mcp_server; where only the tool's name says, all of it is evidence", () => {
  const s = setup({ user: 'mcp_servers:\n  prod__pg: { kind: database, environment: development }\n' });
  assert.equal(outcome(hook(s, 'claude-code', claude(s, 'prod__pg', 'query', { sql: UPDATE }))), 'allow');
  assert.equal(auditLog(s).find((e) => e.command.startsWith('mcp__prod__pg__query '))?.environment, 'development');
  // `mcp__dev__prod_mirror__query`: read from the name alone, the server would be `dev`.
  const named = hook(s, 'claude-code', claude(s, 'dev__prod_mirror', 'query', { sql: UPDATE }));
  assert.match(JSON.parse(named.stdout).hookSpecificOutput.permissionDecisionReason, /dev__prod_mirror from the MCP server's name/);
  const { mcp_server: _server, ...unnamed } = claude(s, 'dev__prod_mirror', 'query', { sql: UPDATE });
  const r = hook(s, 'claude-code', unnamed);
  assert.equal(outcome(r), 'held', 'the whole tool name says prod');
  assert.match(JSON.parse(r.stdout).hookSpecificOutput.permissionDecisionReason, /mcp__dev__prod_mirror__query from the tool's name/);
});

// Attacks on the argument extractor: SQL and commands in shapes it didn't know were allowed unseen.

test('on a database server, SQL under a field name or in a shape the extractor did not know is judged as SQL: held, not allowed unseen', () => {
  const s = setup();
  const DROP = 'DROP TABLE users';
  const shapes: Record<string, unknown>[] = [
    { q: DROP },
    { text: DROP },
    { input: DROP },
    { body: DROP },
    { expression: DROP },
    { params: JSON.stringify({ sql: DROP }) },
    { arguments: JSON.stringify({ query: DROP }) },
    { params: [{ sql: DROP }] },
    { params: { input: { body: { data: { sql: DROP } } } } },
    { a: { b: { c: { d: { e: { f: { g: { h: { i: { sql: DROP } } } } } } } } } },
    { requests: [{ sql: DROP }] },
    { batch: [{ query: DROP }] },
    { sql: { text: DROP } },
    { operations: [{ type: 'sql', statement: DROP }] },
    { transaction: [DROP] },
    { command: DROP },
    { q: `  /* report */\n ${DROP}` },
  ];
  for (const args of shapes) assert.equal(outcome(hook(s, 'claude-code', claude(s, 'prod_postgres', 'execute', args))), 'held', JSON.stringify(args));
  // Reads in the same shapes, and arguments that are not SQL, pass.
  for (const args of [{ q: 'SELECT 1' }, { params: JSON.stringify({ sql: 'SELECT now()' }) }, { requests: [{ sql: 'SELECT 1' }] }])
    assert.equal(outcome(hook(s, 'claude-code', claude(s, 'prod_postgres', 'execute', args))), 'allow', JSON.stringify(args));
  for (const args of [{ table: 'users', schema: 'public' }, { text: 'users who dropped out' }])
    assert.equal(outcome(hook(s, 'claude-code', claude(s, 'prod_postgres', 'describe_table', args))), 'allow', JSON.stringify(args));
  // A tool that says it executes, on a production server, with nothing in it airlock can read, is a production write.
  assert.equal(outcome(hook(s, 'claude-code', claude(s, 'prod_postgres', 'execute', { table: 'users' }))), 'held');
});

test('a command split into a program and its arguments, or wrapped in an object, is judged whole: rm -rf of home is never allowed', () => {
  const s = setup();
  const never = (tool: string, args: Record<string, unknown>) => {
    const r = hook(s, 'claude-code', claude(s, 'shell', tool, args));
    assert.equal(outcome(r), 'held', `${tool} ${JSON.stringify(args)}`);
    assert.match(JSON.parse(r.stdout).hookSpecificOutput.permissionDecisionReason, /never allowed/, `${tool} ${JSON.stringify(args)}`);
  };
  never('run_command', { command: 'rm', args: ['-rf', s.home] });
  never('execute', { program: 'rm', args: ['-rf', s.home] });
  never('execute', { executable: 'rm', arguments: ['-rf', s.home] });
  never('execute', { argv: ['rm', '-rf', s.home] });
  never('execute', { cmd: { program: 'rm', args: ['-rf', s.home] } });
  never('exec', { command: 'bash', args: ['-c', 'rm -rf ~'] });
  never('exec', { commands: [{ command: 'rm -rf ~' }] });
  never('exec', { params: JSON.stringify({ command: 'rm -rf ~' }) });
  never('run', { script: { content: 'rm -rf ~' } });
  assert.equal(outcome(hook(s, 'claude-code', claude(s, 'shell', 'run_command', { command: 'ls', args: ['-la'] }))), 'allow');
});

test('an MCP tool whose name says it deletes, drops or destroys, with nothing else to judge in its arguments, is held as a destroy; one that writes is held on a production server', () => {
  const s = setup({ user: 'mcp_servers:\n  k8s: { kind: kube, environment: production }\n' });
  for (const [server, tool, args] of [
    ['kubernetes', 'delete_namespace', { name: 'production' }],
    ['kubernetes', 'kubectl_delete', { resourceType: 'namespace', name: 'prod' }],
    ['prod_postgres', 'drop_table', { table: 'users' }],
    ['neon', 'delete_project', { projectId: 'prod-123' }],
    ['supabase', 'reset_branch', { branch_id: 'b1' }],
    ['github', 'delete_repository', { owner: 'acme', repo: 'app' }],
    ['terraform', 'destroy', { dir: 'infra' }],
    ['k8s', 'deleteDeployment', { name: 'api' }],
    ['prod_api', 'update_customer', { id: 42, plan: 'free' }],
    ['k8s', 'apply_manifest', { manifest: 'kind: Deployment' }],
  ] as const) {
    const r = hook(s, 'claude-code', claude(s, server, tool, args));
    assert.equal(outcome(r), 'held', `${server} ${tool}: ${r.stdout}`);
  }
  // Reads, and writes where nothing says production, pass.
  for (const [server, tool, args] of [
    ['kubernetes', 'list_pods', { namespace: 'default' }],
    ['neon', 'describe_project', { projectId: 'p' }],
    ['k8s', 'get_deployment', { name: 'api' }],
    ['github', 'create_issue', { title: 'x' }],
    ['notes', 'update_note', { id: 1, text: 'x' }],
  ] as const)
    assert.equal(outcome(hook(s, 'claude-code', claude(s, server, tool, args))), 'allow', `${server} ${tool}`);
});

test('server names that say production in camelCase, with a number, or in full-width letters are production', () => {
  const s = setup();
  for (const server of ['ProdDb', 'pgLive', 'production2', 'ｐｒｏｄ_pg', 'stagingDb'])
    assert.equal(outcome(hook(s, 'claude-code', claude(s, server, 'query', { sql: 'DROP TABLE users' }))), 'held', server);
  for (const server of ['ProdDb', 'pgLive', 'production2', 'ｐｒｏｄ_pg']) assert.equal(outcome(hook(s, 'claude-code', claude(s, server, 'query', { sql: UPDATE }))), 'held', server);
  // A word that only contains one of them is not one.
  for (const server of ['productDb', 'deliveryDb', 'oliveDb']) assert.equal(outcome(hook(s, 'claude-code', claude(s, server, 'query', { sql: UPDATE }))), 'allow', server);
});

test("a filesystem server's write of the agents' hook settings is refused when its path is wrapped in params, and held when it is under a name airlock doesn't read", () => {
  const s = setup();
  const settings = join(s.home, '.claude/settings.json');
  const wrapped = hook(s, 'claude-code', claude(s, 'filesystem', 'write_file', { params: { path: settings, content: '{}' } }));
  assert.match(JSON.parse(wrapped.stdout).hookSpecificOutput.permissionDecisionReason, /never allowed/);
  for (const args of [
    { location: settings, content: '{}' },
    { params: JSON.stringify({ path: settings, content: '{}' }) },
    { a: { b: { c: { d: { e: { f: { g: { h: { i: { path: settings } } } } } } } } } },
  ])
    assert.equal(outcome(hook(s, 'claude-code', claude(s, 'filesystem', 'write_file', args))), 'held', JSON.stringify(args));
  assert.equal(outcome(hook(s, 'claude-code', claude(s, 'filesystem', 'write_file', { params: { path: join(s.cwd, 'src/a.ts'), content: 'x' } }))), 'allow');
});

test('SQL a DO block computes and EXECUTEs is unknown, not a read: held through an MCP server and through psql', () => {
  const s = setup();
  for (const sql of [
    "DO $$ BEGIN EXECUTE 'DR' || 'OP TABLE users'; END $$",
    "DO $$ DECLARE v text := 'DR' || 'OP TABLE users'; BEGIN EXECUTE v; END $$",
    "DO $$ BEGIN EXECUTE format('DROP TABLE %I', 'users'); END $$",
  ])
    assert.equal(outcome(hook(s, 'claude-code', claude(s, 'db', 'query', { sql }))), 'held', sql);
  const bash = { ...claude(s, 'db', 'query', {}), tool_name: 'Bash', tool_input: { command: `psql postgres://db.acme.com/app -c "DO \\$\\$ BEGIN EXECUTE 'DR' || 'OP TABLE users'; END \\$\\$"` } };
  const { mcp_server: _m, ...shell } = bash;
  assert.equal(outcome(hook(s, 'claude-code', shell)), 'held');
  // A DO block that runs a literal read, or a literal statement with parameters, is judged by that statement.
  assert.equal(outcome(hook(s, 'claude-code', claude(s, 'db', 'query', { sql: "DO $$ BEGIN EXECUTE 'SELECT 1'; END $$" }))), 'allow');
  assert.equal(outcome(hook(s, 'claude-code', claude(s, 'db', 'query', { sql: "DO $$ BEGIN EXECUTE 'UPDATE t SET a = $1 WHERE id = 1' USING 2; END $$" }))), 'allow');
});
