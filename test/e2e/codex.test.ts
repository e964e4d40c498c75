// airlock in the real Codex CLI (0.171.0), driven by a scripted Responses model on loopback. Codex runs
// a hook only once a person has trusted it in /hooks, and skips it silently until then, in `codex exec`
// too: these tests show that the trust `airlock init` records at a terminal is the trust Codex checks,
// that without it init and doctor both say so, and that with it a DROP TABLE is held. They also pin the
// hook payloads Codex sends (test/fixtures/agents/codex-*.json).
// Needs: the real agent program from npm, PostgreSQL and MariaDB on loopback (the unit run leaves this file out).

import assert from 'node:assert/strict';
import { chmodSync, existsSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { codexHooks, isAirlockHook, recordTrust } from '../../src/agents/codex-trust.js';
import { projectRoot } from '../helpers.js';
import { codexDriver, codexHome, codexHooksList, runCodex } from './drivers/codex.js';
import { airlock, airlockAtTerminal, auditEntries, pgTable, sandbox, skipUnlessInstalled, type Sandbox } from './harness.js';
import { AIRLOCK_REASON, agentScenarios } from './scenarios.js';

const skip = skipUnlessInstalled('codex');
const FIXTURES = join(projectRoot, 'test/fixtures/agents');

agentScenarios(codexDriver);

/** The hooks file Codex reads, keyed by its real path as Codex keys it. */
const hooksFile = (sb: Sandbox) => join(realpathSync(codexHome(sb)), 'hooks.json');

/** The commands airlock's audit log holds, [] when it has none yet. */
function audited(sb: Sandbox): string[] {
  if (!existsSync(sb.stateDir)) return [];
  return auditEntries(sb).map((e) => ((e.request as { command?: string } | undefined)?.command ?? e.command) as string);
}

test('codex (real program): Codex computes the same trust keys and hashes as airlock, for every kind of hook', { skip, timeout: 120_000 }, async () => {
  const sb = sandbox('codex-hashes');
  codexDriver.configure(sb);
  // Every shape the unit tests pin (events, matchers, timeouts, skipped entries), listed by this binary.
  const fixture = JSON.parse(readFileSync(join(FIXTURES, 'codex-hooks-list-0.171.json'), 'utf8')) as { hooksJson: string };
  writeFileSync(join(codexHome(sb), 'hooks.json'), fixture.hooksJson);
  const mine = codexHooks(fixture.hooksJson, hooksFile(sb));
  const listed = await codexHooksList(sb);
  assert.deepEqual(listed.hooks.map((h) => h.key).sort(), mine.map((h) => h.key).sort());
  for (const real of listed.hooks) assert.equal(mine.find((h) => h.key === real.key)?.hash, real.currentHash, `hash of ${real.key}`);
  assert.ok(listed.hooks.every((h) => h.trustStatus === 'untrusted'));

  // Trust recorded by airlock's edit is trust in Codex's eyes, for every one of them.
  const configFile = join(codexHome(sb), 'config.toml');
  writeFileSync(configFile, recordTrust(readFileSync(configFile, 'utf8'), mine));
  const after = await codexHooksList(sb);
  assert.deepEqual(
    after.hooks.filter((h) => h.trustStatus !== 'trusted').map((h) => h.key),
    [],
  );
});

test('codex (real program): without a terminal init leaves Codex skipping the hook and says so, doctor fails; after the trust step a DROP TABLE is held with its rows intact', {
  skip,
  timeout: 600_000,
}, async (t) => {
  const sb = sandbox('codex-trust');
  codexDriver.configure(sb);
  const init = airlock(sb, ['init', '--agent', 'codex', '--yes']);
  assert.notEqual(init.status, 0, `init without a terminal must not report success while Codex skips the hook:\n${init.stdout}${init.stderr}`);
  assert.match(init.stdout, /codex\s+NOT TRUSTED/);
  assert.match(init.stdout, /Still needs you:[\s\S]*open Codex, run \/hooks and trust the airlock hook, or run `airlock init --agent codex` at a terminal/);
  const doctor = airlock(sb, ['doctor']);
  assert.equal(doctor.status, 1, doctor.stdout);
  assert.match(doctor.stdout, /codex\s+FAIL [\s\S]*Codex skips PreToolUse \(not trusted in \/hooks\), PostToolUse \(not trusted in \/hooks\); fix: /);

  // Codex agrees: the hook is untrusted, so a command runs with airlock never asked (the hole).
  const listed = (await codexHooksList(sb)).hooks.filter((h) => h.command && isAirlockHook({ command: h.command }));
  assert.ok(listed.length > 0 && listed.every((h) => h.trustStatus === 'untrusted'), JSON.stringify(listed));
  const unguarded = await runCodex(sb, [{ name: 'exec_command', input: { cmd: 'echo ran > unguarded.txt' } }]);
  assert.ok(existsSync(join(sb.project, 'unguarded.txt')), `the command did not run:\n${unguarded.stderr.slice(-2000)}`);
  assert.ok(!audited(sb).includes('echo ran > unguarded.txt'), 'airlock was asked although Codex does not trust its hook: the premise of this test changed');

  // The step left, done as a person would: init at a terminal, answering y.
  const trusted = airlockAtTerminal(sb, ['init', '--agent', 'codex', '--yes'], [['as /hooks would', 'y']], 0);
  assert.match(trusted.stdout, /codex\s+trusted/);
  assert.match(airlock(sb, ['doctor']).stdout, /codex\s+ok\s+allow/);
  const now = (await codexHooksList(sb)).hooks.filter((h) => h.command && isAirlockHook({ command: h.command }));
  assert.ok(now.length > 0 && now.every((h) => h.trustStatus === 'trusted'), JSON.stringify(now));

  const table = pgTable('codex-trust');
  try {
    const command = `psql ${table.url} -c 'DROP TABLE ${table.name}'`;
    const run = await runCodex(sb, [{ name: 'exec_command', input: { cmd: command } }]);
    assert.equal(table.rows(), 5, `DROP TABLE ran: the rows are gone\n${run.stdout.slice(-2000)}`);
    assert.match(run.toolResults[0] ?? '', AIRLOCK_REASON, JSON.stringify(run.toolResults));
    assert.ok(audited(sb).includes(command), 'the held command is not in the audit log');
    // What the model is shown: Codex appends ". Command: <command>" to the hook's reason.
    t.diagnostic(`the tool result Codex sent the model: ${JSON.stringify(run.toolResults[0])}`);
    assert.ok(run.toolResults[0]!.endsWith(`. Command: ${command}`), JSON.stringify(run.toolResults[0]));
  } finally {
    table.drop();
  }
});

test('codex (real program): the PreToolUse and PostToolUse payloads are those in test/fixtures/agents; PostToolUse carries no exit code', { skip, timeout: 120_000 }, async () => {
  const sb = sandbox('codex-payloads');
  codexDriver.configure(sb);
  const dump = join(sb.home, 'dump.sh');
  writeFileSync(dump, `#!/bin/sh\ncat > "${sb.home}/payload-$1.json"\n`);
  chmodSync(dump, 0o755);
  const file = join(codexHome(sb), 'hooks.json');
  writeFileSync(
    file,
    JSON.stringify({
      hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: `${dump} pre` }] }], PostToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: `${dump} post` }] }] },
    }),
  );
  const configFile = join(codexHome(sb), 'config.toml');
  writeFileSync(configFile, recordTrust(readFileSync(configFile, 'utf8'), codexHooks(readFileSync(file, 'utf8'), hooksFile(sb))));

  const command = 'echo out; echo err >&2; exit 3';
  const run = await runCodex(sb, [{ name: 'exec_command', input: { cmd: command } }]);
  assert.deepEqual(
    readdirSync(sb.home)
      .filter((f) => f.startsWith('payload-'))
      .sort(),
    ['payload-post.json', 'payload-pre.json'],
    run.stderr.slice(-2000),
  );
  for (const [event, fixtureName] of [
    ['pre', 'codex/PreToolUse.Bash.json'],
    ['post', 'codex/PostToolUse.Bash.json'],
  ] as const) {
    const live = JSON.parse(readFileSync(join(sb.home, `payload-${event}.json`), 'utf8')) as Record<string, unknown>;
    const saved = JSON.parse(readFileSync(join(FIXTURES, fixtureName), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(live).sort(), Object.keys(saved).sort(), `${event} payload fields`);
    assert.equal(live.tool_name, 'Bash');
    assert.deepEqual(live.tool_input, { command });
    assert.equal(live.permission_mode, 'bypassPermissions');
  }
  const post = JSON.parse(readFileSync(join(sb.home, 'payload-post.json'), 'utf8')) as Record<string, unknown>;
  // The output only, stdout and stderr together as one string; the exit status reaches the model alone.
  assert.equal(typeof post.tool_response, 'string');
  assert.match(post.tool_response as string, /out/);
  assert.doesNotMatch(JSON.stringify(post), /exit_?code|exitCode|"status"/i);
  assert.match(run.toolResults[0] ?? '', /Process exited with code 3/);
});
