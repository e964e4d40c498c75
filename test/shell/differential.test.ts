// Faithfulness to bash, proven against bash itself: for hand-written and generated commands, the argv
// airlock computes must equal the words real bash produces. bash prints them with `set -- <words>;
// printf '%s\0' "$@"`, so its own brace, tilde and quote handling decides.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { expandWord } from '../../src/shell/expand.js';
import { parse } from '../../src/shell/parser.js';
import { mulberry32 } from '../helpers.js';

const HOME = '/home/airlock-differential';

const HAND_WRITTEN = [
  "r''m -rf /x",
  '\\rm -rf x',
  "$'\\x72\\x6d' -rf x",
  `"a"'b'c`,
  'a\\ b c',
  '{a,b}{c,d}',
  'x{,}',
  '{1..10..3}',
  '{01..03}',
  '{a..e..2}',
  '"{a,b}"',
  '\\{a,b}',
  'a{b}c',
  '{a}',
  '~',
  '~/x',
  '"~"',
  '~"x"',
  'x~',
  "$'\\''",
  "$'a\\tb'",
  "''",
  '""',
  '"$"',
  '$',
  '"\\a"',
  "'\\n'",
  '"a\\\\b"',
  'a#b',
  'echo hi # comment',
  "$'\\101\\x42\\u0043'",
  '"a\\"b"',
  '"a\\$b"',
  '"a\\`b"',
  "'a\"b'",
  'a"b c"d',
  'pre{x,y,z}post',
  '{a,b{c,d}e}f',
  '{3..1}',
  '{-2..2}',
  '{z..w}',
  '{1..3}{a..b}',
  "'{1..3}'",
  '"~/x"',
  'a\\\nb',
  '"multi\nline"',
  "$'\\e[0m'",
  '$"hello"',
  'a,b',
  '{,a,b}',
  '{a,}',
  'x{a,b}y{1..2}z',
  "'it'\\''s'",
  '--flag=value',
  '-rf',
  '@{a,b}',
  'a{1..3..0}b',
  '{1..2..-1}',
  "$'\\cA'",
  "$'\\q'",
  "'$HOME'",
];

/** Words made of fragments bash and airlock must agree on: quotes of every kind, escapes, braces, tildes. */
function generate(count: number, seed: number): string[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const plain = 'abcxyz019._-/=+,:@%';
  const printable = 'ab c$"`\\!?*#;|&<>(){}[]~\'';
  const chars = (alphabet: string, max: number) => Array.from({ length: 1 + Math.floor(rnd() * max) }, () => pick([...alphabet])).join('');
  const fragments: (() => string)[] = [
    () => chars(plain, 6),
    () => `'${chars(printable.replace("'", ''), 6)}'`,
    () => `"${chars("ab c!?*#;|&<>(){}[]~'", 5)}"`,
    () => `"${pick(['\\"', '\\\\', '\\$', '\\`', '\\a', '\\n'])}${chars(plain, 3)}"`,
    () => `$'${pick(['\\n', '\\t', '\\x41', '\\101', '\\\\', "\\'", '\\"', 'plain', '\\u00e9', '\\a'])}${chars('abc', 2)}'`,
    () => `\\${pick([...'abc$"\'`\\ ;|&<>(){}*?~#'])}`,
    () => `{${chars('abc', 2)},${chars('xyz', 2)}}`,
    () => `{${Math.floor(rnd() * 5)}..${Math.floor(rnd() * 5)}}`,
    () => `{${pick(['a', 'c', 'x'])}..${pick(['b', 'e', 'z'])}}`,
    () => "''",
    () => '""',
    () => '\\\n',
  ];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const words: string[] = [];
    const n = 1 + Math.floor(rnd() * 4);
    for (let w = 0; w < n; w++) {
      let word = rnd() < 0.1 ? pick(['~', '~/', '~/d']) : '';
      const parts = 1 + Math.floor(rnd() * 3);
      for (let p = 0; p < parts; p++) word += pick(fragments)();
      // A word must not end in a bare line continuation, which would glue it to the next word.
      if (word.endsWith('\\\n')) word += 'e';
      words.push(word);
    }
    out.push(words.join(' '));
  }
  return out;
}

