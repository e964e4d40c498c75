// The command line as a person meets it: --help on every command (with examples, and without running
// anything: `airlock exec --help` must not hand `--help` to bash), no stack trace when the reader of
// its output goes away (`airlock rules --json | head -c 10`), completion scripts that each shell
// accepts and that complete, and colours only on a terminal, never with NO_COLOR.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { agentProposes, airlockEnv, BIN, emptyDir, emptyHome, inTerminal, scratchDir, projectHoldingDestroys } from '../helpers.js';

const env = { PATH: process.env.PATH ?? '', HOME: emptyHome, NO_COLOR: '1' };
const airlock = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: emptyDir, env });

/** The commands `airlock --help` lists. */
function listedCommands(): string[] {
  const usage = airlock(['--help']);
  assert.equal(usage.status, 0);
  return [...new Set([...usage.stdout.matchAll(/^ {2}airlock ([a-z]+)/gm)].map((m) => m[1]!))].filter((c) => c !== 'help');
}

test('every command airlock --help lists has its own --help: usage, what it does and examples, exit 0, nothing run', () => {
  const commands = listedCommands();
  assert.ok(commands.length >= 20, commands.join(' '));
  for (const command of commands) {
    for (const flag of ['--help', '-h']) {
      const r = airlock([command, flag]);
      assert.equal(r.status, 0, `${command} ${flag}: ${r.stderr}`);
      assert.match(r.stdout, new RegExp(`^usage: airlock ${command}\\b`), command);
      assert.match(r.stdout, /\nexamples:\n {2}\S/, command);
      assert.equal(r.stderr, '', command);
    }
    assert.equal(airlock(['help', command]).stdout, airlock([command, '--help']).stdout);
    // And the version, from any command, as from airlock --version.
    const version = airlock([command, '--version']);
    assert.equal(version.status, 0, command);
    assert.equal(version.stdout, airlock(['--version']).stdout, command);
  }
  // exec explains itself instead of running bash with --help; after `--`, the words are the command's.
  const exec = airlock(['exec', '--help']);
  assert.doesNotMatch(exec.stdout + exec.stderr, /GNU|bash:/);
  assert.match(exec.stdout, /Runs a command only if airlock allows it/);
  const unknown = airlock(['help', 'nosuch']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown command 'nosuch'/);
});

test('a reader that stops reading early ends airlock quietly: no stack trace, no EPIPE', () => {
  for (const args of ['rules --json', 'rules', '--help', 'completion bash']) {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" ${args} | head -c 10 >/dev/null; echo "exit=\${PIPESTATUS[0]}"`], { encoding: 'utf8', cwd: emptyDir, env });
    assert.equal(r.stderr, '', `${args}: ${r.stderr}`);
    assert.match(r.stdout, /exit=0/, args);
  }
});

test('completion scripts: bash completes commands and their words; zsh and fish accept theirs and complete too', () => {
  const script = (shell: string) => {
    const r = airlock(['completion', shell]);
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  };
  const dir = scratchDir('completion');
  for (const shell of ['bash', 'zsh', 'fish']) writeFileSync(join(dir, `airlock.${shell}`), script(shell));
  const bash = spawnSync(
    'bash',
    ['-c', `source ${dir}/airlock.bash; COMP_WORDS=(airlock po); COMP_CWORD=1; _airlock; echo "\${COMPREPLY[*]}"; COMP_WORDS=(airlock dashboard p); COMP_CWORD=2; _airlock; echo "\${COMPREPLY[*]}"`],
    { encoding: 'utf8' },
  );
  assert.equal(bash.stderr, '');
  assert.deepEqual(bash.stdout.trim().split('\n'), ['policy', 'passkey']);
  assert.equal(spawnSync('zsh', ['-n', `${dir}/airlock.zsh`], { encoding: 'utf8' }).status, 0);
  const zsh = spawnSync('zsh', ['-c', `autoload -U compinit; compinit -u -d ${dir}/zcompdump; source ${dir}/airlock.zsh; print -r -- $_comps[airlock]`], {
    encoding: 'utf8',
    env: { ...env, HOME: dir },
  });
  assert.equal(zsh.stdout.trim(), '_airlock', zsh.stderr);
  assert.equal(spawnSync('fish', ['-n', `${dir}/airlock.fish`], { encoding: 'utf8' }).status, 0);
  const fish = spawnSync('fish', ['--no-config', '-c', `source ${dir}/airlock.fish; complete -C 'airlock pol'; complete -C 'airlock backups pr'`], { encoding: 'utf8', env: { ...env, HOME: dir } });
  assert.match(fish.stdout, /^policy\t/m, fish.stderr);
  assert.match(fish.stdout, /^prune$/m, fish.stderr);
  assert.equal(airlock(['completion', 'tcsh']).status, 2);
});

test('colours only on a terminal, and never with NO_COLOR', () => {
  const { dir, env: at } = projectHoldingDestroys('colour');
  assert.equal(agentProposes('rm -rf ./old', dir, at).allowed, false);
  const { NO_COLOR: _, ...coloured } = at;
  const ESC = '\u001b[';
  assert.ok(inTerminal(coloured, ['log'], []).output.includes(ESC), 'a terminal without NO_COLOR gets colours');
  assert.ok(!inTerminal({ ...coloured, NO_COLOR: '1' }, ['log'], []).output.includes(ESC), 'NO_COLOR turns them off');
  assert.ok(!spawnSync(process.execPath, [BIN, 'log'], { encoding: 'utf8', env: coloured }).stdout.includes(ESC), 'a pipe gets none');
  assert.ok(!spawnSync(process.execPath, [BIN, 'check', 'rm -rf /srv'], { encoding: 'utf8', env: coloured }).stdout.includes(ESC));
});

test('policy init writes an annotated template with every key, which loads as the default policy, and never replaces a file', () => {
  const home = scratchDir('policy-init');
  const at = airlockEnv(home);
  const run = (args: string[]) => spawnSync(process.execPath, [BIN, 'policy', ...args], { encoding: 'utf8', env: at, cwd: home });
  const made = run(['init']);
  assert.equal(made.status, 0, made.stderr);
  assert.match(made.stdout, /Wrote .*\.config\/airlock\/policy\.yaml/);
  const shown = JSON.parse(run(['show', '--json']).stdout) as { errors: unknown[]; matrix: unknown };
  assert.deepEqual(shown.errors, []);
  const defaults = JSON.parse(spawnSync(process.execPath, [BIN, 'policy', 'show', '--json'], { encoding: 'utf8', env: airlockEnv(scratchDir('policy-none')) }).stdout) as { matrix: unknown };
  assert.deepEqual(shown.matrix, defaults.matrix);
  // Every key a policy may have at the top is in the template, to uncomment.
  const keys = /expected one of: ([^)]+)\)/.exec(JSON.stringify(JSON.parse(run(['show', '--json', '--cwd', writeBadPolicy(home)]).stdout).errors))![1]!.split(', ');
  const template = run(['init', '--print']).stdout;
  for (const key of keys) assert.match(template, new RegExp(`^#? ?${key}:`, 'm'), key);
  const again = run(['init']);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /exists already; nothing was changed/);
});

/** A project whose policy has an unknown top-level key: its error lists the keys a policy may have. */
function writeBadPolicy(home: string): string {
  const dir = join(home, 'bad-project');
  mkdirSync(join(dir, '.airlock'), { recursive: true });
  writeFileSync(join(dir, '.airlock/policy.yaml'), 'zzz: 1\n');
  return dir;
}
