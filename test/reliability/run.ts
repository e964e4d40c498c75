// `npm run stress`: the reliability run at full size, or any size, from the command line.
//   node build/test/reliability/run.js --workers 8 --per-worker 500 --kill 0.05 [--seed N] [--timeout 1500ms] [--keep DIR]
// Prints what happened and exits 1 if any guarantee was broken (see stress.ts for the list).

import { parseArgs } from 'node:util';
import { describe, failures, runStress } from './stress.js';

const USAGE = 'usage: node build/test/reliability/run.js [--workers 8] [--per-worker 500] [--kill 0.05] [--seed 10] [--timeout 1500ms] [--keep DIR]';

function options() {
  try {
    const { values } = parseArgs({
      options: {
        workers: { type: 'string', default: '8' },
        'per-worker': { type: 'string', default: '500' },
        kill: { type: 'string', default: '0.05' },
        seed: { type: 'string', default: '10' },
        timeout: { type: 'string', default: '1500ms' },
        keep: { type: 'string' },
      },
    });
    const workers = Number(values.workers);
    const perWorker = Number(values['per-worker']);
    const killFraction = Number(values.kill);
    const seed = Number(values.seed);
    if (!(Number.isInteger(workers) && workers > 0) || !(Number.isInteger(perWorker) && perWorker > 0)) throw new Error('--workers and --per-worker are positive whole numbers');
    if (!(killFraction >= 0 && killFraction < 1)) throw new Error('--kill is a fraction from 0 up to (not including) 1');
    if (!Number.isInteger(seed)) throw new Error('--seed is a whole number');
    if (!/^\d+(ms|s|m)$/.test(values.timeout)) throw new Error('--timeout is a duration like 1500ms or 2s');
    return { workers, perWorker, killFraction, seed, approvalTimeout: values.timeout, ...(values.keep ? { dir: values.keep } : {}) };
  } catch (error) {
    process.stderr.write(`stress: ${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
}

const chosen = options();
let shown = 0;
const report = await runStress({
  ...chosen,
  onProcess: (done, total) => {
    // A line every tenth of the run, so a long run shows it is moving.
    if (done * 10 >= (shown + 1) * total) {
      shown++;
      process.stderr.write(`  ${done}/${total} processes\n`);
    }
  },
});
console.log(describe(report));
const broken = failures(report);
if (broken.length) {
  console.log(`\nguarantees broken:\n${broken.map((b) => `- ${b}`).join('\n')}`);
  if (chosen.dir) console.log(`\nthe run's HOME and state are kept in ${chosen.dir}`);
  process.exit(1);
}
console.log('\nevery guarantee held');
