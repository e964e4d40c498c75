// `npm run bench:compare -- <git revision> [--pairs N] [--cwd DIR]`: in-process throughput of this
// tree against an earlier one, measured in the same run, a process for each in turn. Machines of the
// same kind differ by up to 2× from one day to the next, so an absolute figure from another day says
// little; a ratio measured side by side says whether a change made the analysis slower.
//
// The earlier tree is checked out into a temporary git worktree, built with this tree's node_modules,
// and removed afterwards. Revisions before the foundations issue kept the analysis in
// src/analyze/analyze.js (analyzeSync); later ones in src/runtime/assess.js (analyzeNow). Both work.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : fallback;
};
const pairs = Number(option('--pairs', '5'));
const cwd = option('--cwd', '/nonexistent-airlock-bench');
const revision = args[0];
if (!revision || !Number.isInteger(pairs) || pairs < 1) {
  console.error('usage: npm run bench:compare -- <git revision> [--pairs N] [--cwd DIR]');
  process.exit(2);
}

/** One measurement in a fresh process: median commands/s of 5 rounds of half a second. */
const MEASURE = `
const [tree, corpusFile, cwd] = process.argv.slice(1);
const { readFileSync, existsSync } = await import('node:fs');
const corpus = readFileSync(corpusFile, 'utf8').split('\\n').filter(Boolean).map((l) => JSON.parse(l).command);
const now = tree + '/build/src/runtime/assess.js';
const m = existsSync(now) ? await import(now) : await import(tree + '/build/src/analyze/analyze.js');
const analyzeSync = m.analyzeNow ?? m.analyzeSync;
const { decide } = await import(tree + '/build/src/policy/decide.js');
await m.analyze({ command: "psql -c 'SELECT 1'" });
const requests = corpus.map((command) => ({ command, cwd }));
for (let i = 0; i < 3; i++) for (const r of requests) decide({ assessment: analyzeSync(r) });
const rounds = [];
for (let round = 0; round < 5; round++) {
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < 500) {
    for (const r of requests) decide({ assessment: analyzeSync(r) });
    n += requests.length;
  }
  rounds.push(n / ((performance.now() - start) / 1000));
}
console.log(rounds.sort((a, b) => a - b)[2]);
`;

function run(command, argv, options = {}) {
  const r = spawnSync(command, argv, { encoding: 'utf8', ...options });
  if (r.status !== 0) {
    console.error(`${command} ${argv.join(' ')} failed:\n${r.stderr || r.stdout}`);
    process.exit(1);
  }
  return r.stdout.trim();
}

const sha = run('git', ['-C', root, 'rev-parse', '--verify', `${revision}^{commit}`]);
const other = mkdtempSync(join(tmpdir(), 'airlock-compare-'));
const corpus = join(root, 'test/fixtures/commands.jsonl');
try {
  run('git', ['-C', root, 'worktree', 'add', '--detach', other, sha]);
  symlinkSync(join(root, 'node_modules'), join(other, 'node_modules'));
  run(process.execPath, ['scripts/build.mjs'], { cwd: other });
  if (!existsSync(join(root, 'build/src/policy/decide.js'))) run(process.execPath, ['scripts/build.mjs'], { cwd: root });
  const measure = (tree) => Number(run(process.execPath, ['--input-type=module', '-e', MEASURE, tree, corpus, cwd]));
  const ratios = [];
  console.log(`in-process throughput, commands/s in ${cwd}: ${sha.slice(0, 7)} against this tree, ${pairs} pairs, each in turn`);
  for (let i = 0; i < pairs; i++) {
    const before = measure(other);
    const now = measure(root);
    ratios.push(now / before);
    console.log(`  ${Math.round(before).toLocaleString('en').padStart(7)}  ${Math.round(now).toLocaleString('en').padStart(7)}  ${(now / before).toFixed(2)}×`);
  }
  const median = ratios.sort((a, b) => a - b)[Math.floor(ratios.length / 2)];
  console.log(`median: this tree runs at ${median.toFixed(2)}× ${sha.slice(0, 7)}'s throughput`);
} finally {
  spawnSync('git', ['-C', root, 'worktree', 'remove', '--force', other]);
  rmSync(other, { recursive: true, force: true });
}
