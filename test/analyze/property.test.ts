// Property test: whatever text arrives (random bytes, mutated real commands, unbalanced quotes, deep
// nesting, huge heredocs), analysis never throws, always yields a verdict, and its cost grows linearly
// with the input. The linearity check compares cost per byte between a small and a 32× larger input
// measured in the same run, with wide slack: it catches quadratic behaviour, not slowness.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyze, analyzeNow as analyzeSync } from '../../src/runtime/assess.js';
import { decide } from '../../src/policy/decide.js';
import { emptyDir, emptyHome, mulberry32, projectRoot } from '../helpers.js';

const corpus: string[] = readFileSync(join(projectRoot, 'test/fixtures/commands.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l).command);

const rnd = mulberry32(42);
const int = (n: number) => Math.floor(rnd() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
const SHELL_BITS = [
  '"',
  "'",
  '`',
  '$(',
  ')',
  '(',
  '{',
  '}',
  '${',
  '<<EOF\n',
  '\nEOF\n',
  '<<-',
  '<<<',
  '|',
  '||',
  '&&',
  ';',
  '&',
  '\\',
  '\n',
  "$'",
  '#',
  '>',
  '<(',
  'bash -c ',
  'eval ',
  'sudo ',
  'xargs ',
  'find . -exec ',
  ' -- ',
  '\0',
  '\x1b',
  '\uFFFD',
  '\u{1F600}',
  'DROP TABLE x;',
  'psql -c ',
  'rm -rf ',
];

function randomBytes(): string {
  return Array.from({ length: int(200) }, () => String.fromCharCode(int(rnd() < 0.9 ? 128 : 65536))).join('');
}

function mutate(command: string): string {
  let s = command;
  for (let k = 1 + int(4); k > 0; k--) {
    const at = int(s.length + 1);
    switch (int(5)) {
      case 0:
        s = s.slice(0, at) + pick(SHELL_BITS) + s.slice(at);
        break;
      case 1:
        s = s.slice(0, at) + s.slice(at + 1 + int(5));
        break;
      case 2:
        s = s.slice(0, at) + s.slice(int(s.length), int(s.length)) + s.slice(at);
        break;
      case 3:
        s = s.slice(0, at);
        break;
      default:
        s = s.slice(0, at) + String.fromCharCode(int(256)) + s.slice(at + 1);
    }
  }
  return s;
}

function structured(): string {
  const n = 1 + int(300);
  switch (int(8)) {
    case 0:
      return '$('.repeat(n) + 'rm -rf ~' + ')'.repeat(int(2) ? n : int(n));
    case 1:
      return '('.repeat(n) + 'ls' + ')'.repeat(n);
    case 2:
      return 'cat <<EOF | psql\n' + 'DELETE FROM t;\n'.repeat(n * 10) + (int(2) ? 'EOF\n' : '');
    case 3:
      return Array.from({ length: n }, () => pick(['ls', 'grep x', 'rm -rf b', 'sort'])).join(' | ');
    case 4:
      return 'bash -c "'.repeat(Math.min(n, 40)) + 'rm -rf /' + '"'.repeat(int(Math.min(n, 40)));
    case 5:
      return 'echo ' + '{a,b}'.repeat(Math.min(n, 80));
    case 6:
      return "psql -c '" + 'SELECT 1; '.repeat(n) + pick(['DROP TABLE x', 'DELETE FROM y WHERE', "'"]) + "'";
    default:
      return 'if true; then '.repeat(Math.min(n, 100)) + 'rm -rf x; ' + 'fi; '.repeat(int(Math.min(n, 100)));
  }
}

const EFFECTS = new Set(['read', 'write', 'destroy', 'unknown']);
const VERDICTS = new Set(['allow', 'confirm', 'approve', 'deny']);

test('100,000 random and mutated commands: analysis never throws and always gives a verdict', async () => {
  await analyze({ command: "psql -c 'SELECT 1'" }); // load the SQL parser once, so SQL paths are exercised too
  const failures: string[] = [];
  let analysed = 0;
  for (let i = 0; i < 100_000; i++) {
    const r = rnd();
    const command = r < 0.15 ? randomBytes() : r < 0.97 ? mutate(pick(corpus)) : structured();
    try {
      const assessment = analyzeSync({ command, cwd: emptyDir, env: { HOME: emptyHome } });
      const decision = decide({ assessment });
      if (!EFFECTS.has(assessment.effect) || !VERDICTS.has(decision.verdict) || typeof decision.reason !== 'string') failures.push(JSON.stringify(command));
      if (assessment.findings.some((f) => f.rule === 'analysis/internal-error'))
        failures.push(`internal error on ${JSON.stringify(command).slice(0, 200)}: ${assessment.findings.find((f) => f.rule === 'analysis/internal-error')!.summary}`);
    } catch (error) {
      failures.push(`${JSON.stringify(command).slice(0, 200)}: ${(error as Error).stack}`);
    }
    analysed++;
  }
  assert.equal(analysed, 100_000);
  assert.deepEqual(failures.slice(0, 5), []);
});

test('a command too long or too deep to analyse is held, not allowed', () => {
  for (const command of ['$('.repeat(5000) + 'ls' + ')'.repeat(5000), 'echo ' + '{a,b}'.repeat(200), 'x'.repeat(5 * 1024 * 1024)]) {
    const decision = decide({ assessment: analyzeSync({ command }) });
    assert.notEqual(decision.verdict, 'allow', command.slice(0, 40));
  }
});

/**
 * Nanoseconds per byte for a small and a large input, each the fastest of several runs taken in turn:
 * a busy machine only ever adds time, so the fastest run is the one closest to the real cost, and
 * taking them in turn lets a burst of load slow both alike.
 */
function costsPerByte(make: (n: number) => string, small: number, large: number): [number, number] {
  const inputs = [make(small), make(large)];
  const best = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  for (let k = 0; k < 7; k++) {
    for (const [i, input] of inputs.entries()) {
      const start = process.hrtime.bigint();
      analyzeSync({ command: input, cwd: emptyDir });
      best[i] = Math.min(best[i]!, Number(process.hrtime.bigint() - start) / input.length);
    }
  }
  return [best[0]!, best[1]!];
}

const SHAPES: Record<string, (n: number) => string> = {
  'one word of many quoted parts': (n) => 'echo ' + 'a"b"$\'c\''.repeat(n),
  'many words': (n) => 'echo ' + 'word "quoted" $\'x\' '.repeat(n),
  'long pipeline': (n) => Array.from({ length: n }, (_, i) => (i % 2 ? 'grep x' : 'sort')).join(' | '),
  'long list': (n) => 'ls && rm -rf dist; '.repeat(n),
  'huge heredoc': (n) => 'cat <<EOF | psql\n' + 'SELECT * FROM t WHERE id = 1;\n'.repeat(n) + 'EOF\n',
  'unterminated quote': (n) => 'echo "' + 'a b c '.repeat(n),
  'brace-heavy words': (n) => 'echo ' + '{a,b} '.repeat(n),
  'many unmatched braces': (n) => 'echo ' + '{x '.repeat(n),
  'mysql statements (tokenizer)': (n) => "mysql -e '" + 'DELETE FROM t WHERE id = 1; '.repeat(n) + "'",
  'sql statements': (n) => "psql -c '" + 'DELETE FROM t WHERE id = 1; '.repeat(n) + "'",
  'interpreter code': (n) => 'python -c "' + "os.remove('a.txt'); ".repeat(n) + '"',
};

for (const [name, make] of Object.entries(SHAPES)) {
  test(`cost per byte stays flat as input grows: ${name}`, () => {
    // Sizes stay under the invocation budget (5000), so the large input is analysed in full.
    costsPerByte(make, 50, 50); // warm up
    const [small, large] = costsPerByte(make, 100, 100 * 32);
    assert.ok(large / small < 8, `cost per byte grew ${(large / small).toFixed(1)}× for a 32× larger input`);
  });
}
