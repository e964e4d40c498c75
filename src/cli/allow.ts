// `airlock allow RULE_ID --project DIR`: a per-project escape hatch, written into the user's own policy
// file (never the project's, which the agent can write): in DIR and below, the rule no longer holds.
// Only a human at their own terminal may open one; the hook denies the agent this command. Rules that
// deny outright (tampering with airlock, wiping / or ~) stay denied.

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDocument } from 'yaml';
import { nearestWords } from '../core/spelling.js';
import { policyLocations } from '../facts/policy-files.js';
import { defaultRuleSet } from '../packs/index.js';
import { processEnv } from './process-env.js';
import { humanAtTerminal } from './terminal.js';

const USAGE = 'usage: airlock allow RULE_ID --project DIR';

export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { project: { type: 'string' } } });
  } catch (error) {
    process.stderr.write(`airlock allow: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const [id] = parsed.positionals;
  if (!id || parsed.positionals.length > 1 || !parsed.values.project) {
    process.stderr.write(`${USAGE}\n  (only for one project: the folder it applies in, and below)\n`);
    return 2;
  }
  if (!humanAtTerminal()) {
    process.stderr.write('airlock allow: refusing to run without an interactive terminal. Only a human at their own terminal may open an escape hatch; an agent or a script cannot.\n');
    return 2;
  }
  const ids = defaultRuleSet().ids;
  if (!ids.includes(id)) {
    const near = nearestWords(id, ids);
    process.stderr.write(`airlock allow: there is no rule ${id}${near.length ? `; did you mean ${near.join(', ')}?` : ''} (airlock rules lists them)\n`);
    return 2;
  }
  const project = resolve(parsed.values.project);
  if (!existsSync(project)) {
    process.stderr.write(`airlock allow: ${project} does not exist\n`);
    return 2;
  }
  const file = policyLocations(project, processEnv()).user;
  const doc = parseDocument(existsSync(file) ? readFileSync(file, 'utf8') : '');
  if (doc.errors.length) {
    process.stderr.write(`airlock allow: ${file} is not valid YAML (${doc.errors[0]!.message.split('\n')[0]}); fix it first, nothing was changed\n`);
    return 1;
  }
  const path = ['projects', project, 'allow'];
  const current = doc.getIn(path);
  const list = current && typeof current === 'object' && 'toJSON' in current ? ((current as { toJSON(): unknown }).toJSON() as string[]) : [];
  if (list.includes(id)) {
    process.stdout.write(`${id} is allowed in ${project} already (${file})\n`);
    return 0;
  }
  doc.setIn(path, [...list, id]);
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, doc.toString());
  renameSync(partial, file);
  process.stdout.write(`Allowed ${id} in ${project} and below, in your policy (${file}). airlock explain ${id} says what it no longer holds; remove the line to undo.\n`);
  return 0;
}
