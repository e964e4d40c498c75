// `airlock rules`: every rule with its pack, id, effect and one-line summary; `--json` for tools, with
// its consequence, safer routes and the programs it looks at.

import { parseArgs } from 'node:util';
import { defaultRuleSet } from '../packs/index.js';

export async function run(argv: string[]): Promise<number> {
  let json = false;
  try {
    json = !!parseArgs({ args: argv, options: { json: { type: 'boolean' } } }).values.json;
  } catch (error) {
    process.stderr.write(`airlock rules: ${(error as Error).message}\nusage: airlock rules [--json]\n`);
    return 2;
  }
  const set = defaultRuleSet();
  // The same fields `airlock explain` shows, but for the examples (explain RULE_ID --json has them).
  const rows = set.rules.map((r) => ({
    id: r.id,
    pack: set.pack(r),
    effect: r.effect,
    severity: r.severity,
    summary: r.summary,
    consequence: r.consequence,
    alternatives: r.alternatives,
    programs: r.programs ?? null,
  }));
  if (json) {
    process.stdout.write(JSON.stringify(rows) + '\n');
    return 0;
  }
  const width = Math.max(...rows.map((r) => r.id.length));
  let pack = '';
  for (const r of rows) {
    if (r.pack !== pack) {
      pack = r.pack;
      process.stdout.write(`\n${pack}\n`);
    }
    process.stdout.write(`  ${r.id.padEnd(width)}  ${r.effect.padEnd(7)}  ${r.summary}\n`);
  }
  process.stdout.write(`\n${rows.length} rules in ${new Set(rows.map((r) => r.pack)).size} packs\n`);
  return 0;
}