function airlockArgv(command: string): string[] {
  // The same `set --` prefix bash gets, so a first word like `x=1` is an argument on both sides.
  const list = parse(`set -- ${command}`);
  assert.equal(list.length, 1, `expected one statement in ${JSON.stringify(command)}`);
  const cmd = list[0]!.pipelines[0]!.commands[0]!;
  assert.equal(cmd.type, 'simple');
  if (cmd.type !== 'simple') return [];
  return cmd.words
    .slice(2)
    .flatMap((w) => expandWord(w, { home: HOME }))
    .map((a) => {
      assert.ok(a.static, `expected a static word in ${JSON.stringify(command)}`);
      return a.text;
    });
}

/** The words bash makes of each command, after its prelude (variables it sets first) when there is one. */
function bashArgv(commands: string[], preludes: string[] = []): string[][] {
  // An empty directory, so that unquoted glob characters stay literal, as they do with no match.
  const dir = mkdtempSync(join(tmpdir(), 'airlock-differential-'));
  // The count first: printf prints one empty word when there are none at all.
  const script = commands.map((c, i) => `${preludes[i] ?? ''}\nset -- ${c}\nprintf '%s\\0' "$#" "$@"; printf '\\036'`).join('\n') + '\n';
  const run = spawnSync('bash', ['--norc', '--noprofile', '-s'], { input: script, cwd: dir, env: { HOME, PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C.UTF-8' }, encoding: 'utf8' });
  assert.equal(run.status, 0, `bash failed: ${run.stderr}`);
  const records = run.stdout.split('\x1e');
  records.pop();
  return records.map((r) => r.slice(0, -1).split('\0').slice(1));
}

test('bash is available for the differential test', () => {
  assert.equal(spawnSync('bash', ['--version']).status, 0);
});

for (const [name, commands] of [
  ['hand-written', HAND_WRITTEN],
  ['generated', generate(400, 20261124)],
] as const) {
  test(`argv matches real bash for ${commands.length} ${name} commands`, () => {
    const expected = bashArgv([...commands]);
    assert.equal(expected.length, commands.length, 'bash printed a different number of records');
    const mismatches: string[] = [];
    commands.forEach((command, i) => {
      let ours: string[];
      try {
        ours = airlockArgv(command);
      } catch (error) {
        mismatches.push(`${JSON.stringify(command)}: airlock failed: ${(error as Error).message}`);
        return;
      }
      if (JSON.stringify(ours) !== JSON.stringify(expected[i])) mismatches.push(`${JSON.stringify(command)}: airlock ${JSON.stringify(ours)} vs bash ${JSON.stringify(expected[i])}`);
    });
    assert.deepEqual(mismatches, []);
  });
}

/** bash's $'…' spelling of any text, so IFS values with tabs and commas reach bash exactly. */
const ansiC = (text: string) => `$'${[...text].map((c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('')}'`;

test('unquoted expansions are split on $IFS as real bash splits them', () => {
  const separators: (string | null)[] = [null, ',', ' ,', ':\t', ''];
  const values = ['a b', '  a  b  ', ',a,,b,', 'a, b ,c', 'x', ''];
  const words = ['$v', 'p$v', '$v"q"', '"$v"', '$v$v', 'p"$v"$v', "''$v", '$v""'];
  const cases = separators.flatMap((ifs) => values.flatMap((value) => words.map((word) => ({ ifs, value, word }))));
  const expected = bashArgv(
    cases.map((c) => c.word),
    cases.map(({ ifs, value }) => `${ifs === null ? 'unset IFS' : `IFS=${ansiC(ifs)}`}; v=${ansiC(value)}`),
  );
  const mismatches: string[] = [];
  cases.forEach(({ ifs, value, word }, i) => {
    const cmd = parse(`set -- ${word}`)[0]!.pipelines[0]!.commands[0]!;
    if (cmd.type !== 'simple') return;
    const variables = new Map([['v', value], ...(ifs === null ? [] : [['IFS', ifs] as [string, string]])]);
    const ours = cmd.words.slice(2).flatMap((w) => expandWord(w, { variables }).map((a) => a.text));
    if (JSON.stringify(ours) !== JSON.stringify(expected[i]))
      mismatches.push(`IFS=${JSON.stringify(ifs)} v=${JSON.stringify(value)} ${word}: airlock ${JSON.stringify(ours)} vs bash ${JSON.stringify(expected[i])}`);
  });
  assert.deepEqual(mismatches, []);
});
