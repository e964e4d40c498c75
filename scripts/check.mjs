// `npm run check`: every static check, each run to the end so one failure doesn't hide the next,
// then one line per check and a non-zero exit if any failed. Each check is its own npm script
// (check:types, check:lint…), so it can also be run alone.
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const scripts = Object.keys(JSON.parse(readFileSync(`${root}package.json`, 'utf8')).scripts);
const checks = scripts.filter((name) => name.startsWith('check:'));
const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];

const results = checks.map((name) => {
  process.stdout.write(`\n── ${name} ──\n`);
  const run = spawnSync(npm[0], [...npm.slice(1), 'run', '--silent', name], { cwd: root, stdio: 'inherit' });
  return { name, ok: run.status === 0 };
});
process.stdout.write('\n');
for (const { name, ok } of results) process.stdout.write(`${ok ? 'ok    ' : 'FAILED'} ${name}\n`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
