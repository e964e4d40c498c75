// `airlock log`: recent audit entries as a readable table (or JSON Lines with --json), with filters.
// `airlock verify`: checks the whole hash chain; exits 0 only when it is intact, 1 when it is not, 3 when
// it could not check (a busy or read-only log). `airlock checkpoint`: a second anchor outside the state directory.

import { parseArgs } from 'node:util';
import { auditFile, openStore } from '../runtime/store.js';
import type { AuditEntry, AuditFilter } from '../store/audit.js';
import type { Store } from '../store/store.js';
import { entryNamed, storyLine, storyOf } from '../store/story.js';
import { EFFECTS, ENVIRONMENTS, parseDuration } from '../policy/policy.js';
import { processEnv } from './process-env.js';
import { oneName } from './one-name.js';
import { stateDirectory } from '../runtime/locations.js';

const USAGE = 'usage: airlock log [--held] [--effect E] [--env E] [--since 1h] [--agent NAME] [--limit N] [--json]';

function open(label: string): Store | null {
  try {
    return openStore(processEnv());
  } catch (error) {
    process.stderr.write(`airlock ${label}: the audit log at ${auditFile(processEnv())} cannot be opened: ${(error as Error).message}\n`);
    return null;
  }
}

export async function runLog(argv: string[]): Promise<number> {
  if (argv[0] === 'show') return runShow(argv.slice(1));
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        held: { type: 'boolean' },
        effect: { type: 'string' },
        env: { type: 'string' },
        since: { type: 'string' },
        agent: { type: 'string' },
        limit: { type: 'string' },
        json: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    process.stderr.write(`airlock log: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const filter: AuditFilter = {};
  const problems: string[] = [];
  if (values.held) filter.held = true;
  if (values.effect) {
    if (!EFFECTS.includes(values.effect as never)) problems.push(`--effect is one of ${EFFECTS.join(', ')}`);
    filter.effect = values.effect as AuditFilter['effect'];
  }
  if (values.env) {
    if (!ENVIRONMENTS.includes(values.env as never)) problems.push(`--env is one of ${ENVIRONMENTS.join(', ')}`);
    filter.environment = values.env as AuditFilter['environment'];
  }
  if (values.agent) filter.agent = values.agent;
  if (values.since) {
    try {
      filter.since = Date.now() - parseDuration(values.since);
    } catch {
      problems.push('--since needs a duration like 30m, 1h or 7d');
    }
  }
  const limit = values.limit === undefined ? (values.json ? undefined : 50) : Number(values.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) problems.push('--limit is a positive whole number');
  else if (limit !== undefined) filter.limit = limit;
  if (problems.length) {
    process.stderr.write(`airlock log: ${problems.join('; ')}\n${USAGE}\n`);
    return 2;
  }
  const store = open('log');
  if (!store) return 1;
  try {
    const entries = await store.entries(filter);
    if (values.json) {
      for (const e of entries) process.stdout.write(JSON.stringify(e) + '\n');
    } else process.stdout.write(table(entries));
    return 0;
  } catch (error) {
    process.stderr.write(`airlock log: the audit log at ${auditFile(processEnv())} cannot be read: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

const SHOW_USAGE = 'usage: airlock log show ENTRY_NUMBER|REQUEST_ID [--json]';

/**
 * `airlock log show 12` or `airlock log show k7mq2x`: one entry in full, after the fact (the command, the
 * rules that fired, the reason with the environment's evidence) and the rest of its story (who
 * decided, how, and how it ended).
 */
async function runShow(argv: string[]): Promise<number> {
  const args = oneName(argv, 'log show', SHOW_USAGE);
  if (typeof args === 'number') return args;
  const what = args.name;
  const store = open('log show');
  if (!store) return 1;
  let all: AuditEntry[];
  try {
    all = await store.entries();
  } catch (error) {
    process.stderr.write(`airlock log show: the audit log at ${auditFile(processEnv())} cannot be read: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await store.close();
  }
  const entry = entryNamed(what, all);
  if (!entry) {
    process.stderr.write(`airlock log show: there is no entry or approval request ${what} in the audit log (airlock log lists entries; airlock pending, requests)\n`);
    return 1;
  }
  const story = storyOf(entry, all);
  if (args.json) {
    process.stdout.write(JSON.stringify({ entry, story }) + '\n');
    return 0;
  }
  const row = (name: string, value: unknown) => (value === undefined || value === '' ? [] : [`  ${name.padEnd(11)}${field(value)}`]);
  const lines = [
    `Entry ${entry.seq}, ${when(entry.ts)} UTC: ${entry.kind}${entry.verdict ? `, verdict ${entry.verdict}` : ''}${entry.effect ? `, effect ${entry.effect}` : ''}${entry.environment ? `, environment ${entry.environment}` : ''}`,
    ...row('agent', entry.agent ? `${entry.agent}${entry.session ? ` (session ${entry.session})` : ''}` : undefined),
    ...row('directory', entry.cwd),
    ...row('command', entry.command),
    ...row('rules', entry.rules?.join(', ')),
    ...(entry.reason ? ['  reason:', ...entry.reason.split('\n').map((l) => `    ${l}`)] : []),
    ...(entry.detail && entry.kind !== 'request' ? [`  detail:    ${JSON.stringify(entry.detail)}`] : []),
    ...(story.length ? ['', 'the rest of its story:', ...story.map((e) => `  #${e.seq}  ${when(e.ts)}  ${storyLine(e)}`)] : ['', 'nothing else in the log is about it']),
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

const colour = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string, text: string) => (colour ? `\x1b[${code}m${text}\x1b[0m` : text);

/** An entry's field as text, whatever a damaged or hand-written entry holds there. */
const field = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/** A time, or a mark where an entry's time can't be one (verify reports such entries). */
function when(ts: unknown): string {
  const d = new Date(typeof ts === 'number' ? ts : NaN);
  return Number.isNaN(d.getTime()) ? '(no valid time)'.padEnd(19) : d.toISOString().slice(0, 19).replace('T', ' ');
}

function table(entries: AuditEntry[]): string {
  if (entries.length === 0) return 'no entries\n';
  const lines = [`${'#'.padStart(6)}  ${'time'.padEnd(19)}  ${'kind'.padEnd(8)}  ${'verdict'.padEnd(8)}  ${'effect'.padEnd(8)}  ${'env'.padEnd(11)}  ${'agent'.padEnd(12)}  command / detail`];
  for (const e of entries) {
    const loud = e.effect === 'destroy' || e.environment === 'production';
    const verdict = e.verdict ?? '';
    const probe = typeof e.detail?.probe === 'string' ? `[probe by ${e.detail.probe}] ` : '';
    const exit = e.kind === 'outcome' && e.detail ? (typeof e.detail.exitCode === 'number' ? `[exit ${e.detail.exitCode}] ` : '[exit status not reported] ') : '';
    const text = probe + exit + (e.command ?? (e.detail ? JSON.stringify(e.detail) : (e.reason ?? '')));
    const row = `${String(e.seq).padStart(6)}  ${when(e.ts)}  ${field(e.kind).padEnd(8)}  ${field(verdict).padEnd(8)}  ${field(e.effect).padEnd(8)}  ${field(e.environment).padEnd(11)}  ${field(e.agent).padEnd(12)}  ${field(text).replace(/\s+/g, ' ').slice(0, 100)}`;
    lines.push(loud ? paint('31;1', row) : verdict && verdict !== 'allow' ? paint('33', row) : row);
  }
  return lines.join('\n') + '\n';
}

const ANCHOR_USAGE = 'usage: airlock checkpoint [--to FILE|-]   (default: $AIRLOCK_AUDIT_ANCHOR)';

/** `airlock checkpoint`: writes the newest entry's number and hash to a second anchor outside the state directory. */
export async function runCheckpoint(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { to: { type: 'string' } } }));
  } catch (error) {
    process.stderr.write(`airlock checkpoint: ${(error as Error).message}\n${ANCHOR_USAGE}\n`);
    return 2;
  }
  const file = values.to ?? processEnv().AIRLOCK_AUDIT_ANCHOR;
  if (!file) {
    process.stderr.write(`airlock checkpoint: say where to keep it: --to FILE, or set AIRLOCK_AUDIT_ANCHOR\n${ANCHOR_USAGE}\n`);
    return 2;
  }
  const store = open('checkpoint');
  if (!store) return 1;
  try {
    const { appendCheckpoint, checkpointLine } = await import('../store/checkpoint.js');
    const newest = await store.newest();
    const c = { at: Date.now(), seq: newest.seq, hash: newest.hash };
    if (file === '-') process.stdout.write(checkpointLine(c));
    else {
      try {
        appendCheckpoint(file, c);
      } catch (error) {
        process.stderr.write(`airlock checkpoint: cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); nothing was written\n`);
        return 1;
      }
      process.stdout.write(`checkpoint: entry ${c.seq} written to ${file}\n`);
    }
    return 0;
  } catch (error) {
    process.stderr.write(`airlock checkpoint: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

export async function runVerify(argv: string[] = []): Promise<number> {
  let anchor: string | undefined;
  try {
    anchor = parseArgs({ args: argv, options: { anchor: { type: 'string' } } }).values.anchor ?? processEnv().AIRLOCK_AUDIT_ANCHOR;
  } catch (error) {
    process.stderr.write(`airlock verify: ${(error as Error).message}\nusage: airlock verify [--anchor FILE]\n`);
    return 2;
  }
  /** The log could not even be opened: busy or unwritable is not damaged; anything else is the most damaged log of all. */
  const unopened = async (error: unknown): Promise<number> => {
    const { auditUnavailable, explainAuditFailure } = await import('../store/sqlite/failure.js');
    const dir = stateDirectory(processEnv());
    if (auditUnavailable(error, dir)) {
      process.stdout.write(`could not check the audit log (${auditFile(processEnv())}):\n  ${explainAuditFailure(error, dir)}\n`);
      return 3;
    }
    process.stdout.write(`the audit log is NOT intact (${auditFile(processEnv())}):\n  it cannot be read, so it may be truncated or corrupt: ${(error as Error).message}\n`);
    return 1;
  };
  let store: Store;
  try {
    store = openStore(processEnv());
  } catch (error) {
    return unopened(error);
  }
  try {
    let report;
    try {
      report = await store.verify();
    } catch (error) {
      return await unopened(error);
    }
    if (report.checked && anchor) {
      // The second anchor: every checkpoint written there must still match the log.
      const { checkAgainst, readCheckpointFile, readCheckpoints } = await import('../store/checkpoint.js');
      let text: string | null = null;
      try {
        text = readCheckpointFile(anchor);
      } catch (error) {
        report.problems.push({ seq: null, problem: `the checkpoint file ${anchor} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` });
      }
      if (text !== null) {
        const hashes = new Map<number, string | undefined>();
        for (const { checkpoint } of readCheckpoints(text)) if (checkpoint) hashes.set(checkpoint.seq, await store.hashAt(checkpoint.seq));
        for (const problem of checkAgainst(anchor, text, (seq) => hashes.get(seq))) report.problems.push({ seq: null, problem });
      }
      report.ok = report.problems.length === 0;
    }
    if (!report.checked) {
      // Busy is not damaged: say the check did not happen, and exit apart from both answers.
      process.stdout.write(`could not check the audit log (${auditFile(processEnv())}):\n${report.problems.map((p) => `  ${p.problem}\n`).join('')}`);
      return 3;
    }
    if (report.ok) {
      process.stdout.write(`the audit log is intact: ${report.entries} entries, every link checked (${auditFile(processEnv())})\n`);
      return 0;
    }
    process.stdout.write(`the audit log is NOT intact (${auditFile(processEnv())}):\n`);
    for (const p of report.problems) process.stdout.write(`  ${p.seq !== null ? `at entry ${p.seq}: ` : ''}${p.problem}\n`);
    return 1;
  } finally {
    await store.close();
  }
}
