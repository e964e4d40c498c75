// File destruction without rm (issue 12, point 4): emptying, replacing or discarding a file through
// programs whose job is something else. Each case runs for real in a scratch directory (see cases.ts).

import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evasionTests, type EvasionCase } from './cases.js';

const NOTES = 'meeting notes\nsecond line\n';
const notes = (dir: string) => writeFileSync(join(dir, 'notes.txt'), NOTES);
/** The file is there and empty, or says what it holds instead. */
const emptied = (file: string) => (dir: string) => {
  const path = join(dir, file);
  if (!existsSync(path)) return `${file} is gone rather than emptied`;
  const size = statSync(path).size;
  return size === 0 || readFileSync(path, 'utf8').trim() === '' ? true : `${file} still holds ${size} bytes`;
};
/** The file no longer holds what it held. */
const replaced = (file: string, before: string) => (dir: string) => {
  const path = join(dir, file);
  return !existsSync(path) || readFileSync(path, 'utf8') !== before ? true : `${file} still holds what it held`;
};
const gone = (path: string) => (dir: string) => (existsSync(join(dir, path)) ? `${path} is still there` : true);

/** A folder of the project holding data, and an empty one beside it. */
const projectData = (dir: string) => {
  mkdirSync(join(dir, 'data'));
  mkdirSync(join(dir, 'empty'));
  writeFileSync(join(dir, 'data/customers.csv'), 'id,name\n');
};
/** An archive in a temporary place, removed by its case once checked. */
const ZIP_IN_TMP = `/tmp/airlock-evasion-zip-move-${process.pid}.zip`;

const ROWS = 'SQLite format 3\u0000 rows of customers';
const SECRETS = 'STRIPE_KEY=sk_live_123\n';

/** Runs a command where /dev is a private tmpfs with its own null device, so replacing /dev/null touches nothing outside the test. */
function inPrivateDev(command: string, cwd: string) {
  const probe = spawnSync('unshare', ['-m', '--propagation', 'private', 'true']);
  if (probe.status !== 0) return null;
  const script = `mount -t tmpfs none /dev && mknod -m 666 /dev/null c 1 3 && cd "$1" && ${command}`;
  const run = spawnSync('unshare', ['-m', '--propagation', 'private', 'bash', '-c', script, 'bash', cwd], { encoding: 'utf8', timeout: 30_000 });
  return { status: run.status, stderr: run.stderr };
}

