// Editors, build tools and listing-fed wrappers that run a deletion: each command is first judged by
// `airlock check` in a process of its own and must not be allowed, then run for real with bash in a
// scratch directory of its own, and what it targets there must really be gone. Targets are named
// relative to that directory (project files to airlock), never under / or home. A case whose tool is
// missing is skipped with a line saying so, never passed.
// Needs: vim, ed, sed, lldb, less, emacs, cmake, make, npm, pip, git and at on the machine (each missing one skips its case).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BIN, airlockEnv, removeAtExit } from '../helpers.js';

const home = mkdtempSync(join(tmpdir(), 'airlock-evasion-tools-'));
removeAtExit(home);
const scratch = mkdtempSync(join(tmpdir(), 'airlock-evasion-tools-scratch-'));
removeAtExit(scratch);

/** Runs a script with bash, with no terminal and an empty stdin: an editor that wanted one gives up instead of waiting. */
function bash(script: string, cwd: string): { status: number | null; out: string } {
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', cwd, timeout: 120_000, input: '', env: { ...process.env, TERM: 'dumb' } });
  return { status: r.status, out: `${r.stdout}${r.stderr}`.trim() };
}

/** airlock's verdict, from `airlock check --json` run in a process of its own in `cwd`. */
const verdict = (command: string, cwd: string): string => {
  const answer = spawnSync(process.execPath, [BIN, 'check', '--json', '--cwd', cwd, command], { cwd, env: airlockEnv(home), encoding: 'utf8' });
  assert.ok(answer.stdout, `airlock check printed nothing: ${answer.stderr}`);
  return (JSON.parse(answer.stdout) as { verdict: string }).verdict;
};

/**
 * Whether `program` is on this machine; when it is not, the case is marked skipped (counted as such,
 * never as a pass) and a SKIPPED line says so on stderr.
 */
function installed(t: { name: string; skip(message?: string): void }, program: string): boolean {
  if (spawnSync('sh', ['-c', `command -v ${program}`]).status === 0) return true;
  process.stderr.write(`SKIPPED ${t.name}: ${program} is not installed — NOT tested\n`);
  t.skip(`${program} is not installed`);
  return false;
}

/** A directory of its own for one case, with `data/` (a file in it) as the target to destroy. */
function project(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(scratch, 'case-'));
  mkdirSync(join(dir, 'data'));
  writeFileSync(join(dir, 'data', 'precious.txt'), 'precious\n');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Judged first (never allowed), then run for real in `dir`; `gone` says whether the target was destroyed. */
function heldAndReal(command: string, dir: string, gone: () => boolean = () => !existsSync(join(dir, 'data', 'precious.txt'))): void {
  assert.notEqual(verdict(command, dir), 'allow', `airlock allowed: ${command}`);
  const ran = bash(command, dir);
  assert.ok(gone(), `the command did not destroy its target, so the case proves nothing: ${command}\n${ran.out}`);
}

test("vim in ex mode: -c '!rm -rf data'", (t) => {
  if (!installed(t, 'vim')) return;
  heldAndReal("vim -es -c '!rm -rf data' -c q", project());
});

test("vim: +'r !rm -rf data' reads a command's output", (t) => {
  if (!installed(t, 'vim')) return;
  heldAndReal("vim -Es +'r !rm -rf data' +'q!' notes.txt", project({ 'notes.txt': 'x\n' }));
});

test('vim in ex mode: Ex commands on stdin', (t) => {
  if (!installed(t, 'vim')) return;
  heldAndReal("printf '%s\\n' '!rm -rf data' q | vim -es", project());
});

test("ex: -c '!rm -rf data'", (t) => {
  if (!installed(t, 'ex')) return;
  heldAndReal("ex -c '!rm -rf data' -c q notes.txt", project({ 'notes.txt': 'x\n' }));
});

test("ed: a '!rm -rf data' line on stdin", (t) => {
  if (!installed(t, 'ed')) return;
  heldAndReal("ed -s notes.txt <<< '!rm -rf data'", project({ 'notes.txt': 'x\n' }));
});

test("GNU sed's e command runs a shell command", (t) => {
  if (!installed(t, 'sed')) return;
  heldAndReal("sed -n '1e rm -rf data' notes.txt", project({ 'notes.txt': 'x\n' }));
});

test('GNU sed s///e runs the line it made', (t) => {
  if (!installed(t, 'sed')) return;
  heldAndReal("echo x | sed 's/.*/rm -rf data/e'", project());
});

test('lldb platform shell runs a shell command', (t) => {
  if (!installed(t, 'lldb')) return;
  heldAndReal("lldb -b -o 'platform shell rm -rf data'", project());
});

