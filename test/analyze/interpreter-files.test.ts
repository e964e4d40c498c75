// What interpreter code does to the files it names (fileChangesInCode), with perl's and awk's strings
// read as they run (interpolatePerl, interpolateAwk): the self-protection rule compares these paths
// with airlock's and the agents' own places.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Language, fileChangesInCode, interpolateAwk, interpolatePerl } from '../../src/analyze/interpreters.js';

const changes = (language: Language, code: string) => fileChangesInCode({ language, code: language === 'perl' ? interpolatePerl(code) : code, origin: 'test' });

test('perl fills in $ENV{HOME} and scalars given one literal, in strings, backticks, qx() and globs', () => {
  assert.equal(interpolatePerl('rename("$ENV{HOME}/.cl"."aude","/tmp/c")'), 'rename("~/.claude","/tmp/c")');
  assert.equal(interpolatePerl('$h=$ENV{HOME}; `rm -rf $h/.claude`'), "$h='~'; `rm -rf ~/.claude`");
  assert.equal(interpolatePerl('my $h = $ENV{HOME}; qx(rm -rf $h/.local)'), "my $h = '~'; `rm -rf ~/.local`");
  assert.equal(interpolatePerl('unlink <$ENV{HOME}/.local/state/*/*>'), 'unlink glob("~/.local/state/*/*")');
  // Single quotes don't interpolate; a scalar assigned twice has no one value; <STDIN> is no glob.
  assert.equal(interpolatePerl("print '$ENV{HOME}'"), "print '$ENV{HOME}'");
  assert.equal(interpolatePerl('$x = "a"; $x = "b"; print "$x"'), '$x = "a"; $x = "b"; print "$x"');
  assert.equal(interpolatePerl('while (<STDIN>) { print }'), 'while (<STDIN>) { print }');
});

test('awk joins strings side by side and fills in ENVIRON["HOME"] and variables given one literal', () => {
  assert.equal(interpolateAwk('BEGIN{system("rm -rf " ENVIRON["HOME"] "/.local/state/air" "lock")}'), 'BEGIN{system("rm -rf ~/.local/state/airlock")}');
  assert.equal(interpolateAwk('BEGIN{c="air" "lock approve 1"; system(c)}'), 'BEGIN{c="airlock approve 1"; system("airlock approve 1")}');
  // Strings apart (a comma between them) stay apart.
  assert.equal(interpolateAwk('{print $1, "x", "y"}'), '{print $1, "x", "y"}');
});

test('moves take their source away and write their destination; deletes take every argument away', () => {
  assert.deepEqual(changes('python', "import shutil; shutil.move('/h/.lo' + 'cal', '/tmp/l')"), { removed: ['/h/.local'], written: ['/tmp/l', '/tmp/l/.local'], replaced: ['/tmp/l/.local'] });
  assert.deepEqual(changes('python', "os.replace(os.path.expanduser('~/.claude'), '/tmp/c')").removed, ['~/.claude']);
  assert.deepEqual(changes('perl', 'rename("$ENV{HOME}/.cl"."aude","/tmp/c")').removed, ['~/.claude']);
  assert.deepEqual(changes('perl', 'unlink <$ENV{HOME}/.local/state/*/*>').removed, ['~/.local/state/*/*']);
  assert.deepEqual(changes('perl', 'use File::Path qw(rmtree); rmtree("$ENV{HOME}/.local", "/tmp/x")').removed, ['~/.local', '/tmp/x']);
  assert.deepEqual(changes('node', "require('fs').renameSync(require('os').homedir() + '/.local', '/tmp/l')").removed, ['~/.local']);
});

test('a tree copied onto a folder fills it; a path computed at run time is not guessed', () => {
  assert.deepEqual(changes('python', "shutil.copytree('/tmp/evil/.claude', os.path.expanduser('~'), dirs_exist_ok=True)").replaced, ['~/.claude', '~']);
  assert.deepEqual(changes('python', "shutil.copy('a.txt', os.path.expanduser('~'))").replaced, ['~/a.txt']);
  assert.deepEqual(changes('python', 'shutil.move(src, dst)'), { removed: [], written: [], replaced: [] });
});
