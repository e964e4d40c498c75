// Issue 10: the audit log and approvals under load, at a size that fits CI. 4 workers × 30 separate
// hook processes, a tenth of them SIGKILLed part-way, approval requests expiring during the run. The
// full size (8 × 500) is `npm run stress`; section 8 of `npm run bench` reports its figures. No timing
// is asserted here: only what must hold however slow the machine is.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describe as summary, runStress, type ProcessResult, type StressReport } from './stress.js';

const show = (rs: ProcessResult[]) =>
  rs
    .slice(0, 5)
    .map((r) => `${r.kind} \`${r.command}\` → exit ${r.status}, ${r.verdict}: ${(r.stderr || r.stdout).trim().slice(0, 200)}`)
    .join('\n');

let report: StressReport;

test('many hook processes at once, some killed: every answered request is logged, the log verifies, no internal errors', { timeout: 15 * 60_000 }, async (t) => {
  report = await runStress({ workers: 4, perWorker: 30, killFraction: 0.1, seed: 10 });
  t.diagnostic(summary(report));

  // The run exercised what it claims to: kills, held commands, and requests that expired.
  assert.ok(report.killed > 0, 'no process was killed');
  assert.ok(report.byKind.held.answered + report.byKind['held-repeat'].answered > 0, 'no held command was answered');
  assert.ok(report.approvalsExpired > 0, 'no approval request expired during the run');

  await t.test('every request that got an answer is in the audit log', () => {
    assert.equal(report.logError, null);
    assert.equal(report.lost.length, 0, `answered but not logged:\n${show(report.lost)}`);
  });
  await t.test('airlock verify passes', () => {
    assert.ok(report.verify.ok, report.verify.output);
  });
  await t.test('no answer is an internal error', () => {
    assert.equal(report.internalErrors.length, 0, show(report.internalErrors));
  });
  await t.test('every process that was not killed got the answer its command must get', () => {
    assert.equal(report.wrong.length, 0, show(report.wrong));
  });
  await t.test('every held answer names an approval request that exists and whose creation was logged', () => {
    assert.deepEqual(report.unknownApprovals, []);
    assert.deepEqual(report.unloggedApprovals, []);
  });
});
