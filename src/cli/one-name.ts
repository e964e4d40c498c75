// The arguments of a command that takes one name and `--json` (`airlock explain RULE_ID`, `airlock log
// show ID`): the name, or the usage error already written to stderr and its exit status (2).

import { parseArgs } from 'node:util';

export function oneName(argv: string[], label: string, usage: string): { name: string; json: boolean } | number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' } } });
  } catch (error) {
    process.stderr.write(`airlock ${label}: ${(error as Error).message}\n${usage}\n`);
    return 2;
  }
  const [name] = parsed.positionals;
  if (!name || parsed.positionals.length > 1) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  return { name, json: parsed.values.json === true };
}
