// The reliability harness (issue 10): many separate hook processes at once, as a busy machine with
// several agents produces them, some of them SIGKILLed part-way, approval requests expiring while the
// run goes on. Afterwards it checks what a user relies on:
//   - every request that got an answer is in the audit log;
//   - `airlock verify` passes;
//   - no answer is an internal error, and each answer is the one the command should get;
//   - every held command's answer names an approval request that exists, and whose creation was logged.
// Used by test/reliability/reliability.test.ts (small, under `npm test`), test/reliability/run.ts
// (`npm run stress`, full size) and section 8 of `npm run bench`.

import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type BetterSqlite3 from 'better-sqlite3';
import { mulberry32, outputOf, projectRoot, removeAtExit } from '../helpers.js';

const HOOK = join(projectRoot, 'dist/hook.cjs');
const BIN = join(projectRoot, 'bin/airlock.mjs');

/** What a process asks for, and so what it must be answered. */
type Kind = 'allow' | 'confirm' | 'held' | 'held-repeat' | 'deny';
const KINDS: Kind[] = ['allow', 'confirm', 'held', 'held-repeat', 'deny'];

/** The Claude Code answer each kind must get: allow prints nothing, confirm asks, held and denied deny. */
const EXPECTED: Record<Kind, Verdict> = { allow: 'allow', confirm: 'ask', held: 'held', 'held-repeat': 'held', deny: 'deny' };

/** A held command's answer is a deny that names an approval request; a plain deny names none. */
type Verdict = 'allow' | 'ask' | 'held' | 'deny' | 'error' | 'unreadable';

/** Held commands run again and again, so pending requests are reused and then expire under them. */
const REPEATED = [0, 1, 2].map((shard) => `psql -h db.prod.example.com -c "DELETE FROM sessions WHERE shard = ${shard}"`);

function commandFor(kind: Kind, marker: string, n: number): string {
  switch (kind) {
    case 'allow':
      return `echo ok-${marker}`;
    case 'confirm':
      return `rm -rf ./build-${marker}`;
    case 'held':
      // Half through the SQL parser (loaded lazily), half without it.
      return n % 2 ? `psql -h db.prod.example.com -c "DELETE FROM users WHERE name = '${marker}'"` : `terraform -chdir=infra-${marker} destroy -auto-approve`;
    case 'held-repeat':
      return REPEATED[n % REPEATED.length]!;
    case 'deny':
      return `airlock approve ${marker}`;
  }
}

export interface StressOptions {
  workers: number;
  /** Hook processes each worker runs, one after another. */
  perWorker: number;
  /** The share of processes SIGKILLed at a random moment of their life (repeated held commands excepted). */
  killFraction: number;
  seed?: number;
  /** A folder for HOME and the state directory; a fresh temporary one (removed at exit) if not given. */
  dir?: string;
  /** The policy's approvals.timeout: short, so requests expire during the run. */
  approvalTimeout?: string;
  /** Called after each process, for a progress line. */
  onProcess?: (done: number, total: number) => void;
}

/** One planned hook process. */
interface Planned {
  worker: number;
  index: number;
  kind: Kind;
  command: string;
  /** When set, SIGKILLed at this fraction (0–1.2) of the typical process life so far. */
  killAt: number | null;
}

export interface ProcessResult extends Planned {
  /** SIGKILLed by the harness before it exited. */
  killed: boolean;
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  verdict: Verdict;
  /** The approval request a held answer names. */
  approvalId: string | null;
}

export interface StressReport {
  options: Required<Omit<StressOptions, 'onProcess' | 'dir'>> & { dir: string };
  processes: number;
  killed: number;
  /** Processes that exited by themselves (answered, with a verdict or an error). */
  answered: number;
  byKind: Record<Kind, { run: number; killed: number; answered: number }>;
  /** Answered with a verdict (exit 0), but the log holds fewer requests for that command than answers. */
  lost: ProcessResult[];
  /** Answers that are not what the command must get (errors included). */
  wrong: ProcessResult[];
  /** Answers that say "internal error", held commands among them. */
  internalErrors: ProcessResult[];
  /** Held answers naming an approval request the approvals table doesn't have. */
  unknownApprovals: string[];
  /** Held answers naming an approval request whose creation is not in the log. */
  unloggedApprovals: string[];
  approvalsRequested: number;
  approvalsExpired: number;
  logEntries: number;
  logError: string | null;
  verify: { ok: boolean; status: number | null; output: string };
  /** Wall time of the processes that exited by themselves, spawn to exit (ms). */
  latency: { p50: number; p99: number; max: number };
  durationMs: number;
}

