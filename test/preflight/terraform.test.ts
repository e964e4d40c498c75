// Preflight for Terraform, with the real `terraform` binary and `terraform_data` resources (no provider
// download), through the real `airlock check` and hook: a destroy names exactly what it deletes, a
// missing or replaced state holds any apply or destroy with a warning, and an apply that only creates
// is a plain write. Plan JSON fixtures for AWS, Google Cloud and Azure check the stateful-resource
// detection and the protection flags.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Finding } from '../../src/core/finding.js';
import { describePlan, summarisePlan } from '../../src/preflight/terraform-plan.js';
import { readConfigText } from '../../src/preflight/terraform.js';
import { airlockEnv, BIN, claudeCodePayload, projectRoot, runHook, scratchDir } from '../helpers.js';

const home = scratchDir('terraform-home');
const fixture = (name: string) => JSON.parse(readFileSync(join(projectRoot, 'test/fixtures/terraform-plans', name), 'utf8'));

/** The real terraform in `dir`, never prompting. */
const terraform = (dir: string, ...args: string[]) => execFileSync('terraform', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0' }, stdio: 'pipe' });

/** A configuration of terraform_data resources, applied: a real local state with them in it. */
function applied(names: readonly string[], prefix = 'terraform'): string {
  const dir = scratchDir(prefix);
  writeFileSync(join(dir, 'main.tf'), config(names));
  terraform(dir, 'apply', '-auto-approve', '-no-color');
  return dir;
}
/** A project policy declaring its own folder a development environment. */
function developmentProject(dir: string): void {
  mkdirSync(join(dir, '.airlock'));
  writeFileSync(join(dir, '.airlock/policy.yaml'), `environments:\n  development:\n    paths: ["${dir}", "${dir}/*"]\n`);
}
const config = (names: readonly string[]) => names.map((n) => `resource "terraform_data" "${n}" {\n  input = "${n}"\n}\n`).join('');

type Checked = { verdict: string; findings: Finding[] };
function check(dir: string, command: string, extraEnv: Record<string, string> = {}): Checked {
  const r = spawnSync(process.execPath, [BIN, 'check', '--json', command], { cwd: dir, encoding: 'utf8', env: { ...airlockEnv(home), ...extraEnv } });
  assert.ok(r.stdout.trim(), `${command}: no JSON from check (stderr: ${r.stderr})`);
  return JSON.parse(r.stdout) as Checked;
}
const tf = (c: Checked) => {
  const f = c.findings.find((x) => x.rule.startsWith('terraform/'));
  assert.ok(f, `no terraform finding in ${JSON.stringify(c)}`);
  return f;
};
const facts = (c: Checked) => tf(c).preflight as Record<string, unknown> & { removed?: string[]; warnings?: string[]; failed?: string };

test('plan fixtures: AWS stateful resources, their protection flags, and snapshots deleted with the database', () => {
  const s = summarisePlan(fixture('aws.json'));
  assert.deepEqual([s.creates, s.updates, s.deletes, s.replaces], [1, 1, 4, 1]);
  assert.deepEqual(s.removed, ['aws_db_instance.main', 'aws_db_snapshot.nightly', 'aws_s3_bucket.uploads', 'aws_dynamodb_table.sessions', 'aws_security_group.web']);
  const by = Object.fromEntries(s.stateful.map((r) => [r.address, r]));
  assert.equal(by['aws_security_group.web'], undefined, 'a security group holds no data');
  assert.deepEqual(by['aws_db_instance.main']!.protections, ['deletion protection off', 'no final snapshot is taken', 'its 7 days of automated backups are deleted with it']);
  assert.equal(by['aws_db_snapshot.nightly']!.kind, 'backup');
  assert.deepEqual(by['aws_s3_bucket.uploads']!.protections, ['force_destroy: deleted even with everything still in it', 'versioning off']);
  assert.equal(by['aws_dynamodb_table.sessions']!.action, 'replace');
  assert.deepEqual(by['aws_dynamodb_table.sessions']!.protections, ['deletion protection on: the cloud refuses the delete', 'point-in-time recovery off']);
  assert.deepEqual(s.backupsWithData, ['aws_db_snapshot.nightly']);
  assert.match(describePlan(s), /BACKUPS DESTROYED WITH THE DATA THEY PROTECT: aws_db_snapshot\.nightly/);
  // The policy's own types count too.
  assert.ok(summarisePlan(fixture('aws.json'), ['aws_security_group']).stateful.some((r) => r.address === 'aws_security_group.web'));
});

test('plan fixtures: Google Cloud and Azure databases, vaults and snapshots', () => {
  const g = summarisePlan(fixture('google.json'));
  const sql = g.stateful.find((r) => r.address === 'google_sql_database_instance.main')!;
  assert.deepEqual(sql.protections, ['deletion protection off', 'Cloud SQL deletion protection off', 'automated backups on (deleted with the instance)']);
  assert.equal(g.stateful.find((r) => r.address === 'google_storage_bucket.assets')!.action, 'replace');
  assert.deepEqual(g.backupsWithData, ['google_compute_snapshot.disk_daily']);
  assert.ok(!g.stateful.some((r) => r.address === 'google_compute_instance.vm'));
  const a = summarisePlan(fixture('azure.json'));
  assert.deepEqual(
    a.stateful.map((r) => [r.address, r.kind]),
    [
      ['azurerm_mssql_database.orders', 'data'],
      ['azurerm_key_vault.main', 'key'],
      ['azurerm_recovery_services_vault.backups', 'backup'],
    ],
  );
  assert.deepEqual(a.stateful[1]!.protections, ['purge protection off: it can be purged at once']);
  assert.deepEqual(a.backupsWithData, ['azurerm_recovery_services_vault.backups']);
  // Replacing a stateless instance deletes nothing that holds data.
  const stateless = summarisePlan(fixture('stateless-replace.json'));
  assert.deepEqual([stateless.replaces, stateless.creates, stateless.stateful.length], [1, 1, 0]);
  // Nothing malformed is read as "nothing": a change with no actions is skipped, the rest still counted.
  assert.equal(summarisePlan({ resource_changes: [null, { change: {} }, { address: 'x.y', type: 'aws_db_instance', change: { actions: ['delete'] } }] }).stateful.length, 1);
});

test('configuration text: resources, modules and a backend are found past comments', () => {
  const c = readConfigText([
    ['main.tf', '# resource "x" "commented" {}\nresource "aws_s3_bucket" "b" {}\nmodule "db" {\n  source = "./db"\n}\n/* resource "y" "z" {} */\n'],
    ['backend.tf', 'terraform {\n  backend "s3" {\n    bucket = "state"\n  }\n}\n'],
    ['extra.tf.json', JSON.stringify({ resource: { terraform_data: { a: {}, b: {} } } })],
  ]);
  assert.deepEqual(c, { files: 3, resources: 4, backend: 's3' });
  assert.deepEqual(readConfigText([['main.tf', 'terraform {\n  backend "local" {\n    path = "state/dev.tfstate"\n  }\n}\n']]), {
    files: 1,
    resources: 0,
    backend: 'local',
    localPath: 'state/dev.tfstate',
  });
});

test('terraform destroy with a real state reports the exact count and addresses', () => {
  const dir = applied(['db', 'queue', 'cache']);
  const all = check(dir, 'terraform destroy -auto-approve');
  assert.notEqual(all.verdict, 'allow');
  assert.equal(facts(all).deletes, 3);
  assert.deepEqual(facts(all).removed, ['terraform_data.cache', 'terraform_data.db', 'terraform_data.queue']);
  assert.match(tf(all).summary, /deletes 3 .*terraform_data\.cache, terraform_data\.db, terraform_data\.queue/);
  const one = check(dir, 'terraform destroy -target=terraform_data.db -auto-approve');
  assert.deepEqual(facts(one).removed, ['terraform_data.db']);
  const viaApply = check(dir, 'terraform apply -destroy -auto-approve');
  assert.equal(facts(viaApply).deletes, 3);
  // A destroy whose plan deletes nothing (everything targeted is already gone) is not held for it.
  const nothing = check(dir, 'terraform destroy -target=terraform_data.gone -auto-approve');
  assert.equal(tf(nothing).effect, 'write');
  assert.deepEqual(facts(nothing).removed, []);
  // The probe changed nothing: the state and the resources are all still there.
  assert.equal(JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')).resources.length, 3);
});

test('a saved plan is read, and a plan made earlier in the same command is planned the same way', () => {
  const dir = applied(['db', 'web']);
  terraform(dir, 'plan', '-destroy', '-target=terraform_data.web', '-out=teardown.tfplan', '-no-color');
  const saved = check(dir, 'terraform apply teardown.tfplan');
  assert.deepEqual(facts(saved).removed, ['terraform_data.web']);
  const chained = check(dir, 'terraform plan -destroy -out=p.tfplan && terraform apply p.tfplan');
  assert.deepEqual(facts(chained).removed, ['terraform_data.db', 'terraform_data.web']);
});

test('with the state deleted, apply and destroy are held with a state warning', () => {
  const dir = applied(['db', 'web']);
  terraform(dir, 'apply', '-auto-approve', '-no-color', '-replace=terraform_data.web');
  rmSync(join(dir, 'terraform.tfstate'));
  for (const command of ['terraform destroy -auto-approve', 'terraform apply -auto-approve', 'terraform apply']) {
    const c = check(dir, command);
    assert.notEqual(c.verdict, 'allow', command);
    assert.equal(tf(c).effect, 'destroy', command);
    assert.match(String(facts(c).warnings), /there is no Terraform state .*declares 2 resource blocks/, command);
    assert.match(tf(c).summary, /STOP: .*Ask a human/, command);
  }
});

test('with the state replaced by an older copy, or by another state, apply and destroy are held with a state warning', () => {
  const dir = applied(['db', 'web']);
  copyFileSync(join(dir, 'terraform.tfstate'), join(dir, 'old.tfstate'));
  terraform(dir, 'apply', '-auto-approve', '-no-color', '-replace=terraform_data.web');
  terraform(dir, 'apply', '-auto-approve', '-no-color', '-replace=terraform_data.db');
  copyFileSync(join(dir, 'old.tfstate'), join(dir, 'terraform.tfstate'));
  for (const command of ['terraform destroy -auto-approve', 'terraform apply -auto-approve']) {
    const c = check(dir, command);
    assert.notEqual(c.verdict, 'allow', command);
    assert.match(String(facts(c).warnings), /serial \d+ is lower than its backup's \d+: the state was replaced by an older copy/, command);
  }
  const other = applied(['db', 'web']);
  copyFileSync(join(other, 'terraform.tfstate'), join(dir, 'terraform.tfstate'));
  assert.match(String(facts(check(dir, 'terraform destroy -auto-approve')).warnings), /lineage .* differs from its backup's/);
  // An empty state where the configuration has resources.
  const empty = applied(['db']);
  writeFileSync(join(empty, 'main.tf'), config(['db', 'web']));
  const state = JSON.parse(readFileSync(join(empty, 'terraform.tfstate'), 'utf8'));
  writeFileSync(join(empty, 'terraform.tfstate'), JSON.stringify({ ...state, resources: [] }));
  rmSync(join(empty, 'terraform.tfstate.backup'), { force: true });
  assert.match(String(facts(check(empty, 'terraform apply -auto-approve')).warnings), /state .* is empty, but the configuration declares 2 resource blocks/);
});

test('a state change earlier in the same command is a state warning', () => {
  const dir = applied(['db', 'web']);
  for (const command of [
    'terraform state rm terraform_data.db && terraform destroy -auto-approve',
    'cp old.tfstate terraform.tfstate; terraform apply -auto-approve',
    'terraform state push -force x.tfstate && terraform apply',
  ]) {
    const c = check(dir, command);
    assert.notEqual(c.verdict, 'allow', command);
    const f = c.findings.find((x) => x.rule === 'terraform/destroy' || x.rule === 'terraform/apply')!;
    assert.match(String((f.preflight as { warnings?: string[] }).warnings), /earlier in the same command changes the state/, command);
  }
});

test('an apply that only creates is a plain write, let through in development; one that replaces stateful resources is a destroy', () => {
  const dir = applied(['db'], 'terraform-dev');
  developmentProject(dir);
  writeFileSync(join(dir, 'main.tf'), config(['db', 'web']));
  const creates = check(dir, 'terraform apply -auto-approve');
  assert.equal(creates.verdict, 'allow', JSON.stringify(creates));
  assert.equal(tf(creates).effect, 'write');
  assert.deepEqual([facts(creates).creates, facts(creates).deletes, facts(creates).replaces], [1, 0, 0]);
  // terraform_data holds nothing, so replacing it is a write too; a type the policy calls stateful is not.
  const replaced = check(dir, 'terraform apply -auto-approve -replace=terraform_data.db');
  assert.equal(tf(replaced).effect, 'write');
  mkdirSync(join(home, '.config/airlock'), { recursive: true });
  writeFileSync(join(home, '.config/airlock/policy.yaml'), 'preflight:\n  stateful_types: [terraform_data]\n');
  try {
    const stateful = check(dir, 'terraform apply -auto-approve -replace=terraform_data.db');
    assert.notEqual(stateful.verdict, 'allow');
    assert.equal(stateful.findings.find((f) => f.rule === 'terraform/replace')!.effect, 'destroy');
    assert.match(stateful.findings.find((f) => f.rule === 'terraform/replace')!.summary, /replaces terraform_data\.db \(holds data\)/);
  } finally {
    rmSync(join(home, '.config/airlock/policy.yaml'));
  }
});

test('a plan that cannot run holds the apply and says why; it never allows', () => {
  const dir = applied(['db'], 'terraform-dev');
  developmentProject(dir);
  writeFileSync(join(dir, 'broken.tf'), 'resource "terraform_data" {\n');
  const broken = check(dir, 'terraform apply -auto-approve');
  assert.notEqual(broken.verdict, 'allow');
  assert.equal(tf(broken).effect, 'unknown');
  assert.match(String(facts(broken).failed), /terraform plan` failed: Error:/);
  rmSync(join(dir, 'broken.tf'));
  const missing = check(dir, 'terraform apply -auto-approve', { PATH: scratchDir('terraform-no-bin') });
  assert.notEqual(missing.verdict, 'allow');
  assert.match(String(facts(missing).failed), /not installed|ENOENT/);
  const climbing = check(dir, 'terraform -chdir=modules/.. apply -auto-approve');
  assert.notEqual(climbing.verdict, 'allow');
  assert.match(String(facts(climbing).failed), /-chdir climbs with '\.\.'/);
});

test('with no configuration at all, terraform refuses: an apply keeps its plain assessment, a destroy stays held', () => {
  const dir = scratchDir('terraform-empty');
  developmentProject(dir);
  const apply = check(dir, 'terraform plan -out=tfplan && terraform apply tfplan');
  assert.equal(apply.verdict, 'allow');
  assert.match(tf(apply).summary, /no Terraform configuration in .*so it would stop with an error/);
  const destroy = check(dir, 'terraform destroy -auto-approve');
  assert.notEqual(destroy.verdict, 'allow');
  // A .tofu file counts as configuration (OpenTofu reads it): the apply is looked at, not waved through.
  writeFileSync(join(dir, 'main.tofu'), config(['db']));
  const tofu = check(dir, 'terraform apply -auto-approve');
  assert.doesNotMatch(tf(tofu).summary, /no Terraform configuration/);
});

test('through the hook: the agent is told what a destroy deletes, and why a state is not to be trusted', () => {
  const dir = applied(['db', 'web']);
  const env = airlockEnv(home);
  const held = runHook('claude-code', claudeCodePayload('terraform destroy -auto-approve', dir), { env, cwd: dir });
  assert.equal(held.status, 0, held.stderr);
  assert.match(held.stdout, /deletes 2 .*terraform_data\.db, terraform_data\.web/);
  rmSync(join(dir, 'terraform.tfstate'));
  const warned = runHook('claude-code', claudeCodePayload('terraform apply -auto-approve', dir), { env, cwd: dir });
  assert.match(warned.stdout, /STOP: there is no Terraform state/);
});

test('every way of asking Terraform to delete is held: -destroy=true, a saved destroy plan, -chdir, TF_CLI_ARGS, TF_DATA_DIR', () => {
  const dir = applied(['db', 'web'], 'terraform-dev');
  developmentProject(dir);
  for (const command of ['terraform apply -destroy=true -auto-approve', 'terraform apply -destroy=1 -auto-approve']) {
    const c = check(dir, command);
    assert.notEqual(c.verdict, 'allow', command);
    assert.deepEqual(facts(c).removed, ['terraform_data.db', 'terraform_data.web'], command);
  }
  // A destroy plan saved by one command and applied by the next: the plan deletes, so the apply is a destroy.
  terraform(dir, 'plan', '-destroy', '-out=d.plan', '-no-color');
  const saved = check(dir, 'terraform apply d.plan');
  assert.notEqual(saved.verdict, 'allow');
  assert.equal(tf(saved).effect, 'destroy');
  // Arguments from the environment the probe can't plan with.
  const fromEnv = check(dir, 'terraform apply -auto-approve', { TF_CLI_ARGS_apply: '-destroy' });
  assert.notEqual(fromEnv.verdict, 'allow');
  assert.match(String(facts(fromEnv).failed), /TF_CLI_ARGS_apply adds arguments/);
  // -chdir is applied once: a folder of the same name inside it is not the one planned.
  const outer = scratchDir('terraform-chdir');
  developmentProject(outer);
  execFileSync('cp', ['-r', dir, join(outer, 'tf')]);
  mkdirSync(join(outer, 'tf/tf'));
  writeFileSync(join(outer, 'tf/tf/main.tf'), 'terraform {}\n');
  const chdir = check(outer, 'terraform -chdir=tf destroy -auto-approve');
  assert.notEqual(chdir.verdict, 'allow');
  assert.deepEqual(facts(chdir).removed, ['terraform_data.db', 'terraform_data.web']);
  // TF_DATA_DIR names where the workspace is recorded: a workspace with no state is a state warning there too.
  mkdirSync(join(dir, 'alt'));
  writeFileSync(join(dir, 'alt/environment'), 'prod\n');
  const dataDir = check(dir, 'TF_DATA_DIR=alt terraform apply -auto-approve');
  assert.notEqual(dataDir.verdict, 'allow');
  assert.match(String(facts(dataDir).warnings), /there is no Terraform state/);
});
