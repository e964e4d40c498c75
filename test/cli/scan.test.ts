// `airlock scan` on a real home and project made for it: agent settings that let everything run, an
// agent without airlock's hook (and the same after `airlock init`), production credentials in the
// shell's environment, a .env file, an AWS profile and a kube context; each finding with its fix.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BIN, projectRoot, scratchDir } from '../helpers.js';

interface Scanned {
  status: number | null;
  findings: { id: string; severity: string; where: string; message: string; fix: string }[];
}

test('scan reports permissive agent settings, a missing hook and reachable production credentials, with fixes; init clears the hook finding', () => {
  const home = scratchDir('scan');
  const dir = join(home, 'project');
  for (const d of ['.claude', '.codex', '.aws', '.kube', 'project/.claude']) mkdirSync(join(home, d), { recursive: true });
  writeFileSync(join(home, '.claude/settings.json'), JSON.stringify({ permissions: { allow: ['Bash(*)', 'Bash(npm test)'], defaultMode: 'bypassPermissions' } }));
  writeFileSync(join(dir, '.claude/settings.local.json'), JSON.stringify({ disableAllHooks: true }));
  writeFileSync(join(home, '.codex/config.toml'), 'approval_policy = "never"\nsandbox_mode = "danger-full-access"\n');
  mkdirSync(join(dir, '.gemini'), { recursive: true });
  writeFileSync(join(dir, '.gemini/settings.json'), JSON.stringify({ general: { defaultApprovalMode: 'yolo' } }));
  writeFileSync(join(home, '.aws/config'), '[default]\nregion = eu-west-1\n[profile prod-admin]\nregion = eu-west-1\n[profile dev]\n');
  writeFileSync(join(home, '.kube/config'), 'apiVersion: v1\ncontexts:\n- context: { cluster: a }\n  name: prod-eu\n- context: { cluster: b }\n  name: kind-local\ncurrent-context: kind-local\n');
  writeFileSync(join(dir, '.env'), 'DATABASE_URL="postgres://app:s3cretpw@db.prod.internal:5432/app"\nREDIS_URL=redis://localhost:6379\n');
  writeFileSync(join(dir, '.env.example'), 'DATABASE_URL=postgres://user:pass@db.prod.example.com/app\n');
  const env = { PATH: process.env.PATH ?? '', HOME: home, AIRLOCK_STATE_DIR: join(home, 'state'), AIRLOCK_ORG_POLICY: '/nonexistent/org.yaml', AWS_PROFILE: 'production', NO_COLOR: '1' };
  const scan = (): Scanned => {
    const r = spawnSync(process.execPath, [BIN, 'scan', '--cwd', dir, '--json'], { encoding: 'utf8', env });
    assert.equal(r.stderr, '');
    return { status: r.status, ...(JSON.parse(r.stdout) as Omit<Scanned, 'status'>) };
  };
  const first = scan();
  const ids = first.findings.map((f) => f.id).sort();
  assert.deepEqual(ids, [
    'agents/claude-allows-every-command',
    'agents/claude-bypass-default',
    'agents/claude-hooks-disabled',
    'agents/codex-never-asks',
    'agents/codex-no-sandbox',
    'agents/gemini-yolo-default',
    'agents/no-airlock-hook',
    'agents/no-airlock-hook',
    'credentials/aws-production-profile',
    'credentials/kube-production-context',
    'credentials/production-in-dotenv',
    'credentials/production-in-environment',
    // The .env's database can't be reached from here: said, not taken as safe.
    'database/agent-role-unknown',
  ]);
  assert.equal(first.status, 1, 'errors found: exit 1, for CI');
  const find = (id: string) => first.findings.find((f) => f.id === id)!;
  assert.match(find('credentials/production-in-dotenv').message, /postgres:\/\/app:\*\*\*@db\.prod\.internal/);
  assert.doesNotMatch(JSON.stringify(first), /s3cretpw/);
  assert.match(find('credentials/aws-production-profile').message, /prod-admin/);
  assert.match(find('credentials/kube-production-context').message, /prod-eu/);
  assert.ok(first.findings.filter((f) => f.id === 'agents/no-airlock-hook').some((f) => /airlock init --agent claude-code/.test(f.fix)));
  for (const f of first.findings) assert.ok(f.fix.length > 10, `${f.id} has a fix`);
  // With the hook installed for Claude Code, only Codex is left without it.
  const init = spawnSync(process.execPath, [BIN, 'init', '--agent', 'claude-code', '--yes'], { encoding: 'utf8', env: { ...env, AIRLOCK_DATA_DIR: join(home, 'data') } });
  assert.equal(init.status, 0, init.stdout + init.stderr);
  const after = scan().findings.filter((f) => f.id === 'agents/no-airlock-hook');
  assert.equal(after.length, 1);
  assert.match(after[0]!.fix, /--agent codex/);
  // A clean machine: nothing to report, exit 0.
  const clean = spawnSync(process.execPath, [BIN, 'scan', '--cwd', scratchDir('scan-clean')], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: scratchDir('scan-clean-home') } });
  assert.equal(clean.status, 0, clean.stdout);
  assert.match(clean.stdout, /nothing found to harden/);
});

