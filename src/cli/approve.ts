// `airlock approve ID`, `airlock deny ID [--reason TEXT]`, `airlock pending [--json]`: a human's answer to a
// held command, given at their own terminal. approve shows the whole request, restates what it will do,
// and asks for the environment's name to be typed, as GitHub does before deleting a repository. Proving
// the human is this file's job; deciding is the approval service's (approvals/service.ts).

import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import type { Principal } from '../core/approval.js';
import { openStore } from '../runtime/store.js';
import { coverage } from '../approvals/basis.js';
import { ApprovalRefused, ApprovalService, type ApprovalRequest } from '../approvals/service.js';
import { processEnv } from './process-env.js';
import { humanAtTerminal, typedEnvironmentName } from './terminal.js';
import type { MadeCopy } from '../core/copy.js';
import { copyOutlook, discardCopies, keepCopies, type CopyOutlook } from '../copies/keep.js';
import { describeCopyPlan } from '../copies/plan.js';
import { megabytes } from '../copies/size.js';
import { loadPolicy, policyLocations } from '../facts/policy-files.js';
import { startDeliverer } from '../notify/start.js';

/** Runs `work` with the approval service, or says why the store can't be opened (exit 1). */
async function withService<T>(label: string, work: (service: ApprovalService) => Promise<T>): Promise<T | number> {
  let store;
  try {
    store = openStore(processEnv());
  } catch (error) {
    process.stderr.write(`airlock ${label}: the approvals database cannot be opened: ${(error as Error).message}\n`);
    return 1;
  }
  try {
    return await work(new ApprovalService(store));
  } catch (error) {
    if (error instanceof ApprovalRefused) throw error;
    process.stderr.write(`airlock ${label}: the approvals database cannot be read: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

function describe(r: ApprovalRequest): string {
  const lines = [
    ...(r.tampered ? [`WARNING: ${r.tampered}; shown as the audit log recorded it, and it can't be approved.`] : []),
    `Request ${r.id} (${r.status}), from ${r.request.agent}${r.request.session ? ` session ${r.request.session}` : ''}, expires ${new Date(r.expiresAt).toLocaleString()}`,
    `  command:     ${r.request.command}`,
    `  directory:   ${r.request.cwd}`,
    `  environment: ${r.request.environment}${r.request.evidence.length ? ` — ${r.request.evidence.slice(0, 3).join('; ')}` : ''}`,
    '  what it does:',
    ...r.request.findings.map((f) => `    - ${f.summary}${f.target ? ` [${f.target}]` : ''}\n      ${f.consequence}`),
    ...boundFiles(r),
    ...(r.request.copies?.length ? ['  kept before it runs, if approved (see airlock backups):', ...r.request.copies.map((c) => `    - ${describeCopyPlan(c)}`)] : []),
  ];
  return lines.join('\n') + '\n';
}

/** The files whose current contents an approval covers: changed, the command is a new request. */
function boundFiles(r: ApprovalRequest): string[] {
  const files = r.request.files ?? [];
  if (files.length === 0) return [];
  return [
    '  approval covers the current contents of these files; any change to them makes a new request:',
    ...files.map((f) => `    ${f.path}${f.sha256 === null ? ' (does not exist)' : f.unreadable ? ' (not readable by airlock: bound to its size and times)' : ` (sha256 ${f.sha256.slice(0, 12)})`}`),
  ];
}

export async function runPending(argv: string[]): Promise<number> {
  const result = await withService('pending', (service) => service.pending());
  if (typeof result === 'number') return result;
  if (argv.includes('--json')) {
    for (const r of result) process.stdout.write(JSON.stringify(r) + '\n');
    return 0;
  }
  if (result.length === 0) process.stdout.write('no pending requests\n');
  for (const r of result) process.stdout.write(describe(r) + '\n');
  return 0;
}

async function decide(argv: string[], decision: 'approved' | 'denied'): Promise<number> {
  const label = decision === 'approved' ? 'approve' : 'deny';
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { reason: { type: 'string' }, 'without-copy': { type: 'boolean' } } });
  } catch (error) {
    process.stderr.write(`airlock ${label}: ${(error as Error).message}\nusage: airlock ${label} ID${decision === 'denied' ? ' [--reason TEXT]' : ' [--without-copy]'}\n`);
    return 2;
  }
  const id = parsed.positionals[0];
  if (!id) {
    process.stderr.write(`usage: airlock ${label} ID${decision === 'denied' ? ' [--reason TEXT]' : ''}   (airlock pending lists them)\n`);
    return 2;
  }
  if (!humanAtTerminal()) {
    process.stderr.write(`airlock ${label}: refusing to run without an interactive terminal. Only a human at their own terminal may answer a request; an agent or a script cannot.\n`);
    return 2;
  }
  const found = await withService(label, (service) => service.get(id));
  if (typeof found === 'number') return found;
  if (!found) {
    process.stderr.write(`airlock ${label}: there is no request ${id} (airlock pending lists the open ones)\n`);
    return 1;
  }
  if (found.status !== 'pending') {
    process.stderr.write(`airlock ${label}: request ${id} is ${found.status}, not pending; nothing changed\n`);
    return 1;
  }
  if (found.tampered && decision === 'approved') {
    // The table was edited: what it shows can't be trusted, so nothing is shown as if it could be approved.
    process.stderr.write(`airlock approve: ${found.tampered}. It was changed after it was made, so it can't be approved; nothing changed. Deny it (airlock deny ${id}) and run \`airlock verify\`.\n`);
    return 1;
  }
  process.stdout.write(describe(found));
  let copies: CopyOutlook[] = [];
  if (decision === 'approved') {
    copies = await plannedCopies(found, parsed.values['without-copy'] === true);
    const covers = coverage(found.request.files, found.request.cwd);
    process.stdout.write(`If you approve, the agent may run this exact command once, in ${found.request.cwd}, against ${found.request.environment}.${covers ? ` ${covers}` : ''}\n`);
    if (!(await typedEnvironmentName(found.request.environment, 'approve'))) {
      process.stdout.write('Not confirmed; the request is still pending.\n');
      return 1;
    }
  }
  let made: MadeCopy[] = [];
  if (copies.length) {
    const kept = await keepCopies(id, found.request, copies, processEnv());
    if ('failed' in kept) {
      process.stderr.write(
        `airlock approve: the safety copy could not be made: ${kept.failed}. Nothing was approved; the request is still pending. To approve without it: airlock approve ${id} --without-copy\n`,
      );
      return 1;
    }
    made = kept.made;
  }
  // The person at this terminal, proven above: an interactive terminal, and (to approve) the environment's name typed.
  const by: Principal = { kind: 'terminal', user: userInfo().username };
  try {
    const result = await withService(label, (service) => service.decide(id, decision, by, parsed.values.reason, made));
    if (typeof result === 'number') return result;
  } catch (error) {
    // Not recorded: the copies made for it are not left behind with nothing pointing to them.
    if (made.length) await discardCopies(processEnv(), id);
    process.stderr.write(`airlock ${label}: ${(error as Error).message}; nothing changed\n`);
    return 1;
  }
  // The answer goes to the webhooks from a process of its own; this command does not wait for them.
  startDeliverer(await loadPolicy(policyLocations(found.request.cwd, processEnv())), processEnv());
  process.stdout.write(decision === 'approved' ? `Approved ${id}. The agent's next try of exactly this command is allowed, once.\n` : `Denied ${id}.\n`);
  for (const c of made) process.stdout.write(`Kept ${c.kind === 'git' ? 'refs in' : `${megabytes(c.bytes)} at`} ${c.path}\n  to restore: ${c.restore}${c.note ? `\n  (${c.note})` : ''}\n`);
  return 0;
}

