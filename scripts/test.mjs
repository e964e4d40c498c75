// Runs every compiled *.test.js under build/ with node's built-in test runner, whose summary lines CI reads.
// `--unit` leaves out the test files that need the machine's services (PostgreSQL, MariaDB, the real
// agent programs): a file says so in a `// Needs: …` line near its top.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const find = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? find(path) : path.endsWith('.test.js') ? [path] : [];
  });
const unit = process.argv.includes('--unit');
const only = process.argv.slice(2).filter((a) => a !== '--unit');
/** What a test file needs besides node, from the `// Needs:` line of its TypeScript source. */
const needs = (compiled) => {
  const source = compiled.replace(join(root, 'build'), root).replace(/\.js$/, '.ts');
  const head = readFileSync(source, 'utf8').slice(0, 2000);
  return /^\/\/ Needs: (.+)$/m.exec(head)?.[1] ?? null;
};
const files = find(join(root, 'build'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .filter((f) => !unit || needs(f) === null);
if (files.length === 0) {
  console.error('no test files found under build/: run `npm run build` first');
  process.exit(1);
}
const run = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(run.status ?? 1);