function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function plan(options: Required<Pick<StressOptions, 'workers' | 'perWorker' | 'killFraction' | 'seed'>>): Planned[][] {
  const random = mulberry32(options.seed);
  const weights: [Kind, number][] = [
    ['allow', 0.35],
    ['confirm', 0.2],
    ['held', 0.25],
    ['held-repeat', 0.1],
    ['deny', 0.1],
  ];
  return Array.from({ length: options.workers }, (_, worker) =>
    Array.from({ length: options.perWorker }, (_, index) => {
      let r = random();
      const kind = weights.find(([, w]) => (r -= w) < 0)?.[0] ?? 'allow';
      const marker = `w${worker}n${index}`;
      // Repeated held commands are never killed: their log entries are counted against their answers,
      // and a killed one could have written an entry that hides a lost one.
      const kill = random() < options.killFraction && kind !== 'held-repeat';
      const killAt = random() * 1.2;
      return { worker, index, kind, command: commandFor(kind, marker, worker * options.perWorker + index), killAt: kill ? killAt : null };
    }),
  );
}

function readAnswer(status: number | null, stdout: string, stderr: string): { verdict: Verdict; approvalId: string | null } {
  if (status === 2) return { verdict: 'error', approvalId: null };
  if (status !== 0) return { verdict: 'unreadable', approvalId: null };
  if (!stdout.trim()) return { verdict: stderr.trim() ? 'unreadable' : 'allow', approvalId: null };
  try {
    const out = JSON.parse(stdout) as { hookSpecificOutput?: { permissionDecision?: string; permissionDecisionReason?: string } };
    const decision = out.hookSpecificOutput?.permissionDecision;
    const reason = out.hookSpecificOutput?.permissionDecisionReason ?? '';
    if (decision === 'ask') return { verdict: 'ask', approvalId: null };
    if (decision === 'deny') {
      const id = /This is approval request ([a-z0-9]+)/.exec(reason)?.[1] ?? null;
      return { verdict: id ? 'held' : 'deny', approvalId: id };
    }
  } catch {
    // Falls through: not an answer Claude Code could read.
  }
  return { verdict: 'unreadable', approvalId: null };
}

interface Sandbox {
  dir: string;
  project: string;
  env: Record<string, string>;
}

function sandbox(dir: string | undefined, approvalTimeout: string): Sandbox {
  const root = dir ?? mkdtempSync(join(tmpdir(), 'airlock-stress-'));
  if (!dir) removeAtExit(root);
  const home = join(root, 'home');
  const project = join(root, 'project');
  mkdirSync(join(home, '.config/airlock'), { recursive: true });
  mkdirSync(project, { recursive: true });
  // wait 0: a held command is answered at once with its request; timeout short: requests expire mid-run.
  writeFileSync(join(home, '.config/airlock/policy.yaml'), `approvals:\n  timeout: ${approvalTimeout}\n  wait: 0s\n`);
  const env = { PATH: process.env.PATH ?? '', HOME: home, AIRLOCK_STATE_DIR: join(root, 'state'), AIRLOCK_ORG_POLICY: '/nonexistent/org.yaml', NO_COLOR: '1' };
  return { dir: root, project, env };
}

/** Runs one process to its end (or its kill), as an agent runs its hook: payload on stdin, answer on stdout. */
function runOne(box: Sandbox, p: Planned, typicalMs: () => number): Promise<ProcessResult> {
  const payload = JSON.stringify({ session_id: 'stress', cwd: box.project, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: p.command } });
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(process.execPath, [HOOK, 'claude-code'], { cwd: box.project, env: box.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const output = outputOf(child);
    // A process killed before it read its stdin closes the pipe under us.
    child.stdin.on('error', () => undefined);
    child.stdin.end(payload);
    let killer: NodeJS.Timeout | undefined;
    if (p.killAt !== null) killer = setTimeout(() => child.kill('SIGKILL'), p.killAt * typicalMs());
    child.on('close', (status, signal) => {
      clearTimeout(killer);
      const ms = performance.now() - start;
      const killed = signal === 'SIGKILL';
      const { stdout, stderr } = output;
      const answer = killed ? { verdict: 'unreadable' as const, approvalId: null } : readAnswer(status, stdout, stderr);
      resolve({ ...p, killed, status, signal, stdout, stderr, ms, ...answer });
    });
  });
}

