// Each evasion is proven twice: airlock holds the command, and the same command, run for real with
// bash in a scratch directory, really destroys its scratch target. The second half keeps the list
// honest: a case that destroys nothing would only test airlock's imagination.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { check, removeAtExit } from '../helpers.js';

interface Ran {
  status: number | null;
  stderr: string;
}

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
  run?: (command: string, cwd: string) => Ran | null | Promise<Ran | null>;
}

/** Every case's scratch directory is made in this one, removed when the tests end. */
const scratch = mkdtempSync(join(tmpdir(), 'airlock-evasions-'));
removeAtExit(scratch);

const installed = (program: string) => spawnSync('bash', ['-c', `command -v ${program}`], { encoding: 'utf8' }).status === 0;

const bashEnv = (home: string) => ({ PATH: process.env.PATH ?? '', HOME: home, LC_ALL: 'C', TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' });

/** Runs `command` with real bash in `cwd`, HOME pointed inside the scratch directory. */
function bash(command: string, cwd: string, home: string): Ran {
  const run = spawnSync('bash', ['-c', command], { cwd, encoding: 'utf8', env: bashEnv(home), timeout: 120_000 });
  return { status: run.status, stderr: run.stderr };
}

/** The same, without blocking this process: for commands that talk to a server the test itself runs. */
export function bashAsync(command: string, cwd: string): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', command], { cwd, env: bashEnv(join(cwd, '..', 'home')) });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stderr });
    });
  });
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
      const ran = c.run ? await c.run(c.command, cwd) : bash(c.command, cwd, home);
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
