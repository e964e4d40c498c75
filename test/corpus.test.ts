// The shared corpus as a regression suite (DESIGN.md, "Shared corpus"): under the default policy, with
// no environment information, an empty HOME and an empty working directory, every destructive row is
// held and every benign row is allowed, for every ecosystem, and every prod-write row is held because
// its target names production. (Ambiguous rows are for judgement, not a score.)

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { check, projectRoot } from './helpers.js';

interface Row {
  command: string;
  expected: 'destructive' | 'benign' | 'prod-write' | 'ambiguous';
  ecosystem: string;
  note: string;
}

const fixture = join(projectRoot, 'test/fixtures/commands.jsonl');
/**
 * Rows the project added for the families it covers since the shared corpus was written (the shared
 * copy is read-only): the same labels, judged the same way.
 */
const added = join(projectRoot, 'test/fixtures/commands-added.jsonl');
const readRows = (file: string): Row[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
const rows: Row[] = [...readRows(fixture), ...(existsSync(added) ? readRows(added) : [])];

test('the fixture copy matches the shared corpus, when ../shared is present', { skip: !existsSync(join(projectRoot, '../shared/corpus/commands.jsonl')) }, () => {
  const shared = readFileSync(join(projectRoot, '../shared/corpus/commands.jsonl'), 'utf8');
  assert.equal(readFileSync(fixture, 'utf8'), shared, 'test/fixtures/commands.jsonl is stale: run node scripts/refresh-corpus.mjs');
});

test('the corpus is there and labelled', () => {
  assert.ok(rows.length > 200);
  const commands = rows.map((r) => r.command);
  assert.equal(new Set(commands).size, commands.length, 'a command is labelled twice');
  assert.ok(rows.every((r) => ['destructive', 'benign', 'prod-write', 'ambiguous'].includes(r.expected)));
});

for (const row of rows.filter((r) => r.expected === 'prod-write')) {
  test(`corpus prod-write [${row.ecosystem}]: ${row.command}`, async () => {
    const decision = await check(row.command);
    assert.notEqual(decision.verdict, 'allow', `a production write was allowed (${row.note})`);
    assert.equal(decision.environment, 'production', decision.reason);
  });
}

for (const row of rows.filter((r) => r.expected === 'destructive' || r.expected === 'benign')) {
  test(`corpus ${row.expected} [${row.ecosystem}]: ${row.command.split('\n')[0]}`, async () => {
    const decision = await check(row.command);
    if (row.expected === 'destructive') {
      assert.notEqual(decision.verdict, 'allow', `a destructive command was allowed (${row.note})`);
    } else {
      assert.equal(decision.verdict, 'allow', `a benign command was held: ${decision.reason}`);
    }
  });
}
