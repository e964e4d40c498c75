// Typed targets: each pack says what its commands act on, next to its rules, and the context stage
// classifies the typed targets. A new database pack needs no list anywhere else to have DATABASE_URL
// from .env count for it.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ambientFor, resolveFinding } from '../../src/context/resolve.js';
import { canonicalTarget, canonicalUrl, namesOf, type Target } from '../../src/core/target.js';
import { gatherSurroundings } from '../../src/facts/surroundings.js';
import { defaultRuleSet } from '../../src/packs/index.js';
import { rule, RuleSet } from '../../src/rules/rule.js';
import { names, type TargetSpec } from '../../src/rules/targets.js';
import { assess } from '../../src/runtime/assess.js';
import { emptyHome } from '../helpers.js';

const env = { HOME: emptyHome };

/** The resolutions of each finding of `command`, run in `cwd`, with `rules`. */
async function resolutions(rules: RuleSet, command: string, cwd: string) {
  const { assessment } = await assess({ command, cwd, env }, { rules });
  const ambient = ambientFor(gatherSurroundings(cwd, env));
  return assessment.findings.map((f) => ({ finding: f, own: rules.targetsOf(f), resolution: resolveFinding(rules.targetsOf(f), ambient, null) }));
}

const wipe = rule({
  id: 'newdb/wipe',
  effect: 'destroy',
  severity: 'high',
  programs: ['newdb'],
  summary: 'wipes the database',
  consequence: 'Every row is gone.',
  alternatives: [],
  match: (inv) => inv.argv[1]?.text === 'wipe',
});

test('a new database pack gets DATABASE_URL from .env by saying it acts on databases, and its own options by naming them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-targets-'));
  writeFileSync(join(dir, '.env'), 'DATABASE_URL=postgres://app:secret@db.prod.acme.com/app\n');
  const spec: TargetSpec = { acts: ['database'], options: { '--server': names.host } };
  const [withSpec] = await resolutions(new RuleSet({ newdb: [wipe] }, { newdb: spec }), 'newdb wipe', dir);
  assert.equal(withSpec!.resolution.environment, 'production');
  const evidence = withSpec!.resolution.evidence[0]!;
  assert.equal(evidence.source, 'DATABASE_URL in .env');
  assert.equal(evidence.value, 'postgres://app:***@db.prod.acme.com/app', 'evidence is shown masked');
  assert.deepEqual(evidence.target, { type: 'database', url: 'postgres://app:***@db.prod.acme.com/app', source: 'DATABASE_URL in .env' });
  // Without saying so, a pack's commands are not database commands: .env says nothing about them.
  const [without] = await resolutions(new RuleSet({ newdb: [wipe] }), 'newdb wipe', dir);
  assert.equal(without!.resolution.environment, 'unknown');
  // Its own option names a database host, typed as one.
  const [flag] = await resolutions(new RuleSet({ newdb: [wipe] }, { newdb: spec }), 'newdb wipe --server localhost', mkdtempSync(join(tmpdir(), 'airlock-targets-')));
  assert.deepEqual(flag!.own.targets[0], { type: 'database', host: 'localhost', source: '--server flag' });
  assert.equal(flag!.resolution.environment, 'local');
});

