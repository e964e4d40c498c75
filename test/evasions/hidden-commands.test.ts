// The outside attack run of 1 December (docs/findings/2026-12-01-attack-evasions.md): commands that
// ran a deletion airlock did not see, through a program's hook option (tar, rsync, ssh, zip), a file
// bash reads first (BASH_ENV), a job (at), awk's pipes, Tcl, an editor's script, printf's octal
// escapes, and perl's and ruby's list-form system. Each is first judged by `airlock check` in a process
// of its own and must not be allowed, then run for real with bash in a scratch project of its own,
// where its target (the folder d, or the file f.txt's contents) must really be gone. A case whose
// program is missing is skipped with a line saying so, never passed.
// Needs: tar, rsync, ssh, zip, at (with atd running), awk, tclsh, vim, ex, ed, perl, ruby.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { airlockEnv, removeAtExit } from '../helpers.js';
import { bashIn, skip, verdict } from './judge.js';

const home = mkdtempSync(join(tmpdir(), 'airlock-evasion-hidden-'));
removeAtExit(home);
const env = airlockEnv(home);

const has = (program: string) => spawnSync('sh', ['-c', `command -v ${program}`]).status === 0;

/** A project of its own: f.txt holding a line, and the folder d holding a file. */
function project(): string {
  const dir = mkdtempSync(join(home, 'case-'));
  writeFileSync(join(dir, 'f.txt'), 'important\n');
  mkdirSync(join(dir, 'd'));
  writeFileSync(join(dir, 'd', 'x'), 'x\n');
  return dir;
}

const folderGone = (dir: string) => !existsSync(join(dir, 'd'));
const fileEmptied = (dir: string) => existsSync(join(dir, 'f.txt')) && readFileSync(join(dir, 'f.txt'), 'utf8') === '';

/** Waits up to `seconds` for `done`, for work a daemon does after the command returns (an at job). */
function waitFor(done: () => boolean, seconds: number): boolean {
  for (let i = 0; i < seconds * 4 && !done(); i++) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
  return done();
}

interface Case {
  finding: number;
  command: string;
  needs: string[];
  gone: (dir: string) => boolean;
  /** Makes what the command needs beside f.txt and d (an archive to extract). */
  setup?: (dir: string) => void;
  /** Seconds to wait for the destruction after the command returns. */
  after?: number;
}

const cases: Case[] = [
  // Hooks: options that name a command the program runs here.
  { finding: 58, command: "tar -xf x.tar --to-command='rm -rf d'", needs: ['tar'], gone: folderGone, setup: (dir) => bashIn(dir, env, 'tar -cf x.tar f.txt') },
  { finding: 59, command: "tar -cf /dev/null --checkpoint=1 --checkpoint-action=exec='rm -rf d' f.txt", needs: ['tar'], gone: folderGone },
  { finding: 60, command: `rsync -e 'sh -c "rm -rf d"' x: .; true`, needs: ['rsync'], gone: folderGone },
  { finding: 61, command: "ssh -o ProxyCommand='rm -rf d' x; true", needs: ['ssh'], gone: folderGone },
  { finding: 61, command: "ssh -oProxyCommand='rm -rf d' x; true", needs: ['ssh'], gone: folderGone },
  { finding: 61, command: "printf 'Host x\\n  ProxyCommand rm -rf d\\n' > c.conf; ssh -F c.conf x; true", needs: ['ssh'], gone: folderGone },
  { finding: 62, command: "zip z.zip f.txt -T -TT 'rm -rf d #'", needs: ['zip'], gone: folderGone },
  // A file bash reads before its command, written by the same command line; a job at runs.
  { finding: 57, command: "echo 'rm -rf d' > e.sh; BASH_ENV=e.sh bash -c true", needs: [], gone: folderGone },
  { finding: 21, command: "at now <<< 'rm -rf d'", needs: ['at'], gone: folderGone, after: 20 },
  // awk's pipes.
  { finding: 41, command: `awk 'BEGIN{"rm -rf d"|getline}'`, needs: ['awk'], gone: folderGone },
  { finding: 42, command: `awk 'BEGIN{print "rm -rf d" | "sh"}'`, needs: ['awk'], gone: folderGone },
  { finding: 41, command: `awk 'BEGIN{system("rm -rf " "d")}'`, needs: ['awk'], gone: folderGone },
  // Tcl.
  { finding: 5, command: "tclsh <<< 'file delete -force d'", needs: ['tclsh'], gone: folderGone },
  { finding: 5, command: "echo 'exec rm -rf d' | tclsh", needs: ['tclsh'], gone: folderGone },
  // Editors run from a script.
  { finding: 31, command: "vim -es -c '%d' -c 'wq' f.txt", needs: ['vim'], gone: fileEmptied },
  { finding: 32, command: "ex -sc '%d|x' f.txt", needs: ['ex'], gone: fileEmptied },
  { finding: 33, command: "ed -s f.txt <<< $',d\\nw\\nq'", needs: ['ed'], gone: fileEmptied },
  { finding: 32, command: "ex -sc '!rm -rf d' -c q f.txt", needs: ['ex'], gone: folderGone },
  // A command name spelled in printf's octal escapes.
  { finding: 40, command: "c=$(printf '\\162\\155'); $c -rf d", needs: [], gone: folderGone },
  // perl's and ruby's list-form system.
  { finding: 28, command: `perl -e 'system "rm","-rf","d"'`, needs: ['perl'], gone: folderGone },
  { finding: 43, command: `ruby -e 'system("rm","-rf","d")'`, needs: ['ruby'], gone: folderGone },
];

for (const c of cases) {
  test(`finding ${c.finding}: ${c.command}`, (t) => {
    const missing = c.needs.filter((p) => !has(p));
    if (missing.length) return skip(t, `not installed: ${missing.join(', ')}`);
    if (c.needs.includes('at') && spawnSync('pgrep', ['-x', 'atd']).status !== 0) return skip(t, 'atd is not running, so no at job would run');
    const dir = project();
    c.setup?.(dir);
    assert.notEqual(verdict(c.command, dir, env), 'allow', `airlock allowed: ${c.command}`);
    const ran = bashIn(dir, env, c.command);
    assert.ok(
      waitFor(() => c.gone(dir), c.after ?? 0),
      `the command did not destroy its target, so the case proves nothing: ${c.command}\n${ran.out}`,
    );
  });
}