test('emacs --batch --eval (delete-directory … t)', (t) => {
  if (!installed(t, 'emacs')) return;
  heldAndReal('emacs --batch --eval \'(delete-directory "data" t)\'', project());
});

test('less runs the command $LESSOPEN names', (t) => {
  if (!installed(t, 'less')) return;
  heldAndReal("LESSOPEN='|rm -rf data %s' less notes.txt", project({ 'notes.txt': 'x\n' }));
});

test('cmake -E rm -rf', (t) => {
  if (!installed(t, 'cmake')) return;
  heldAndReal('cmake -E rm -rf data', project());
});

test('cmake -P runs a script that calls file(REMOVE_RECURSE)', (t) => {
  if (!installed(t, 'cmake')) return;
  heldAndReal('cmake -P clean.cmake', project({ 'clean.cmake': 'message(STATUS "tidying up")\nfile(REMOVE_RECURSE data)\n' }));
});

test("cmake configuring runs the CMakeLists.txt's file(REMOVE_RECURSE)", (t) => {
  if (!installed(t, 'cmake')) return;
  heldAndReal('cmake -S . -B build', project({ 'CMakeLists.txt': 'cmake_minimum_required(VERSION 3.10)\nproject(scratch NONE)\nfile(REMOVE_RECURSE data)\n' }));
});

test('make --eval defines the recipe it runs', (t) => {
  if (!installed(t, 'make')) return;
  heldAndReal("make --eval 'x:; rm -rf data' x", project());
});

test('make runs $(shell …) while it reads the makefile, whatever the target', (t) => {
  if (!installed(t, 'make')) return;
  heldAndReal("make --eval 'JUNK := $(shell rm -rf data)' -f /dev/null", project());
});

test('make reads a makefile from stdin', (t) => {
  if (!installed(t, 'make')) return;
  heldAndReal("echo 'x:; rm -rf data' | make -f /dev/stdin x", project());
});

test('npm pkg set writes a script that npm run then runs', (t) => {
  if (!installed(t, 'npm')) return;
  heldAndReal("npm pkg set scripts.x='rm -rf data' && npm run x", project({ 'package.json': '{"name": "scratch", "version": "1.0.0"}\n' }));
});

test('npm install runs a preinstall script written just before', (t) => {
  if (!installed(t, 'npm')) return;
  const dir = project();
  heldAndReal(`echo '{"name": "scratch", "version": "1.0.0", "scripts": {"preinstall": "rm -rf data"}}' > package.json && npm install --offline --no-audit --no-fund`, dir);
});

test("pip install . runs the project's setup.py", (t) => {
  if (!installed(t, 'pip')) return;
  // Without setuptools here, pip would fetch it from the network to build.
  if (!installed(t, 'python3') || bash('python3 -c "import setuptools" 2>/dev/null || exit 1', scratch).status !== 0) {
    process.stderr.write(`SKIPPED ${t.name}: setuptools is not installed — NOT tested\n`);
    return t.skip('setuptools is not installed');
  }
  const setup = 'import shutil\nshutil.rmtree("data")\nfrom setuptools import setup\nsetup(name="airlock-scratch", version="1.0")\n';
  // Built without the index and installed into the scratch directory: nothing reaches the machine's Python.
  heldAndReal('pip install --no-build-isolation --no-index --no-deps --target site .', project({ 'setup.py': setup }));
});

test("git ls-files | xargs rm deletes the project's tracked files", (t) => {
  if (!installed(t, 'git')) return;
  const dir = project({ 'README.md': 'hello\n' });
  assert.equal(bash('git init -q && git add -A && git -c user.email=a@b -c user.name=a commit -qm init', dir).status, 0);
  heldAndReal('git ls-files | xargs rm', dir, () => !existsSync(join(dir, 'README.md')) && !existsSync(join(dir, 'data', 'precious.txt')));
});

test('find … -print0 | xargs -0 rm deletes every file under the tree', (t) => {
  const dir = project();
  mkdirSync(join(dir, 'data', 'deeper'));
  writeFileSync(join(dir, 'data', 'deeper', 'more.txt'), 'more\n');
  const files = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(d, e.name)) : [e.name]));
  heldAndReal('find data -print0 | xargs -0 rm', dir, () => files(join(dir, 'data')).length === 0);
});

test('at -f runs a job file', (t) => {
  if (!installed(t, 'at')) return;
  // The job runs when atd gets to it; give it a moment.
  const dir = project({ 'job.sh': 'rm -rf data\n' });
  heldAndReal('at -f job.sh now && sleep 5', dir);
});
