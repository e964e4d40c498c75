// init / uninstall round trip on a fake HOME that already has settings for every agent: init adds
// airlock's hook and keeps everything else, a second init changes nothing, doctor finds every hook
// answering, and uninstall leaves each file exactly as it was (files init created are removed).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../helpers.js';

const BIN = join(projectRoot, 'bin/airlock.mjs');

/** Existing settings, with other hooks and keys that must survive. */
const EXISTING: Record<string, string> = {
  '.claude/settings.json': JSON.stringify(
    {
      permissions: { allow: ['Bash(npm test)'], deny: ['Read(./.env)'] },
      hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: '/usr/local/bin/other-guard' }] }] },
      model: 'opus',
    },
    null,
    4,
  ),
  '.codex/hooks.json': '{"hooks":{"SessionStart":[{"hooks":[{"type":"command","command":"echo hi"}]}]}}',
  '.gemini/settings.json': JSON.stringify({ theme: 'Dracula', hooks: { AfterTool: [{ matcher: '*', hooks: [{ type: 'command', command: 'log-it', timeout: 1000 }] }] } }),
  '.cursor/hooks.json': JSON.stringify({ version: 1, hooks: { afterFileEdit: [{ command: './format.sh' }] } }, null, 2),
  '.copilot/hooks/team.json': JSON.stringify({ version: 1, hooks: { sessionStart: [{ type: 'command', bash: 'echo team' }] } }),
  '.config/opencode/plugins/other.js': 'export const Other = async () => ({})\n',
  '.codeium/windsurf/hooks.json': JSON.stringify({ hooks: { post_cascade_response: [{ command: 'notify' }] } }),
};

function fakeHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'airlock-init-home-'));
  for (const [file, text] of Object.entries(EXISTING)) {
    mkdirSync(dirname(join(home, file)), { recursive: true });
    writeFileSync(join(home, file), text);
  }
  return home;
}

function airlock(home: string, args: string[], cwd = home) {
  // A PATH without the real agents, so only the fake HOME decides what is detected.
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    cwd,
    env: { PATH: '/usr/bin:/bin', HOME: home, AIRLOCK_STATE_DIR: join(home, '.local/state/airlock'), AIRLOCK_ORG_POLICY: '/nonexistent/org.yaml' },
  });
}

const snapshot = (home: string, files: string[]) => Object.fromEntries(files.map((f) => [f, existsSync(join(home, f)) ? readFileSync(join(home, f), 'utf8') : null]));

const INSTALLED = [
  '.claude/settings.json',
  '.codex/hooks.json',
  '.codex/rules/airlock.rules',
  '.gemini/settings.json',
  '.cursor/hooks.json',
  '.copilot/hooks/airlock.json',
  '.config/opencode/plugins/airlock.js',
  '.codeium/windsurf/hooks.json',
];
const ALL = [...new Set([...Object.keys(EXISTING), ...INSTALLED])];

