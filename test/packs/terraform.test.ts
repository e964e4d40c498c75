// The real terraform binary agrees with the terraform rules: what they pass leaves the state intact,
// what they catch destroys it. terraform_data resources need no provider download.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { check } from '../helpers.js';

const hasTerraform = spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0;

function tf(dir: string, command: string) {
  return spawnSync('bash', ['-c', command], { cwd: dir, encoding: 'utf8', env: { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' }, timeout: 120_000 });
}

function resources(dir: string): string[] {
  const r = tf(dir, 'terraform state list');
  return r.status === 0 ? r.stdout.split('\n').filter(Boolean) : [];
}

test('terraform: passed commands leave resources, caught ones destroy them', { skip: hasTerraform ? false : 'terraform is not on PATH' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-tf-'));
  writeFileSync(join(dir, 'main.tf'), 'resource "terraform_data" "db" {\n  input = "precious"\n}\nresource "terraform_data" "cache" {\n  input = "x"\n}\n');
  assert.equal(tf(dir, 'terraform init -input=false').status, 0, 'terraform init failed');
  assert.equal(tf(dir, 'terraform apply -auto-approve -input=false').status, 0);
  assert.equal(resources(dir).length, 2);

  for (const command of ['terraform plan -destroy -input=false', 'terraform destroy -help', 'terraform validate', 'terraform state list']) {
    assert.equal((await check(command, { cwd: dir })).verdict, 'allow', command);
    tf(dir, command);
    assert.equal(resources(dir).length, 2, `${command} changed the state`);
  }

  const replace = 'terraform apply -auto-approve -input=false -replace=terraform_data.db';
  assert.notEqual((await check(replace, { cwd: dir })).verdict, 'allow');
  const before = tf(dir, 'terraform state show -no-color terraform_data.db').stdout.match(/id\s+=\s+"([^"]+)"/)?.[1];
  assert.equal(tf(dir, replace).status, 0);
  const after = tf(dir, 'terraform state show -no-color terraform_data.db').stdout.match(/id\s+=\s+"([^"]+)"/)?.[1];
  assert.ok(before && after && before !== after, 'replace should have recreated the resource');

  const rm = 'terraform state rm terraform_data.cache';
  assert.notEqual((await check(rm, { cwd: dir })).verdict, 'allow');
  assert.equal(tf(dir, rm).status, 0);
  assert.deepEqual(resources(dir), ['terraform_data.db']);

  const destroy = "bash -c 'terraform destroy -auto-approve -input=false'";
  assert.notEqual((await check(destroy, { cwd: dir })).verdict, 'allow');
  assert.equal(tf(dir, destroy).status, 0);
  assert.deepEqual(resources(dir), []);
});
