// `airlock check`: explains the verdict for a command, for people (default) or tools (--json),
// one command or a JSON Lines batch (--stdin).

import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { ShellRequest } from '../core/request.js';
import { maskArgv, maskSecrets } from '../core/mask.js';
import { judge, type Judgement } from '../runtime/judge.js';
import { EXIT_CODES } from '../policy/decide.js';
import { activeGrants } from '../runtime/store.js';
import { loadPolicy, policyLocations } from '../facts/policy-files.js';
import { type Policy } from '../policy/policy.js';
import { processEnv } from './process-env.js';

const USAGE = `usage: airlock check [--json] [--cwd DIR] "<command>"
       airlock check --json --stdin      (JSON Lines: a JSON string or {"command", "cwd"?, "env"?} per line)`;

export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, stdin: { type: 'boolean' }, cwd: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    process.stderr.write(`airlock check: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (values.stdin) {
    if (!values.json) {
      process.stderr.write(`airlock check: --stdin is a batch mode for tools and needs --json\n${USAGE}\n`);
      return 2;
    }
    if (positionals.length) {
      process.stderr.write('airlock check: give commands either on stdin or as an argument, not both\n');
      return 2;
    }
    return batch();
  }
  if (positionals.length === 0) {
    process.stderr.write(`airlock check: no command given\n${USAGE}\n`);
    return 2;
  }
  const request: ShellRequest = { command: positionals.join(' '), cwd: values.cwd ?? process.cwd(), env: processEnv() };
  const judgement = await judge(request);
  for (const e of judgement.policy.errors) process.stderr.write(`airlock: policy error: ${e.file}${e.line ? `:${e.line}` : ''}: ${e.key ? `${e.key}: ` : ''}${e.message}\n`);
  // What a policy file asked for and did not get (a project relaxing what it may not): said, not silently dropped.
  for (const w of judgement.policy.warnings) process.stderr.write(`airlock: policy note: ${w}\n`);
  process.stdout.write(values.json ? JSON.stringify(toJson(judgement, request.command)) + '\n' : render(request.command, judgement));
  return EXIT_CODES[judgement.decision.verdict];
}

/** One JSON object per input line, in order. A malformed line gets an error object naming the line. */
async function batch(): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  const env = processEnv();
  // The policy is read once per working directory, and the grants once, for the whole batch.
  const policies = new Map<string, Policy>();
  const { grants } = await activeGrants(env, Date.now());
  let bad = 0;
  let n = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    const request = parseRequest(line);
    if (typeof request === 'string') {
      bad++;
      process.stdout.write(JSON.stringify({ line: n, error: request }) + '\n');
      continue;
    }
    const key = request.cwd ?? '';
    let policy = policies.get(key);
    if (!policy) policies.set(key, (policy = await loadPolicy(policyLocations(request.cwd, env))));
    process.stdout.write(JSON.stringify(toJson(await judge(request, { policy, grants }), request.command)) + '\n');
  }
  return bad ? 2 : 0;
}

function parseRequest(line: string): ShellRequest | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return `not valid JSON: ${(error as Error).message}`;
  }
  if (typeof value === 'string') return { command: value };
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'expected a JSON string or an object with a "command" string';
  const { command, cwd, env } = value as Record<string, unknown>;
  if (typeof command !== 'string') return '"command" must be a string';
  if (cwd !== undefined && typeof cwd !== 'string') return '"cwd" must be a string';
  if (env !== undefined && (typeof env !== 'object' || env === null || Array.isArray(env) || Object.values(env).some((v) => typeof v !== 'string'))) {
    return '"env" must be an object of strings';
  }
  return { command, ...(cwd !== undefined ? { cwd } : {}), ...(env !== undefined ? { env: env as Record<string, string> } : {}) };
}

// Findings, evidence and the decision's reason are masked where they are made (src/rules/rule.ts,
// src/context/resolve.ts, src/policy/decide.ts); what check adds itself, the command as typed and
// each invocation's argv, is masked here.
function toJson({ decision, assessment, facts }: Judgement, command: string) {
  return {
    verdict: decision.verdict,
    effect: decision.effect,
    environment: decision.environment,
    evidence: decision.evidence.map((e) => ({ value: e.value, source: e.source, environment: e.environment, reason: e.reason })),
    reason: decision.reason,
    ...(decision.grant
      ? {
          grant: {
            id: decision.grant.id,
            effect: decision.grant.effect,
            environment: decision.grant.environment,
            expiresAt: new Date(decision.grant.expiresAt).toISOString(),
            reason: decision.grant.reason,
          },
        }
      : {}),
    findings: decision.findings.map((f) => ({
      rule: f.rule,
      pack: f.pack,
      effect: f.effect,
      severity: f.severity,
      summary: f.summary,
      consequence: f.consequence,
      alternatives: f.alternatives,
      ...(f.target !== undefined ? { target: f.target } : {}),
      via: f.via,
      command: f.command,
      ...(f.forbidden ? { forbidden: true } : {}),
      ...(f.preflight ? { preflight: f.preflight } : {}),
    })),
    invocations: assessment.invocations.map((i) => ({
      program: i.program,
      argv: maskArgv(
        i.argv.map((a) => a.text),
        command,
      ),
      via: i.via.map(maskSecrets),
      ...(i.opaque ? { opaque: maskSecrets(i.opaque) } : {}),
    })),
    facts,
  };
}

const useColour = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string, text: string) => (useColour ? `\x1b[${code}m${text}\x1b[0m` : text);
const VERDICT_COLOUR = { allow: '32', confirm: '33', approve: '33;1', deny: '31;1' } as const;

function render(rawCommand: string, { decision, assessment }: Judgement): string {
  const out: string[] = [];
  const command = maskSecrets(rawCommand);
  out.push(`${paint(VERDICT_COLOUR[decision.verdict], decision.verdict.toUpperCase())}  ${command.split('\n')[0]}${command.includes('\n') ? ' …' : ''}`);
  out.push(`effect: ${decision.effect} · environment: ${decision.environment}`);
  if (decision.evidence.length === 0) out.push('  (nothing names the environment of the target)');
  for (const e of decision.evidence.slice(0, 6)) out.push(`  ${e.environment}: ${e.value} (${e.source}; ${e.reason})`);
  if (decision.grant)
    out.push(`allowed by grant ${decision.grant.id}: ${decision.grant.effect} in ${decision.grant.environment} until ${new Date(decision.grant.expiresAt).toISOString()} ("${decision.grant.reason}")`);
  if (decision.findings.length) {
    out.push('', 'findings:');
    for (const f of decision.findings) {
      const mark = f.effect === 'destroy' || f.forbidden ? paint('31', '●') : f.effect === 'unknown' ? paint('33', '●') : '●';
      out.push(`  ${mark} ${f.effect}/${f.severity}  ${f.rule} (${f.pack} pack): ${f.summary}${f.forbidden ? paint('31;1', '  [never allowed]') : ''}`);
      if (f.target) out.push(`      target: ${f.target}`);
      out.push(`      consequence: ${f.consequence}`);
      for (const a of f.alternatives) out.push(`      safer: ${a}`);
      if (f.via.length) out.push(`      via: ${f.via.join(' → ')}`);
    }
  } else out.push('', 'findings: none');
  out.push('', 'what would run:');
  for (const inv of assessment.invocations) {
    if (!inv.program) continue;
    const argv = maskArgv(
      inv.argv.map((a) => a.text),
      rawCommand,
    )
      .map((a) => (/^[\w@%+=:,./~-]+$/.test(a) ? a : JSON.stringify(a)))
      .join(' ');
    out.push(`  ${argv.length > 160 ? argv.slice(0, 160) + '…' : argv}${inv.via.length ? paint('2', `   (via ${inv.via.join(' → ')})`) : ''}`);
  }
  if (decision.verdict !== 'allow') out.push('', 'message for the agent:', ...decision.reason.split('\n').map((l) => '  ' + l));
  return out.join('\n') + '\n';
}
