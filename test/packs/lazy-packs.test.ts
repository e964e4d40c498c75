// The hook loads a rule pack only when a command names one of its programs (scripts/hook-packs.mjs).
// Here every corpus command and every rule example is judged by a bundle built that way, in a process
// of its own, and by the packs in one piece, and what they find must be the same, finding for finding,
// in the same order, with the same targets. A pack whose rules some other pack relies on (the HTTP
// services the generic HTTP rule leaves alone) would show up here as a difference.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Request } from '../../src/core/request.js';
import { examplesByPack } from '../../src/packs/examples.js';
import { defaultRuleSet, packs, ruleSetWith } from '../../src/packs/index.js';
import { analyze } from '../../src/runtime/assess.js';
import { emptyDir, emptyHome, projectRoot } from '../helpers.js';
import { exampleRequest, policyRule, summarise, type Summary } from './summarise.js';

const bundle = join(projectRoot, 'build/lazy/analyze.cjs');
const corpus = ['commands.jsonl', 'commands-added.jsonl'].flatMap((file) =>
  readFileSync(join(projectRoot, 'test/fixtures', file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { command: string }).command),
);
const examples: (string | Request)[] = [...corpus, ...Object.values(examplesByPack).flatMap((byRule) => Object.values(byRule).flatMap((e) => [...e.catches, ...e.passes]))];

function lazily(requests: (string | Request)[], withPolicyRule = false): { results: Summary[]; loaded: string[] } {
  const r = spawnSync(process.execPath, [bundle], { input: JSON.stringify({ examples: requests, cwd: emptyDir, home: emptyHome, withPolicyRule }), encoding: 'utf8', maxBuffer: 1 << 30 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('the build made a bundle whose packs load as needed', () => {
  assert.ok(existsSync(bundle), 'npm run build makes build/lazy/analyze.cjs');
  assert.ok(readdirSync(join(projectRoot, 'dist/packs')).length > 50, 'dist/packs holds the packs the hook loads as needed');
});

test('every corpus command and rule example: the same findings, in the same order, with the same targets, whichever way the packs load', async () => {
  const { results } = lazily(examples);
  assert.equal(results.length, examples.length);
  for (const [i, example] of examples.entries()) {
    const whole = summarise(await analyze(exampleRequest(example, emptyDir, emptyHome)), defaultRuleSet());
    assert.deepEqual(results[i], whole, `${typeof example === 'string' ? example : JSON.stringify(example)}`);
  }
});

test("a policy's own rules run after the built-in packs, whichever way the packs load", async () => {
  const requests = ['git push --force origin main policy-marker', 'echo policy-marker', 'terraform destroy', 'ls'];
  const { results } = lazily(requests, true);
  const rules = ruleSetWith('policy', [policyRule], {});
  for (const [i, command] of requests.entries()) {
    assert.deepEqual(results[i], summarise(await analyze(exampleRequest(command, emptyDir, emptyHome), { rules }), rules), command);
  }
  assert.ok(results[0]!.findings.some((f) => (f as string[])[0] === 'policy/test-marker') && results[0]!.findings.some((f) => (f as string[])[0] === 'git/force-push'));
});

test('a command loads only the packs of the programs it names, and the packs that look at every program', () => {
  const always = lazily(['true']).loaded;
  assert.deepEqual(lazily(['git status && ls -la src']).loaded, [...always, 'git.cjs'].sort());
  assert.ok(!always.includes('terraform.cjs') && lazily(['terraform destroy']).loaded.includes('terraform.cjs'));
});

test("the hook's bundle holds no pack that loads as needed, and each such pack's file holds its rules", () => {
  const core = readFileSync(join(projectRoot, 'dist/hook-code.cjs'), 'utf8');
  const files = readdirSync(join(projectRoot, 'dist/packs'));
  for (const file of files) {
    const pack = Object.entries(packs).find(([name]) => `${name}.cjs` === file)?.[1];
    assert.ok(pack, `dist/packs/${file} is the file of a pack`);
    const text = readFileSync(join(projectRoot, 'dist/packs', file), 'utf8');
    for (const r of pack) {
      assert.ok(text.includes(JSON.stringify(r.id)), `dist/packs/${file} holds ${r.id}`);
      // The rule's definition (`id:"…"`), not its id: the packs' facts list every id, so a policy naming a rule can be checked without loading its pack.
      assert.ok(!core.includes(`id:${JSON.stringify(r.id)}`), `dist/hook-code.cjs holds the rule ${r.id}, whose pack loads as needed from dist/packs/${file}`);
    }
  }
});
