// Shell state carried through one command line, as bash carries it: each command is first judged by
// `airlock check` in a process of its own and must not be allowed, then run for real with bash in a
// scratch home, and the scratch project it targets must really be gone. A case whose shell is missing
// is skipped with a line saying so, never passed.

import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { airlockEnv, removeAtExit } from '../helpers.js';
import { bashIn, skip, verdict } from './judge.js';

// The scratch home is both airlock's $HOME and the shell's: `~/proj` is a project in a home directory
// to airlock, and a throwaway folder to bash.
const home = mkdtempSync(join(tmpdir(), 'airlock-evasion-shell-'));
removeAtExit(home);
const project = join(home, 'proj');
const env = airlockEnv(home);

const bash = (script: string, as: string[] = []) => bashIn(home, env, script, as);

const judged = (command: string) => verdict(command, home, env);

const has = (program: string) => bash(`command -v ${program}`).status === 0;

/** A fresh project to destroy, and no leftovers of an earlier case (copies, shims, sourced files). */
function setup(): void {
  for (const leftover of ['del', 'zap', 'bin', 'shim', 'evil.sh']) rmSync(join(home, leftover), { recursive: true, force: true });
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, 'main.c'), 'int main(void) { return 0; }\n');
}

const projectGone = () => !existsSync(project);

/** Judged first (never allowed), then run for real; `gone` says whether the target was destroyed. */
function heldAndReal(command: string, gone: () => boolean = projectGone, as: string[] = []): void {
  assert.notEqual(judged(command), 'allow', `airlock allowed: ${command}`);
  const ran = bash(command, as);
  assert.ok(gone(), `the command did not destroy its target, so the case proves nothing: ${command}\n${ran.out}`);
}

/** An executable shell script at `path` (under the scratch home) that deletes the project. */
function shim(path: string): void {
  mkdirSync(join(home, path, '..'), { recursive: true });
  writeFileSync(join(home, path), '#!/bin/sh\nrm -rf "$HOME/proj"\n');
  chmodSync(join(home, path), 0o755);
}

test('IFS set by the script splits a variable used as the command', () => {
  setup();
  heldAndReal('IFS=,; c="rm,-rf,$HOME/proj"; $c');
});

test('an unquoted variable is split on the default IFS', () => {
  setup();
  heldAndReal('c="rm -rf $HOME/proj"; $c');
});

test("an unquoted $(…)'s output is split into several arguments", () => {
  setup();
  heldAndReal('rm $(echo -rf ~/proj)');
});

test('BASH_ENV names a file bash sources before its -c command', () => {
  setup();
  writeFileSync(join(home, 'evil.sh'), 'rm -rf ~/proj\n');
  heldAndReal('BASH_ENV=$HOME/evil.sh bash -c true');
});

test('ENV names a file an interactive sh sources first', (t) => {
  if (!has('sh')) return skip(t, 'sh is not installed');
  setup();
  writeFileSync(join(home, 'evil.sh'), 'rm -rf ~/proj\n');
  heldAndReal('ENV=$HOME/evil.sh sh -i -c true');
});

test('PS4 is expanded, $(…) and all, before every command bash -x traces', (t) => {
  setup();
  // bash running as root does not take PS4 from its environment: the real run is as nobody.
  let as: string[] = [];
  if (process.getuid?.() === 0) {
    if (!has('setpriv')) return skip(t, 'running as root, whose bash ignores an inherited PS4, and setpriv is not installed to run as another user');
    as = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
    chmodSync(home, 0o777);
    chmodSync(project, 0o777);
  }
  heldAndReal("PS4='$(rm -rf ~/proj)' bash -x -c true", projectGone, as);
});

test('PS4 set earlier in the script, then set -x', () => {
  setup();
  heldAndReal("PS4='$(rm -rf ~/proj)'; set -x; true");
});

test('PROMPT_COMMAND runs before an interactive shell prompts', () => {
  setup();
  heldAndReal("PROMPT_COMMAND='rm -rf ~/proj' bash -i");
});

test('PS1 is expanded, $(…) and all, when an interactive shell prompts', () => {
  setup();
  // --norc: the system bashrc would set a PS1 of its own.
  heldAndReal("PS1='$(rm -rf ~/proj)' bash --norc -i");
});

test('hash -p makes a name run another program', () => {
  setup();
  heldAndReal('hash -p /bin/rm ls; ls -rf ~/proj');
});

test('PATH=dir:$PATH in front of a command runs what is in dir', () => {
  setup();
  shim('shim/ls');
  heldAndReal('PATH=$HOME/shim:$PATH ls');
});

test('export PATH=./bin:$PATH, then a plain command name', () => {
  setup();
  shim('bin/ls');
  heldAndReal('export PATH=./bin:$PATH; ls');
});

test('rm copied under another name earlier in the same command', () => {
  setup();
  heldAndReal('cp /bin/rm ./del; ./del -rf ~/proj');
});

test('a copy of rm moved to yet another name', () => {
  setup();
  heldAndReal('cp /bin/rm ./zap; mv ./zap ./del; ./del -rf ~/proj');
});

test('a script written, copied, then run by a shell', () => {
  setup();
  heldAndReal("printf 'rm -rf ~/proj\\n' > evil.sh; cp evil.sh del; bash del");
});

test('rm linked under another name earlier in the same command', () => {
  setup();
  heldAndReal('ln -s /bin/rm ./zap; ./zap -rf ~/proj');
});

test('exec with a truncating redirection and no command empties the file', () => {
  setup();
  const db = join(home, 'important.db');
  writeFileSync(db, 'precious rows\n');
  heldAndReal('exec 3>important.db', () => readFileSync(db, 'utf8') === '');
});

test('an exported function: env BASH_FUNC_x%%=… bash -c x', () => {
  setup();
  heldAndReal("env 'BASH_FUNC_x%%=() { rm -rf ~/proj; }' bash -c x");
});