/** `airlock scan --json` of `dir`, with a home of its own: its findings. */
function scanned(dir: string, home = scratchDir('scan-tf-home')): Scanned['findings'] {
  const r = spawnSync(process.execPath, [BIN, 'scan', '--cwd', dir, '--json'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: home, AIRLOCK_ORG_POLICY: '/nonexistent/org.yaml' } });
  assert.equal(r.stderr, '');
  return (JSON.parse(r.stdout) as Scanned).findings;
}

test('scan reads Terraform for AWS, Google Cloud and Azure: unprotected data, no deletion protection, a skipped final snapshot, backups in the same state', () => {
  const dir = join(projectRoot, 'test/fixtures/scan');
  const found = scanned(dir)
    .map((f) => `${f.id} ${f.where.replace(`${dir}/`, '')}`)
    .sort();
  assert.deepEqual(found, [
    'terraform/backup-with-its-data aws/main.tf (aws_db_snapshot.nightly)',
    'terraform/final-snapshot-skipped aws/main.tf (aws_db_instance.main)',
    'terraform/no-backup-retention aws/main.tf (aws_db_instance.main)',
    'terraform/no-deletion-protection aws/main.tf (aws_db_instance.main)',
    'terraform/no-deletion-protection gcp/main.tf (google_sql_database_instance.main)',
    'terraform/no-prevent-destroy aws/main.tf (aws_db_instance.main)',
    'terraform/no-prevent-destroy aws/main.tf (aws_db_snapshot.nightly)',
    'terraform/no-prevent-destroy azure/main.tf (azurerm_storage_account.files)',
    'terraform/no-prevent-destroy gcp/main.tf (google_sql_database_instance.main)',
    'terraform/no-prevent-destroy gcp/main.tf (google_storage_bucket.assets)',
  ]);
});

