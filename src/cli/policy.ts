// `airlock policy show`: the effective policy and where each part came from.
// `airlock policy test`: runs the example commands the policy files list, against their expected verdicts.
// `airlock policy init`: writes an annotated template of every key.

import { parseArgs } from 'node:util';
import { judge } from '../runtime/judge.js';
import { ENVIRONMENTS, formatPolicyError, type Policy } from '../policy/policy.js';
import { loadPolicy, policyLocations } from '../facts/policy-files.js';
import { processEnv } from './process-env.js';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { POLICY_TEMPLATE } from '../policy/template.js';

const USAGE = 'usage: airlock policy show [--cwd DIR] [--json]\n       airlock policy test [--cwd DIR]\n       airlock policy init [--project] [--print]';

export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { cwd: { type: 'string' }, json: { type: 'boolean' }, project: { type: 'boolean' }, print: { type: 'boolean' } } });
  } catch (error) {
    process.stderr.write(`airlock policy: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const [sub] = parsed.positionals;
  const cwd = parsed.values.cwd ?? process.cwd();
  const env = processEnv();
  if (sub === 'init') return init(cwd, env, parsed.values.project === true, parsed.values.print === true);
  const policy = await loadPolicy(policyLocations(cwd, env));
  if (sub === 'show') {
    process.stdout.write(parsed.values.json ? JSON.stringify(toJson(policy)) + '\n' : show(policy));
    return policy.errors.length ? 1 : 0;
  }
  if (sub === 'test') return test(policy, cwd, env);
  process.stderr.write(`airlock policy: expected \`show\`, \`test\` or \`init\`\n${USAGE}\n`);
  return 2;
}

function toJson(p: Policy) {
  return {
    layers: p.layers,
    errors: p.errors,
    matrix: p.matrix,
    matrixFrom: p.matrixFrom,
    rules: { allow: [...p.rules.allow], hold: [...p.rules.hold] },
    environments: p.declarations,
    customRules: p.customRules,
    protect: p.protect,
    approvals: p.approvals,
    onError: p.onError,
    grants: p.grants,
    projectMayRelax: p.projectMayRelax,
    strictness: p.strictness,
    strictnessFrom: p.strictnessFrom,
    notify: { ...p.notify, webhooks: p.notify.webhooks.map(({ secret, url, ...w }) => ({ ...w, host: new URL(url).host, signed: secret !== undefined })) },
    dashboard: p.dashboard,
    mode: p.mode,
    modeFrom: p.modeFrom,
    warnings: p.warnings,
  };
}