const cases: EvasionCase[] = [
  { command: 'truncate -s0 notes.txt', setup: notes, destroyed: emptied('notes.txt') },
  { command: 'tee notes.txt < /dev/null', setup: notes, destroyed: emptied('notes.txt') },
  { command: 'cp /dev/null notes.txt', setup: notes, destroyed: emptied('notes.txt') },
  { command: 'install /dev/null notes.txt', setup: notes, destroyed: emptied('notes.txt') },
  { command: 'sort -o notes.txt /dev/null', setup: notes, destroyed: emptied('notes.txt') },
  { command: 'sort -o notes.txt < /dev/null', setup: notes, destroyed: emptied('notes.txt') },
  {
    command: 'mv draft.txt app.db',
    setup: (dir) => {
      writeFileSync(join(dir, 'app.db'), ROWS);
      writeFileSync(join(dir, 'draft.txt'), 'draft');
    },
    destroyed: replaced('app.db', ROWS),
  },
  {
    command: 'mv .env.example .env',
    setup: (dir) => {
      writeFileSync(join(dir, '.env'), SECRETS);
      writeFileSync(join(dir, '.env.example'), 'STRIPE_KEY=\n');
    },
    destroyed: replaced('.env', SECRETS),
  },
  {
    command: 'cp .env.example .env',
    setup: (dir) => {
      writeFileSync(join(dir, '.env'), SECRETS);
      writeFileSync(join(dir, '.env.example'), 'STRIPE_KEY=\n');
    },
    destroyed: replaced('.env', SECRETS),
  },
  { command: 'mv notes.txt /dev/null', setup: notes, destroyed: gone('notes.txt'), run: inPrivateDev },
  {
    command: 'ln -sf .env.example .env',
    setup: (dir) => {
      writeFileSync(join(dir, '.env'), SECRETS);
      writeFileSync(join(dir, '.env.example'), 'STRIPE_KEY=\n');
    },
    destroyed: (dir) => (lstatSync(join(dir, '.env')).isSymbolicLink() ? true : '.env is still a file'),
  },
  {
    command: 'chmod -R 000 scripts',
    setup: (dir) => {
      mkdirSync(join(dir, 'scripts'));
      writeFileSync(join(dir, 'scripts/deploy.sh'), '#!/bin/sh\necho deploy\n', { mode: 0o755 });
    },
    // The old modes are kept nowhere: which file was executable is lost (root can still read the bytes).
    destroyed: (dir) => ((statSync(join(dir, 'scripts/deploy.sh')).mode & 0o777) === 0 ? true : 'deploy.sh kept its mode'),
  },
  {
    command: 'tar --remove-files -cf /dev/null reports',
    setup: (dir) => {
      mkdirSync(join(dir, 'reports'));
      writeFileSync(join(dir, 'reports/q3.csv'), 'revenue\n');
    },
    destroyed: gone('reports'),
  },
  {
    command: 'tar --recursive-unlink -xf old.tar',
    setup: (dir) => {
      mkdirSync(join(dir, 'data'));
      writeFileSync(join(dir, 'data/a.txt'), 'a\n');
      spawnSync('tar', ['-cf', 'old.tar', 'data'], { cwd: dir });
      writeFileSync(join(dir, 'data/only-here.txt'), 'work not in the archive\n');
    },
    destroyed: gone('data/only-here.txt'),
  },
  {
    command: 'fallocate --punch-hole -o 0 -l 8192 data.bin',
    needs: ['fallocate'],
    setup: (dir) => writeFileSync(join(dir, 'data.bin'), 'x'.repeat(16384)),
    destroyed: (dir) =>
      readFileSync(join(dir, 'data.bin'))
        .subarray(0, 8192)
        .every((b) => b === 0)
        ? true
        : 'the range still holds its bytes',
  },
  // A program whose output is nothing, or that writes over the file an option names, from nothing.
  { command: "printf '' > notes.txt", setup: notes, destroyed: emptied('notes.txt') },
  { command: 'echo -n > notes.txt', setup: notes, destroyed: emptied('notes.txt') },
  { command: 'head -c0 /dev/zero > notes.txt', setup: notes, destroyed: emptied('notes.txt') },
  { command: 'dd if=/dev/null of=notes.txt', setup: notes, destroyed: emptied('notes.txt') },
  { command: "sed -n 'w notes.txt' /dev/null", setup: notes, destroyed: emptied('notes.txt') },
  { command: 'openssl enc -in /dev/null -out notes.txt', needs: ['openssl'], setup: notes, destroyed: emptied('notes.txt') },
  { command: 'curl -s file:///dev/null -o notes.txt', needs: ['curl'], setup: notes, destroyed: emptied('notes.txt') },
  { command: 'wget -qO notes.txt file:///dev/null; true', needs: ['wget'], setup: notes, destroyed: emptied('notes.txt') },
  // A filter reading the file its own `>` empties first.
  { command: `gawk 'BEGIN{printf "" > "notes.txt"}'`, needs: ['gawk'], setup: notes, destroyed: emptied('notes.txt') },
  { command: 'sort notes.txt > notes.txt', setup: notes, destroyed: emptied('notes.txt') },
  { command: 'tr -d . < notes.txt > notes.txt', setup: notes, destroyed: emptied('notes.txt') },
  { command: 'sed s/meeting/call/ notes.txt > notes.txt', setup: notes, destroyed: emptied('notes.txt') },
  { command: "perl -0pi -e 's/.*//s' notes.txt", needs: ['perl'], setup: notes, destroyed: emptied('notes.txt') },
  { command: 'sed -i d notes.txt', setup: notes, destroyed: emptied('notes.txt') },
  { command: "sed -i '1,$d' notes.txt", setup: notes, destroyed: emptied('notes.txt') },
  { command: "sed -n -i '' notes.txt", setup: notes, destroyed: emptied('notes.txt') },
  { command: 'sed -i "s/.*//" notes.txt', setup: notes, destroyed: emptied('notes.txt') },
  { command: `perl -pi -e '$_ = ""' notes.txt`, needs: ['perl'], setup: notes, destroyed: emptied('notes.txt') },
  { command: "perl -0777 -pi -e 's/.*//s' notes.txt", needs: ['perl'], setup: notes, destroyed: emptied('notes.txt') },
  { command: "perl -ni -e '' notes.txt", needs: ['perl'], setup: notes, destroyed: emptied('notes.txt') },
  { command: "gawk -i inplace 'NR < 0' notes.txt", needs: ['gawk'], setup: notes, destroyed: emptied('notes.txt') },
  { command: "gawk -i inplace '{ n++ }' notes.txt", needs: ['gawk'], setup: notes, destroyed: emptied('notes.txt') },
  ...(['find ../shared -delete', 'find ../shared -type f -print0 | xargs -0 rm', 'find ../shared -name "*.csv" | xargs rm -f'] as const).map(
    (command): EvasionCase => ({
      command,
      cwd: 'project',
      setup: (dir) => {
        mkdirSync(join(dir, 'project'));
        mkdirSync(join(dir, 'shared'));
        writeFileSync(join(dir, 'shared/customers.csv'), 'id,name\n');
      },
      destroyed: gone('shared/customers.csv'),
    }),
  ),
  // Attack review of 1 December 2026, findings 4, 46 and 34: rsync --delete into a local folder of the
  // project, and zip -m into an archive in a temporary place (or nowhere).
  ...(['rsync -a --delete empty/ data/', 'rsync -a --delete-before empty/ data/'] as const).map(
    (command): EvasionCase => ({ command, needs: ['rsync'], setup: projectData, destroyed: gone('data/customers.csv') }),
  ),
  { command: 'zip -qrm - data > /dev/null', needs: ['zip'], setup: projectData, destroyed: gone('data') },
  {
    command: `zip -qrm ${ZIP_IN_TMP} data`,
    needs: ['zip'],
    setup: projectData,
    destroyed: (dir) => {
      rmSync(ZIP_IN_TMP, { force: true });
      return gone('data')(dir);
    },
  },
];

evasionTests('file destruction without rm', cases);
