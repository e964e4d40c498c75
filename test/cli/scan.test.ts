// `airlock scan` on a real home and project made for it: agent settings that let everything run, an
// agent without airlock's hook (and the same after `airlock init`), production credentials in the
// shell's environment, a .env file, an AWS profile and a kube context; each finding with its fix.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BIN, scratchDir } from '../helpers.js';

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
    'agents/no-airlock-hook',
    'agents/no-airlock-hook',
    'credentials/aws-production-profile',
    'credentials/kube-production-context',
    'credentials/production-in-dotenv',
    'credentials/production-in-environment',
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