function cli(box: Sandbox, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: box.project, env: box.env, encoding: 'utf8', maxBuffer: 1 << 30 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface LogEntry {
  kind: string;
  command?: string;
  detail?: { id?: string; transition?: string };
}

/** The approvals table as it is after the run, read without changing anything. */
function approvalIds(box: Sandbox): Set<string> {
  const load = createRequire(import.meta.url);
  const Database = load('better-sqlite3') as typeof BetterSqlite3;
  const db = new Database(join(box.env.AIRLOCK_STATE_DIR!, 'audit.db'), { readonly: true, fileMustExist: true });
  try {
    return new Set((db.prepare('SELECT id FROM approvals').all() as { id: string }[]).map((r) => r.id));
  } catch {
    // No approvals table: no request was ever created.
    return new Set();
  } finally {
    db.close();
  }
}

export async function runStress(options: StressOptions): Promise<StressReport> {
  const settings = { workers: options.workers, perWorker: options.perWorker, killFraction: options.killFraction, seed: options.seed ?? 10, approvalTimeout: options.approvalTimeout ?? '1500ms' };
  const box = sandbox(options.dir, settings.approvalTimeout);
  const plans = plan(settings);
  const total = settings.workers * settings.perWorker;
  // Kills land anywhere in a process's life: start-up, judging, or holding the audit lock mid-write.
  const lives: number[] = [];
  const typicalMs = () => (lives.length ? percentile(lives.slice(-50), 50) : 150);
  const results: ProcessResult[] = [];
  const started = performance.now();
  await Promise.all(
    plans.map(async (worker) => {
      for (const p of worker) {
        const r = await runOne(box, p, typicalMs);
        if (!r.killed) lives.push(r.ms);
        results.push(r);
        options.onProcess?.(results.length, total);
      }
    }),
  );
  const durationMs = performance.now() - started;
  // A kept run leaves what each process was asked and answered beside its state, for a post-mortem.
  if (options.dir) writeFileSync(join(box.dir, 'processes.jsonl'), results.map((r) => JSON.stringify(r)).join('\n') + '\n');

  // What a user sees afterwards: the log as `airlock log --json` prints it, then `airlock verify`.
  const log = cli(box, ['log', '--json']);
  const entries: LogEntry[] =
    log.status === 0
      ? log.stdout
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as LogEntry)
      : [];
  const verify = cli(box, ['verify']);
  const tables = approvalIds(box);

  const approvalEntries = entries.filter((e) => e.kind === 'approval');
  const requested = new Set(approvalEntries.filter((e) => e.detail?.transition === 'requested').map((e) => e.detail!.id!));

  const finished = results.filter((r) => !r.killed);
  const lost = unlogged(finished, entries);
  const held = finished.filter((r) => r.approvalId);
  const byKind = Object.fromEntries(KINDS.map((k) => [k, { run: 0, killed: 0, answered: 0 }])) as StressReport['byKind'];
  for (const r of results) {
    byKind[r.kind].run++;
    if (r.killed) byKind[r.kind].killed++;
    else byKind[r.kind].answered++;
  }
  const lifetimes = finished.map((r) => r.ms);
  return {
    options: { ...settings, dir: box.dir },
    processes: results.length,
    killed: results.length - finished.length,
    answered: finished.length,
    byKind,
    lost,
    wrong: finished.filter((r) => r.verdict !== EXPECTED[r.kind]),
    internalErrors: finished.filter((r) => /internal error/i.test(r.stdout + r.stderr)),
    unknownApprovals: [...new Set(held.filter((r) => !tables.has(r.approvalId!)).map((r) => r.approvalId!))],
    unloggedApprovals: [...new Set(held.filter((r) => !requested.has(r.approvalId!)).map((r) => r.approvalId!))],
    approvalsRequested: requested.size,
    approvalsExpired: approvalEntries.filter((e) => e.detail?.transition === 'expired').length,
    logEntries: entries.length,
    logError: log.status === 0 ? null : `airlock log --json exited ${log.status}: ${log.stderr.trim()}`,
    verify: { ok: verify.status === 0, status: verify.status, output: (verify.stdout + verify.stderr).trim() },
    latency: { p50: percentile(lifetimes, 50), p99: percentile(lifetimes, 99), max: Math.max(...lifetimes) },
    durationMs,
  };
}

/**
 * The answered processes whose request is not in the log. Commands carry a unique marker, except the
 * repeated held ones, which are never killed: so the log must hold at least as many request entries for
 * a command as it got answers (an error answer may or may not have been recorded first).
 */
