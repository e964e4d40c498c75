// The same end-to-end scenarios for every real agent program: airlock installed by `airlock init` into a
// fresh HOME, the agent in the permission mode that would otherwise let anything through, a scripted
// model handing it one shell command per run, and real effects checked afterwards.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ScriptedRun } from './drivers/process.js';
import { auditEntries, installAirlock, pgTable, sandbox, skipUnlessInstalled, terraformFixture, victimFolder, type AgentDriver, type AgentRun, type Sandbox } from './harness.js';

const hasTerraform = spawnSync('terraform', ['version']).status === 0;

/** airlock's own words in a block, not just its name (which is in the sandbox's paths). */
export const AIRLOCK_REASON = /airlock (is holding this command|needs a human to confirm|blocked this command)/;

/** Text the agent could have shown its model: where airlock's reason has to arrive. */
const seen = (run: AgentRun) => run.toolResults.join('\n');

function describeRun(run: AgentRun): string {
  return `exit ${run.exitCode}\ntool results: ${JSON.stringify(run.toolResults)}\nstdout: ${run.stdout.slice(-2000)}\nstderr: ${run.stderr.slice(-2000)}`;
}

/** The hook command airlock wrote into the agent's settings, from the install manifest. */
function installedHookFiles(sb: Sandbox): string[] {
  const manifest = JSON.parse(readFileSync(join(sb.stateDir, 'install', 'manifest.json'), 'utf8')) as Array<{ file: string }>;
  return manifest.map((m) => m.file);
}

/** The hook bundle the installed hook command runs. */
function installedBundle(sb: Sandbox): string {
  for (const file of installedHookFiles(sb)) {
    const m = /(\/[^\s'"]*hook\.cjs)/.exec(readFileSync(file, 'utf8'));
    if (m) return m[1]!;
  }
  throw new Error('no hook bundle named in the installed settings');
}

export function agentScenarios(driver: AgentDriver): void {
  const { agent } = driver;
  const skip = skipUnlessInstalled(agent);

  test(`${agent} (real program): airlock holds terraform destroy, rm -rf and DROP TABLE with everything intact, and lets a benign command run`, { skip, timeout: 600_000 }, async () => {
    const sb = sandbox(agent);
    driver.configure(sb);
    installAirlock(sb, agent);
    const tf = hasTerraform ? terraformFixture(sb) : null;
    const data = victimFolder(sb);
    const table = pgTable(agent);
    try {
      const held = [...(tf ? ['cd infra && terraform destroy -auto-approve -input=false'] : []), 'rm -rf data', `psql ${table.url} -c 'DROP TABLE ${table.name}'`];
      for (const command of held) {
        const run = await driver.run(sb, [command]);
        assert.match(seen(run), AIRLOCK_REASON, `${agent} did not pass airlock's reason for \`${command}\` back to the model\n${describeRun(run)}`);
      }
      if (tf) assert.equal(tf.resources().length, 2, 'terraform destroy ran: the state lost its resources');
      assert.equal(data.files().length, 3, 'rm -rf ran: the folder lost its files');
      assert.equal(table.rows(), 5, 'DROP TABLE ran: the rows are gone');

      const benign = await driver.run(sb, ['echo ran > benign.txt']);
      assert.ok(existsSync(join(sb.project, 'benign.txt')), `the benign command did not run\n${describeRun(benign)}`);

      const commands = auditEntries(sb).map((e) => (e.request as { command?: string } | undefined)?.command ?? e.command);
      for (const command of [...held, 'echo ran > benign.txt']) assert.ok(commands.includes(command), `the audit log has no entry for \`${command}\`: ${JSON.stringify(commands)}`);
    } finally {
      table.drop();
    }
  });

  test(`${agent} (real program): when airlock can't run or can't record, every call is blocked`, { skip, timeout: 600_000 }, async () => {
    const sb = sandbox(`${agent}-broken`);
    driver.configure(sb);
    installAirlock(sb, agent);
    const data = victimFolder(sb);
    const breakages: Array<[string, () => () => void]> = [
      [
        'the hook bundle is missing',
        () => {
          const bundle = installedBundle(sb);
          renameSync(bundle, `${bundle}.moved`);
          return () => renameSync(`${bundle}.moved`, bundle);
        },
      ],
      [
        'the state directory cannot be written',
        () => {
          rmSync(sb.stateDir, { recursive: true, force: true });
          writeFileSync(sb.stateDir, 'not a directory');
          return () => undefined;
        },
      ],
    ];
    // In this order: the first breakage is undone, the last is not.
    for (const [what, breakIt] of breakages) {
      const restore = breakIt();
      try {
        for (const command of ['rm -rf data', 'echo ran > benign.txt']) {
          const run = await driver.run(sb, [command]);
          assert.equal(data.files().length, 3, `${what}: rm -rf ran\n${describeRun(run)}`);
          assert.ok(!existsSync(join(sb.project, 'benign.txt')), `${what}: a command ran although airlock could not check it\n${describeRun(run)}`);
        }
      } finally {
        restore();
      }
    }
  });
}

/** One tool call a scripted model hands out. */
interface ScriptedCall {
  name: string;
  input: Record<string, unknown>;
}

export interface SettingsCase {
  /** The test's name, after the agent's. */
  title: string;
  driver: AgentDriver;
  /** Runs the agent with these tool calls. */
  runTools(sb: Sandbox, calls: ScriptedCall[]): Promise<ScriptedRun>;
  /** The file the agent's hook lives in, which no tool call may change. */
  file(sb: Sandbox): string;
  /** The same tool writing a harmless file: proves the agent itself would let the write through. */
  control?(path: string): ScriptedCall;
  /** The calls that try to change or delete the file. */
  attacks(file: string): ScriptedCall[];
}

/**
 * A file tool aimed, by absolute path, at the agent's own hook settings: the file stays as it was, the
 * model gets airlock's reason for each call, and the agent never left loopback. With a control first,
 * so a refusal by the agent itself can't pass for airlock's.
 */
export function settingsOutOfReach(c: SettingsCase): void {
  const { agent } = c.driver;
  test(`${agent} (real program): ${c.title}`, { skip: skipUnlessInstalled(agent), timeout: 600_000 }, async () => {
    const sb = sandbox(`${agent}-settings`);
    c.driver.configure(sb);
    installAirlock(sb, agent);
    const file = c.file(sb);
    const before = readFileSync(file, 'utf8');
    if (c.control) {
      const harmless = join(sb.home, 'notes.txt');
      const control = await c.runTools(sb, [c.control(harmless)]);
      assert.ok(existsSync(harmless), `${agent} did not write ${harmless} at all, so this test would prove nothing\n${describeRun(control)}`);
    }
    const calls = c.attacks(file);
    const run = await c.runTools(sb, calls);
    assert.ok(existsSync(file) && readFileSync(file, 'utf8') === before, `${agent}'s file tools changed or deleted ${file}\n${describeRun(run)}`);
    for (const [i, call] of calls.entries()) assert.match(run.toolResults[i] ?? '', AIRLOCK_REASON, `${agent} did not pass airlock's reason for ${call.name} back to the model\n${describeRun(run)}`);
    assert.deepEqual(run.offLoopback, [], `${agent} tried to leave loopback`);
  });
}
