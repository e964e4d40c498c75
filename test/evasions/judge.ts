// What every evasion test does the same way: judge a command with `airlock check --json` in a process
// of its own, and mark a case it can't run as skipped, loudly, never as passed.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { BIN } from '../helpers.js';

/** airlock's verdict on `command` run from `cwd`, by a separate `airlock check` process with `env`. */
export function verdict(command: string, cwd: string, env: Record<string, string>): string {
  const r = spawnSync(process.execPath, [BIN, 'check', '--json', '--cwd', cwd, command], { encoding: 'utf8', env, cwd });
  assert.ok(r.stdout, r.stderr);
  return (JSON.parse(r.stdout) as { verdict: string }).verdict;
}

/** Marks the case skipped (counted as such, never as a pass) and says so on stderr. */
export const skip = (t: { name: string; skip(message?: string): void }, why: string): void => {
  process.stderr.write(`SKIPPED ${t.name}: ${why} — NOT tested\n`);
  t.skip(why);
};

/**
 * Runs a script as an agent's shell would, in `cwd` with `env`. Stdin is /dev/null: on a socket (node's
 * pipes are sockets) bash believes sshd started it and reads ~/.bashrc instead of $BASH_ENV. `as` runs
 * it as another user (`setpriv …`), for what bash ignores when it runs as root.
 */
export function bashIn(cwd: string, env: Record<string, string>, script: string, as: string[] = []): { status: number | null; out: string } {
  const argv = [...as, 'bash', '-c', script];
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}`.trim() };
}
