// `terraform workspace select production && terraform apply`: the first command writes the workspace to
// .terraform/environment and the second reads it there, so the apply is a production write.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check } from '../helpers.js';

test('a workspace selected earlier in the same command is the one terraform acts on', async () => {
  const prod = await check('terraform workspace select production && terraform apply');
  assert.equal(prod.verdict, 'approve');
  assert.equal(prod.environment, 'production');
  assert.equal((await check('terraform workspace new prod; terraform apply -auto-approve')).environment, 'production');
  assert.equal((await check('terraform -chdir=infra workspace select production && terraform -chdir=infra apply')).environment, 'production');
  // Another directory keeps its own workspace.
  assert.notEqual((await check('terraform -chdir=infra workspace select production && terraform -chdir=other apply')).environment, 'production');
  assert.equal((await check('terraform workspace select production && terraform plan')).verdict, 'allow');
});
