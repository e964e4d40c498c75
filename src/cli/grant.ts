// `airlock grant`, `airlock revoke`, `airlock status`: time-boxed windows opened by a human.
// grant refuses to run without an interactive terminal and asks the human to type the environment name.

import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { activeGrants, openStore } from '../runtime/store.js';
import { openGrant, revokeGrant } from '../store/grants.js';
import { type Grant } from '../core/grant.js';
import { ENVIRONMENTS, parseDuration } from '../policy/policy.js';
import { loadPolicy, policyLocations } from '../facts/policy-files.js';
import type { Environment } from '../core/environment.js';
import { processEnv } from './process-env.js';
import { humanAtTerminal, typedEnvironmentName } from './terminal.js';

const MAX_WINDOW_MS = 24 * 3_600_000;
const GRANT_USAGE = 'usage: airlock grant <write|destroy> --env ENV --for DURATION --reason TEXT [--target T] [--tool PROGRAM] [--command PATTERN]';

function remaining(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export async function grant(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { env: { type: 'string' }, for: { type: 'string' }, reason: { type: 'string' }, target: { type: 'string' }, tool: { type: 'string' }, command: { type: 'string' } },
    });
  } catch (error) {
    process.stderr.write(`airlock grant: ${(error as Error).message}\n${GRANT_USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (!humanAtTerminal()) {
    process.stderr.write('airlock grant: refusing to run without an interactive terminal. Only a human may open a grant, at their own terminal; an agent or a script cannot.\n');
    return 2;
  }
  const effect = positionals[0];
  const problems: string[] = [];
  if (effect !== 'write' && effect !== 'destroy') problems.push('the first argument must be `write` or `destroy`');
  if (!values.env || !ENVIRONMENTS.includes(values.env as Environment)) problems.push(`--env must be one of ${ENVIRONMENTS.join(', ')}`);
  if (!values.reason?.trim()) problems.push('--reason is required: say what the window is for');
  let duration = 0;
  try {
    duration = parseDuration(values.for ?? '');
    if (duration > MAX_WINDOW_MS) problems.push('--for is at most 24h: a grant is a window, not a setting');
    if (duration <= 0) problems.push('--for must be longer than zero');
  } catch {
    problems.push('--for needs a duration like 30m or 2h');
  }
  if (problems.length) {
    process.stderr.write(`airlock grant: ${problems.join('; ')}\n${GRANT_USAGE}\n`);
    return 2;
  }
  const environment = values.env as Environment;
  const policy = await loadPolicy(policyLocations(process.cwd(), processEnv()));
  const now = Date.now();
  const scope = [values.target && `target ${values.target}`, values.tool && `tool ${values.tool}`, values.command && `commands matching ${values.command}`].filter(Boolean).join(', ');
  process.stdout.write(
    `This allows ${effect!.toUpperCase()} commands against ${environment.toUpperCase()}${scope ? ` (${scope})` : ''} for ${remaining(duration)}, until ${new Date(now + duration).toLocaleString()}.\n`,
  );
  process.stdout.write(`Reason: ${values.reason}\n`);
  if (effect === 'destroy') {
    process.stdout.write(
      policy.grants.destroyStillNeedsApproval
        ? 'Destructive commands will still need approval one by one (the policy says so).\n'
        : 'The policy lets this grant allow destructive commands without per-command approval.\n',
    );
  }
  if (!(await typedEnvironmentName(environment, 'confirm'))) {
    process.stdout.write('Not confirmed; nothing was granted.\n');
    return 1;
  }
  // The grant is recorded in the audit log before it takes effect; one the log can't record is not granted.
  let g: Grant;
  try {
    const store = openStore(processEnv());
    try {
      g = await openGrant(store, {
        effect: effect as Grant['effect'],
        environment,
        reason: values.reason!.trim(),
        createdAt: now,
        expiresAt: now + duration,
        by: userInfo().username,
        ...(values.target ? { target: values.target } : {}),
        ...(values.tool ? { tool: values.tool } : {}),
        ...(values.command ? { pattern: values.command } : {}),
      });
    } finally {
      await store.close();
    }
  } catch (error) {
    process.stderr.write(`airlock grant: the audit log could not record the grant, so nothing was granted: ${(error as Error).message}\n`);
    return 1;
  }
  process.stdout.write(`Granted ${g.id}: ${g.effect} in ${g.environment} for ${remaining(duration)}. Revoke it early with: airlock revoke ${g.id}\n`);
  return 0;
}

export async function revoke(argv: string[]): Promise<number> {
  const now = Date.now();
  // --all closes every open row, honoured or not.
  const open = argv.includes('--all') ? await activeGrants(processEnv(), now) : null;
  const ids = open ? [...open.grants, ...open.refused.map((r) => r.grant)].map((g) => g.id) : argv.filter((a) => !a.startsWith('-'));
  if (ids.length === 0) {
    process.stderr.write('usage: airlock revoke GRANT_ID... | --all\n');
    return 2;
  }
  let failed = 0;
  let store;
  try {
    store = openStore(processEnv());
  } catch (error) {
    process.stderr.write(`airlock revoke: the store cannot be opened: ${(error as Error).message}\n`);
    return 1;
  }
  try {
    for (const id of ids) {
      try {
        // Revoked and recorded together: with the log unwritable, so is the grant, and it is not honoured either (see activeGrants).
        if (await revokeGrant(store, id, now)) process.stdout.write(`Revoked ${id}.\n`);
        else {
          failed++;
          process.stderr.write(`airlock revoke: no active grant ${id}\n`);
        }
      } catch (error) {
        failed++;
        process.stderr.write(`airlock revoke: ${id} could not be revoked: ${(error as Error).message}\n`);
      }
    }
  } finally {
    await store.close();
  }
  return failed ? 1 : 0;
}

export async function status(argv: string[]): Promise<number> {
  const now = Date.now();
  const policy = await loadPolicy(policyLocations(process.cwd(), processEnv()));
  const { grants, refused } = await activeGrants(processEnv(), now);
  if (argv.includes('--json')) {
    process.stdout.write(JSON.stringify({ matrix: policy.matrix, grants, refusedGrants: refused, errors: policy.errors }) + '\n');
    return 0;
  }
  process.stdout.write('mode per environment:\n');
  for (const e of ENVIRONMENTS) {
    const row = policy.matrix[e];
    const open = grants.filter((g) => g.environment === e);
    const mode = row.write === 'allow' ? (row.destroy === 'allow' ? 'open' : 'writes allowed, destructive commands held') : 'read-only: writes and destructive commands held';
    process.stdout.write(`  ${e.padEnd(12)} ${mode}${open.length ? ` — ${open.length} grant(s) open` : ''}\n`);
  }
  process.stdout.write(grants.length ? '\nactive grants:\n' : '\nactive grants: none\n');
  for (const g of grants) {
    process.stdout.write(
      `  ${g.id}  ${g.effect} in ${g.environment}${g.target ? ` target ${g.target}` : ''}${g.tool ? ` tool ${g.tool}` : ''}${g.pattern ? ` matching ${g.pattern}` : ''}  ${remaining(g.expiresAt - now)} left  by ${g.by}: ${g.reason}\n`,
    );
  }
  for (const r of refused) process.stdout.write(`  ${r.grant.id}  NOT honoured: ${r.reason}\n`);
  let pending: { id: string; request: { command: string; environment: string }; expiresAt: number }[] = [];
  try {
    const store = openStore(processEnv());
    try {
      const { ApprovalService } = await import('../approvals/service.js');
      pending = await new ApprovalService(store, () => now).pending();
    } finally {
      await store.close();
    }
  } catch (error) {
    process.stdout.write(`\npending approvals: unknown, the approvals database cannot be read: ${(error as Error).message}\n`);
  }
  process.stdout.write(pending.length ? '\npending approvals:\n' : '\npending approvals: none\n');
  for (const r of pending) process.stdout.write(`  ${r.id}  ${r.request.environment.padEnd(11)} ${remaining(r.expiresAt - now)} left  ${r.request.command.replace(/\s+/g, ' ').slice(0, 90)}\n`);
  if (policy.errors.length) process.stdout.write(`\npolicy errors: ${policy.errors.length} (run airlock policy show)\n`);
  return 0;
}
