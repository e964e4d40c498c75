// The README and docs/ point at files that are there: every relative link resolves.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from './helpers.js';

test('every relative link in the README and docs/ names a file or folder that exists', () => {
  const files = [
    'README.md',
    ...readdirSync(join(projectRoot, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  const broken: string[] = [];
  let links = 0;
  for (const file of files) {
    for (const m of readFileSync(join(projectRoot, file), 'utf8').matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1]!.split('#')[0]!;
      if (!target || /^[a-z]+:/.test(target)) continue;
      links++;
      if (!existsSync(join(projectRoot, dirname(file), target))) broken.push(`${file}: ${target}`);
    }
  }
  assert.ok(links >= 5, `only ${links} links found`);
  assert.deepEqual(broken, []);
});
