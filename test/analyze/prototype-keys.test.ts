// Words from the command are looked up in tables (wrappers, languages, options, package scripts,
// variables). A word that is also the name of something every JavaScript object has (`constructor`,
// `toString`, `__proto__`) must be read as the word it is, not reach Object.prototype: before, a
// program named `toString` was an internal error, and a variable named `__proto__` vanished from the
// command's environment. Every program a pack knows is tried with each such name as its subcommand,
// option and operand.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultRuleSet } from '../../src/packs/index.js';
import { analyzeNow } from '../../src/runtime/assess.js';

const NAMES = [...Object.getOwnPropertyNames(Object.prototype), 'prototype', 'then'];
const project = mkdtempSync(join(tmpdir(), 'airlock-proto-'));
writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'p', scripts: { build: 'tsc' } }));

function failures(command: string): string[] {
  const assessment = analyzeNow({ command, cwd: project });
  return assessment.findings.filter((f) => f.rule === 'analysis/internal-error').map((f) => `${command}: ${f.summary}`);
}

test('a word named like a property of every object is read as a word, wherever it stands', () => {
  const programs = [...defaultRuleSet().knownPrograms(), 'sudo', 'env', 'xargs', 'timeout', 'nohup', 'bash', 'sh', 'python3', 'node', 'tmux', 'unshare', 'cd', 'npm', 'npx'];
  const broken: string[] = [];
  for (const name of NAMES) {
    for (const command of [name, `${name} -rf /`, `${name}=1 ls`, `cd ${name} && ls`, `echo hi | ${name}`, `npm run ${name}`, `make ${name}`, `psql -c '${name}'`]) broken.push(...failures(command));
    for (const program of programs) broken.push(...failures(`${program} ${name}`), ...failures(`${program} --${name} x`), ...failures(`${program} -- ${name}`));
  }
  assert.deepEqual(broken, []);
});

test('a variable named __proto__ stays in the command environment, and a program of that name is just unknown', () => {
  const assessment = analyzeNow({ command: '__proto__=x constructor=y rm -rf build', cwd: project });
  const rm = assessment.invocations.find((i) => i.program === 'rm');
  assert.ok(rm);
  assert.deepEqual(Object.keys(rm.env).sort(), ['__proto__', 'constructor']);
  for (const command of ['toString', 'valueOf -rf /', 'hasOwnProperty x']) assert.notEqual(analyzeNow({ command, cwd: project }).effect, 'destroy', command);
});

test('`npm run constructor` is a script that is not there, not a function read as a script', () => {
  const assessment = analyzeNow({ command: 'npm run constructor', cwd: project });
  assert.deepEqual(
    assessment.findings.filter((f) => f.rule === 'analysis/internal-error'),
    [],
  );
});
