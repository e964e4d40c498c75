// Finding the command that really runs behind a wrapper: `sudo`, `env`, `timeout`, `xargs`,
// `bash -c`, `eval`, `npx`, `docker exec`, `kubectl exec --`, `ssh host 'cmd'`, `find -exec` and more.
// Each wrapper yields what it runs: an argv, a script to parse, or a reason it can't be known.

import { emptyTable, table } from '../core/table.js';
import { parseOptions, shellJoin, type OptionSpec } from '../rules/argv.js';
import { findPatternAt, findPatterns, findRoots } from '../rules/find.js';
import { embeddedShellCommands, hiddenCode, interpreterCode, languageOf } from './interpreters.js';
import { makeShellCommands, parseJustfile, parseMakefile, recipeScript } from './project-scripts.js';
import { LATER_UNWRAPPERS } from './later.js';
import { commandVariables, EDITOR_UNWRAPPERS, stdinText } from './editors.js';
import { BUILD_TOOL_UNWRAPPERS, pipInstall } from './build-tools.js';
import { SQL_CLIENT_UNWRAPPERS } from './sql-shells.js';
import { HOOK_UNWRAPPERS, sshLocalCommands } from './hooks.js';
import { awkCommands } from './awk.js';
import { tclEffects, tclInterpreter } from './tcl.js';
import { unwrapDoas, unwrapSudo } from './privilege.js';
import { literalWord, type Arg, type FindScope, type Invocation } from '../core/invocation.js';
import { argvFrom, scriptFile, scriptFrom } from './derived.js';
import { unwrapGit } from './git-commands.js';

export type Derived =
  | { kind: 'argv'; argv: Arg[]; label: string; env?: Record<string, Arg>; runtimeArgs?: boolean; find?: FindScope }
  /** `lenient`: text found inside another language's code; if it doesn't parse as shell, it isn't shell. */
  | { kind: 'script'; text: string; label: string; lenient?: boolean }
  | { kind: 'opaque'; reason: string }
  /** A project task that could not be read; judged by its name. */
  | { kind: 'unresolved'; tool: string; name: string };

export interface UnwrapContext {
  /** Reads a file the command refers to (earlier writes in the same script first, then the disk). */
  readFile(path: string): string | null;
  /** package.json scripts of the working directory, when there is one. */
  packageScripts(): Record<string, string> | null;
  /** Whether sourcing this unreadable virtualenv activate script runs only a venv tool's activation, or nothing (src/analyze/venv.ts). */
  plainActivation?(path: string): boolean;
}

type Unwrapper = (inv: Invocation, args: Arg[], ctx: UnwrapContext) => Derived[];

/** Shells that run a `-c` string, a script file, or their stdin. */
export const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'yash', 'posh', 'fish', 'busybox']);

/** Wrappers that take options and then run the rest of their arguments as a command. */
const PREFIX_WRAPPERS: Record<string, OptionSpec> = table({
  nice: { value: ['-n', '--adjustment'] },
  nohup: {},
  stdbuf: { value: ['-i', '-o', '-e', '--input', '--output', '--error'] },
  ionice: { value: ['-c', '-n', '--class', '--classdata'] },
  builtin: {},
  exec: { value: ['-a'] },
  coproc: {},
  setsid: {},
  unbuffer: {},
  chronic: {},
  time: { value: ['-f', '-o', '--format', '--output'] },
  // Feeds a password to the command it runs (usually ssh): what runs is the rest.
  sshpass: { value: ['-p', '-f', '-d', '-P'] },
});

const PACKAGE_RUNNER_SPEC: OptionSpec = { value: ['-p', '--package', '--node-options', '--registry', '--cache', '--userconfig', '-w', '--workspace'] };
export const PNPM_BUILTINS: ReadonlySet<string> = new Set([
  'add',
  'install',
  'i',
  'update',
  'up',
  'upgrade',
  'remove',
  'rm',
  'uninstall',
  'link',
  'ln',
  'unlink',
  'import',
  'rebuild',
  'rb',
  'prune',
  'fetch',
  'patch',
  'patch-commit',
  'audit',
  'list',
  'ls',
  'll',
  'la',
  'outdated',
  'why',
  'licenses',
  'test',
  't',
  'tst',
  'start',
  'create',
  'init',
  'publish',
  'pack',
  'store',
  'env',
  'setup',
  'server',
  'config',
  'c',
  'get',
  'set',
  'root',
  'bin',
  'help',
  'recursive',
  'deploy',
  'doctor',
  'dedupe',
  'approve-builds',
  'self-update',
  'cache',
  'catalog',
  'restart',
  'stop',
  'version',
  'info',
  'view',
]);
export const YARN_BUILTINS: ReadonlySet<string> = new Set([
  'add',
  'install',
  'remove',
  'upgrade',
  'up',
  'info',
  'init',
  'config',
  'cache',
  'global',
  'link',
  'unlink',
  'pack',
  'publish',
  'why',
  'workspaces',
  'workspace',
  'set',
  'plugin',
  'version',
  'dedupe',
  'npm',
  'constraints',
  'bin',
  'node',
  'patch',
  'patch-commit',
  'explain',
  'stage',
  'audit',
  'outdated',
  'import',
  'licenses',
  'login',
  'logout',
  'owner',
  'tag',
  'team',
  'upgrade-interactive',
  'help',
  'list',
  'check',
  'generate-lock-entry',
  'policies',
  'test',
  'start',
  'create',
  'search',
  'rebuild',
  'sdks',
]);

