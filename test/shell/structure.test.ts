// What would run, and with what stdin, for every construct of the engine issue's shell front end.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeNow as analyzeSync } from '../../src/runtime/assess.js';
import type { Invocation } from '../../src/core/invocation.js';
import { ShellSyntaxError } from '../../src/shell/ast.js';
import { parse } from '../../src/shell/parser.js';

const invocations = (command: string): Invocation[] => analyzeSync({ command }).invocations.filter((i) => i.program !== '');
const programs = (command: string): string[] => invocations(command).map((i) => i.program);
const stdinOf = (command: string, program: string): string | undefined => {
  const s = invocations(command).find((i) => i.program === program)?.stdin;
  return s?.kind === 'text' ? s.text : undefined;
};

test('lists, pipelines and background jobs', () => {
  assert.deepEqual(programs('a; b && c || d & e\nf | g |& h'), ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
  assert.deepEqual(programs('a &&\n  b ||\n  c'), ['a', 'b', 'c']);
  assert.deepEqual(programs('! a | b'), ['a', 'b']);
});

test('subshells, groups and every compound command body', () => {
  assert.deepEqual(programs('(a; (b)); { c; { d; }; }'), ['a', 'b', 'c', 'd']);
  assert.deepEqual(programs('if a; then b; elif c; then d; else e; fi'), ['a', 'b', 'c', 'd', 'e']);
  assert.deepEqual(programs('for x in 1 2; do a "$x"; done; for ((i=0;i<3;i++)); do b; done'), ['a', 'b']);
  assert.deepEqual(programs('while a; do b; done; until c; do d; done'), ['a', 'b', 'c', 'd']);
  assert.deepEqual(programs('case "$x" in a|b) c;; (d) e;& *) f;;& esac'), ['c', 'e', 'f']);
  assert.deepEqual(programs('f() { a; }; function g { b; }; function h() ( c )'), ['a', 'b', 'c']);
  assert.deepEqual(programs('[[ -f $(a) && -n "`b`" ]]; (( $(c) + 1 ))'), ['a', 'b', 'c']);
  assert.deepEqual(programs('select x in a b; do c; done'), ['c']);
});

test('command substitution at any depth, backticks, process substitution', () => {
  assert.deepEqual(programs('echo $(a $(b $(c)))'), ['c', 'b', 'a', 'echo']);
  assert.deepEqual(programs('echo `a \\`b\\``'), ['b', 'a', 'echo']);
  assert.deepEqual(programs('diff <(a) >(b)'), ['a', 'b', 'diff']);
  assert.deepEqual(programs('x=$(a) y="${z:-$(b)}" c'), ['a', 'b', 'c']);
  assert.deepEqual(programs('echo "$(a "$(b)")"'), ['b', 'a', 'echo']);
});

test('quoting: single, double, ANSI-C, backslashes and adjacent parts', () => {
  const argv = invocations(`r''m "-r"f $'\\x2f\\164mp' \\~ "a b"'c'`)[0]!.argv.map((a) => a.text);
  assert.deepEqual(argv, ['rm', '-rf', '/tmp', '~', 'a bc']);
  assert.equal(invocations('\\rm x')[0]!.program, 'rm');
  assert.equal(invocations('/usr/bin/rm x')[0]!.program, 'rm');
});

test('heredocs feed the command that reads them, with <<-, quoted delimiters and expansion', () => {
  assert.equal(stdinOf("psql <<'SQL'\nDROP TABLE $x;\nSQL", 'psql'), 'DROP TABLE $x;\n');
  assert.equal(stdinOf('psql <<-EOF\n\t\tDELETE FROM t;\n\tEOF', 'psql'), 'DELETE FROM t;\n');
  assert.equal(stdinOf('cat <<EOF | psql\nDROP DATABASE prod;\nEOF', 'psql'), 'DROP DATABASE prod;\n');
  assert.equal(stdinOf('psql <<"E O F"\nx\nE O F', 'psql'), 'x\n');
  // An unquoted heredoc runs its substitutions.
  assert.deepEqual(programs('cat <<EOF\n$(rm -rf ~/x)\nEOF'), ['rm', 'cat']);
  assert.deepEqual(programs("cat <<'EOF'\n$(rm -rf ~/x)\nEOF"), ['cat']);
  // Two heredocs on one line are read in order.
  const two = invocations('a <<X; b <<Y\none\nX\ntwo\nY');
  assert.deepEqual(
    two.map((i) => (i.stdin.kind === 'text' ? i.stdin.text : '')),
    ['one\n', 'two\n'],
  );
  // A heredoc inside $(…) and the command after it.
  assert.deepEqual(programs('x=$(cat <<EOF\nbody\nEOF\n); rm y'), ['cat', 'rm']);
});

test('here-strings, echo, printf and cat pipelines give literal stdin', () => {
  assert.equal(stdinOf('sqlite3 db <<< "DELETE FROM t;"', 'sqlite3'), 'DELETE FROM t;\n');
  assert.equal(stdinOf("echo 'DROP TABLE t;' | psql", 'psql'), 'DROP TABLE t;\n');
  assert.equal(stdinOf("echo -n 'x' | psql", 'psql'), 'x');
  assert.equal(stdinOf("printf '%s;\\n' 'DROP TABLE t' | psql", 'psql'), 'DROP TABLE t;\n');
  assert.equal(stdinOf("printf 'DELETE FROM t' | mysql", 'mysql'), 'DELETE FROM t');
  assert.equal(invocations('curl x | psql').find((i) => i.program === 'psql')!.stdin.kind, 'pipe');
});

test('redirections are recorded with their targets', () => {
  const [inv] = invocations('cmd > out 2>&1 >> log < in 3<> rw &> all');
  assert.deepEqual(
    inv!.redirects.map((r) => [r.op, r.fd, r.target.text]),
    [
      ['>', null, 'out'],
      ['>&', 2, '1'],
      ['>>', null, 'log'],
      ['<', null, 'in'],
      ['<>', 3, 'rw'],
      ['&>', null, 'all'],
    ],
  );
  const bare = analyzeSync({ command: ': > x; > y' }).invocations;
  assert.deepEqual(
    bare.map((i) => [i.program, i.redirects[0]?.target.text]),
    [
      [':', 'x'],
      ['', 'y'],
    ],
  );
  // `>&word` with a word that is no descriptor writes the file, stdout and stderr both, as `&>` does.
  const [dup] = invocations('cmd >& all 1>&out >&2 >&- 2>&1');
  assert.deepEqual(
    dup!.redirects.map((r) => [r.op, r.fd, r.target.text]),
    [
      ['&>', null, 'all'],
      ['>', 1, 'out'],
      ['>&', null, '2'],
      ['>&', null, '-'],
      ['>&', 2, '1'],
    ],
  );
});

test('a for loop walks its body with each item that looks like a path as the variable', () => {
  const targets = invocations('for f in ~/x/* a.txt 3; do : > "$f"; done').map((i) => i.redirects[0]?.target.text);
  assert.deepEqual(targets, ['~/x/*', 'a.txt', '$f']);
  // A value set before the loop is not what the loop's variable holds inside it, nor after it.
  assert.deepEqual(
    invocations('f=safe; for f in 1 2; do : > "$f"; done; : > "$f"').map((i) => i.redirects[0]?.target.text),
    ['$f', '$f'],
  );
});

test('assignments before a command, and dynamic words', () => {
  const [inv] = invocations('FOO=1 BAR="a b" cmd $X "$Y" ${Z:-d}');
  assert.deepEqual(Object.fromEntries(Object.entries(inv!.env).map(([k, v]) => [k, v.text])), { FOO: '1', BAR: 'a b' });
  assert.deepEqual(
    inv!.argv.map((a) => a.static),
    [true, false, false, false],
  );
  assert.equal(inv!.argv[1]!.mayMultiply, true);
  assert.equal(inv!.argv[2]!.mayMultiply, false);
  assert.equal(invocations('rm -rf "$BUILD_DIR/"')[0]!.argv[2]!.dynamicStart, true);
  // A variable set earlier to a fixed value is known; one set to two different values is not.
  assert.equal(invocations('D=dist; rm -rf $D')[0]!.argv[2]!.text, 'dist');
  assert.equal(invocations('D=a; D=b; rm -rf $D').find((i) => i.program === 'rm')!.argv[2]!.static, false);
  assert.equal(invocations('rm -rf $HOME/x')[0]!.argv[2]!.text, '~/x');
});

test('comments and line continuations', () => {
  assert.deepEqual(programs('a # rm -rf ~\nb'), ['a', 'b']);
  assert.deepEqual(
    invocations('r\\\nm -rf \\\n x')[0]!.argv.map((a) => a.text),
    ['rm', '-rf', 'x'],
  );
  assert.deepEqual(
    invocations('echo a#b')[0]!.argv.map((a) => a.text),
    ['echo', 'a#b'],
  );
});

test('syntax errors are reported, not guessed at', () => {
  for (const bad of ['echo "unterminated', "echo 'x", 'ls |', 'if then fi', '(a', 'echo $(a', 'a && ', 'case x in a) b;;', 'for x in; do', '}']) {
    assert.throws(() => parse(bad), ShellSyntaxError, bad);
    const a = analyzeSync({ command: bad });
    assert.equal(a.effect, 'unknown', bad);
    assert.ok(
      a.findings.some((f) => f.rule === 'shell/syntax'),
      bad,
    );
  }
});
