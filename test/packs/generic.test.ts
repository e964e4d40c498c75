// The generic rule generalises: ten and more CLIs that no pack knows are held when asked to delete,
// and none of them is secretly covered by a pack.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allRules } from '../../src/packs/index.js';
import { check } from '../helpers.js';

const UNCOVERED: [string, string][] = [
  ['render', 'render services delete srv-123 --confirm'],
  ['hcloud', 'hcloud volume delete data-1'],
  ['scw', 'scw rdb instance delete 11111111-1111'],
  ['linode-cli', 'linode-cli databases mysql-delete 123'],
  ['vultr-cli', 'vultr-cli database delete abc'],
  ['koyeb', 'koyeb app delete acme'],
  ['upstash', 'upstash redis delete acme-cache'],
  ['xata', 'xata branch delete main'],
  ['convex', 'convex data reset'],
  ['appwrite', 'appwrite databases delete --databaseId prod'],
  ['exoscale', 'exo dbaas delete pg1'],
  ['cf', 'cf delete-service prod-db -f'],
  ['atlas-mongo', 'mongocli atlas clusters delete prod'],
  ['ibmcloud', 'ibmcloud resource service-instance-delete prod-db'],
];

test('none of these tools is covered by a specific pack', () => {
  const covered = new Set(allRules.filter((r) => r.id !== 'generic/destructive-subcommand').flatMap((r) => r.programs ?? []));
  for (const [, command] of UNCOVERED) assert.ok(!covered.has(command.split(' ')[0]!), command);
});

for (const [tool, command] of UNCOVERED) {
  test(`generic rule holds ${tool}: ${command}`, async () => {
    const decision = await check(command);
    assert.equal(decision.verdict, 'approve', command);
    assert.ok(decision.findings.some((f) => f.rule === 'generic/destructive-subcommand'));
  });
}

test('their read-only and local look-alikes pass', async () => {
  for (const command of [
    'hcloud volume list',
    'render services list',
    'xata branch list',
    'kind delete cluster --name dev',
    'k3d cluster delete dev',
    'minikube delete',
    'npm uninstall x',
    'pip uninstall -y x',
    'rustup toolchain remove nightly',
    'echo delete the thing',
  ]) {
    assert.equal((await check(command)).verdict, 'allow', command);
  }
});