function show(p: Policy): string {
  const out: string[] = ['policy files, strongest first:'];
  for (const l of p.layers) out.push(`  ${l.layer.padEnd(12)} ${l.file}${l.present ? '' : '  (not present)'}`);
  if (p.layers.every((l) => !l.present)) out.push('  (none present: the built-in defaults apply)');
  if (p.errors.length) {
    out.push('', 'ERRORS (until they are fixed, everything that is not read-only is held):');
    for (const e of p.errors) out.push(`  ${formatPolicyError(e)}`);
  }
  if (p.warnings.length) {
    out.push('', 'NOT APPLIED:');
    for (const w of p.warnings) out.push(`  ${w}`);
  }
  out.push('', 'decision matrix (effect → verdict, and where it came from):');
  for (const env of ENVIRONMENTS) {
    out.push(`  ${env}:`);
    for (const [effect, verdict] of Object.entries(p.matrix[env])) out.push(`    ${effect.padEnd(8)} ${verdict.padEnd(8)} ${p.matrixFrom[env][effect as 'read']}`);
  }
  out.push('', 'declared environments:');
  if (p.declarations.length === 0) out.push('  (none: built-in name heuristics only)');
  for (const d of p.declarations) out.push(`  ${d.environment.padEnd(12)} ${d.kind.padEnd(14)} ${d.pattern}   (${d.from})`);
  out.push('', `rules allowed: ${[...p.rules.allow].join(', ') || '(none)'}`, `rules held: ${[...p.rules.hold].join(', ') || '(none)'}`);
  for (const r of p.customRules) out.push(`custom rule ${r.id}: ${r.effect} when the command matches ${JSON.stringify(r.match)} (${r.from})`);
  for (const x of p.protect.paths) out.push(`protected path ${x.pattern} (${x.from})`);
  for (const x of p.protect.branches) out.push(`protected branch ${x.pattern} (${x.from})`);
  out.push(`approvals expire after ${p.approvals.timeoutMs / 1000}s; hooks wait ${p.approvals.waitMs / 1000}s for a decision`);
  out.push(`on internal error: ${p.onError}; destroy grants still need per-command approval: ${p.grants.destroyStillNeedsApproval ? 'yes' : 'no'}`);
  out.push(`project file may relax: ${p.projectMayRelax ? 'yes' : 'no'}`);
  const trial = ENVIRONMENTS.filter((e) => p.mode[e] === 'warn');
  out.push(`mode: ${trial.length ? `TRIAL (warn) in ${trial.map((e) => `${e} (${p.modeFrom[e]})`).join(', ')}: what would be held there runs, and \`airlock trial\` shows it` : 'enforce everywhere'}`);
  out.push(`strictness: ${p.strictness} (${p.strictnessFrom})${p.strictness === 'strict' ? ': every command that runs code (one-liners, scripts, project tasks) is held' : ''}`);
  out.push('', `dashboard (airlock serve): http://localhost:${p.dashboard.port}`);
  out.push(`git notes on HEAD after an approved command runs: ${p.notify.gitNotes ? 'yes (refs/notes/airlock)' : 'no'}`);
  if (p.notify.webhooks.length === 0) out.push('webhooks: (none)');
  // The address may carry a token (Slack's and Discord's do): only its host is shown.
  for (const w of p.notify.webhooks) out.push(`webhook ${w.name}: ${w.format} to ${new URL(w.url).host}${w.secret ? ', signed' : ''}, on ${w.events.join(', ')} (${w.from})`);
  return out.join('\n') + '\n';
}

/**
 * Writes the annotated template (policy/template.ts) to your policy file, or the project's with
 * --project; --print writes it to stdout instead. An existing file is never replaced.
 */
function init(cwd: string, env: Record<string, string>, project: boolean, print: boolean): number {
  if (print) {
    process.stdout.write(POLICY_TEMPLATE);
    return 0;
  }
  const file = project ? join(cwd, '.airlock', 'policy.yaml') : policyLocations(cwd, env).user;
  if (existsSync(file)) {
    process.stderr.write(`airlock policy init: ${file} exists already; nothing was changed (airlock policy init --print shows the template)\n`);
    return 1;
  }
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, POLICY_TEMPLATE, { flag: 'wx' });
  } catch (error) {
    process.stderr.write(`airlock policy init: ${file} could not be written: ${(error as Error).message}\n`);
    return 1;
  }
  process.stdout.write(`Wrote ${file}: every key, commented out at its default or with an example. airlock policy show prints the result.\n`);
  return 0;
}

async function test(policy: Policy, cwd: string, env: Record<string, string>): Promise<number> {
  if (policy.errors.length) {
    for (const e of policy.errors) process.stderr.write(`airlock policy test: ${formatPolicyError(e)}\n`);
    return 1;
  }
  if (policy.tests.length === 0) {
    process.stdout.write('no tests: add a `tests:` list of {command, expect} to a policy file\n');
    return 0;
  }
  let failed = 0;
  for (const t of policy.tests) {
    const { decision } = await judge({ command: t.command, cwd: t.cwd ?? cwd, env: { ...(t.env ?? {}), HOME: env.HOME ?? '' } }, { policy, grants: [] });
    const ok = decision.verdict === t.expect;
    if (!ok) failed++;
    process.stdout.write(
      `${ok ? 'pass' : 'FAIL'}  ${t.command}  expected ${t.expect}, got ${decision.verdict}${ok ? '' : ` (${decision.findings.map((f) => f.rule).join(', ') || 'no findings'}; environment ${decision.environment})`}  [${t.from}]\n`,
    );
  }
  process.stdout.write(`${policy.tests.length - failed} passed, ${failed} failed\n`);
  return failed ? 1 : 0;
}
