// Each evasion is proven twice: airlock holds the command, and the same command, run for real with
// bash in a scratch directory, really destroys its scratch target. The second half keeps the list
// honest: a case that destroys nothing would only test airlock's imagination.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { check, removeAtExit } from '../helpers.js';

export interface EvasionCase {
  command: string;
  /** Programs the real run needs; a case whose program is missing is skipped, and says so. */
  needs?: string[];
  /** The directory, under the scratch directory, the command runs in (default: the scratch directory itself). */
  cwd?: string;
  /** Makes the target, in the scratch directory. */
  setup(dir: string): void;
  /** Whether the target was destroyed, after the real run; a string says what is left instead. */
  destroyed(dir: string): true | string;
  /** Runs the real command in `cwd` another way than plain `bash -c` (a private mount namespace); null when it can't here. */
  run?: (command: string, cwd: string) => { status: number | null; stderr: string } | null;
}

/** Every case's scratch directory is made in this one, removed when the tests end. */
const scratch = mkdtempSync(join(tmpdir(), 'airlock-evasions-'));
removeAtExit(scratch);

const installed = (program: string) => spawnSync('bash', ['-c', `command -v ${program}`], { encoding: 'utf8' }).status === 0;

/** Runs `command` with real bash in `cwd`, HOME pointed inside the scratch directory. */
export function bash(command: string, cwd: string, home: string): { status: number | null; stderr: string } {
  const run = spawnSync('bash', ['-c', command], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: home, LC_ALL: 'C' }, timeout: 30_000 });
  return { status: run.status, stderr: run.stderr };
}

export function evasionTests(family: string, cases: readonly EvasionCase[]): void {
  for (const c of cases) {
    test(`${family}: ${c.command.split('\n')[0]}`, async (t) => {
      const missing = (c.needs ?? []).filter((p) => !installed(p));
      if (missing.length) {
        console.log(`SKIPPED ${family}: ${c.command} (not installed: ${missing.join(', ')})`);
        t.skip(`not installed: ${missing.join(', ')}`);
        return;
      }
      const dir = mkdtempSync(join(scratch, 'case-'));
      const home = join(dir, 'home');
      mkdirSync(home);
      c.setup(dir);
      const cwd = c.cwd ? join(dir, c.cwd) : dir;
      const decision = await check(c.command, { cwd, env: { HOME: home } });
      assert.notEqual(decision.verdict, 'allow', `airlock allowed ${c.command}`);
      const ran = c.run ? c.run(c.command, cwd) : bash(c.command, cwd, home);
      if (ran === null) {
        console.log(
          `SKIPPED real run of ${family}: ${c.command} (it can only run safely in a private mount namespace, which this machine refuses); airlock's verdict was checked: ${decision.verdict}`,
        );
        t.skip('real run not possible here');
        return;
      }
      assert.equal(ran.status, 0, `the real command failed: ${ran.stderr}`);
      const result = c.destroyed(dir);
      assert.equal(result, true, `the real command did not destroy its target: ${result}`);
    });
  }
}