test('init installs into every detected agent, keeps existing settings, and is idempotent', () => {
  const home = fakeHome();
  const before = snapshot(home, ALL);
  const first = airlock(home, ['init', '--yes']);
  // Everything is installed, but without a terminal nobody trusted the hook in Codex, so init fails.
  assert.equal(first.status, 1, first.stdout + first.stderr);
  assert.match(first.stdout, /codex\s+NOT TRUSTED/);
  for (const agent of ['claude-code', 'codex', 'gemini', 'cursor', 'copilot', 'opencode', 'windsurf']) assert.match(first.stdout, new RegExp(`${agent}\\s+installed`));
  assert.match(first.stdout, /Still needs you:[\s\S]*codex: Codex skips airlock's hook until you trust it: open Codex, run \/hooks/);
  assert.match(readFileSync(join(home, '.codex/rules/airlock.rules'), 'utf8'), /prefix_rule\(pattern = \["terraform", \["destroy"\]\], decision = "prompt"/);

  const claude = JSON.parse(readFileSync(join(home, '.claude/settings.json'), 'utf8'));
  assert.deepEqual(claude.permissions, { allow: ['Bash(npm test)'], deny: ['Read(./.env)'] });
  assert.equal(claude.model, 'opus');
  assert.equal(claude.hooks.PreToolUse.length, 2);
  assert.equal(claude.hooks.PreToolUse[0].hooks[0].command, '/usr/local/bin/other-guard');
  // The hook runs a copy of the bundle in airlock's data directory, so a rebuild or a moved checkout can't break it.
  assert.match(claude.hooks.PreToolUse[1].hooks[0].command, /\/\.local\/share\/airlock\/runtime\/[0-9a-f]{16}\/hook\.cjs claude-code --timeout-ms=300000$/);
  const gemini = JSON.parse(readFileSync(join(home, '.gemini/settings.json'), 'utf8'));
  assert.equal(gemini.theme, 'Dracula');
  assert.ok(gemini.hooks.AfterTool && gemini.hooks.BeforeTool);
  const cursor = JSON.parse(readFileSync(join(home, '.cursor/hooks.json'), 'utf8'));
  assert.equal(cursor.hooks.beforeShellExecution[0].failClosed, true);
  assert.ok(cursor.hooks.afterFileEdit);
  assert.equal(readFileSync(join(home, '.config/opencode/plugins/other.js'), 'utf8'), EXISTING['.config/opencode/plugins/other.js']);

  const afterFirst = snapshot(home, ALL);
  const second = airlock(home, ['init', '--yes']);
  assert.equal(second.status, 1);
  assert.match(second.stdout, /claude-code\s+already installed/);
  assert.deepEqual(snapshot(home, ALL), afterFirst, 'a second init must change nothing');

  const doctor = airlock(home, ['doctor']);
  assert.equal(doctor.status, 1, doctor.stdout + doctor.stderr);
  for (const agent of ['claude-code', 'gemini', 'cursor', 'copilot', 'opencode', 'windsurf']) assert.match(doctor.stdout, new RegExp(`${agent}\\s+ok\\s+allow \\d+ ms, block \\d+ ms`));
  // The codex hook answers, but Codex would skip it: not trusted (test/agents/codex-trust-init.test.ts has the trusted case).
  assert.match(doctor.stdout, /codex\s+FAIL allow \d+ ms, block \d+ ms[^\n]*\n\s+Codex skips PreToolUse \(not trusted in \/hooks\)/);

  const removed = airlock(home, ['uninstall', '--yes']);
  assert.equal(removed.status, 0, removed.stdout + removed.stderr);
  assert.deepEqual(snapshot(home, ALL), before, 'uninstall must leave every file exactly as it was');
  assert.match(airlock(home, ['doctor']).stdout, /claude-code\s+not installed/);
});

test("uninstall keeps changes made after init, removing only airlock's entries", () => {
  const home = fakeHome();
  assert.equal(airlock(home, ['init', '--yes', '--agent', 'claude-code']).status, 0);
  const file = join(home, '.claude/settings.json');
  const edited = JSON.parse(readFileSync(file, 'utf8'));
  edited.theme = 'light';
  writeFileSync(file, JSON.stringify(edited));
  const r = airlock(home, ['uninstall', '--yes']);
  assert.match(r.stdout, /entries removed/);
  const after = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(after.theme, 'light');
  assert.equal(after.hooks.PreToolUse.length, 1);
  assert.doesNotMatch(readFileSync(file, 'utf8'), /hook\.cjs/);
});

test('init --project writes project-level files; without a terminal it needs --yes; unknown agents are named', () => {
  const home = fakeHome();
  const project = mkdtempSync(join(tmpdir(), 'airlock-init-project-'));
  assert.equal(airlock(home, ['init', '--project', '--agent', 'claude', '--agent', 'cursor', '--yes'], project).status, 0);
  assert.match(readFileSync(join(project, '.claude/settings.json'), 'utf8'), /hook\.cjs claude-code/);
  assert.match(readFileSync(join(project, '.cursor/hooks.json'), 'utf8'), /hook\.cjs cursor/);
  const noTty = airlock(home, ['init']);
  assert.equal(noTty.status, 2);
  assert.match(noTty.stderr, /pass --yes/);
  const unknown = airlock(home, ['init', '--yes', '--agent', 'vim']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown agent vim/);
});

test('init refuses to overwrite a settings file that is not valid JSON', () => {
  const home = fakeHome();
  writeFileSync(join(home, '.gemini/settings.json'), '{ broken');
  const r = airlock(home, ['init', '--yes', '--agent', 'gemini']);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /not valid JSON.*will not overwrite/);
  assert.equal(readFileSync(join(home, '.gemini/settings.json'), 'utf8'), '{ broken');
});
