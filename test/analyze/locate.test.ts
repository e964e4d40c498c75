// The walker works out each path's spellings once per request, with one lstat() per path: a path that
// is no link (or is nothing) takes its folder's real path, and only links are resolved. These
// tests hold it to what asking the disk afresh for every path says, on a tree full of links into
// airlock's state folder, and check that the self-protection rules still see through every link.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { test } from 'node:test';
import { fileSource } from '../../src/analyze/files.js';
import { plainJoin, resolveIn, type Directory } from '../../src/analyze/cwd.js';
import { defaultBudget, Walker } from '../../src/analyze/walk.js';
import { decide } from '../../src/policy/decide.js';
import { diskLookup } from '../../src/facts/disk.js';
import { analyzeNow } from '../../src/runtime/assess.js';

/** A home with airlock's state, and a work folder full of links into it, some through other links. */
function tree() {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'airlock-locate-')));
  const home = join(root, 'home');
  const state = join(home, '.local/state/airlock');
  const work = join(root, 'work');
  mkdirSync(state, { recursive: true });
  mkdirSync(join(work, 'sub'), { recursive: true });
  writeFileSync(join(state, 'audit.key'), 'k');
  writeFileSync(join(state, 'audit.db'), '');
  writeFileSync(join(work, 'notes.txt'), 'x');
  symlinkSync(state, join(work, 'state'));
  symlinkSync(join(home, '.local'), join(work, 'loc'));
  symlinkSync(join(work, 'loc'), join(work, 'chain'));
  symlinkSync(join(root, 'nowhere'), join(work, 'dangling'));
  symlinkSync(join(home, '.local/state'), join(work, 'sub/up'));
  symlinkSync(join(state, 'audit.key'), join(work, 'key-link'));
  symlinkSync(join(state, 'audit.key'), join(root, 'missing-key-link'));
  return { root, home, state, work };
}

const PATHS = [
  'state/audit.key',
  'state',
  'state/',
  'loc/state/airlock/audit.key',
  'chain/state/airlock',
  'chain/state/airlock/new-file',
  'key-link',
  'dangling',
  'dangling/x',
  'notes.txt/x',
  'notes.txt',
  'missing/a/b',
  'x',
  '-rf',
  '--db=state/audit.db',
  '.',
  '..',
  '../work/state/audit.key',
  'sub/up/../state/airlock/audit.key',
  'sub/up/airlock/audit.key',
  'sub/../state/audit.key',
  'sub/up/..',
  '~',
  '~/.local/state/airlock/audit.key',
  '~/.local/state/airlock/x/y',
  '/dev/null',
  '/proc/self/x/..',
  '/',
  '//tmp',
  'state/*',
  'st*/audit.key',
  '~/.loc*/state',
];

/** What locate() answered before it remembered anything: every path resolved and asked of the disk on its own. */
function afresh(path: string, from: Directory, home: string): string[] {
  const files = fileSource(diskLookup, undefined, home);
  const absolute = resolveIn(from, path, home);
  if (!absolute || !absolute.startsWith('/')) return [];
  const spellings = new Set([absolute]);
  const real = files.realpath!(absolute);
  if (real) spellings.add(real);
  if (/(^|\/)\.\.(\/|$)/.test(path)) {
    const physical = files.realpath!(path.startsWith('/') ? path : `${resolveIn(from, '.', home) ?? ''}/${path.replace(/^~(?=\/)/, home)}`);
    if (physical) spellings.add(physical);
  }
  return [...spellings];
}

test('locate: every answer is what asking the disk afresh says, from a real folder, a missing one, a file and a link', () => {
  const { root, home, work } = tree();
  const places: Directory[] = [
    work,
    join(work, 'sub'),
    join(work, 'state'),
    join(work, 'chain/state'),
    join(root, 'missing'),
    join(root, 'missing/deeper'),
    join(work, 'notes.txt'),
    join(work, 'dangling'),
    null,
  ];
  const walker = new Walker(fileSource(diskLookup, work, home), defaultBudget, { HOME: home }, work);
  // Asked in two orders, so that what was remembered first can't decide a later answer.
  const questions = places.flatMap((from) => PATHS.map((path) => [from, path] as const));
  for (const [from, path] of [...questions, ...[...questions].reverse()]) {
    assert.deepEqual(walker.locate(path, from ?? null), afresh(path, from, home), `${path} from ${from}`);
  }
  // The request's own folder, when no other is given.
  for (const path of PATHS) assert.deepEqual(walker.locate(path, undefined), afresh(path, work, home), path);
});

test('locate: a request in a missing folder still follows links named by absolute paths', () => {
  const { root, home, state, work } = tree();
  const missing = join(root, 'missing');
  const walker = new Walker(fileSource(diskLookup, missing, home), defaultBudget, { HOME: home }, missing);
  assert.deepEqual(walker.locate('x', undefined), [join(missing, 'x')]);
  assert.ok(walker.locate(`${work}/state/audit.key`, undefined).includes(join(state, 'audit.key')));
  assert.ok(walker.locate(`${root}/missing-key-link`, undefined).includes(join(state, 'audit.key')));
});

