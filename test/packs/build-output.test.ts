// Folders a build writes and the next build writes again: deleting them loses nothing. A `bin` folder
// is build output only where the disk says so (a build file that writes there, and git ignoring it);
// elsewhere it holds scripts, which are source.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { check, emptyHome, removeAtExit } from '../helpers.js';

const project = mkdtempSync(join(tmpdir(), 'airlock-build-output-'));
removeAtExit(project);
const files: Record<string, string> = {
  'go-app/Makefile': 'build:\n\tgo build -o bin/app ./cmd/app\n',
  'go-app/.gitignore': '/bin/\n',
  'go-unignored/go.mod': 'module example.com/x\n',
  'rails-app/Gemfile': "source 'https://rubygems.org'\n",
  'rails-app/Makefile': 'test:\n\tbin/rails test\n',
  'dotnet/src/Api/Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>\n',
  'dotnet/.gitignore': '[Bb]in/\n[Oo]bj/\n',
};
for (const [path, text] of Object.entries(files)) {
  mkdirSync(join(project, path, '..'), { recursive: true });
  writeFileSync(join(project, path), text);
}
for (const dir of ['go-app/bin', 'go-unignored/bin', 'rails-app/bin', 'dotnet/src/Api/bin', 'scripts-only/bin']) mkdirSync(join(project, dir), { recursive: true });

const verdict = async (command: string, cwd = project) => (await check(command, { cwd, env: { HOME: emptyHome } })).verdict;

test('bin beside a build file that writes there, and ignored by git, is regenerable', async () => {
  assert.equal(await verdict('rm -rf go-app/bin'), 'allow');
  assert.equal(await verdict('rm -rf bin', join(project, 'go-app')), 'allow');
  assert.equal(await verdict('cd dotnet && rm -rf src/Api/bin'), 'allow');
});

test('bin that git does not ignore, or with no build file beside it, is source', async () => {
  assert.notEqual(await verdict('rm -rf go-unignored/bin'), 'allow');
  assert.notEqual(await verdict('rm -rf rails-app/bin'), 'allow');
  assert.notEqual(await verdict('rm -rf scripts-only/bin'), 'allow');
  assert.notEqual(await verdict('rm -rf bin'), 'allow');
  // The folder above the project, or a bin folder given by an absolute path, is not judged by these files.
  assert.notEqual(await verdict('rm -rf ../bin', join(project, 'go-app')), 'allow');
});

test('build and test output by name is regenerable; the folders around it are not', async () => {
  for (const path of [
    'htmlcov',
    'public/assets',
    'public/packs',
    'foo.egg-info',
    'src/acme.egg-info',
    '.coverage',
    '.pytest_cache',
    'tmp/cache',
    'coverage',
    '.next',
    'target',
    'out',
    'build',
    'dist',
  ])
    assert.equal(await verdict(`rm -rf ${path}`), 'allow', path);
  for (const path of ['public', 'src', 'assets']) assert.notEqual(await verdict(`rm -rf ${path}`), 'allow', path);
});

test('$TMPDIR is a temporary folder, unless an unset $TMPDIR leaves a path that matters', async () => {
  for (const command of ['rm -rf "$TMPDIR/x"', 'rm -rf "${TMPDIR}/build-42"', 'rm -rf "${TMPDIR:-/tmp}/x"']) assert.equal(await verdict(command), 'allow', command);
  for (const command of ['rm -rf "$TMPDIR/"', 'rm -rf "$TMPDIR"/*', 'rm -rf "$TMPDIR/etc"', 'rm -rf "$TMPDIR/../home"', 'rm -rf "$TMPDIR/.ssh"', 'rm -rf "${TMPDIR:-$HOME}/x"'])
    assert.notEqual(await verdict(command), 'allow', command);
});

test("$TMPDIR set to macOS's per-user folder is temporary there too", async () => {
  const env = { HOME: emptyHome, TMPDIR: '/var/folders/zz/zyxvpxvq6csfxvn_n0000000000000/T/' };
  assert.equal((await check('rm -rf "$TMPDIR/x"', { env })).verdict, 'allow');
  assert.equal((await check('rm -rf /private/var/folders/zz/abc/T/x')).verdict, 'allow');
  assert.notEqual((await check('rm -rf /var/folders/zz')).verdict, 'allow');
});
