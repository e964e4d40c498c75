// MongoDB: shell code that drops databases or collections or deletes every document, and restores with --drop.

import type { Invocation } from '../core/invocation.js';
import { parseOptions } from '../rules/argv.js';
import { rule, type Hit, type RuleContext } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

/** mongosh/mongo JavaScript: --eval code, script files, and stdin. */
function shellCode(inv: Invocation, ctx: RuleContext): { code: string | null; origin: string }[] {
  const parsed = parseOptions(inv.argv.slice(1), {
    value: ['--eval', '--file', '-f', '--host', '--port', '-u', '--username', '-p', '--password', '--authenticationDatabase', '--tlsCAFile', '--apiVersion'],
  });
  const out: { code: string | null; origin: string }[] = parsed.values('--eval').map((code) => ({ code, origin: '--eval' }));
  for (const file of [...parsed.values('--file', '-f'), ...parsed.positionals.map((a) => a.text).filter((t) => t.endsWith('.js'))]) {
    out.push({ code: ctx.readFile(file, inv), origin: file });
  }
  if (out.length === 0 && inv.stdin.kind === 'text') out.push({ code: inv.stdin.text, origin: 'stdin' });
  return out;
}

const DROP = /\.dropDatabase\s*\(|\bdropDatabase\s*:\s*1|\.drop\s*\(\s*\)|\.dropCollection\s*\(/;
const DELETE_ALL = /\.(deleteMany|remove)\s*\(\s*(\{\s*\})?\s*\)|\.(updateMany|replaceMany)\s*\(\s*\{\s*\}\s*,/;
const DELETE_SOME = /\.(deleteMany|deleteOne|remove|findOneAndDelete|updateMany|updateOne|insertMany|insertOne|replaceOne)\s*\(/;

export const shell = rule({
  id: 'mongodb/destructive-code',
  effect: 'destroy',
  severity: 'critical',
  programs: ['mongosh', 'mongo'],
  summary: 'MongoDB shell code that drops or empties data',
  consequence: 'Databases or collections are dropped, or every document in a collection is deleted or rewritten.',
  alternatives: ['mongodump first', 'count what would be deleted (countDocuments with the same filter) and show a human'],
  match(inv, ctx) {
    const hits: Hit[] = [];
    for (const { code, origin } of shellCode(inv, ctx)) {
      if (code === null) hits.push({ effect: 'unknown', severity: 'high', summary: `runs ${origin}, which airlock could not read` });
      else if (DROP.test(code)) hits.push({ summary: `${origin}: drops a database or collection` });
      else if (DELETE_ALL.test(code)) hits.push({ summary: `${origin}: deletes or rewrites every document (empty filter)` });
      else if (DELETE_SOME.test(code)) hits.push({ effect: 'write', severity: 'medium', summary: `${origin}: changes documents matching a filter` });
    }
    return hits;
  },
});

export const restoreDrop = rule({
  id: 'mongodb/restore-drop',
  effect: 'destroy',
  severity: 'high',
  programs: ['mongorestore'],
  summary: 'mongorestore --drop drops each collection before restoring it',
  consequence: 'Documents written since the dump are lost.',
  alternatives: ['restore into a new database (--nsFrom/--nsTo) and compare first'],
  match: (inv) => inv.argv.some((a) => a.text === '--drop'),
});

export const pack = [shell, restoreDrop];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = {
  acts: ['database'],
  schemes: /^mongodb(\+srv)?$/,
  options: { '-h': names.host, '--host': names.host, '--uri': names.databaseUrl, '--url': names.databaseUrl, '-u': names.name, '-f': names.file, '--file': names.file },
};
