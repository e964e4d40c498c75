// The places airlock protects are remembered for the environment asked last; any variable they are
// worked out from changing, or another node binary, gives a fresh answer.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { protectedPlaces } from '../../src/runtime/locations.js';

test('protected places: remembered per environment, never across a change in any variable they come from', () => {
  const node = ['/usr/bin/node'];
  const places = (env: Record<string, string>) => protectedPlaces(env, node);
  const a = { HOME: '/home/a' };
  assert.ok(places(a).agentSettings.includes('/home/a/.claude/settings.json'));
  assert.ok(places({ HOME: '/home/b' }).agentSettings.includes('/home/b/.claude/settings.json'));
  assert.ok(places({ ...a, CODEX_HOME: '/c' }).agentSettings.includes('/c/hooks.json'));
  assert.ok(places({ ...a, XDG_CONFIG_HOME: '/x' }).agentSettings.includes('/x/opencode/opencode.json'));
  assert.ok(!places(a).agentSettings.includes('/c/hooks.json'));
  // The secrets that may not even be read: the audit key, and the dashboard's (its one-time-code secret).
  assert.deepEqual(places({ ...a, AIRLOCK_STATE_DIR: '/s' }).auditKeys, ['/s/audit.key', '/s/dashboard.json']);
  assert.deepEqual(places({ ...a, AIRLOCK_STATE_DIR: '/s', AIRLOCK_AUDIT_KEY_FILE: '/k/key' }).auditKeys, ['/s/audit.key', '/s/dashboard.json', '/k/key']);
  assert.deepEqual(places(a).auditKeys, ['/home/a/.local/state/airlock/audit.key', '/home/a/.local/state/airlock/dashboard.json']);
  assert.ok(places({ ...a, AIRLOCK_ORG_POLICY: '/etc/org/policy.yaml' }).airlockFolders.includes('/etc/org/policy.yaml'));
  assert.ok(!places(a).airlockFolders.includes('/etc/org/policy.yaml'));
  assert.ok(places({ ...a, XDG_DATA_HOME: '/d' }).airlockDirectories.includes('/d/airlock'));
  assert.ok(places({ ...a, AIRLOCK_DATA_DIR: '/e' }).airlockDirectories.includes('/e'));
  assert.ok(places(a).airlockDirectories.includes('/home/a/.local/share/airlock'));
  assert.ok(protectedPlaces(a, ['/opt/node']).airlockDirectories.includes('/opt/node'));
  assert.ok(!places(a).airlockDirectories.includes('/opt/node'));
  // npm's global prefixes: the usual ones, the one beside the node binary, the one $NPM_CONFIG_PREFIX names.
  assert.ok(places(a).npmPrefixes?.includes('/usr/local'));
  assert.ok(places(a).npmPrefixes?.includes('/home/a/.npm-global'));
  assert.ok(protectedPlaces(a, ['/opt/n/bin/node']).npmPrefixes?.includes('/opt/n'));
  assert.ok(places({ ...a, NPM_CONFIG_PREFIX: '/p' }).npmPrefixes?.includes('/p'));
  assert.ok(!places(a).npmPrefixes?.includes('/p'));
  // Shared between requests, so no one can change them.
  assert.throws(() => (places(a).agentSettings as string[]).push('/x'));
});

test('an org policy at the root folder protects its file, not the whole disk', async () => {
  const { analyzeNow } = await import('../../src/runtime/assess.js');
  const env = { HOME: '/home/a', AIRLOCK_ORG_POLICY: '/policy.yaml' };
  assert.ok(!protectedPlaces(env, []).airlockDirectories.includes('/'));
  assert.ok(!protectedPlaces(env, []).airlockDirectories.includes(''));
  assert.ok(!protectedPlaces({ HOME: '/home/a', AIRLOCK_ORG_POLICY: 'policy.yaml' }, []).airlockDirectories.some((d) => !d.startsWith('/')));
  const verdict = (command: string) => analyzeNow({ command, cwd: '/tmp', env }).findings.some((f) => f.forbidden);
  assert.equal(verdict('touch /tmp/notes.txt'), false);
  assert.equal(verdict('echo hi > /srv/app/log.txt'), false);
  assert.equal(verdict('rm /policy.yaml'), true);
  assert.equal(verdict('echo "{}" > /policy.yaml'), true);
  // In its own folder, the folder is protected too.
  assert.equal(
    analyzeNow({ command: 'rm -rf /etc/org', cwd: '/tmp', env: { HOME: '/home/a', AIRLOCK_ORG_POLICY: '/etc/org/policy.yaml' } }).findings.some((f) => f.forbidden),
    true,
  );
});
