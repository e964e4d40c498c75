// The hook payloads the real agent programs sent (captured by test/e2e/capture-hook-payloads.ts into
// test/fixtures/agents/), fed to the real hook process: each is understood, and the same payload with
// a catastrophic command or path in it is refused in the agent's own protocol.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../helpers.js';

const HOOK = join(projectRoot, 'dist/hook.cjs');
const FIXTURES = join(projectRoot, 'test/fixtures/agents');
const home = mkdtempSync(join(tmpdir(), 'airlock-real-payloads-'));
const env = { PATH: process.env.PATH ?? '', HOME: home, AIRLOCK_STATE_DIR: join(home, 'state'), AIRLOCK_ORG_POLICY: '/nonexistent/org.yaml' };

type Payload = Record<string, unknown>;

function hook(agent: string, payload: Payload) {
  const r = spawnSync(process.execPath, [HOOK, agent], { input: JSON.stringify(payload), encoding: 'utf8', env, cwd: home });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status };
}

/** What an allowed call gets back, per agent. */
const ALLOW: Record<string, string> = { 'claude-code': '', codex: '', gemini: '{}\n', copilot: '', opencode: '{"decision":"allow"}\n' };
/** Each agent's own hook settings, which no tool call may change. */
const SETTINGS: Record<string, string> = {
  'claude-code': '.claude/settings.json',
  codex: '.codex/hooks.json',
  gemini: '.gemini/settings.json',
  copilot: '.copilot/hooks/airlock.json',
  opencode: '.config/opencode/plugins/airlock.js',
};

/**
 * Every payload an agent handed its hook, from the fixtures: one per file (`<event>.<call>.json`), a
 * list of {event, payload} (Copilot CLI), or the list airlock's OpenCode plugin sent (its stdin).
 * Other files there record what the agents showed their model, not what the hook reads.
 */
function payloadsIn(agent: string, file: string): Payload[] {
  const value = JSON.parse(readFileSync(join(FIXTURES, agent, file), 'utf8')) as unknown;
  if (!Array.isArray(value)) return typeof (value as Payload).hook_event_name === 'string' ? [value as Payload] : [];
  if (agent === 'copilot' && file === 'tool-hooks.json') return value.map((v) => (v as { payload: Payload }).payload);
  if (agent === 'opencode' && file.endsWith('airlock-hook-stdin.json')) return value as Payload[];
  return [];
}

/** Before the call, or after it (nothing to decide then). */
const isPre = (p: Payload) => (typeof p.hook_event_name === 'string' ? ['PreToolUse', 'BeforeTool'].includes(p.hook_event_name) : !p.toolResult && p.event !== 'tool.execute.after');
/** The captures include calls the agents were meant to be refused. */
const meantToBeHeld = (p: Payload) => /rm -rf|plugins\/airlock\.js|hooks\/airlock\.json/.test(JSON.stringify(p));

/** The same call aimed at the user's home, the agent's hook settings or the database, whatever the agent calls its arguments. */
function aimed(agent: string, p: Payload): Payload {
  const settings = join(home, SETTINGS[agent]!);
  const retarget = (args: Record<string, unknown>) => {
    const out: Record<string, unknown> = { ...args };
    if (typeof out.command === 'string' && !out.command.includes('*** Begin Patch')) out.command = 'rm -rf ~';
    for (const key of ['file_path', 'filePath', 'path']) if (typeof out[key] === 'string') out[key] = settings;
    // An MCP call's SQL, on the server it was sent to (prod_postgres): the same destruction there.
    if (typeof out.sql === 'string') out.sql = 'DROP TABLE users';
    for (const key of ['patchText', 'command'])
      if (typeof out[key] === 'string' && (out[key] as string).includes('*** Begin Patch')) out[key] = `*** Begin Patch\n*** Delete File: ${settings}\n*** End Patch`;
    return out;
  };
  if (p.tool_input) return { ...p, tool_input: retarget(p.tool_input as Record<string, unknown>) };
  if (p.toolArgs) return { ...p, toolArgs: retarget(p.toolArgs as Record<string, unknown>) };
  return { ...p, args: retarget(p.args as Record<string, unknown>) };
}

/** Whether the agent's answer refuses the call, in its own protocol. */
function refused(r: { stdout: string; exitCode: number | null }): boolean {
  if (r.exitCode === 2) return true;
  const answer = JSON.parse(r.stdout) as { decision?: string; permissionDecision?: string; hookSpecificOutput?: { permissionDecision?: string } };
  // An ask is refused too until a person answers it (and headless agents refuse it outright).
  return ['deny', 'approve', 'ask'].includes(answer.hookSpecificOutput?.permissionDecision ?? answer.permissionDecision ?? answer.decision ?? '');
}

