// Captures what the real OpenCode and Copilot CLI programs hand to their pre- and post-tool hooks, for
// the shell tool and the file tools, and saves it under test/fixtures/agents/<agent>/. Not a test: run
// it by hand after an agent upgrade (`npm run build && node build/test/e2e/capture-payloads.js`) and
// read the diff. A recorder is installed next to airlock's hook (which stays installed, as a user has
// it), and the model calls only tools airlock allows, so every call reaches both hooks.
//
// Sandbox paths, session ids and timestamps are made fixed so the fixtures change only when the agents do.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { copilotDriver, copilotHome, copilotHookFile, bash as copilotBash, create, edit as copilotEdit } from './drivers/copilot.js';
import { applyPatch, openCodeConfigDir, openCodeDriverFor, openCodePluginFile, bash as openCodeBash, write, edit as openCodeEdit } from './drivers/opencode.js';
import type { ScriptedRun } from './drivers/process.js';
import { MODEL_ID, type ToolCall } from './models/openai-chat.js';
import { installAirlock, sandbox, victimFolder, type Sandbox } from './harness.js';
import { projectRoot } from '../helpers.js';

const FIXTURES = join(projectRoot, 'test/fixtures/agents');

/** An OpenCode plugin that appends each tool hook's (input, output) to `file` as JSON lines. */
function openCodeRecorder(file: string): string {
  return `// Records tool hook payloads for test/e2e/capture-payloads.ts.
import { appendFileSync } from "node:fs"
const record = (hook, input, output) => appendFileSync(${JSON.stringify(file)}, JSON.stringify({ hook, input, output }) + "\\n")
export const Recorder = async () => ({
  "tool.execute.before": async (input, output) => record("tool.execute.before", input, output),
  "tool.execute.after": async (input, output) => record("tool.execute.after", input, output),
})
`;
}

/** A Copilot hooks file whose preToolUse and postToolUse commands append their stdin to `file`. */
function copilotRecorder(file: string) {
  const entry = (event: string) => ({ type: 'command', bash: `{ printf '{"event":"${event}","payload":'; cat; printf '}\\n'; } >> '${file}'`, timeoutSec: 30 });
  return { version: 1, hooks: { preToolUse: [entry('preToolUse')], postToolUse: [entry('postToolUse')] } };
}

function readRecords(file: string): unknown[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as unknown);
}

/** Values that differ on every run, replaced by fixed ones of the same type. */
const VOLATILE: Record<string, unknown> = { sessionID: 'ses_SESSION', sessionId: '00000000-0000-0000-0000-000000000000', timestamp: 1_800_000_000_000 };

/** The records as stable JSON: the sandbox's random folder name (also in relative paths) and session ids made fixed. */
function stable(sb: Sandbox, value: unknown): string {
  const json = JSON.stringify(value, (key, v: unknown) => (key in VOLATILE ? VOLATILE[key] : v), 2);
  return json.split(basename(dirname(sb.home))).join('airlock-e2e-SANDBOX') + '\n';
}

function save(agent: string, name: string, text: string): void {
  mkdirSync(join(FIXTURES, agent), { recursive: true });
  writeFileSync(join(FIXTURES, agent, name), text);
  process.stdout.write(`wrote test/fixtures/agents/${agent}/${name}\n`);
}

function check(agent: string, run: ScriptedRun): void {
  if (run.exitCode !== 0 || run.problems.length) throw new Error(`${agent} run failed: exit ${run.exitCode}\n${run.stderr.slice(-3000)}`);
}

/**
 * airlock's OpenCode plugin builds the hook's stdin itself; to keep exactly what `airlock hook opencode`
 * reads, the installed plugin's hook command gets a `tee` in front of it (in this sandbox only).
 */
