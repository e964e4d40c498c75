// `npm run bench:compare -- <git revision> [--seconds N] [--cwd DIR]`: in-process throughput of this
// tree against an earlier one. Machines of the same kind differ by up to 2× from one day to the next,
// and one machine's speed drifts within a minute, so figures from separate runs (even separate
// processes run in turn) say little. Both trees are loaded into one process and judge the corpus in
// alternating rounds; the ratio of each pair of neighbouring rounds is taken, and the median of those
// ratios is printed. Drift hits both trees alike; two copies of the same tree measure 1.00×.
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
const seconds = Number(option('--seconds', '20'));
const cwd = option('--cwd', '/nonexistent-airlock-bench');
const revision = args[0];
if (!revision || !Number.isFinite(seconds) || seconds <= 0) {
  console.error('usage: npm run bench:compare -- <git revision> [--seconds N] [--cwd DIR]');
  process.exit(2);
}

/** Both trees in one process, in alternating rounds over the corpus; prints JSON with the medians. */
const MEASURE = `
const [earlier, current, corpusFile, cwd, seconds] = process.argv.slice(1);
const { readFileSync, existsSync } = await import('node:fs');
const corpus = readFileSync(corpusFile, 'utf8').split('\\n').filter(Boolean).map((l) => JSON.parse(l).command);
const requests = corpus.map((command) => ({ command, cwd }));
async function load(tree) {
  const now = tree + '/build/src/runtime/assess.js';
  const m = existsSync(now) ? await import(now) : await import(tree + '/build/src/analyze/analyze.js');
  const analyzeSync = m.analyzeNow ?? m.analyzeSync;
  const { decide } = await import(tree + '/build/src/policy/decide.js');
  // The SQL parser is loaded before measuring, as the hook has it by the time it judges SQL.
  await m.analyze({ command: "psql -c 'SELECT 1'" });
  return () => {
    const start = performance.now();
    for (const r of requests) decide({ assessment: analyzeSync(r) });
    return performance.now() - start;
  };
}
const a = await load(earlier);
const b = await load(current);
for (let i = 0; i < 10; i++) { a(); b(); }
const ta = [], tb = [], ratios = [];
const end = performance.now() + Number(seconds) * 1000;
while (performance.now() < end) {
  const x = a(), y = b();
  ta.push(x); tb.push(y); ratios.push(x / y);
}
const median = (v) => [...v].sort((p, q) => p - q)[Math.floor(v.length / 2)];
const rate = (ms) => requests.length / (ms / 1000);
console.log(JSON.stringify({ earlier: rate(median(ta)), current: rate(median(tb)), ratio: median(ratios), rounds: ratios.length }));
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
  console.log(`in-process throughput in ${cwd}: ${sha.slice(0, 7)} and this tree in one process, alternating rounds for ${seconds} s`);
  const { earlier, current, ratio, rounds } = JSON.parse(run(process.execPath, ['--input-type=module', '-e', MEASURE, other, root, corpus, cwd, String(seconds)]));
  const figure = (n) => Math.round(n).toLocaleString('en');
  console.log(`  ${sha.slice(0, 7)}: ${figure(earlier)} commands/s   this tree: ${figure(current)} commands/s   (medians of ${rounds} rounds each)`);
  console.log(`median of neighbouring rounds: this tree runs at ${ratio.toFixed(2)}× ${sha.slice(0, 7)}'s throughput`);
} finally {
  spawnSync('git', ['-C', root, 'worktree', 'remove', '--force', other]);
  rmSync(other, { recursive: true, force: true });
}