function verdict(command: string, cwd: string, home: string) {
  return decide({ assessment: analyzeNow({ command, cwd, env: { HOME: home, PATH: '/usr/bin:/bin' } }) }).verdict;
}

test("self-protection: links into the state folder, `..`, `~`, $HOME and globs are still airlock's files", () => {
  const { root, home, work } = tree();
  const denied = [
    'cat state/audit.key',
    'cat key-link',
    'cp key-link /tmp/k',
    'cat chain/state/airlock/audit.key',
    'cat loc/state/airlock/audit.key',
    'base64 < sub/up/airlock/audit.key',
    'cat sub/up/../state/airlock/audit.key',
    'cat ../work/state/audit.key',
    `cat ${root}/missing-key-link`,
    'cat ~/.local/state/airlock/audit.key',
    'cat $HOME/.local/state/airlock/audit.key',
    'cat "$HOME"/.local/state/airlock/audit.key',
    'cat ~/.local/st*/airlock/audit.key',
    'cat state/audit.ke?',
    "sqlite3 state/audit.db 'DELETE FROM approvals'",
    "sqlite3 chain/state/airlock/audit.db 'DELETE FROM approvals'",
    'rm -rf state/',
    'rm -rf loc',
    'echo x > chain/state/airlock/grants.jsonl',
    `cd ${join(work, 'state')} && cat audit.key`,
    `cd ${join(work, 'chain')} && rm -rf state`,
    `cd ${join(root, 'missing')}; cat ${work}/state/audit.key`,
  ];
  for (const command of denied) assert.equal(verdict(command, work, home), 'deny', command);
  // The same words in a missing folder: nothing there can be a link.
  const missing = join(root, 'missing');
  for (const command of ['cat state/audit.key', 'cat key-link', 'cat notes.txt']) assert.equal(verdict(command, missing, home), 'allow', command);
  for (const command of ['cat notes.txt', 'cat dangling', 'ls state', 'cat x', 'git status && ls -la sub']) assert.equal(verdict(command, work, home), 'allow', command);
});

test('self-protection: a state folder and settings outside home are found from anywhere, through links too', () => {
  const { root, home, work } = tree();
  const state = join(root, 'srv/airlock-state');
  const config = join(root, 'etc-config');
  mkdirSync(state, { recursive: true });
  mkdirSync(join(config, 'opencode'), { recursive: true });
  writeFileSync(join(state, 'audit.key'), 'k');
  symlinkSync(state, join(work, 'elsewhere'));
  symlinkSync(join(config, 'opencode'), join(work, 'oc'));
  const env = { HOME: home, PATH: '/usr/bin:/bin', AIRLOCK_STATE_DIR: state, XDG_CONFIG_HOME: config };
  const verdictOf = (command: string) => decide({ assessment: analyzeNow({ command, cwd: work, env }) }).verdict;
  for (const command of [
    `cat ${state}/audit.key`,
    'cat elsewhere/audit.key',
    `cd /tmp && cat ${work}/elsewhere/audit.key`,
    'echo {} > oc/opencode.json',
    'rm -rf oc/plugins',
    `rm -rf ${config}/opencode`,
    'rm -rf elsewhere/',
  ])
    assert.equal(verdictOf(command), 'deny', command);
  // The default places are nobody's now: an ordinary file there is an ordinary file.
  mkdirSync(join(home, '.local/state/airlock'), { recursive: true });
  assert.equal(verdictOf('cat ~/.local/state/airlock/notes.txt'), 'allow');
  assert.equal(verdictOf('cat notes.txt'), 'allow');
});

test('resolveIn: a plain name in a clean folder is joined exactly as normalize would join it, and nothing else is', () => {
  const dirs = ['/', '/a', '/a/b', '/a/', '//a', '/a//b', '/a/./b', '/a/../b', '/a/.', '/a/..', '/.', '/..', '/a/.b', '/a/..b', '/a/b.', '/a/...', '/a b/c', '/.a', 'rel', 'rel/x', '.'];
  const names = ['x', '.x', '..x', 'x.', 'x..', '...', 'a b', '-rf', '=', '\\', '~x', 'é', ' ', '.', '..', 'a/b', 'a/../b', '', 'x/'];
  for (const dir of dirs) {
    for (const name of names) {
      const joined = plainJoin(dir, name);
      if (joined !== null) assert.equal(joined, posix.join(dir, name), `${dir} + ${name}`);
      if (!name.startsWith('~')) assert.equal(resolveIn(dir, name, '/h'), posix.normalize(posix.join(dir, name)).replace(/\/$/, '') || '/', `${dir} + ${name}`);
    }
  }
  assert.equal(plainJoin('/a/./b', 'x'), null);
  assert.equal(plainJoin('/a', '..'), null);
  assert.equal(plainJoin('/a', 'x'), '/a/x');
});
