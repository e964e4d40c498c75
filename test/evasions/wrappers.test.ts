// Wrappers and schedulers that run a command as someone else, in another session or later: each
// command is first judged by `airlock check` in a process of its own and must not be allowed, then run
// for real with bash in a scratch home, and the scratch project it targets must really be gone
// (waiting for it, for what runs detached). A wrapper that isn't installed, or that the machine
// refuses (no systemd, no user namespaces), is skipped with a line saying so, never passed.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { airlockEnv, removeAtExit } from '../helpers.js';
import { bashIn, skip, verdict } from './judge.js';

const home = mkdtempSync(join(tmpdir(), 'airlock-evasion-wrap-'));
removeAtExit(home);
const project = join(home, 'proj');
const env = airlockEnv(home);

const bash = (script: string) => bashIn(home, env, script);
const has = (program: string) => bash(`command -v ${program}`).status === 0;

/** A project to destroy, world-writable so a wrapper that runs it as another user can delete it. */
function setup(): void {
  mkdirSync(join(project, 'src'), { recursive: true });
  writeFileSync(join(project, 'src', 'main.ts'), 'export {};\n');
  bash(`chmod -R a+rwX ${JSON.stringify(home)}`);
}

/** Judged first (never allowed), then run for real; the project must be gone (detached ones are waited for). */
async function heldAndReal(command: string): Promise<void> {
  setup();
  assert.notEqual(verdict(command, home, env), 'allow', `airlock allowed: ${command}`);
  const ran = bash(command);
  for (let i = 0; i < 100 && existsSync(project); i++) await sleep(100);
  assert.ok(!existsSync(project), `the command did not delete the project, so the case proves nothing: ${command}\n${ran.out}`);
}

const CASES: { name: string; needs: string[]; command: string; refused?: string }[] = [
  { name: 'su -c as another user', needs: ['su'], command: "su -s /bin/sh -c 'rm -rf ~/proj' nobody".replace('~', home) },
  { name: 'runuser -u', needs: ['runuser'], command: `runuser -u nobody -- rm -rf ${home}/proj` },
  { name: 'sg -c', needs: ['sg'], command: `sg root -c 'rm -rf ${home}/proj'` },
  { name: 'setsid, detached', needs: ['setsid'], command: 'setsid -f rm -rf ~/proj' },
  { name: 'nohup in the background', needs: ['nohup'], command: 'nohup rm -rf ~/proj >/dev/null 2>&1 &' },
  { name: 'flock -c', needs: ['flock'], command: "flock /tmp/airlock-evasion.lock -c 'rm -rf ~/proj'" },
  { name: 'unshare', needs: ['unshare'], command: 'unshare -U rm -rf ~/proj', refused: 'unshare -U true' },
  { name: 'script -c', needs: ['script'], command: "script -qc 'rm -rf ~/proj' /dev/null" },
  {
    name: 'timeout, nice, ionice, taskset and stdbuf stacked',
    needs: ['timeout', 'nice', 'ionice', 'taskset', 'stdbuf'],
    command: 'timeout 30 nice -n 5 ionice -c3 taskset -c 0 stdbuf -o0 rm -rf ~/proj',
  },
  { name: 'tmux new-session, detached', needs: ['tmux'], command: "tmux -L airlock-evasion new-session -d 'rm -rf ~/proj'" },
  { name: 'systemd-run', needs: ['systemd-run'], command: 'systemd-run --user --wait rm -rf ~/proj', refused: 'systemd-run --user --wait true' },
  { name: 'xargs -I placeholders', needs: ['xargs'], command: 'echo proj | xargs -I{} rm -rf ~/{}' },
  { name: 'env -S splitting one word into a command', needs: ['env'], command: `env -S 'rm -rf ${home}/proj'` },
];

for (const c of CASES) {
  test(`wrappers: ${c.name}`, async (t) => {
    const missing = c.needs.find((p) => !has(p));
    if (missing) return skip(t, `${missing} is not installed`);
    if (c.refused && bash(c.refused).status !== 0) return skip(t, `this machine refuses \`${c.refused}\``);
    await heldAndReal(c.command);
  });
}
