// `airlock backups [--json]` lists the safety copies kept before approved destroys, with their size, age
// and the command that restores each; `airlock backups prune [--older-than 30d]` removes the older ones
// (the policy's safety_copies.keep_days by default), at a human's terminal only.

import { execFile } from 'node:child_process';
import { parseArgs } from 'node:util';
import { listCopySets, removeCopySet, type CopySet } from '../copies/store.js';
import { megabytes } from '../copies/size.js';
import { loadPolicy, policyLocations } from '../facts/policy-files.js';
import { parseDuration } from '../policy/policy.js';
import { processEnv } from './process-env.js';
import { humanAtTerminal } from './terminal.js';

const USAGE = 'usage: airlock backups [--json]   |   airlock backups prune [--older-than 30d]';

function age(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`;
  return `${Math.round(minutes / 60 / 24)} days`;
}

const total = (set: CopySet) => set.copies.reduce((sum, c) => sum + c.bytes, 0);

export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' }, 'older-than': { type: 'string' } } });
  } catch (error) {
    process.stderr.write(`airlock backups: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const [action] = parsed.positionals;
  if (action !== undefined && action !== 'prune' && action !== 'list') {
    process.stderr.write(`airlock backups: unknown action ${action}\n${USAGE}\n`);
    return 2;
  }
  const env = processEnv();
  let sets;
  try {
    sets = await listCopySets(env);
  } catch (error) {
    process.stderr.write(`airlock backups: the copies folder can't be read: ${(error as Error).message}\n`);
    return 1;
  }
  const now = Date.now();
  if (action !== 'prune') {
    if (parsed.values.json) {
      for (const set of sets) process.stdout.write(`${JSON.stringify(set)}\n`);
      return 0;
    }
    if (sets.length === 0) process.stdout.write('no safety copies kept\n');
    for (const set of sets) {
      if ('problem' in set) {
        process.stdout.write(`${set.id}: ${set.problem}\n`);
        continue;
      }
      process.stdout.write(`${set.id}  ${age(now - set.createdAt)} old, ${megabytes(total(set))}: ${set.command}\n`);
      for (const c of set.copies) process.stdout.write(`  ${c.kind} ${c.path}\n    to restore: ${c.restore}\n`);
    }
    return 0;
  }
  if (!humanAtTerminal()) {
    process.stderr.write(
      'airlock backups prune: refusing to run without an interactive terminal. Safety copies are the way back after an approved destroy; only a human at their own terminal may delete them.\n',
    );
    return 2;
  }
  const keepDays = (await loadPolicy(policyLocations(process.cwd(), env))).safetyCopies.keepDays;
  let olderThan: number;
  try {
    olderThan = parsed.values['older-than'] ? parseDuration(parsed.values['older-than']) : keepDays * 24 * 60 * 60_000;
  } catch (error) {
    process.stderr.write(`airlock backups prune: --older-than: ${(error as Error).message}\n`);
    return 2;
  }
  let removed = 0;
  for (const set of sets) {
    if ('problem' in set || now - set.createdAt < olderThan) continue;
    for (const c of set.copies) if (c.kind === 'git') await removeRefs(c.path, set.id);
    await removeCopySet(env, set.id);
    removed++;
    process.stdout.write(`removed ${set.id} (${age(now - set.createdAt)} old): ${set.command}\n`);
  }
  process.stdout.write(`${removed} removed, ${sets.length - removed} kept\n`);
  return 0;
}

/** The refs a git copy left under refs/airlock/ID in its repository; a repository gone is nothing to clean. */
function removeRefs(repo: string, id: string): Promise<void> {
  const git = (args: string[]) =>
    new Promise<string>((resolve) => execFile('git', ['-C', repo, '-c', 'core.hooksPath=/dev/null', ...args], { encoding: 'utf8' }, (error, stdout) => resolve(error ? '' : stdout)));
  return git(['for-each-ref', '--format=%(refname)', `refs/airlock/${id}/`]).then(async (refs) => {
    for (const ref of refs.split('\n').filter(Boolean)) await git(['update-ref', '-d', ref]);
  });
}
