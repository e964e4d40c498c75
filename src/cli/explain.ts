// `airlock explain <rule-id>`: what a rule catches and why it matters, the safer routes, the programs it
// looks at, and its own examples: commands it must catch, and look-alikes it must let through (the
// same examples one test runs for every rule, shipped as data in dist/rule-examples.json).

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nearestWords } from '../core/spelling.js';
import { defaultRuleSet } from '../packs/index.js';
import { oneName } from './one-name.js';

const USAGE = 'usage: airlock explain RULE_ID [--json]   (airlock rules lists them)';

/** Each rule's examples, from the file the build writes beside the bundle; empty when it is missing. */
function examples(): Record<string, { catches: string[]; passes: string[] }> {
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  for (const file of [join(here, 'rule-examples.json'), join(here, '../../../dist/rule-examples.json')]) {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Record<string, { catches: string[]; passes: string[] }>;
    } catch {
      // Not here: the next place, or none.
    }
  }
  return {};
}

export async function run(argv: string[]): Promise<number> {
  const args = oneName(argv, 'explain', USAGE);
  if (typeof args === 'number') return args;
  const { name: id, json } = args;
  const set = defaultRuleSet();
  const rule = set.rules.find((r) => r.id === id);
  if (!rule) {
    const near = nearestWords(
      id,
      set.rules.map((r) => r.id),
    );
    process.stderr.write(`airlock explain: there is no rule ${id}${near.length ? `; did you mean ${near.join(', ')}?` : ''} (airlock rules lists them all)\n`);
    return 2;
  }
  const own = examples()[id] ?? { catches: [], passes: [] };
  const facts = {
    id: rule.id,
    pack: set.pack(rule),
    effect: rule.effect,
    severity: rule.severity,
    summary: rule.summary,
    consequence: rule.consequence,
    alternatives: rule.alternatives,
    programs: rule.programs ?? null,
    ...own,
  };
  if (json) {
    process.stdout.write(JSON.stringify(facts) + '\n');
    return 0;
  }
  process.stdout.write(
    [
      `${facts.id} (${facts.pack} pack): ${facts.effect}, ${facts.severity}`,
      '',
      `catches:      ${facts.summary}`,
      `consequence:  ${facts.consequence}`,
      ...facts.alternatives.map((a, i) => `${i === 0 ? 'safer:        ' : '              '}${a}`),
      `looks at:     ${facts.programs ? facts.programs.join(', ') : 'every command'}`,
      '',
      `held, for example (${own.catches.length}):`,
      ...own.catches.map((c) => `  ${c}`),
      '',
      `let through, though they look alike (${own.passes.length}):`,
      ...own.passes.map((c) => `  ${c}`),
    ].join('\n') + '\n',
  );
  return 0;
}
