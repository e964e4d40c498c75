// Bundled by scripts/build.mjs as the hook is, with its packs loaded as needed, into
// build/lazy/analyze.cjs (its packs beside it in build/lazy/packs). Reads {examples, cwd, home} as JSON
// on stdin and judges each as the examples test does (with a policy's rule added, given withPolicyRule). It prints what it found and which pack files it
// loaded, for test/packs/lazy-packs.test.ts to compare with the packs in one piece.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Request } from '../../src/core/request.js';
import { loadedPackFiles } from '../../src/runtime/packs-as-needed.js';
import { defaultRuleSet, ruleSetWith } from '../../src/packs/index.js';
import { analyze } from '../../src/runtime/assess.js';
import { exampleRequest, policyRule, summarise } from './summarise.js';

async function main(): Promise<void> {
  const { examples, cwd, home, withPolicyRule } = JSON.parse(readFileSync(0, 'utf8')) as { examples: (string | Request)[]; cwd: string; home: string; withPolicyRule?: boolean };
  const rules = withPolicyRule ? ruleSetWith('policy', [policyRule], {}) : defaultRuleSet();
  const results = [];
  for (const example of examples) results.push(summarise(await analyze(exampleRequest(example, cwd, home), { rules }), rules));
  const loaded = loadedPackFiles()
    .map((path) => basename(path))
    .sort();
  process.stdout.write(JSON.stringify({ results, loaded }));
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exitCode = 1;
});