function unlogged(finished: ProcessResult[], entries: LogEntry[]): ProcessResult[] {
  const requestsFor = new Map<string, number>();
  for (const e of entries) if (e.kind === 'request' && e.command !== undefined) requestsFor.set(e.command, (requestsFor.get(e.command) ?? 0) + 1);
  const answersFor = new Map<string, ProcessResult[]>();
  for (const r of finished) if (r.verdict !== 'error' && r.verdict !== 'unreadable') answersFor.set(r.command, [...(answersFor.get(r.command) ?? []), r]);
  const lost: ProcessResult[] = [];
  for (const [command, rs] of answersFor) {
    const missing = rs.length - (requestsFor.get(command) ?? 0);
    if (missing > 0) lost.push(...rs.slice(rs.length - missing));
  }
  return lost;
}

/** Each way the run broke a guarantee, in words; empty when it kept them all. */
export function failures(r: StressReport): string[] {
  const out: string[] = [];
  if (r.logError) out.push(r.logError);
  if (r.lost.length) out.push(`${r.lost.length} answered requests are not in the audit log (${sample(r.lost.map((x) => x.command))})`);
  if (!r.verify.ok) out.push(`airlock verify failed (exit ${r.verify.status}): ${r.verify.output.split('\n').length - 1} problems:\n${r.verify.output.split('\n').slice(0, 12).join('\n')}`);
  if (r.internalErrors.length)
    out.push(
      `${r.internalErrors.length} answers are internal errors (${r.internalErrors.filter((x) => x.kind.startsWith('held')).length} of them for held commands): ${sample(r.internalErrors.map((x) => x.stderr.trim()))}`,
    );
  if (r.wrong.length) out.push(`${r.wrong.length} answers are not what the command must get: ${summarise(r.wrong)}`);
  if (r.unknownApprovals.length) out.push(`${r.unknownApprovals.length} held answers name approval requests that are not in the approvals table (${sample(r.unknownApprovals)})`);
  if (r.unloggedApprovals.length) out.push(`${r.unloggedApprovals.length} held answers name approval requests whose creation is not in the log (${sample(r.unloggedApprovals)})`);
  return out;
}

function sample(xs: string[]): string {
  const distinct = [...new Set(xs)];
  return distinct.slice(0, 3).join(' | ') + (distinct.length > 3 ? ` | … ${distinct.length - 3} more distinct` : '');
}

function summarise(rs: ProcessResult[]): string {
  const counts = new Map<string, number>();
  for (const r of rs) {
    const key = `${r.kind} → ${r.verdict}${
      r.verdict === 'error'
        ? ` (${r.stderr
            .trim()
            .replace(/\d+(\.\d+)?s\b/g, 'Ns')
            .slice(0, 160)})`
        : ''
    }`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${n}× ${k}`)
    .join('; ');
}

/** A few lines for people: the size, what was killed, the checks, the latencies. */
export function describe(r: StressReport): string {
  const o = r.options;
  const kinds = KINDS.map((k) => `${k} ${r.byKind[k].run} (${r.byKind[k].killed} killed)`).join(', ');
  return [
    `${o.workers} workers × ${o.perWorker} hook processes = ${r.processes} requests in ${(r.durationMs / 1000).toFixed(1)} s, ${r.killed} SIGKILLed (kill fraction ${o.killFraction}, seed ${o.seed}); approvals expire after ${o.approvalTimeout}`,
    `  mix: ${kinds}`,
    `  answered ${r.answered}; lost (answered, not in the log) ${r.lost.length}; wrong answers ${r.wrong.length}; internal errors ${r.internalErrors.length}`,
    `  log: ${r.logEntries} entries, ${r.approvalsRequested} approval requests created, ${r.approvalsExpired} expired during the run; verify: ${r.verify.ok ? 'passes' : `FAILS (${r.verify.output.split('\n').length - 1} problems)`}`,
    `  held answers naming unknown requests ${r.unknownApprovals.length}, naming requests not logged ${r.unloggedApprovals.length}`,
    `  latency of answered processes: p50 ${r.latency.p50.toFixed(0)} ms, p99 ${r.latency.p99.toFixed(0)} ms, max ${r.latency.max.toFixed(0)} ms`,
  ].join('\n');
}

/**
 * `node -e 0` spawned the same way at the same concurrency: the floor the hook's latency is measured
 * against in the same run, since the machine's load inflates both alike.
 */
export async function concurrentFloor(workers: number, perWorker: number): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let i = 0; i < perWorker; i++) {
        const start = performance.now();
        await new Promise<void>((resolve) => spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' }).on('close', () => resolve()));
        times.push(performance.now() - start);
      }
    }),
  );
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}
