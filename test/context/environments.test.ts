// Each source of environment evidence, end to end through judge(): assignments on the command,
// .env files, a kubeconfig file, flags, the Terraform workspace and the git branch.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { maskSecrets } from '../../src/core/mask.js';
import { loadPolicyParsers, mergeLayers, parsePolicyText, type PolicyFile } from '../../src/policy/policy.js';
import { check, emptyHome } from '../helpers.js';

before(loadPolicyParsers);

const project = () => mkdtempSync(join(tmpdir(), 'airlock-env-'));
const policyOf = (yaml: string) => {
  const { policy, errors } = parsePolicyText(yaml, 'test-policy.yaml');
  assert.deepEqual(errors, []);
  return mergeLayers([{ layer: 'user', file: 'test-policy.yaml', policy: policy as PolicyFile }]);
};

test('assignments on the command: a production database URL makes a migration a production write', async () => {
  const prod = await check('DATABASE_URL=postgres://u:p@prod-db.internal/app npx prisma migrate deploy');
  assert.equal(prod.verdict, 'approve');
  assert.equal(prod.environment, 'production');
  assert.match(prod.reason, /prod-db\.internal/);
  const local = await check('DATABASE_URL=postgres://u:p@localhost:5432/app_dev npx prisma migrate deploy');
  assert.equal(local.verdict, 'allow');
  assert.equal(local.environment, 'local');
  // The destructive reset is confirmed locally, and approved out of band in production.
  assert.equal((await check('DATABASE_URL=postgres://u:p@localhost/app_dev npx prisma migrate reset --force')).verdict, 'confirm');
  assert.equal((await check('DATABASE_URL=postgres://u:p@prod-db.internal/app npx prisma migrate reset --force')).verdict, 'approve');
});

test('the process environment, for the tools that use it only', async () => {
  const env = { HOME: emptyHome, DATABASE_URL: 'postgres://admin:hunter2@db.prod.acme.com/app' };
  assert.equal((await check('npx prisma migrate deploy', { env })).environment, 'production');
  // A production DATABASE_URL in the shell says nothing about where git pushes.
  assert.notEqual((await check('git push origin feature/x', { env })).environment, 'production');
});

test('.env, .env.local and .env.<name> in the working directory', async () => {
  const dir = project();
  writeFileSync(join(dir, '.env'), '# defaults\nDATABASE_URL="postgresql://app:secret@localhost:5432/app"\n');
  assert.equal((await check('npx prisma db push', { cwd: dir })).verdict, 'allow');
  writeFileSync(join(dir, '.env.local'), 'DATABASE_URL=postgresql://app:secret@prod-db.cluster-c9x.us-east-1.rds.amazonaws.com:5432/app\n');
  const d = await check('npx prisma db push', { cwd: dir });
  assert.equal(d.verdict, 'approve');
  assert.equal(d.environment, 'production');
  const staging = project();
  writeFileSync(join(staging, '.env.staging'), 'DATABASE_URL=postgres://u:p@db.stg.acme.io/app\n');
  assert.equal((await check('npx prisma migrate reset --force', { cwd: staging, env: { HOME: emptyHome, NODE_ENV: 'staging' } })).environment, 'staging');
});

test('a kubeconfig file: current-context, KUBECONFIG, and --context', async () => {
  const dir = project();
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\ncurrent-context: prod-eks\ncontexts:\n- name: prod-eks\n- name: kind-dev\n');
  const env = { HOME: emptyHome, KUBECONFIG: kubeconfig };
  assert.equal((await check('kubectl apply -f k8s/', { env })).verdict, 'approve');
  assert.equal((await check('kubectl apply -f k8s/ --context kind-dev', { env })).verdict, 'approve', 'the flag adds to, never hides, the current context');
  writeFileSync(kubeconfig, 'apiVersion: v1\ncurrent-context: kind-dev\n');
  assert.equal((await check('kubectl apply -f k8s/', { env })).verdict, 'allow');
  assert.equal((await check('kubectl apply -f k8s/ --context prod-eks')).verdict, 'approve');
  assert.equal((await check('kubectl delete pvc data -n production', { env })).environment, 'production');
});