function teeHookStdin(plugin: string, log: string): void {
  const source = readFileSync(plugin, 'utf8');
  const m = /^const HOOK = (".*")$/m.exec(source);
  if (!m) throw new Error(`no HOOK command in ${plugin}: airlock's plugin changed, update this script`);
  const command = JSON.parse(m[1]!) as string;
  writeFileSync(plugin, source.replace(m[0], `const HOOK = ${JSON.stringify(`{ tee -a '${log}'; echo >> '${log}'; } | ${command}`)}`));
}

/** One OpenCode session for `model`, with the calls `script` makes, saved under `prefix`. */
async function captureOpenCode(model: string, prefix: string, script: (sb: Sandbox) => ToolCall[]): Promise<void> {
  const driver = openCodeDriverFor(model);
  const sb = sandbox('capture-opencode');
  driver.configure(sb);
  installAirlock(sb, 'opencode');
  victimFolder(sb);
  const hooksLog = join(sb.home, 'opencode-hooks.jsonl');
  const stdinLog = join(sb.home, 'airlock-stdin.jsonl');
  writeFileSync(join(openCodeConfigDir(sb), 'plugins', 'recorder.js'), openCodeRecorder(hooksLog));
  teeHookStdin(openCodePluginFile(sb), stdinLog);
  const run = await driver.runTools(sb, script(sb));
  check('opencode', run);
  save('opencode', `${prefix}tool-hooks.json`, stable(sb, readRecords(hooksLog)));
  save('opencode', `${prefix}airlock-hook-stdin.json`, stable(sb, readRecords(stdinLog)));
  save('opencode', `${prefix}tool-results.json`, stable(sb, run.toolResults));
}

const openCodeTools = (sb: Sandbox): ToolCall[] => {
  const file = join(sb.project, 'notes.txt');
  return [
    openCodeBash('echo captured'),
    openCodeBash('echo failing >&2; exit 3'),
    write(file, 'one\n'),
    openCodeEdit(file, 'one', 'two'),
    // Held by airlock: what reaches the hooks when the call is blocked.
    openCodeBash('rm -rf data'),
    openCodeEdit(openCodePluginFile(sb), 'tool.execute.before', 'tool.execute.never'),
  ];
};

/** GPT models get apply_patch in place of write and edit. */
const openCodePatches = (sb: Sandbox): ToolCall[] => {
  const file = join(sb.project, 'notes.txt');
  return [
    applyPatch(`*** Begin Patch\n*** Add File: ${file}\n+one\n*** End Patch`),
    applyPatch(`*** Begin Patch\n*** Update File: ${file}\n@@\n-one\n+two\n*** End Patch`),
    applyPatch(`*** Begin Patch\n*** Delete File: ${file}\n*** End Patch`),
  ];
};

async function captureCopilot(): Promise<void> {
  const sb = sandbox('capture-copilot');
  copilotDriver.configure(sb);
  installAirlock(sb, 'copilot');
  const log = join(sb.home, 'copilot-hooks.jsonl');
  writeFileSync(join(copilotHome(sb), 'hooks', 'recorder.json'), JSON.stringify(copilotRecorder(log), null, 2));
  victimFolder(sb);
  const file = join(sb.project, 'notes.txt');
  const run = await copilotDriver.runTools(sb, [
    copilotBash('echo captured'),
    copilotBash('echo failing >&2; exit 3'),
    create(file, 'one\n'),
    copilotEdit(file, 'one', 'two'),
    // Held by airlock: what reaches the hooks when the call is blocked.
    copilotBash('rm -rf data'),
    copilotEdit(copilotHookFile(sb), '"preToolUse"', '"disabledByTheAgent"'),
  ]);
  check('copilot', run);
  // Copilot hands every preToolUse hook the same stdin, so the recorder's copy is airlock's.
  save('copilot', 'tool-hooks.json', stable(sb, readRecords(log)));
  save('copilot', 'tool-results.json', stable(sb, run.toolResults));
}

await captureOpenCode(MODEL_ID, '', openCodeTools);
await captureOpenCode('gpt-5-airlock-e2e', 'gpt-', openCodePatches);
await captureCopilot();