/**
 * The copies the request calls for, told to the human before they decide: each one airlock will keep,
 * or why it can't. Off in the policy, or `--without-copy`: none, and the prompt says so.
 */
async function plannedCopies(found: ApprovalRequest, without: boolean): Promise<CopyOutlook[]> {
  if (!found.request.copies?.length) return [];
  const env = processEnv();
  const policy = await loadPolicy(policyLocations(found.request.cwd, env));
  const { off, copies } = await copyOutlook(found.request, policy, env, without);
  if (off) {
    process.stdout.write(`No safety copy will be kept (${without ? '--without-copy' : off}): after this command, what it destroys comes back only from backups of your own.\n`);
    return [];
  }
  process.stdout.write('Before the command runs, airlock keeps a copy outside its reach:\n');
  for (const c of copies)
    process.stdout.write(
      c.why === undefined
        ? `  - ${describeCopyPlan(c.plan)}${c.bytes !== null ? ` (about ${megabytes(c.bytes)})` : ''}\n`
        : `  - CANNOT keep ${describeCopyPlan(c.plan)}: ${c.why}. If you approve, there is no copy of it.\n`,
    );
  return copies;
}

export const runApprove = (argv: string[]) => decide(argv, 'approved');
export const runDeny = (argv: string[]) => decide(argv, 'denied');
