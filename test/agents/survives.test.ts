// The guard outlives the checkout it was installed from, and when what it runs is gone it blocks: in
// every agent's convention, through the exact command `airlock init` wrote into the agent's settings.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { AGENTS, type Agent, BIN, SHELL_PAYLOADS, projectRoot, removeAtExit } from '../helpers.js';

/** Where each agent's user-level settings are, and so the hook command init wrote. */
const SETTINGS: Record<Agent, string> = {
  'claude-code': '.claude/settings.json',
  codex: '.codex/hooks.json',
  gemini: '.gemini/settings.json',
  cursor: '.cursor/hooks.json',
  copilot: '.copilot/hooks/airlock.json',
  opencode: '.config/opencode/plugins/airlock.js',
  windsurf: '.codeium/windsurf/hooks.json',
};

/** The first hook command in an installed file (JSON strings that run hook.cjs; the OpenCode plugin holds one). */
function installedCommand(home: string, agent: Agent): string {
  const text = readFileSync(join(home, SETTINGS[agent]), 'utf8');
  const m = /"((?:[^"\\]|\\.)*hook\.cjs(?:[^"\\]|\\.)*)"/.exec(text);
  assert.ok(m, `no hook command in ${SETTINGS[agent]}`);
  return JSON.parse(`"${m[1]}"`) as string;
}

/** Whether the agent would let the command run, by its own rules for a hook's answer. */
function letsItRun(agent: Agent, r: { status: number | null; stdout: string }): boolean {
  if (agent === 'opencode') {
    // The plugin throws unless the answer parses and says allow.
    try {
      return (JSON.parse(r.stdout) as { decision?: string }).decision === 'allow';
    } catch {
      return false;
    }
  }
  if (r.status === 2) return false;
  if (agent === 'copilot' || agent === 'cursor') {
    // Copilot denies on any non-zero exit; Cursor's entries are installed failClosed.
    if (r.status !== 0) return false;
  } else if (r.status !== 0) {
    // Claude Code, Codex and Gemini CLI let any other status through (Gemini with a warning).
    return true;
  }
  const out = r.stdout.trim();
  if (!out) return true;
  const answer = JSON.parse(out) as Record<string, unknown> & { hookSpecificOutput?: { permissionDecision?: string } };
  const decision = answer.hookSpecificOutput?.permissionDecision ?? answer.permissionDecision ?? answer.permission ?? answer.decision;
  return decision === undefined || decision === 'allow';
}

function world() {
  const root = mkdtempSync(join(tmpdir(), 'airlock-survives-'));
  // A copy of node lives here for one test: don't leave ~100 MB behind each run.
  removeAtExit(root);
  const home = join(root, 'home');
  const project = join(root, 'project');
  const checkout = join(root, 'airlock-checkout');
  mkdirSync(home);
  mkdirSync(project);
  // A clone of airlock as a user would have it: bin/, dist/, package.json and its node_modules.
  for (const part of ['bin', 'dist', 'package.json']) cpSync(join(projectRoot, part), join(checkout, part), { recursive: true });
  symlinkSync(join(projectRoot, 'node_modules'), join(checkout, 'node_modules'));
  const env = { PATH: '/usr/bin:/bin', HOME: home, AIRLOCK_ORG_POLICY: '/nonexistent/org.yaml', NO_COLOR: '1' };
  const run = (agent: Agent, command: string) => {
    const r = spawnSync('/bin/sh', ['-c', installedCommand(home, agent)], { input: JSON.stringify(SHELL_PAYLOADS[agent](command, project)), encoding: 'utf8', env, cwd: project });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  /** `airlock init` for every agent, from the clone, with `node`. */
  const init = (node = process.execPath) => {
    const r = spawnSync(node, [join(checkout, 'bin/airlock.mjs'), 'init', ...AGENTS.flatMap((a) => ['--agent', a]), '--yes'], { encoding: 'utf8', env, cwd: project });
    // Codex still needs a person to trust its hook, so init exits 1 with everything installed.
    assert.match(r.stdout, /claude-code\s+installed/, r.stdout + r.stderr);
  };
  return { root, home, project, checkout, env, run, init };
}

test('the hooks outlive the checkout they came from: rm -rf of the clone changes nothing, in any agent', () => {
  const w = world();
  w.init();
  for (const agent of AGENTS) assert.doesNotMatch(installedCommand(w.home, agent), /airlock-checkout/, `${agent}: the hook must not run from the checkout`);

  rmSync(w.checkout, { recursive: true, force: true });
  for (const agent of AGENTS) {
    const benign = w.run(agent, 'git status');
    assert.ok(letsItRun(agent, benign), `${agent}: a harmless command was blocked after the clone was deleted: ${benign.stdout}${benign.stderr}`);
    for (const command of ['rm -rf ~', 'terraform destroy -auto-approve', "psql -h db.prod.example.com -c 'DROP TABLE users'"]) {
      const r = w.run(agent, command);
      assert.ok(!letsItRun(agent, r), `${agent}: \`${command}\` would run after the clone was deleted: ${r.status} ${r.stdout}${r.stderr}`);
    }
  }
});

test('when what the hook runs is gone or broken, every agent blocks everything, with a plain reason', () => {
  const w = world();
  w.init();
  const runtimes = join(w.home, '.local/share/airlock/runtime');
  const [runtime] = readdirSync(runtimes);
  const bundle = join(runtimes, runtime!, 'hook.cjs');
  const breakages: Array<[string, () => void, RegExp]> = [
    // An empty or truncated bundle exits 0 having decided nothing: without the word on fd 3 that is a block.
    ['the bundle is empty', () => writeFileSync(bundle, ''), /exit status 0 without an answer/],
    ['the bundle is cut short', () => writeFileSync(bundle, readFileSync(join(projectRoot, 'dist/hook.cjs'), 'utf8').slice(0, 100) + '\n'), /exit status (0 without an answer|1)/],
    ['the bundle crashes', () => writeFileSync(bundle, 'process.exit(1)\n'), /exit status 1/],
    ['the bundle is killed', () => writeFileSync(bundle, "process.kill(process.pid, 'SIGKILL')\n"), /exit status 137/],
    [
      'a package the bundle loads is gone',
      () => {
        cpSync(join(projectRoot, 'dist/hook.cjs'), bundle);
        rmSync(join(runtimes, runtime!, 'node_modules/better-sqlite3'), { recursive: true });
      },
      /./,
    ],
    ['the runtime is gone', () => rmSync(runtimes, { recursive: true }), /its hook, .*hook\.cjs, is gone/],
  ];
  for (const [what, breakIt, reason] of breakages) {
    breakIt();
    for (const agent of AGENTS) {
      // With a missing package only what needs it fails (a held command needs SQLite); allowed ones still pass.
      const commands = what.startsWith('a package') ? ['terraform destroy -auto-approve'] : ['git status', 'terraform destroy -auto-approve'];
      for (const command of commands) {
        const r = w.run(agent, command);
        assert.ok(!letsItRun(agent, r), `${what}: ${agent} would run \`${command}\`: ${r.status} ${r.stdout}${r.stderr}`);
        if (agent !== 'opencode' && !what.startsWith('a package')) assert.match(r.stderr, reason, `${what}: ${agent}`);
      }
    }
  }
  // doctor names the missing files.
  const doctor = spawnSync(process.execPath, [BIN, 'doctor'], { encoding: 'utf8', env: w.env, cwd: w.project });
  assert.equal(doctor.status, 1);
  for (const agent of AGENTS) assert.match(doctor.stdout, new RegExp(`${agent}\\s+FAIL[^\\n]*\\n\\s+the hook runs .*hook\\.cjs, which does not exist`), doctor.stdout);
});

test('a rule pack the hook loads as needed is gone, or from another build: every agent holds what needs it, saying which file', () => {
  const w = world();
  w.init();
  const runtimes = join(w.home, '.local/share/airlock/runtime');
  const [runtime] = readdirSync(runtimes);
  const git = join(runtimes, runtime!, 'packs/git.cjs');
  const breakages: Array<[string, () => void]> = [
    ['gone', () => rmSync(git)],
    // A file that could have come from an older airlock: its rules may not be this build's.
    ['from another build', () => writeFileSync(git, readFileSync(join(projectRoot, 'dist/packs/git.cjs'), 'utf8').replace(/airlockBuild = "[0-9a-f]+"/, 'airlockBuild = "0"'))],
  ];
  for (const [what, breakIt] of breakages) {
    breakIt();
    for (const agent of AGENTS) {
      // Harmless as `git status` is, its pack can't be read: it is held, not let through unjudged.
      const r = w.run(agent, 'git status');
      assert.ok(!letsItRun(agent, r), `the git pack ${what}: ${agent} would run \`git status\`: ${r.status} ${r.stdout}${r.stderr}`);
      assert.match(`${r.stdout}${r.stderr}`, /packs[/\\]git\.cjs/, `the git pack ${what}: ${agent} names the file`);
      // A command needing no lost pack is judged as ever.
      assert.ok(letsItRun(agent, w.run(agent, 'ls -la')), `the git pack ${what}: ${agent} blocked \`ls -la\``);
    }
  }
  // What the other packs deny stays denied: terraform's pack also names rm, and without it `rm -rf ~`
  // is still never allowed, not merely held.
  rmSync(join(runtimes, runtime!, 'packs/terraform.cjs'));
  const r = w.run('claude-code', 'rm -rf ~');
  assert.match(r.stdout, /never allowed/, r.stdout);
});

test("the hook's own runtime folder is airlock's, whatever HOME the agent's commands run with", () => {
  const w = world();
  w.init();
  const runtimes = join(w.home, '.local/share/airlock/runtime');
  const dir = join(runtimes, readdirSync(runtimes)[0]!);
  const other = mkdtempSync(join(w.root, 'other-home-'));
  for (const command of [`echo > ${dir}/packs/kubernetes.cjs`, `cp /tmp/x ${dir}/packs/git.cjs`, `echo > ${dir}/hook-code.cjs`, `rm -rf ${dir}`]) {
    const r = spawnSync('/bin/sh', ['-c', installedCommand(w.home, 'claude-code')], {
      input: JSON.stringify(SHELL_PAYLOADS['claude-code'](command, w.project)),
      encoding: 'utf8',
      env: { ...w.env, HOME: other },
      cwd: w.project,
    });
    assert.match(r.stdout, /never allowed/, `${command}: ${r.stdout}${r.stderr}`);
  }
});

test('the node binary the hook runs with is gone (an nvm upgrade): every agent blocks with a plain reason', () => {
  const w = world();
  // A node of its own, as nvm would have installed it.
  const node = join(w.root, 'nvm/versions/node/v20/bin/node');
  cpSync(process.execPath, node);
  w.init(node);
  assert.ok(installedCommand(w.home, 'claude-code').includes(node));
  rmSync(join(w.root, 'nvm'), { recursive: true });
  for (const agent of AGENTS) {
    const r = w.run(agent, 'git status');
    assert.ok(!letsItRun(agent, r), `${agent}: ran with its node gone: ${r.status} ${r.stdout}`);
    if (agent !== 'opencode') assert.match(r.stderr, /the node binary its hook runs with, .*, is gone/);
  }
});

test("the agent's environment can't load code into the hook: NODE_OPTIONS and friends are dropped by the wrapper", () => {
  const w = world();
  spawnSync(process.execPath, [join(w.checkout, 'bin/airlock.mjs'), 'init', '--agent', 'claude-code', '--yes'], { encoding: 'utf8', env: w.env, cwd: w.project });
  // What a .env loaded by the agent could set: code that answers "allowed" before airlock runs.
  const evil = join(w.root, 'evil.cjs');
  writeFileSync(evil, "require('fs').writeSync(3, 'answered'); process.exit(0)\n");
  const payload = JSON.stringify(SHELL_PAYLOADS['claude-code']('rm -rf ~', w.project));
  for (const extra of [{ NODE_OPTIONS: `--require ${evil}` }, { NODE_PATH: w.root, NODE_OPTIONS: '--require evil' }]) {
    const r = spawnSync('/bin/sh', ['-c', installedCommand(w.home, 'claude-code')], { input: payload, encoding: 'utf8', env: { ...w.env, ...extra }, cwd: w.project });
    assert.ok(!letsItRun('claude-code', { status: r.status, stdout: r.stdout }), `${JSON.stringify(extra)}: rm -rf ~ was let through: ${r.status} ${r.stdout}${r.stderr}`);
  }
});