test('flags: host, app, namespace, stage, var-file, config', async () => {
  assert.equal((await check("psql -h prod-db.internal -c 'UPDATE users SET plan = 1 WHERE id = 2'")).verdict, 'approve');
  assert.equal((await check("psql -h localhost -c 'UPDATE users SET plan = 1 WHERE id = 2'")).verdict, 'allow');
  assert.equal((await check('heroku config:set X=1 --app acme-prod')).environment, 'production');
  const deploy = await check('npx serverless deploy --stage prod');
  assert.equal(deploy.verdict, 'approve', 'a deploy to the prod stage is a production write');
  assert.equal(deploy.environment, 'production');
  assert.equal((await check('tofu destroy -auto-approve -var-file=prod.tfvars')).environment, 'production');
  assert.equal((await check('bunx drizzle-kit push --force --config drizzle.prod.config.ts')).environment, 'production');
});

test('Terraform workspace, with and without a policy that declares it', async () => {
  const policy = policyOf('environments:\n  development:\n    workspaces: [dev, "feature-*"]\n  production:\n    workspaces: [prod, main]\n');
  const dev = await check('terraform destroy', { env: { HOME: emptyHome, TF_WORKSPACE: 'dev' } }, policy);
  assert.equal(dev.verdict, 'confirm');
  assert.match(dev.reason, /declared development/);
  assert.equal((await check('terraform destroy', { env: { HOME: emptyHome, TF_WORKSPACE: 'prod' } }, policy)).verdict, 'approve');
  assert.equal((await check('terraform destroy', { env: { HOME: emptyHome, TF_WORKSPACE: 'main' } }, policy)).environment, 'production');
  const dir = project();
  mkdirSync(join(dir, '.terraform'));
  writeFileSync(join(dir, '.terraform/environment'), 'feature-login\n');
  assert.equal((await check('terraform destroy', { cwd: dir }, policy)).verdict, 'confirm');
});

test('the git branch: the current branch from .git/HEAD, and pushes to declared branches', async () => {
  const policy = policyOf('environments:\n  production:\n    branches: [main, "release/*"]\n');
  const dir = project();
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, '.git/HEAD'), 'ref: refs/heads/main\n');
  assert.equal((await check('git push', { cwd: dir }, policy)).verdict, 'approve');
  assert.equal((await check('git push origin release/2.1', { cwd: dir }, policy)).environment, 'production');
  writeFileSync(join(dir, '.git/HEAD'), 'ref: refs/heads/feature/login\n');
  assert.equal((await check('git push', { cwd: dir }, policy)).verdict, 'allow');
  assert.equal((await check('git push origin main', { cwd: dir }, policy)).verdict, 'approve');
});

test('local heuristics: loopback, .local, compose service names, kind and minikube contexts', async () => {
  for (const command of [
    'psql -h 127.0.0.1 -c "TRUNCATE t"',
    'psql -h db.local -c "TRUNCATE t"',
    'DATABASE_URL=postgres://u:p@db:5432/app npx prisma migrate reset --force',
    'kubectl delete ns x --context kind-dev',
    'kubectl delete ns x --context minikube',
  ]) {
    assert.equal((await check(command)).verdict, 'confirm', command);
  }
});

test('passwords never appear in airlock output', async () => {
  const secret = 'hunter2-Sup3r';
  const command = `DATABASE_URL=postgres://admin:${secret}@prod-db.internal/app PGPASSWORD=${secret} mysql -p${secret} -h prod-mysql -e 'DROP DATABASE shop' && psql "postgres://u:${secret}@prod/app" -c 'TRUNCATE t'`;
  const d = await check(command);
  assert.notEqual(d.verdict, 'allow');
  const everything = JSON.stringify({
    reason: d.reason,
    evidence: d.evidence,
    findings: d.findings.map(({ invocation: _i, ...f }) => ({ ...f, summary: maskSecrets(f.summary), command: maskSecrets(f.command), target: maskSecrets(f.target ?? '') })),
  });
  assert.ok(!everything.includes(secret), 'a password appeared in the decision');
  assert.equal(maskSecrets(`x://u:${secret}@h --password=${secret} API_TOKEN=${secret}`).includes(secret), false);
  assert.equal(maskSecrets('aws rds x --db-instance-identifier app-prod'), 'aws rds x --db-instance-identifier app-prod');
});