/** The items xargs reads from `text`: lines with -I, NUL- or delimiter-separated with -0/-d, else words. */
function xargsInput(text: string, parsed: ReturnType<typeof parseOptions>): string[] | null {
  const delimiter = parsed.value('-d', '--delimiter');
  let items: string[];
  if (parsed.has('-0', '--null')) items = text.split('\0');
  else if (delimiter !== undefined) items = text.split(delimiter === '\\n' ? '\n' : delimiter);
  else if (parsed.value('-I', '--replace') !== undefined) items = text.split('\n');
  // xargs' own quoting is not followed: quotes or backslashes leave the arguments to run time.
  else if (/["'\\]/.test(text)) return null;
  else items = text.split(/\s+/);
  items = items.map((i) => (parsed.value('-I', '--replace') !== undefined ? i.trim() : i)).filter((i) => i !== '');
  return items.length && items.length <= 50 ? items : null;
}

/** Arguments read from a listing of a whole tree are that tree's files: judged as `find … -exec` would be. */
const listed = (inv: Invocation): { find?: FindScope } => (inv.stdin.kind === 'pipe' && inv.stdin.listing ? { find: inv.stdin.listing } : {});

function afterOptions(args: Arg[], spec: OptionSpec): Arg[] {
  const parsed = parseOptions(args, { ...spec, stopAtPositional: true });
  return args.slice(parsed.rest);
}

/** `npx prisma@5 db push` → `prisma db push`: the package spec becomes the program name. */
function packageBinary(args: Arg[], label: string): Derived[] {
  const first = args[0];
  if (!first) return [];
  let name = first.text;
  const at = name.lastIndexOf('@');
  if (at > 0) name = name.slice(0, at);
  name = name.slice(name.lastIndexOf('/') + 1);
  return [{ kind: 'argv', argv: [{ ...first, text: name }, ...args.slice(1)], label }];
}

function packageScript(name: string, args: Arg[], ctx: UnwrapContext, label: string): Derived[] | null {
  const scripts = ctx.packageScripts();
  if (scripts === null) return [{ kind: 'unresolved', tool: label.split(' ')[0]!, name }];
  const body = scripts[name];
  if (body === undefined) return null;
  const extra = args.map((a) => a.text);
  return [{ kind: 'script', text: extra.length ? `${body} ${shellJoin(extra)}` : body, label: `${label} (package.json)` }];
}

/** Subcommands that install the project's own dependencies, and with them run its lifecycle scripts. */
const INSTALLS = new Set(['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add', 'ci', 'clean-install', 'install-clean', 'rebuild', 'rb']);
/** The package.json scripts npm runs around an install of the project itself, in order. */
const LIFECYCLE = ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare'];

/**
 * An install of the project (`npm install`, `npm ci`, `yarn`, `pnpm install`) runs its lifecycle scripts,
 * read from package.json (or the one the command wrote just before). Installing named packages runs
 * theirs, which a registry holds and airlock doesn't read; `--ignore-scripts` runs none.
 */
function lifecycleScripts(rest: Arg[], ctx: UnwrapContext, label: string): Derived[] {
  const p = parseOptions(rest.slice(1), { value: ['-w', '--workspace', '--prefix', '-C', '--dir', '--cwd', '--registry', '--cache', '--filter', '-F', '--omit', '--include', '--install-strategy'] });
  if (p.has('--ignore-scripts', '--dry-run', '--help', '-h') || (p.positionals.length && !/^(rebuild|rb)$/.test(rest[0]?.text ?? ''))) return [];
  const scripts = ctx.packageScripts();
  if (!scripts) return [];
  return LIFECYCLE.filter((name) => scripts[name] !== undefined).map((name) => ({ kind: 'script', text: scripts[name]!, label: `${label} (package.json ${name})` }));
}

/**
 * `npm pkg set scripts.x='…'` (and the old `npm set-script x '…'`) writes a script that `npm run x`, or an
 * install for a lifecycle name, runs later: judged now, as what it runs.
 */
function scriptsWritten(rest: Arg[], tool: string): Derived[] {
  const sub = rest[0]!.text;
  const words = parseOptions(rest.slice(1), { value: ['-w', '--workspace', '--prefix'] }).positionals;
  if (sub === 'set-script') return words[1] ? scriptFrom([words[1]], `${tool} set-script ${words[0]!.text}`, `the script ${tool} set-script writes`) : [];
  if (words[0]?.text !== 'set') return [];
  return words.slice(1).flatMap((w) => {
    const m = /^scripts\.([^=]+)=(.*)$/s.exec(w.text);
    return m ? scriptFrom([{ ...w, text: m[2]! }], `${tool} pkg set scripts.${m[1]}`, `the script ${tool} pkg set writes`) : [];
  });
}

/**
 * `pnpm x` / `yarn x` runs the package.json script x if there is one, else the binary x. Without a
 * readable package.json both are possible, so both are judged.
 */
function scriptOrBinary(name: string, rest: Arg[], ctx: UnwrapContext, tool: string): Derived[] {
  const script = packageScript(name, rest.slice(1), ctx, `${tool} ${name}`);
  if (script && script[0]?.kind === 'script') return script;
  return [...(script ?? []), ...argvFrom(rest, tool)];
}

/**
 * A shell's own options read off its words: whether it runs a `-c` string, and the words after the
 * options (the `-c` text or the script, then what the script gets as $0, $1…).
 */
export function shellOperands(args: Arg[]): { command: boolean; rest: Arg[] } {
  let command = false;
  let i = 0;
  for (; i < args.length; i++) {
    const t = args[i]!.text;
    if (t === '--' || t === '-') {
      i++;
      break;
    }
    if (t === '-o' || t === '+o' || t === '-O' || t === '+O' || t === '--rcfile' || t === '--init-file') {
      i++;
      continue;
    }
    if (t.startsWith('--')) continue;
    if (/^[-+][A-Za-z]+$/.test(t)) {
      if (t.startsWith('-') && t.includes('c')) command = true;
      continue;
    }
    break;
  }
  return { command, rest: args.slice(i) };
}

const shellUnwrapper: Unwrapper = (inv, args, ctx) => {
  const name = inv.program;
  if (name === 'busybox') {
    return args[0] && SHELLS.has(args[0].text) ? shellUnwrapper({ ...inv, program: args[0].text }, args.slice(1), ctx) : argvFrom(args, 'busybox');
  }
  const { command, rest } = shellOperands(args);
  const label = `${name} -c`;
  if (command) {
    const text = rest[0];
    if (!text) return [];
    if (!text.static) return [{ kind: 'opaque', reason: `${name} -c runs a command string built at run time: ${text.text}` }];
    return [{ kind: 'script', text: text.text, label }];
  }
  if (rest[0]) return scriptFile(rest[0], ctx, name);
  return stdinScript(inv, name);
};

/** A shell or `sh -s` reading its script from stdin. */
function stdinScript(inv: Invocation, name: string): Derived[] {
  const stdin = inv.stdin;
  if (stdin.kind === 'none') return [];
  if (stdin.kind === 'text' && stdin.static) return [{ kind: 'script', text: stdin.text, label: `${name} (stdin)` }];
  if (stdin.kind === 'pipe') return [{ kind: 'opaque', reason: `${name} runs code produced at run time by \`${stdin.producer}\`` }];
  if (stdin.kind === 'file') return [{ kind: 'opaque', reason: `${name} runs code read from ${stdin.path.text}` }];
  return [{ kind: 'opaque', reason: `${name} runs code from stdin that is built at run time` }];
}

const UNWRAPPERS: Record<string, Unwrapper> = table({
  // su, at, crontab, tmux, systemd-run and the other programs that run a command later or elsewhere (later.ts).
  ...LATER_UNWRAPPERS,
  // vim, ex, ed and emacs run shell commands and code from their command lines and scripts (editors.ts).
  ...EDITOR_UNWRAPPERS,
  // cmake -E and -P (build-tools.ts).
  ...BUILD_TOOL_UNWRAPPERS,
  // mysql's `system`/`\!`, psql's `\!` and `\o |cmd`, sqlite3's `.shell` (sql-shells.ts).
  ...SQL_CLIENT_UNWRAPPERS,
  // tar, rsync, zip, scp and sftp options that name a command they run here (hooks.ts).
  ...HOOK_UNWRAPPERS,
  // sudo and doas: their own option grammar, assignments, -s/-i shells and -e edits (privilege.ts).
  sudo: unwrapSudo,
  sudoedit: unwrapSudo,
  doas: unwrapDoas,
  env: (_inv, args) => {
    const env: Record<string, Arg> = emptyTable();
    let i = 0;
    for (; i < args.length; i++) {
      const t = args[i]!.text;
      if (t === '--') {
        i++;
        break;
      }
      // A lone `-` is the old spelling of -i.
      if (t === '-') continue;
      if (t === '--unset' || t === '--chdir') {
        i++;
        continue;
      }
      if (t === '--split-string' || t.startsWith('--split-string=')) {
        const value = t.startsWith('--split-string=') ? literalWord(t.slice(15)) : args[++i];
        return value ? scriptFrom([value, ...args.slice(i + 1)], 'env -S', 'env -S string') : [];
      }
      if (t.startsWith('--')) continue;
      // Short options, combined as in `-iC dir` or `-0uX`: -u and -C take a value (the rest of the
      // word, or the next word), -S takes the rest as a command line, the others take none.
      if (t.startsWith('-') && t.length > 1) {
        let split: Arg | undefined;
        for (let k = 1; k < t.length; k++) {
          const letter = t[k];
          if (letter !== 'u' && letter !== 'C' && letter !== 'S') continue;
          const attached = t.slice(k + 1);
          const value = attached ? literalWord(attached) : args[++i];
          if (letter === 'S') split = value ?? literalWord('');
          break;
        }
        if (split) return scriptFrom([split, ...args.slice(i + 1)], 'env -S', 'env -S string');
        continue;
      }
      // Any word with `=` sets a variable for env(1), names a shell can't spell too: bash imports
      // `BASH_FUNC_f%%=() { …; }` as the function f.
      const m = /^([^=]+)=(.*)$/s.exec(t);
      if (m) {
        env[m[1]!] = { ...args[i]!, text: m[2]! };
        continue;
      }
      break;
    }
    return argvFrom(args.slice(i), 'env', { env });
  },
  timeout: (_inv, args) => {
    const rest = afterOptions(args, { value: ['-s', '--signal', '-k', '--kill-after'] });
    return argvFrom(rest.slice(1), 'timeout');
  },
  chrt: (_inv, args) => {
    const rest = afterOptions(args, { value: ['-T', '-P', '-D', '--sched-runtime', '--sched-period', '--sched-deadline'] });
    if (parseOptions(args).has('-p', '--pid')) return [];
    return argvFrom(/^\d+$/.test(rest[0]?.text ?? '') ? rest.slice(1) : rest, 'chrt');
  },
  command: (_inv, args) => {
    const parsed = parseOptions(args, { stopAtPositional: true });
    if (parsed.has('-v', '-V')) return []; // only looks the name up
    return argvFrom(args.slice(parsed.rest), 'command');
  },
  xargs: (inv, args) => {
    const spec: OptionSpec = {
      value: ['-a', '-d', '-E', '-I', '-L', '-n', '-P', '-s', '--arg-file', '--delimiter', '--eof', '--replace', '--max-lines', '--max-args', '--max-procs', '--max-chars', '--process-slot-var'],
    };
    const parsed = parseOptions(args, { ...spec, stopAtPositional: true });
    const rest = args.slice(parsed.rest);
    const command = rest.length ? rest : [literalWord('echo')];
    // What arrives on stdin, when it is known (`echo ~/x | xargs rm`), becomes the arguments.
    const fromFile = parsed.has('-a', '--arg-file');
    const known = !fromFile && inv.stdin.kind === 'text' && inv.stdin.static ? xargsInput(inv.stdin.text, parsed) : null;
    if (!known) return [{ kind: 'argv', argv: command, label: 'xargs', runtimeArgs: true, ...(fromFile ? {} : listed(inv)) }];
    const replace = parsed.value('-I', '--replace');
    if (replace === undefined) return [{ kind: 'argv', argv: [...command, ...known.map(literalWord)], label: 'xargs' }];
    return known.map((item) => ({ kind: 'argv', argv: command.map((a) => (a.static ? literalWord(a.text.split(replace).join(item)) : a)), label: 'xargs' }));
  },
  parallel: (inv, args) => {
    const spec: OptionSpec = {
      value: ['-j', '-S', '--jobs', '-N', '-n', '-a', '--arg-file', '-d', '-I', '--colsep', '-L', '--results', '--joblog', '--tmpdir', '--workdir', '--delay', '--timeout', '--sshlogin', '--env'],
    };
    const rest = afterOptions(args, spec);
    const end = rest.findIndex((a) => a.text === ':::' || a.text === '::::' || a.text === ':::+');
    const command = end < 0 ? rest : rest.slice(0, end);
    if (command.length === 0) return stdinScript(inv, 'parallel');
    if (end < 0) return [{ kind: 'argv', argv: command, label: 'parallel', runtimeArgs: true, ...listed(inv) }];
    if (rest[end]!.text === '::::') return [{ kind: 'argv', argv: command, label: 'parallel', runtimeArgs: true }];
    // `parallel cmd ::: a b` runs `cmd a` and `cmd b`, each through a shell.
    const inputs = rest.slice(end + 1).filter((a) => !a.text.startsWith(':::'));
    const placeholder = command.some((a) => a.text.includes('{}'));
    return inputs.flatMap((input) =>
      scriptFrom(placeholder ? command.map((a) => ({ ...a, text: a.text.replaceAll('{}', input.text) })) : [...command, input], 'parallel', 'the command parallel runs'),
    );
  },
  watch: (_inv, args) => {
    const rest = afterOptions(args, { value: ['-n', '--interval', '-q', '--equexit'] });
    if (parseOptions(args, { stopAtPositional: true }).has('-x', '--exec')) return argvFrom(rest, 'watch -x');
    return scriptFrom(rest, 'watch', 'the command watch runs');
  },
  script: (_inv, args) => {
    const parsed = parseOptions(args, { value: ['-c', '--command', '-E', '--echo', '-I', '-O', '-B', '-T', '-m', '--log-in', '--log-out', '--log-io', '--log-timing', '--logging-format'] });
    const command = parsed.value('-c', '--command');
    return command === undefined ? [] : [{ kind: 'script', text: command, label: 'script -c' }];
  },
  eval: (_inv, args) => scriptFrom(args, 'eval', 'the code eval runs'),
  // `trap 'code' EXIT`: the code runs later, when the signal comes.
  trap: (_inv, args) => {
    const p = parseOptions(args, { stopAtPositional: true });
    const rest = args.slice(p.rest);
    if (p.has('-l', '-p') || rest.length < 2 || rest[0]!.text === '-' || rest[0]!.text === '') return [];
    return scriptFrom([rest[0]!], 'trap', 'the code trap runs');
  },
  source: (_inv, args, ctx) => sourceFile(args, ctx, 'source'),
  '.': (_inv, args, ctx) => sourceFile(args, ctx, '.'),
  npx: (_inv, args) => {
    const parsed = parseOptions(args, { ...PACKAGE_RUNNER_SPEC, value: [...PACKAGE_RUNNER_SPEC.value!, '-c', '--call'], stopAtPositional: true });
    const call = parsed.value('-c', '--call');
    if (call !== undefined) return [{ kind: 'script', text: call, label: 'npx -c' }];
    return packageBinary(args.slice(parsed.rest), 'npx');
  },
  bunx: (_inv, args) => packageBinary(afterOptions(args, PACKAGE_RUNNER_SPEC), 'bunx'),
  npm: (_inv, args, ctx) => {
    const parsed = parseOptions(args, { value: ['-w', '--workspace', '--prefix', '-C'], stopAtPositional: true });
    const rest = args.slice(parsed.rest);
    const sub = rest[0]?.text;
    if (sub === 'exec' || sub === 'x') {
      const inner = parseOptions(rest.slice(1), { ...PACKAGE_RUNNER_SPEC, value: [...PACKAGE_RUNNER_SPEC.value!, '-c', '--call'], stopAtPositional: true });
      const call = inner.value('-c', '--call');
      if (call !== undefined) return [{ kind: 'script', text: call, label: 'npm exec -c' }];
      return packageBinary(rest.slice(1 + inner.rest), 'npm exec');
    }
    if (sub === 'run' || sub === 'run-script' || sub === 'rum' || sub === 'urn') {
      const name = rest[1]?.text;
      return (
        (name &&
          packageScript(
            name,
            rest.slice(2).filter((a) => a.text !== '--'),
            ctx,
            `npm run ${name}`,
          )) ||
        []
      );
    }
    if (sub === 'pkg' || sub === 'set-script') return scriptsWritten(rest, 'npm');
    if (sub && INSTALLS.has(sub)) return lifecycleScripts(rest, ctx, `npm ${sub}`);
    if (sub === 'test' || sub === 't' || sub === 'tst' || sub === 'start' || sub === 'stop' || sub === 'restart') {
      return (
        packageScript(
          sub.startsWith('t') ? 'test' : sub,
          rest.slice(1).filter((a) => a.text !== '--'),
          ctx,
          `npm ${sub}`,
        ) ?? []
      );
    }
    return [];
  },
  pnpm: (_inv, args, ctx) => {
    const parsed = parseOptions(args, { value: ['-C', '--dir', '-F', '--filter', '-w', '--workspace-root'], stopAtPositional: true });
    const rest = args.slice(parsed.rest);
    const sub = rest[0]?.text;
    if (!sub) return [];
    if (sub === 'dlx' || sub === 'exec') {
      const inner = parseOptions(rest.slice(1), { ...PACKAGE_RUNNER_SPEC, stopAtPositional: true });
      const command = rest.slice(1 + inner.rest);
      // -c / --shell-mode hands the words to a shell: `pnpm dlx -c 'a | b'`.
      if (inner.has('-c', '--shell-mode') || parsed.has('-c', '--shell-mode')) return scriptFrom(command, `pnpm ${sub} -c`, `the command pnpm ${sub} runs`);
      return sub === 'dlx' ? packageBinary(command, 'pnpm dlx') : argvFrom(command, 'pnpm exec');
    }
    if (sub === 'run' || sub === 'run-script') {
      const name = rest[1]?.text;
      return (name && packageScript(name, rest.slice(2), ctx, `pnpm run ${name}`)) || [];
    }
    if (sub === 'test' || sub === 't' || sub === 'start') return packageScript(sub === 't' ? 'test' : sub, rest.slice(1), ctx, `pnpm ${sub}`) ?? [];
    if (sub === 'pkg') return scriptsWritten(rest, 'pnpm');
    if (INSTALLS.has(sub)) return lifecycleScripts(rest, ctx, `pnpm ${sub}`);
    if (PNPM_BUILTINS.has(sub)) return [];
    return scriptOrBinary(sub, rest, ctx, 'pnpm');
  },
  yarn: (_inv, args, ctx) => {
    const parsed = parseOptions(args, { value: ['--cwd'], stopAtPositional: true });
    const rest = args.slice(parsed.rest);
    const sub = rest[0]?.text;
    // A bare `yarn` installs the project.
    if (!sub) return lifecycleScripts([literalWord('install'), ...rest], ctx, 'yarn');
    if (INSTALLS.has(sub)) return lifecycleScripts(rest, ctx, `yarn ${sub}`);
    if (sub === 'dlx') return packageBinary(afterOptions(rest.slice(1), PACKAGE_RUNNER_SPEC), 'yarn dlx');
    if (sub === 'exec') return argvFrom(rest.slice(1), 'yarn exec');
    if (sub === 'run') {
      const name = rest[1]?.text;
      return (name && (packageScript(name, rest.slice(2), ctx, `yarn run ${name}`) ?? argvFrom(rest.slice(1), 'yarn run'))) || [];
    }
    if (sub === 'test' || sub === 'start') return packageScript(sub, rest.slice(1), ctx, `yarn ${sub}`) ?? [];
    // `yarn workspace api prisma …` runs the rest as yarn would, in that workspace; `yarn workspaces foreach [-A] …` in each.
    if (sub === 'workspace' && rest[1]) return UNWRAPPERS.yarn!(_inv, rest.slice(2), ctx);
    if (sub === 'workspaces' && rest[1]?.text === 'foreach')
      return UNWRAPPERS.yarn!(_inv, afterOptions(rest.slice(2), { value: ['--include', '--exclude', '--from', '-j', '--jobs', '--since'] }), ctx);
    if (YARN_BUILTINS.has(sub)) return [];
    return scriptOrBinary(sub, rest, ctx, 'yarn');
  },
  bun: (_inv, args, ctx) => {
    const sub = args[0]?.text;
    if (sub === 'x') return packageBinary(afterOptions(args.slice(1), PACKAGE_RUNNER_SPEC), 'bun x');
    if (sub === 'run') {
      // Like yarn, bun runs the package.json script of that name, else the package's binary.
      const name = args[1]?.text;
      return name ? scriptOrBinary(name, args.slice(1), ctx, 'bun run') : [];
    }
    return [];
  },
  // `corepack pnpm …`, `corepack yarn …`: the package manager corepack fetches runs the rest.
  corepack: (_inv, args) => {
    const manager = /^(npm|npx|pnpm|pnpx|yarn|yarnpkg)(@[^/\s]*)?$/.exec(args[0]?.text ?? '')?.[1];
    return manager ? argvFrom([{ ...args[0]!, text: manager }, ...args.slice(1)], 'corepack') : [];
  },
  uv: (_inv, args, ctx) => {
    if (args[0]?.text === 'pip') return pipInstall(args.slice(1), 'uv pip', ctx);
    if (args[0]?.text !== 'run') return [];
    return argvFrom(afterOptions(args.slice(1), { value: ['--with', '--python', '-p', '--project', '--directory', '--env-file', '--package', '--extra', '--group', '--index', '--from'] }), 'uv run');
  },
  poetry: (_inv, args) => (args[0]?.text === 'run' ? argvFrom(afterOptions(args.slice(1), {}), 'poetry run') : []),
  pipenv: (_inv, args) => (args[0]?.text === 'run' ? argvFrom(args.slice(1), 'pipenv run') : []),
  bundle: (_inv, args) => (args[0]?.text === 'exec' ? argvFrom(afterOptions(args.slice(1), { value: ['--gemfile'] }), 'bundle exec') : []),
  dotenv: (_inv, args) => {
    const dd = args.findIndex((a) => a.text === '--');
    if (dd >= 0) return argvFrom(args.slice(dd + 1), 'dotenv');
    return argvFrom(afterOptions(args, { value: ['-e', '-v', '-c', '-p'] }), 'dotenv');
  },
  op: (_inv, args) => (args[0]?.text === 'run' ? afterDoubleDash(args, 'op run') : []),
  doppler: (_inv, args) => {
    if (args[0]?.text !== 'run') return [];
    const parsed = parseOptions(args.slice(1), { value: ['--command', '-p', '--project', '-c', '--config', '--token', '--mount', '--name-transformer'] });
    const command = parsed.value('--command');
    if (command !== undefined) return [{ kind: 'script', text: command, label: 'doppler run --command' }];
    return afterDoubleDash(args, 'doppler run');
  },
  infisical: (_inv, args) => {
    if (args[0]?.text !== 'run') return [];
    const parsed = parseOptions(args.slice(1), { value: ['--command', '--env', '--path', '--projectId', '--token', '--tags'] });
    const command = parsed.value('--command');
    if (command !== undefined) return [{ kind: 'script', text: command, label: 'infisical run --command' }];
    return afterDoubleDash(args, 'infisical run');
  },
  // git runs some configuration values as shell commands: `!` aliases, core.sshCommand, pagers, editors.
  git: unwrapGit,
  make: (inv, args, ctx) => {
    const p = parseOptions(args, { value: ['-f', '--file', '--makefile', '-C', '--directory', '-j', '--jobs', '-l', '-o', '-W', '-I', '--eval', '-E'] });
    if (p.has('-n', '--dry-run', '--just-print', '-q', '--question', '-p', '--print-data-base', '--help', '-v', '--version')) return [];
    const dir = p.value('-C', '--directory');
    const join = (f: string) => (dir && !f.startsWith('/') ? `${dir.replace(/\/$/, '')}/${f}` : f);
    const targets = p.positionals.map((a) => a.text).filter((t) => !t.includes('='));
    // `--eval 'x:; cmd'` adds rules before the makefiles are read; `-f -` and `-f /dev/stdin` read one from stdin.
    const texts = [...p.values('--eval', '-E')];
    const files = p.values('-f', '--file', '--makefile');
    let unread = false;
    for (const file of files) {
      if (file === '-' || /^\/(dev\/stdin|dev\/fd\/0|proc\/self\/fd\/0)$/.test(file)) {
        const stdin = stdinText(inv, ctx, 'make -f -');
        if (stdin && 'reason' in stdin) return [{ kind: 'opaque', reason: stdin.reason }];
        if (stdin) texts.push(stdin.text);
        continue;
      }
      const text = file === '/dev/null' ? '' : ctx.readFile(join(file));
      // A makefile that can't be read leaves the task to be judged by its name; what can be read is still judged.
      if (text === null) unread = true;
      else texts.push(text);
    }
    if (!files.length) {
      const text = ['GNUmakefile', 'makefile', 'Makefile'].map((f) => ctx.readFile(join(f))).find((t) => t !== null);
      if (text !== undefined && text !== null) texts.push(text);
      else if (!texts.length) return [{ kind: 'unresolved', tool: 'make', name: targets.join(' ') || '(default target)' }];
    }
    const makefile = texts.join('\n');
    const { script } = recipeScript(parseMakefile(makefile), targets, 'make');
    const label = `make ${targets.join(' ')}`.trim();
    const calls: Derived[] = makeShellCommands(makefile).map((text) => ({ kind: 'script', text, label: `${label} $(shell)` }));
    if (unread) calls.push({ kind: 'unresolved', tool: 'make', name: targets.join(' ') || '(default target)' });
    return script ? [...calls, { kind: 'script', text: script, label }] : calls;
  },
  just: (_inv, args, ctx) => {
    const p = parseOptions(args, { value: ['-f', '--justfile', '-d', '--working-directory', '--set', '--shell', '--dotenv-path'] });
    if (p.has('-n', '--dry-run', '-l', '--list', '--summary', '--show', '-s', '--help', '--version', '--evaluate')) return [];
    const file = p.value('-f', '--justfile');
    const text = (file ? [file] : ['justfile', 'Justfile', '.justfile']).map((f) => ctx.readFile(f)).find((t) => t !== null);
    const words = p.positionals.map((a) => a.text);
    if (text === undefined || text === null) return [{ kind: 'unresolved', tool: 'just', name: words[0] ?? '(default recipe)' }];
    const parsed = parseJustfile(text);
    // Words after a recipe name that are not recipes themselves are its arguments.
    const targets = words.filter((w) => parsed.recipes.has(w));
    const { script } = recipeScript(parsed, targets.length ? targets : words.slice(0, 1), 'just');
    return script ? [{ kind: 'script', text: script, label: `just ${words.join(' ')}`.trim() }] : [];
  },
  kamal: (_inv, args) => {
    const p = parseOptions(args, { value: ['-d', '--destination', '-c', '--config-file', '-r', '--roles', '-h', '--hosts'] });
    const words = p.positionals;
    if ((words[0]?.text === 'app' || words[0]?.text === 'accessory') && words.some((w) => w.text === 'exec')) {
      const at = words.findIndex((w) => w.text === 'exec');
      const rest = words.slice(at + 1 + (words[0]!.text === 'accessory' ? 1 : 0));
      return scriptFrom(rest, `kamal ${words[0]!.text} exec`, 'the command kamal runs');
    }
    return [];
  },
  heroku: (_inv, args) => {
    if (args[0]?.text !== 'run' && args[0]?.text !== 'run:detached') return [];
    const rest = afterOptions(args.slice(1), { value: ['-a', '--app', '-r', '--remote', '-s', '--size', '-e', '--env', '--type'] });
    return scriptFrom(rest, `heroku ${args[0]!.text}`, 'the command heroku runs');
  },
  cmd: (_inv, args) => {
    const at = args.findIndex((a) => /^\/[ck]$/i.test(a.text));
    return at < 0 ? [] : scriptFrom(args.slice(at + 1), 'cmd /c', 'the command cmd runs');
  },
  expect: expectCommands,
  // Tcl's shells: the script file, or the script on stdin (tcl.ts).
  ...Object.fromEntries(['tclsh', 'tclsh8.4', 'tclsh8.5', 'tclsh8.6', 'tclsh9.0', 'wish', 'wish8.5', 'wish8.6', 'wish9.0', 'jimsh'].map((n) => [n, tclInterpreter])),
  socat: (_inv, args) => socatCommands(args),
  powershell: (_inv, args) => powershell(args, 'powershell'),
  pwsh: (_inv, args) => powershell(args, 'pwsh'),
  'aws-vault': (_inv, args) => (args[0]?.text === 'exec' ? afterDoubleDash(args, `aws-vault exec ${args[1]?.text ?? ''}`.trim()) : []),
  docker: (inv, args) => containerExec(inv, args, 'docker'),
  podman: (inv, args) => containerExec(inv, args, 'podman'),
  'docker-compose': (inv, args) => composeExec(args, 'docker-compose'),
  'podman-compose': (inv, args) => composeExec(args, 'podman-compose'),
  kubectl: (_inv, args) => {
    const parsed = parseOptions(args, {
      value: ['-n', '--namespace', '--context', '--kubeconfig', '--cluster', '--user', '-s', '--server', '-c', '--container', '-f', '--filename', '--pod-running-timeout'],
    });
    const words = parsed.positionals.map((a) => a.text);
    if (words[0] !== 'exec') return [];
    const target = words[1] ?? 'pod';
    const dd = args.findIndex((a) => a.text === '--');
    if (dd < 0) return argvFrom(parsed.positionals.slice(2), `kubectl exec ${target}`);
    return argvFrom(args.slice(dd + 1), `kubectl exec ${target}`);
  },
  ssh: (_inv, args, ctx) => {
    const parsed = parseOptions(args, {
      value: ['-b', '-c', '-D', '-E', '-e', '-F', '-I', '-i', '-J', '-L', '-l', '-m', '-O', '-o', '-p', '-Q', '-R', '-S', '-W', '-w', '-B', '-P'],
      stopAtPositional: true,
    });
    const host = args[parsed.rest];
    // ProxyCommand and LocalCommand run here, before or after the connection (hooks.ts).
    const local = sshLocalCommands(args, 'ssh', ctx);
    if (!host) return local;
    // The remote side joins the words with spaces and runs them through the remote user's shell.
    return [...local, ...scriptFrom(args.slice(parsed.rest + 1), `ssh ${host.text}`, 'the remote command')];
  },
  // `vagrant ssh [machine] -c CMD` runs CMD in the machine's shell, as ssh runs its remote command;
  // after `--`, ssh's own arguments, whose first word that is not an option starts a remote command.
  vagrant: (_inv, args) => {
    if (args.find((a) => !a.text.startsWith('-'))?.text !== 'ssh') return [];
    const out: Derived[] = [];
    for (let i = 0; i < args.length; i++) {
      const t = args[i]!.text;
      if (t === '--') {
        const command = args.slice(i + 1).findIndex((a) => !a.text.startsWith('-'));
        if (command >= 0) out.push(...scriptFrom(args.slice(i + 1 + command), 'vagrant ssh', 'the remote command'));
        break;
      }
      if (t === '-c' || t === '--command') out.push(...scriptFrom(args.slice(i + 1, i + 2), 'vagrant ssh', 'the command vagrant ssh runs'));
      else if (t.startsWith('--command=')) out.push(...scriptFrom([{ ...args[i]!, text: t.slice('--command='.length) }], 'vagrant ssh', 'the command vagrant ssh runs'));
      if (t === '-c' || t === '--command') i++;
    }
    return out;
  },
  find: (_inv, args) => {
    const { roots, expression } = findRoots(args);
    const patterns = findPatterns(args, expression);
    const out: Derived[] = [];
    for (let i = expression; i < args.length; i++) {
      const t = args[i]!.text;
      if (findPatternAt(args, i) !== undefined) i++;
      else if (t === '-exec' || t === '-execdir' || t === '-ok' || t === '-okdir') {
        const end = args.findIndex((a, k) => k > i && (a.text === ';' || a.text === '+'));
        const command = args.slice(i + 1, end < 0 ? args.length : end);
        out.push({ kind: 'argv', argv: command, label: `find ${t}`, runtimeArgs: true, find: { roots: roots.length ? roots : [literalWord('.')], patterns: [...patterns] } });
        i = end < 0 ? args.length : end;
      }
    }
    return out;
  },
});

/**
 * expect, the terminal faker: `expect -c 'spawn airlock approve x'`, or an expect script (a file, `-f`,
 * or stdin with `-f -`). Its Tcl is read by tcl.ts, leniently: expect's own commands and the procedures
 * a script calls are many, so only what deletes or runs something counts (`spawn`, `exec`, `system`,
 * `file delete`, `open |…`).
 */
function expectCommands(inv: Invocation, args: Arg[], ctx: UnwrapContext): Derived[] {
  const parsed = parseOptions(args, { value: ['-c', '-f', '-D'] });
  const file = parsed.value('-f') ?? (parsed.values('-c').length ? undefined : parsed.positionals[0]?.text);
  const texts = parsed.values('-c');
  if (file !== undefined) {
    if (file === '-') {
      const stdin = stdinText(inv, ctx, 'expect');
      if (stdin && 'reason' in stdin) return [{ kind: 'opaque', reason: stdin.reason }];
      if (stdin) texts.push(stdin.text);
    } else {
      const content = ctx.readFile(file);
      if (content === null) return [{ kind: 'opaque', reason: `expect runs ${file}, which airlock could not read` }];
      texts.push(content);
    }
  }
  if (args.some((a) => !a.static)) return [{ kind: 'opaque', reason: 'expect runs a script built at run time' }];
  return tclEffects(texts.join('\n'), 'expect', ctx, true);
}

/** socat runs the command of an `EXEC:` or `SYSTEM:` address, often on a fake terminal (`,pty`). */
function socatCommands(args: Arg[]): Derived[] {
  const out: Derived[] = [];
  for (const arg of args) {
    const m = /^(exec|system):(.*)$/is.exec(arg.text);
    if (!m) continue;
    if (!arg.static) return [{ kind: 'opaque', reason: `socat runs a command built at run time: ${arg.text}` }];
    // The command ends at the first comma that is not inside quotes; what follows are options.
    let command = '';
    let quote = '';
    for (const c of m[2]!) {
      if (quote) quote = c === quote ? '' : quote;
      else if (c === '"' || c === "'") quote = c;
      else if (c === ',') break;
      command += c;
    }
    if (command.trim()) out.push({ kind: 'script', text: command, label: `socat ${m[1]!.toUpperCase()}:` });
  }
  return out;
}

/** powershell -Command "…" / -c: PowerShell's simple commands parse like shell words. */
function powershell(args: Arg[], name: string): Derived[] {
  const at = args.findIndex((a) => /^-(c|command|commandwithargs)$/i.test(a.text));
  if (at >= 0) return scriptFrom(args.slice(at + 1), `${name} -Command`, `the command ${name} runs`);
  if (args.some((a) => /^-(e|encodedcommand)$/i.test(a.text))) return [{ kind: 'opaque', reason: `${name} -EncodedCommand runs encoded code` }];
  return [];
}

function afterDoubleDash(args: Arg[], label: string): Derived[] {
  const dd = args.findIndex((a) => a.text === '--');
  return dd < 0 ? [] : argvFrom(args.slice(dd + 1), label);
}

function sourceFile(args: Arg[], ctx: UnwrapContext, label: string): Derived[] {
  const file = args[0];
  if (!file) return [];
  const derived = scriptFile(file, ctx, label);
  // `python -m venv .venv && source .venv/bin/activate`: the script is not there yet, and the tool writes a known one.
  if (derived[0]?.kind === 'opaque' && file.static && ctx.plainActivation?.(file.text)) return [];
  return derived;
}

const CONTAINER_RUN_VALUES = [
  '-e',
  '--env',
  '--env-file',
  '-v',
  '--volume',
  '-p',
  '--publish',
  '--name',
  '-w',
  '--workdir',
  '-u',
  '--user',
  '--network',
  '--net',
  '--entrypoint',
  '--mount',
  '-l',
  '--label',
  '--platform',
  '--add-host',
  '--cpus',
  '-m',
  '--memory',
  '--restart',
  '--hostname',
  '-h',
  '--pull',
  '--device',
  '--cap-add',
  '--cap-drop',
  '--security-opt',
  '--log-driver',
  '--log-opt',
  '--detach-keys',
  '--ulimit',
  '--tmpfs',
  '--gpus',
  '--shm-size',
  '--ipc',
  '--pid',
  '--dns',
  '--expose',
  '--link',
  '--volumes-from',
  '--runtime',
  '--cidfile',
  '--label-file',
  '-a',
  '--attach',
  '--health-cmd',
  '--stop-signal',
  '--stop-timeout',
  '--userns',
  '--uts',
  '--cgroupns',
  '--group-add',
  '--init-path',
  '--memory-swap',
];

function containerExec(inv: Invocation, args: Arg[], tool: string): Derived[] {
  const global = parseOptions(args, { value: ['-H', '--host', '--context', '-c', '--config', '--log-level', '-l'], stopAtPositional: true });
  const rest = args.slice(global.rest);
  const sub = rest[0]?.text;
  if (sub === 'compose') return composeExec(rest.slice(1), `${tool} compose`);
  if (sub === 'container' && (rest[1]?.text === 'exec' || rest[1]?.text === 'run')) return containerExec(inv, [rest[1]!, ...rest.slice(2)], tool);
  if (sub !== 'exec' && sub !== 'run') return [];
  const parsed = parseOptions(rest.slice(1), { value: CONTAINER_RUN_VALUES, stopAtPositional: true });
  const target = rest[1 + parsed.rest];
  if (!target) return [];
  const words = rest.slice(2 + parsed.rest);
  const mounts = sub === 'run' ? bindMounts(parsed.options) : [];
  return argvFrom(mounts.length ? words.map((w) => onHost(w, mounts)) : words, `${tool} ${sub} ${target.text}`);
}

/** A host folder or file bound into a container, and where the container sees it. */
interface BindMount {
  host: string;
  container: string;
}

/**
 * The host paths `docker run` binds into the container (`-v ~:/h`, `--volume "$HOME:/h:ro"`, `--mount
 * type=bind,source=~,target=/h`), longest container path first. Named volumes are no host path.
 */
function bindMounts(options: readonly [string, string | true][]): BindMount[] {
  const mounts: BindMount[] = [];
  for (const [name, value] of options) {
    if (typeof value !== 'string') continue;
    if (name === '-v' || name === '--volume') {
      const [host, container] = value.split(':');
      if (host && container?.startsWith('/') && /^[/~.$]/.test(host)) mounts.push({ host, container });
    } else if (name === '--mount') {
      const fields = new Map(value.split(',').map((f) => [f.slice(0, f.indexOf('=')), f.slice(f.indexOf('=') + 1)] as const));
      const host = fields.get('source') ?? fields.get('src');
      const container = fields.get('target') ?? fields.get('destination') ?? fields.get('dst');
      if ((fields.get('type') ?? 'volume') === 'bind' && host && container?.startsWith('/')) mounts.push({ host, container });
    }
  }
  return mounts.map((m) => ({ ...m, container: m.container.replace(/(.)\/+$/, '$1') })).sort((a, b) => b.container.length - a.container.length);
}

/**
 * A word of the command a container runs, with the container's view of a bind-mounted path (`/h/.claude`
 * under `-v ~:/h`) written as the host path it is (`~/.claude`): what it does there, it does to the host.
 * Paths inside a script (`sh -c 'rm -rf /h/x'`) are rewritten too.
 */
function onHost(word: Arg, mounts: readonly BindMount[]): Arg {
  let text = word.text;
  for (const { host, container } of mounts) {
    const inside = new RegExp(String.raw`(^|[\s'"=:;(|&<>])${container.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=/|$|[\s'";|&)<>])`, 'g');
    text = text.replace(inside, (_m, before: string) => `${before}${host.replace(/\/+$/, '')}`);
  }
  return text === word.text ? word : { ...word, text, static: word.static && !/^[$]/.test(text) };
}

function composeExec(args: Arg[], tool: string): Derived[] {
  const global = parseOptions(args, {
    value: ['-f', '--file', '-p', '--project-name', '--profile', '--env-file', '--project-directory', '--ansi', '--progress', '--parallel'],
    stopAtPositional: true,
  });
  const rest = args.slice(global.rest);
  const sub = rest[0]?.text;
  if (sub !== 'exec' && sub !== 'run') return [];
  const parsed = parseOptions(rest.slice(1), { value: [...CONTAINER_RUN_VALUES, '--index'], stopAtPositional: true });
  const service = rest[1 + parsed.rest];
  if (!service) return [];
  return argvFrom(rest.slice(2 + parsed.rest), `${tool} ${sub} ${service.text}`);
}

/**
 * `node node_modules/.bin/prisma …`, `tsx node_modules/prisma/build/index.js …`: a package's own program
 * run by path through an interpreter is that program, as `npx prisma …` is (named by the link in .bin/,
 * else by its package). Null when the first word after the interpreter's options is no such path.
 */
function packageProgramByPath(args: Arg[], tool: string): Derived[] | null {
  const at = args.findIndex((a) => !a.text.startsWith('-'));
  const script = args[at];
  if (!script || at < 0) return null;
  // A value option before it (`node -r x.js script`) makes `at` the value's; such commands stay with the interpreter reading.
  if (at > 0 && /^(-r|--require|--import|--loader|-e|--eval|-p|--print)$/.test(args[at - 1]!.text)) return null;
  // Only a plain path into a package (no `..`, no dot-folder such as .cache): anything else is just a file.
  if (script.text.split('/').includes('..')) return null;
  const m = /(?:^|\/)node_modules\/(?:\.bin\/([^/.][^/]*)$|((?:@[^/.][^/]*\/)?[^/.@][^/]*)\/)/.exec(script.text);
  if (!m) return null;
  const program = m[1] ?? m[2]!.slice(m[2]!.lastIndexOf('/') + 1);
  return argvFrom([{ ...script, text: program }, ...args.slice(at + 1)], `${tool} ${script.text}`);
}

/** What an interpreter's code runs: the shell commands in it, and whether some of it can't be seen. */
function interpreterRuns(inv: Invocation, name: string, ctx: UnwrapContext): Derived[] {
  if (!languageOf(name)) return [];
  const code = interpreterCode(inv, ctx.readFile);
  if (code === 'unreadable') return [{ kind: 'opaque', reason: `${name} runs code that can't be seen before it runs` }];
  if (!code) return [];
  // awk's pipes and system() are read with awk's own grammar (awk.ts).
  if (code.language === 'awk') return awkCommands(code.code, code.origin, code.fromFile);
  const hidden = hiddenCode(code);
  const commands: Derived[] = embeddedShellCommands(code).map((text) => ({ kind: 'script', text, label: `${code.origin} (shell command in code)`, lenient: true }));
  return hidden ? [...commands, { kind: 'opaque', reason: hidden }] : commands;
}

/** What `inv` runs in turn, if it is a wrapper, and what the variables it sets make a later program run; an empty list when it runs nothing else. */
export function unwrap(inv: Invocation, ctx: UnwrapContext): Derived[] {
  const later = commandVariables(inv);
  return later.length ? [...later, ...runs(inv, ctx)] : runs(inv, ctx);
}

function runs(inv: Invocation, ctx: UnwrapContext): Derived[] {
  const args = inv.argv.slice(1);
  const name = inv.program;
  if (SHELLS.has(name)) return shellUnwrapper(inv, args, ctx);
  const spec = PREFIX_WRAPPERS[name];
  if (spec) {
    const parsed = parseOptions(args, { ...spec, stopAtPositional: true });
    const rest = args.slice(parsed.rest);
    if (name === 'ionice' && parsed.has('-p', '-P', '-u', '--pid', '--pgid', '--uid')) return [];
    return argvFrom(rest, name);
  }
  // A package's program run by path is that program; the file is still read as the interpreter's code below.
  const program = languageOf(name) === 'node' || name === 'tsx' || name === 'ts-node' ? packageProgramByPath(args, name) : null;
  if (program) return [...program, ...interpreterRuns(inv, name, ctx)];
  const unwrapper = UNWRAPPERS[name];
  if (unwrapper) return unwrapper(inv, args, ctx);
  // pip, pip3.12, `python -m pip`: installing a local project runs its build code.
  if (/^pip[\d.]*$/.test(name)) return pipInstall(args, name, ctx);
  if (languageOf(name) === 'python' && args[0]?.text === '-m' && args[1]?.text === 'pip') return pipInstall(args.slice(2), `${name} -m pip`, ctx);
  if (languageOf(name)) return interpreterRuns(inv, name, ctx);
  // An executable script named by path (`./teardown.sh`): analyse it when it is a shell script.
  const text = inv.argv[0]?.text ?? '';
  if (text.includes('/') && /\.(sh|bash|zsh)$/.test(text)) {
    const content = ctx.readFile(text);
    if (content === null) return [{ kind: 'opaque', reason: `runs ${text}, which airlock could not read` }];
    return [{ kind: 'script', text: content, label: text }];
  }
  // Scripts without an extension: only project-relative ones (./x, bin/x), never system binaries.
  if (text.includes('/') && !text.startsWith('/')) {
    const content = ctx.readFile(text);
    if (content !== null && /^#!.*\b(ba|z|da|k)?sh\b/.test(content)) return [{ kind: 'script', text: content, label: text }];
  }
  return [];
}
