// `airlock explain RULE_ID` through the real binary: the rule's consequence, safer routes, programs, and
// exactly the examples the examples test runs for it; a near miss of an id is answered with the nearest.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { examplesByPack } from '../../src/packs/examples.js';
import { BIN, emptyDir, emptyHome } from '../helpers.js';

const airlock = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: emptyDir, env: { PATH: process.env.PATH ?? '', HOME: emptyHome, NO_COLOR: '1' } });

test('explain shows what a rule catches, its consequence, safer routes, programs and its own examples', () => {
  const r = airlock(['explain', 'terraform/destroy']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^terraform\/destroy \(terraform pack\): destroy, critical/);
  assert.match(r.stdout, /consequence: +Databases, volumes and their automated snapshots/);
  assert.match(r.stdout, /safer: +terraform plan -destroy/);
  assert.match(r.stdout, /looks at: +terraform, tofu, terragrunt/);
  const own = examplesByPack.terraform!['terraform/destroy']!;
  for (const c of own.catches) assert.ok(r.stdout.includes(`  ${String(c)}\n`), String(c));
  assert.match(r.stdout, new RegExp(`let through, though they look alike \\(${own.passes.length}\\)`));
});

test("explain --json carries the same fields, with each rule's examples as the examples test has them", () => {
  const rules = JSON.parse(airlock(['rules', '--json']).stdout) as { id: string; consequence: string; alternatives: string[]; programs: string[] | null }[];
  assert.ok(rules.every((r) => typeof r.consequence === 'string' && Array.isArray(r.alternatives)));
  // One rule from every fifth pack: a separate process each.
  for (const byRule of Object.values(examplesByPack).filter((_, i) => i % 5 === 0))
    for (const [id, own] of Object.entries(byRule).slice(0, 1)) {
      const j = JSON.parse(airlock(['explain', id, '--json']).stdout);
      assert.deepEqual(
        j.catches,
        own.catches.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))),
        id,
      );
      assert.deepEqual(j.programs, rules.find((r) => r.id === id)!.programs, id);
    }
});

test('an unknown rule id is an error that names the nearest ones', () => {
  const r = airlock(['explain', 'terraform/destory']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /there is no rule terraform\/destory; did you mean terraform\/destroy/);
  assert.equal(airlock(['explain']).status, 2);
});