test('the built-in packs type what their commands name: databases, clusters, Terraform, git, cloud, apps, wrappers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-targets-'));
  const own = async (command: string) => (await resolutions(defaultRuleSet(), command, dir))[0]!.own.targets;
  const typed = (targets: Target[]) => targets.filter((t) => t.type !== 'name');
  assert.deepEqual(typed(await own("psql -h prod-db.internal --dbname app -c 'DROP TABLE users'")), [
    { type: 'database', host: 'prod-db.internal', source: '-h flag' },
    { type: 'database', name: 'app', source: '--dbname flag' },
  ]);
  assert.deepEqual(typed(await own('kubectl --context prod-eks delete ns api -n production')), [
    { type: 'kube', context: 'prod-eks', source: '--context flag' },
    { type: 'kube', namespace: 'production', source: '-n flag' },
  ]);
  assert.deepEqual(typed(await own('tofu destroy -auto-approve -var-file=prod.tfvars')), [{ type: 'terraform', varFile: 'prod.tfvars', source: '-var-file flag' }]);
  assert.deepEqual(typed(await own('git push --force origin main')), [
    { type: 'git', remote: 'origin', source: 'git push remote' },
    { type: 'git', branch: 'main', source: 'git push destination' },
  ]);
  assert.deepEqual(typed(await own('aws s3 rm s3://acme-prod --recursive --profile prod')), [{ type: 'cloud', profile: 'prod', source: '--profile flag' }]);
  assert.deepEqual(typed(await own('heroku pg:reset --app acme-prod --confirm acme-prod')), [{ type: 'app', name: 'acme-prod', source: '--app flag' }]);
  assert.deepEqual(typed(await own('DATABASE_URL=postgres://u:p@db/app npx prisma migrate reset --force')), [
    { type: 'database', url: 'postgres://u:p@db/app', source: 'DATABASE_URL=… on the command' },
    { type: 'database', url: 'postgres://u:p@db/app', source: 'DATABASE_URL=… on the command of npx' },
  ]);
  // A wrapper's options are read by its own program's pack: kubectl exec -n … psql.
  assert.deepEqual(
    typed(await own("kubectl exec -n production db-0 -- psql -c 'DROP TABLE users'")).filter((t) => t.type === 'kube'),
    [{ type: 'kube', namespace: 'production', source: '-n flag of kubectl' }],
  );
  // An option means what its program says: `rm -f` is no file option, `shutdown -h` no host.
  assert.deepEqual(typed(await own('rm -rf /srv/prod-data')), []);
  assert.deepEqual((await own("ssh db.prod 'sudo shutdown -h now'")).slice(0, 1), [{ type: 'name', kind: 'argument', value: 'now', source: 'argument' }]);
});

test('a target carries its names, each classified on its own', () => {
  assert.deepEqual(namesOf({ type: 'database', url: 'postgres://db/app', appEnv: 'production', source: 's' }), [
    { kind: 'database', value: 'postgres://db/app' },
    { kind: 'app-env', value: 'production' },
  ]);
  assert.deepEqual(namesOf({ type: 'kube', context: 'prod-eks', namespace: 'api', source: 's' }), [
    { kind: 'kube-context', value: 'prod-eks' },
    { kind: 'namespace', value: 'api' },
  ]);
  assert.deepEqual(namesOf({ type: 'database', server: 'prod_postgres', dialect: 'postgres', source: 's' }), [{ kind: 'mcp-server', value: 'prod_postgres' }]);
});

test('canonical targets: one string per target however it is spelled, and never a password', () => {
  const same = [
    'postgresql://app:s3cret@DB.Prod.acme.com:5432/app',
    'postgres://app:***@db.prod.acme.com/app',
    'postgres://app:other@db.prod.acme.com:5432/app/',
    'postgresql://app@db.prod.acme.com/app?password=s3cret',
  ];
  assert.deepEqual(new Set(same.map(canonicalUrl)), new Set(['postgres://app@db.prod.acme.com/app']));
  for (const url of same) assert.ok(!canonicalTarget({ type: 'database', url, source: 'x' }).includes('s3cret'));
  const others = [
    'postgres://app@db.prod.acme.com:6432/app',
    'postgres://app@db.stg.acme.com/app',
    'postgres://app@db.prod.acme.com/other',
    'mysql://app@db.prod.acme.com/app',
    'postgres://admin@db.prod.acme.com/app',
  ];
  assert.equal(new Set([...others, same[0]!].map(canonicalUrl)).size, others.length + 1, 'another port, host, database, engine or user is another target');
  assert.equal(
    canonicalTarget({ type: 'database', server: 'prod_postgres', dialect: 'postgres', source: 'the MCP server' }),
    canonicalTarget({ type: 'database', server: 'prod_postgres', dialect: 'postgres', source: 'mcp__prod_postgres__query' }),
    'where it was found is not what it is',
  );
  assert.notEqual(canonicalTarget({ type: 'database', server: 'prod_postgres', source: 's' }), canonicalTarget({ type: 'database', server: 'dev_postgres', source: 's' }));
  assert.equal(canonicalUrl('host=db.prod password=hunter2  dbname=app'), 'host=db.prod password=*** dbname=app');
});