const agents = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const fixtures = agents.flatMap((agent) =>
  readdirSync(join(FIXTURES, agent))
    .filter((f) => f.endsWith('.json'))
    .flatMap((file) => payloadsIn(agent, file).map((payload, i) => ({ agent, name: `${file}#${i}`, payload }))),
);

test('there are captured payloads for all five agents', () => {
  for (const agent of ['claude-code', 'codex', 'gemini', 'copilot', 'opencode'])
    assert.ok(
      fixtures.some((f) => f.agent === agent),
      `no fixtures for ${agent}`,
    );
});

for (const { agent, name, payload } of fixtures) {
  if (meantToBeHeld(payload)) {
    test(`${agent} ${name}: the real payload of a call the agent should not make is refused`, () => assert.ok(refused(hook(agent, payload))));
    continue;
  }
  test(`${agent} ${name}: the real payload is understood and the harmless call allowed`, () => {
    assert.deepEqual(hook(agent, payload), { stdout: ALLOW[agent], stderr: '', exitCode: 0 });
  });
  if (!isPre(payload)) continue;
  test(`${agent} ${name}: the same payload aimed at the user's home or the agent's hook settings is refused`, () => {
    const r = hook(agent, aimed(agent, payload));
    assert.ok(refused(r), `${r.stdout}${r.stderr}`);
  });
}

/** What the audit log holds for the outcome payloads: the exit status each agent's event really carries, or a plain note that it has none. */
test('after-command payloads: each outcome is recorded with the exit status the agent reports, and says so when it reports none', () => {
  const read = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
  const copilot = (read('copilot/tool-hooks.json') as Array<{ event: string; payload: Payload }>).filter((h) => h.event === 'postToolUse' && h.payload.toolName === 'bash');
  // What airlock's OpenCode plugin hands the hook after a shell command, from what OpenCode gave the plugin.
  const opencode = (read('opencode/tool-hooks.json') as Array<{ hook: string; input: Payload; output: { metadata?: { exit?: number } } }>)
    .filter((h) => h.hook === 'tool.execute.after' && h.input.tool === 'bash')
    .map((h) => ({ event: 'tool.execute.after', tool: h.input.tool, sessionID: h.input.sessionID, callID: h.input.callID, directory: home, args: h.input.args, exit: h.output.metadata?.exit }));
  const cases: Array<[string, Payload, number | null]> = [
    ['claude-code', read('claude-code/PostToolUse.Bash.json'), 0], // Claude Code sends PostToolUse only for a command that succeeded
    ['claude-code', read('claude-code/PostToolUseFailure.Bash-failing.json'), 3], // "Exit code 3" in its error text
    ['gemini', read('gemini/AfterTool.run_shell_command.json'), 0], // no "Exit Code:" line means 0
    ['gemini', read('gemini/AfterTool.run_shell_command-failing.json'), 3],
    ['codex', read('codex/PostToolUse.Bash.json'), null], // Codex hands hooks no exit status at all
    ['copilot', copilot[0]!.payload, 0], // "<shellId: 0 completed with exit code 0>" in the text for the model
    ['copilot', copilot[1]!.payload, 3],
    ['opencode', opencode[0]!, 0], // output.metadata.exit
    ['opencode', opencode[1]!, 3],
  ];
  const state = mkdtempSync(join(tmpdir(), 'airlock-outcomes-'));
  const local = { ...env, AIRLOCK_STATE_DIR: state };
  for (const [agent, payload] of cases) {
    const r = spawnSync(process.execPath, [HOOK, agent], { input: JSON.stringify(payload), encoding: 'utf8', env: local, cwd: home });
    assert.equal(r.status, 0, `${agent}: ${r.stderr}`);
    assert.equal(r.stderr, '', agent);
  }
  const log = spawnSync(process.execPath, [join(projectRoot, 'bin/airlock.mjs'), 'log', '--json'], { encoding: 'utf8', env: local });
  const outcomes = log.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { kind: string; agent: string; command?: string; detail: { exitCode: number | null; exitCodeNote?: string } })
    .filter((e) => e.kind === 'outcome');
  assert.deepEqual(
    outcomes.map((o) => [o.agent, o.detail.exitCode]),
    cases.map(([agent, , exit]) => [agent, exit]),
  );
  assert.match(outcomes[4]!.detail.exitCodeNote ?? '', /codex does not report the exit status/);
  for (const o of outcomes) assert.ok(o.command, 'the command is recorded with its outcome');
});
