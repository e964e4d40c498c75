// `airlock trial [--since 30d] [--json]`: what enforcing would have done over a trial (`mode: warn` in
// the policy): the commands that ran but would have been held or asked about, by rule, environment and
// agent, and the most recent of them, from the audit log.

import { parseArgs } from 'node:util';
import { parseDuration } from '../policy/policy.js';
import { openStore } from '../runtime/store.js';
import type { AuditEntry } from '../store/audit.js';
import { processEnv } from './process-env.js';

const USAGE = 'usage: airlock trial [--since 30d] [--json]';

const count = (values: readonly string[]) => [...values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<string, number>())].sort((a, b) => b[1] - a[1]);

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { since: { type: 'string' }, json: { type: 'boolean' } } }));
  } catch (error) {
    process.stderr.write(`airlock trial: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  let since: number;
  try {
    since = Date.now() - parseDuration(values.since ?? '30d');
  } catch {
    process.stderr.write(`airlock trial: --since needs a duration like 7d or 12h\n${USAGE}\n`);
    return 2;
  }
  const store = openStore(processEnv());
  let entries: AuditEntry[];
  try {
    entries = (await store.entries({ kinds: ['request'], since })).filter((e) => e.detail?.wouldHave === 'approve' || e.detail?.wouldHave === 'confirm');
  } catch (error) {
    process.stderr.write(`airlock trial: the audit log cannot be read: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await store.close();
  }
  const summary = {
    since: new Date(since).toISOString(),
    wouldHaveHeld: entries.filter((e) => e.detail?.wouldHave === 'approve').length,
    wouldHaveAsked: entries.filter((e) => e.detail?.wouldHave === 'confirm').length,
    byRule: count(entries.flatMap((e) => e.rules ?? [])),
    byEnvironment: count(entries.map((e) => e.environment ?? 'unknown')),
    byAgent: count(entries.map((e) => e.agent ?? 'unknown')),
    recent: entries.slice(-20).map((e) => ({ seq: e.seq, at: new Date(e.ts).toISOString(), wouldHave: e.detail?.wouldHave, environment: e.environment, agent: e.agent, command: e.command })),
  };
  if (values.json) {
    process.stdout.write(JSON.stringify(summary) + '\n');
    return 0;
  }
  if (entries.length === 0) {
    process.stdout.write(`Since ${summary.since}, nothing ran that enforcement would have held or asked about.\n`);
    return 0;
  }
  const lines = [
    `Since ${summary.since}, in trial mode: ${summary.wouldHaveHeld} command(s) ran that enforcement would have held for approval, ${summary.wouldHaveAsked} it would have asked a human to confirm.`,
    '',
    'by rule:',
    ...summary.byRule.slice(0, 15).map(([r, n]) => `  ${String(n).padStart(5)}  ${r}`),
    'by environment:',
    ...summary.byEnvironment.map(([r, n]) => `  ${String(n).padStart(5)}  ${r}`),
    'by agent:',
    ...summary.byAgent.map(([r, n]) => `  ${String(n).padStart(5)}  ${r}`),
    '',
    'most recent (airlock log show N for one in full):',
    ...summary.recent.map(
      (e) =>
        `  #${e.seq}  ${e.at.slice(0, 19).replace('T', ' ')}  would have ${e.wouldHave === 'approve' ? 'held   ' : 'asked  '}  ${e.environment ?? ''}  ${(e.command ?? '').replace(/\s+/g, ' ').slice(0, 100)}`,
    ),
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}