test('scan on a real Terraform configuration the terraform binary validates: a policy-declared stateful type, then protected', () => {
  const home = scratchDir('scan-tf-real');
  const dir = join(home, 'infra');
  mkdirSync(join(home, '.config/airlock'), { recursive: true });
  mkdirSync(dir);
  writeFileSync(join(home, '.config/airlock/policy.yaml'), 'preflight:\n  stateful_types: [terraform_data]\n');
  const write = (protectedDb: boolean) =>
    writeFileSync(join(dir, 'main.tf'), `resource "terraform_data" "db" {\n  input = "orders"\n${protectedDb ? '  lifecycle {\n    prevent_destroy = true\n  }\n' : ''}}\n`);
  write(false);
  const tf = (...args: string[]) => spawnSync('terraform', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0' } });
  assert.equal(tf('init', '-input=false', '-no-color').status, 0);
  assert.equal(tf('validate', '-no-color').status, 0, 'a configuration terraform itself accepts');
  assert.deepEqual(
    scanned(home, home).map((f) => f.id),
    ['terraform/no-prevent-destroy'],
  );
  write(true);
  assert.equal(tf('validate', '-no-color').status, 0);
  assert.deepEqual(scanned(home, home), []);
});

test("scan asks the real PostgreSQL what the agent's role may do: a superuser is an error, a read-only role passes, an unreachable one is said", () => {
  const psql = (sql: string) => spawnSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'test', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' });
  const suffix = `${process.pid}`;
  const [superuser, readonly] = [`scan_super_${suffix}`, `scan_ro_${suffix}`];
  assert.equal(psql(`DROP TABLE IF EXISTS scan_rows_${suffix}; CREATE TABLE scan_rows_${suffix} (id int)`).status, 0);
  assert.equal(psql(`DROP ROLE IF EXISTS ${superuser}; CREATE ROLE ${superuser} LOGIN SUPERUSER`).status, 0);
  assert.equal(psql(`DROP ROLE IF EXISTS ${readonly}; CREATE ROLE ${readonly} LOGIN; GRANT SELECT ON scan_rows_${suffix} TO ${readonly}`).status, 0);
  try {
    const project = (url: string) => {
      const dir = scratchDir('scan-role');
      writeFileSync(join(dir, '.env'), `DATABASE_URL=${url}\n`);
      return scanned(dir).filter((f) => f.id.startsWith('database/'));
    };
    const asSuper = project(`postgresql://${superuser}:pw@127.0.0.1:5432/test`);
    assert.deepEqual(
      asSuper.map((f) => [f.id, f.severity]),
      [['database/agent-role-superuser', 'error']],
    );
    assert.match(asSuper[0]!.message, /:\*\*\*@127\.0\.0\.1/);
    assert.deepEqual(project(`postgresql://${readonly}@127.0.0.1:5432/test`), []);
    // Nothing listens there: said, not taken as safe.
    const unreachable = project('postgresql://agent@127.0.0.1:9/test');
    assert.deepEqual(
      unreachable.map((f) => f.id),
      ['database/agent-role-unknown'],
    );
  } finally {
    psql(`DROP TABLE IF EXISTS scan_rows_${suffix}; DROP ROLE IF EXISTS ${superuser}; DROP ROLE IF EXISTS ${readonly}`);
  }
});

test('scan --sarif is valid SARIF 2.1.0 by the official schema, with one rule per finding id and the files as locations', async () => {
  const Ajv = (await import('ajv/dist/2020.js')).default as unknown as typeof import('ajv/dist/2020.js').Ajv2020;
  // The schema as the SARIF SDK's own tools ship it.
  const schemaFile = join(projectRoot, `node_modules/@microsoft/sarif-multitool-${process.platform === 'darwin' ? 'darwin' : process.platform === 'win32' ? 'win32' : 'linux'}/sarif-2.1.0.json`);
  const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
  const dir = join(projectRoot, 'test/fixtures/scan');
  const r = spawnSync(process.execPath, [BIN, 'scan', '--cwd', dir, '--sarif'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: scratchDir('scan-sarif-home') } });
  const log = JSON.parse(r.stdout) as {
    version: string;
    runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string; locations?: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
  };
  assert.equal(validate(log), true, JSON.stringify(validate.errors?.slice(0, 3)));
  assert.equal(log.version, '2.1.0');
  const [run] = log.runs;
  assert.deepEqual(
    run!.tool.driver.rules.map((x) => x.id),
    [...new Set(run!.results.map((x) => x.ruleId))].sort(),
  );
  assert.ok(run!.results.some((x) => x.level === 'error' && x.locations?.[0]?.physicalLocation.artifactLocation.uri.endsWith('/aws/main.tf')));
  // The check can fail: a level SARIF does not have is refused.
  assert.equal(validate({ ...log, runs: [{ ...run, results: [{ ...run!.results[0], level: 'fatal' }] }] }), false);
});
