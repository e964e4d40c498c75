// `strictness: strict` in the policy: every command that runs code airlock only skims is held, even when
// nothing in it looks destructive. Under `standard`, airlock reads that code (interpreter one-liners,
// package.json scripts, Makefile recipes, shell scripts) and lets it through when it finds nothing; its
// patterns can't see everything a program does, so a stricter policy asks a human instead.

import type { Invocation } from '../core/invocation.js';
import { interpreterCode, languageOf } from '../analyze/interpreters.js';
import { PNPM_BUILTINS, SHELLS, shellOperands, YARN_BUILTINS } from '../analyze/unwrap.js';
import { parseOptions } from '../rules/argv.js';
import { classifyPath } from '../rules/paths.js';
import type { Rule, RuleContext } from '../rules/rule.js';

/** Task runners: what they run is a recipe in a project file. Their dry-run, check and listing modes run nothing. */
const TASK_RUNNERS: Readonly<Record<string, { quiet: string[] }>> = {
  make: { quiet: ['-n', '--dry-run', '--just-print', '--recon', '-q', '--question', '-p', '--print-data-base', '--help', '-v', '--version'] },
  gmake: { quiet: ['-n', '--dry-run', '--just-print', '--recon', '-q', '--question', '-p', '--print-data-base', '--help', '-v', '--version'] },
  just: { quiet: ['-n', '--dry-run', '-l', '--list', '--summary', '--show', '-s', '--help', '--version', '--evaluate'] },
  rake: { quiet: ['-T', '--tasks', '-n', '--dry-run', '-P', '--prereqs', '-W', '--where', '-h', '--help', '-V', '--version'] },
  task: { quiet: ['-l', '--list', '-a', '--list-all', '-n', '--dry', '-h', '--help', '--version', '--summary'] },
  // A playbook's tasks run commands and modules on every host it names.
  'ansible-playbook': { quiet: ['-C', '--check', '--syntax-check', '--list-tasks', '--list-hosts', '--list-tags', '-h', '--help', '--version'] },
};

/** `<tool> <subcommand>` that runs a project script, a package's binary or a program's source. */
const RUNS: Readonly<Record<string, ReadonlySet<string>>> = {
  npm: new Set(['run', 'run-script', 'rum', 'urn', 'test', 't', 'tst', 'start', 'stop', 'restart', 'exec', 'x', 'explore', 'create', 'init']),
  pnpm: new Set(['run', 'run-script', 'test', 't', 'start', 'exec', 'dlx', 'create']),
  yarn: new Set(['run', 'test', 'start', 'exec', 'dlx', 'node', 'create']),
  bun: new Set(['run', 'test', 'x', 'exec', 'create']),
  deno: new Set(['run', 'task', 'test', 'eval', 'repl', 'serve']),
  uv: new Set(['run']),
  poetry: new Set(['run']),
  pipenv: new Set(['run']),
  pdm: new Set(['run']),
  hatch: new Set(['run']),
  conda: new Set(['run']),
  pipx: new Set(['run']),
  bundle: new Set(['exec']),
  cargo: new Set(['run']),
  go: new Set(['run', 'generate']),
  dotnet: new Set(['run']),
  composer: new Set(['run-script', 'run', 'exec']),
  mix: new Set(['run']),
};

/** bun's own commands: any other word is a package.json script or a file to run. */
const BUN_BUILTINS: ReadonlySet<string> = new Set([
  'add',
  'install',
  'i',
  'remove',
  'rm',
  'update',
  'outdated',
  'link',
  'unlink',
  'pm',
  'build',
  'init',
  'upgrade',
  'completions',
  'publish',
  'patch',
  'why',
  'audit',
  'info',
]);

/** Programs that fetch a package and run its binary. */
const PACKAGE_RUNNERS = new Set(['npx', 'bunx', 'pnpx', 'uvx']);

/** Why `inv` runs code beyond what airlock reads in full, or null when it doesn't. */
export function runsCode(inv: Invocation, ctx: RuleContext): string | null {
  const name = inv.program;
  const args = inv.argv.slice(1);
  if (!name) return null;
  if (PACKAGE_RUNNERS.has(name)) return args.length ? `${name} runs a package's code` : null;
  const runner = TASK_RUNNERS[name];
  if (runner) return parseOptions(args).has(...runner.quiet) ? null : `${name} runs a recipe from a project file`;
  const subs = RUNS[name];
  if (subs) {
    const sub = parseOptions(args, { value: ['-C', '--dir', '--cwd', '--prefix', '-w', '--workspace', '-F', '--filter', '--manifest-path', '--project'], stopAtPositional: true });
    const word = args[sub.rest]?.text;
    if (word && subs.has(word)) return `${name} ${word} runs code`;
    // `yarn build`, `pnpm lint`: a package.json script by its name.
    const builtins = name === 'yarn' ? YARN_BUILTINS : name === 'pnpm' ? PNPM_BUILTINS : name === 'bun' ? BUN_BUILTINS : null;
    if (word && builtins && !builtins.has(word) && !word.startsWith('-') && scriptNamed(word, inv, ctx)) return `${name} ${word} runs a package.json script`;
    return null;
  }
  if (name === 'source' || name === '.') return args[0] ? `${name} runs ${args[0].text} in this shell` : null;
  if (SHELLS.has(name)) {
    const { command, rest } = shellOperands(args);
    // `bash -c '…'` is read in full (and held when it can't be); a script file or stdin is a program.
    if (command) return null;
    if (rest[0]) return `${name} runs ${rest[0].text}`;
    return inv.stdin.kind === 'pipe' || inv.stdin.kind === 'file' ? `${name} runs a script from its input` : null;
  }
  const language = languageOf(name);
  if (language && language !== 'awk') {
    if (args.some((a) => a.text === '-m')) return `${name} -m runs a module`;
    const code = interpreterCode(inv, (path) => ctx.readFile(path, inv));
    if (code === 'unreadable') return `${name} runs code that can't be seen`;
    if (code) return `${code.origin} runs ${language} code`;
    const script = parseOptions(args).positionals[0];
    return script && !script.text.startsWith('-') ? `${name} runs ${script.text}` : null;
  }
  // A program named by its path in the project (`./deploy`, `bin/setup`, `~/bin/x`), not a system one.
  const path = inv.argv[0]?.text ?? '';
  if (path.includes('/') && classifyPath(inv.argv[0]!).kind !== 'system') return `runs ${path}`;
  return null;
}

function scriptNamed(word: string, inv: Invocation, ctx: RuleContext): boolean {
  const text = ctx.readFile('package.json', inv);
  if (text === null) return true;
  try {
    const scripts = (JSON.parse(text) as { scripts?: Record<string, unknown> }).scripts;
    return typeof scripts === 'object' && scripts !== null && Object.hasOwn(scripts, word);
  } catch {
    return true;
  }
}

/** The rule a strict policy adds: anything that runs code is held as `unknown`, whatever the analysis found in it. */
export const strictCode: Rule = {
  id: 'policy/strict-code',
  effect: 'unknown',
  severity: 'medium',
  summary: 'runs code, which the strict policy holds for a human',
  consequence: 'A program or script can do anything its code says; under `strictness: strict` airlock does not let it run on its own reading of that code.',
  alternatives: ['show the code (the script, the recipe, the one-liner) to a human first', 'run the commands it contains directly, so each can be checked'],
  match(inv, ctx) {
    const why = runsCode(inv, ctx);
    return why ? { summary: `${why}; the policy is strict, so code is held for a human` } : null;
  },
};
