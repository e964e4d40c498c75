// Build tools that run commands: `cmake -E rm|remove|remove_directory|chdir|env|time …`, `cmake -P
// script` (its file(REMOVE…), execute_process and exec_program read, code it can't see unknown), and
// `pip install` of a local project, which runs the project's setup.py or build backend.

import { table } from '../core/table.js';
import { literalWord, type Arg, type Invocation } from '../core/invocation.js';
import { parseOptions, shellJoin } from '../rules/argv.js';
import { argvFrom, scriptFrom } from './derived.js';
import type { Derived, UnwrapContext } from './unwrap.js';

type Unwrapper = (inv: Invocation, args: Arg[], ctx: UnwrapContext) => Derived[];

const opaque = (reason: string): Derived[] => [{ kind: 'opaque', reason }];

// ---- cmake ----

/** `cmake -E <tool> …`: the tools that delete, move or run something, as the commands they amount to. */
function cmakeTool(words: Arg[]): Derived[] {
  const tool = words[0]?.text;
  const rest = words.slice(1);
  const label = `cmake -E ${tool}`;
  switch (tool) {
    case 'rm':
      return argvFrom([literalWord('rm'), ...rest], label);
    case 'remove':
      return argvFrom([literalWord('rm'), literalWord('-f'), ...rest.filter((a) => a.text !== '-f')], label);
    case 'remove_directory':
      return argvFrom([literalWord('rm'), literalWord('-rf'), ...rest], label);
    case 'rename':
      return argvFrom([literalWord('mv'), ...rest], label);
    case 'env':
      return argvFrom([literalWord('env'), ...rest], label);
    case 'time':
      return argvFrom(rest, label);
    case 'chdir': {
      // The command runs in the directory named first.
      if (rest.length < 2) return [];
      if (rest.some((w) => !w.static)) return opaque(`${label} runs a command built at run time: ${rest.map((w) => w.text).join(' ')}`);
      return [{ kind: 'script', text: `cd ${shellJoin([rest[0]!.text])} && ${shellJoin(rest.slice(1).map((w) => w.text))}`, label }];
    }
    default:
      return [];
  }
}

/** One CMake argument: `${VAR}` in it is only known when the script runs. */
function cmakeArg(text: string): Arg {
  const dynamic = text.includes('${') || text.includes('$ENV{') || text.includes('$CACHE{');
  return { text, static: !dynamic, dynamicStart: /^\$(ENV|CACHE)?\{/.test(text), glob: false, mayMultiply: dynamic };
}

/** The commands of a CMake script, each as its name (lower case) and arguments. */
function cmakeCommands(text: string): { name: string; args: Arg[] }[] {
  const out: { name: string; args: Arg[] }[] = [];
  const source = text.replace(/#\[(=*)\[[\s\S]*?\]\1\]/g, ' ');
  const call = /(^|[\s;])([A-Za-z_]\w*)\s*\(/g;
  for (let m = call.exec(source); m; m = call.exec(source)) {
    const args: string[] = [];
    let depth = 1;
    let word = '';
    let i = m.index + m[0].length;
    const flush = () => {
      if (word) args.push(word);
      word = '';
    };
    for (; i < source.length && depth > 0; i++) {
      const c = source[i]!;
      if (c === '"') {
        let quoted = '';
        for (i++; i < source.length && source[i] !== '"'; i++) quoted += source[i] === '\\' ? source[++i] : source[i];
        word += quoted;
        if (!word) args.push('');
      } else if (c === '[' && /^\[=*\[/.test(source.slice(i))) {
        const open = /^\[(=*)\[/.exec(source.slice(i))!;
        const end = source.indexOf(`]${open[1]}]`, i);
        word += source.slice(i + open[0].length, end < 0 ? source.length : end);
        i = end < 0 ? source.length : end + open[0].length - 1;
      } else if (c === '#') {
        flush();
        while (i < source.length && source[i] !== '\n') i++;
      } else if (c === '(') {
        depth++;
        word += c;
      } else if (c === ')') {
        if (--depth > 0) word += c;
      } else if (/\s/.test(c)) flush();
      else word += c;
    }
    flush();
    out.push({ name: m[2]!.toLowerCase(), args: args.map(cmakeArg) });
    call.lastIndex = i;
  }
  return out;
}

/** execute_process's keywords: COMMAND starts a command, the others end it. */
const EXECUTE_PROCESS_KEYWORDS = new Set([
  'COMMAND',
  'WORKING_DIRECTORY',
  'TIMEOUT',
  'RESULT_VARIABLE',
  'RESULTS_VARIABLE',
  'OUTPUT_VARIABLE',
  'ERROR_VARIABLE',
  'INPUT_FILE',
  'OUTPUT_FILE',
  'ERROR_FILE',
  'OUTPUT_QUIET',
  'ERROR_QUIET',
  'COMMAND_ECHO',
  'OUTPUT_STRIP_TRAILING_WHITESPACE',
  'ERROR_STRIP_TRAILING_WHITESPACE',
  'ENCODING',
  'ECHO_OUTPUT_VARIABLE',
  'ECHO_ERROR_VARIABLE',
  'COMMAND_ERROR_IS_FATAL',
]);

/**
 * What a CMake script does that airlock judges: file(REMOVE…) and file(RENAME) as rm and mv, the
 * commands execute_process and exec_program run, and code it loads or builds that can't be read.
 */
function cmakeScript(text: string, who: string, followsIncludes = true): Derived[] {
  const out: Derived[] = [];
  for (const { name, args } of cmakeCommands(text)) {
    const label = `${who} ${name}()`;
    if (name === 'file') {
      const mode = args[0]?.text;
      if (mode === 'REMOVE') out.push(...argvFrom([literalWord('rm'), literalWord('-f'), ...args.slice(1)], label));
      else if (mode === 'REMOVE_RECURSE') out.push(...argvFrom([literalWord('rm'), literalWord('-rf'), ...args.slice(1)], label));
      else if (mode === 'RENAME') out.push(...argvFrom([literalWord('mv'), ...args.slice(1, 3)], label));
    } else if (name === 'execute_process') {
      let command: Arg[] | null = null;
      const commands: Arg[][] = [];
      for (const a of args) {
        if (EXECUTE_PROCESS_KEYWORDS.has(a.text)) {
          command = a.text === 'COMMAND' ? [] : null;
          if (command) commands.push(command);
        } else command?.push(a);
      }
      for (const c of commands) out.push(...argvFrom(c, label));
    } else if (name === 'exec_program') {
      // exec_program(prog [dir] [ARGS "args"] …): the arguments are one command line.
      const at = args.findIndex((a) => a.text === 'ARGS');
      const end = args.findIndex((a, k) => k > at && /^(OUTPUT_VARIABLE|RETURN_VALUE)$/.test(a.text));
      const words = at < 0 ? [args[0]!] : [args[0]!, ...args.slice(at + 1, end < 0 ? undefined : end)];
      if (args[0]) out.push(...scriptFrom(words, label, `the command ${label} runs`));
    } else if (name === 'cmake_language' && /^(EVAL|CALL|DEFER)$/.test(args[0]?.text ?? '')) out.push(...opaque(`${label} runs CMake code built at run time`));
    else if (followsIncludes && name === 'include' && args[0] && !/^[A-Za-z]\w*$/.test(args[0].text)) out.push(...opaque(`${label} loads ${args[0].text}, which airlock does not read`));
  }
  return out;
}

/** cmake's options that take the next word. */
const CMAKE_VALUE = ['-S', '-B', '-C', '-D', '-U', '-G', '-T', '-A', '--preset', '--build', '--install', '--target', '-t', '--config', '-j', '--parallel', '--log-level', '--toolchain'];

const cmake: Unwrapper = (_inv, args, ctx) => {
  const tool = args.findIndex((a) => a.text === '-E');
  if (tool >= 0) return cmakeTool(args.slice(tool + 1));
  const p = parseOptions(args, { value: [...CMAKE_VALUE, '-P'] });
  const script = p.values('-P')[0];
  if (script === undefined) return configure(p, ctx);
  const text = ctx.readFile(script);
  if (text === null) return opaque(`cmake -P runs ${script}, which airlock could not read`);
  return cmakeScript(text, `cmake -P ${script}`);
};

/**
 * Configuring (`cmake -S src -B build`, `cmake ..`) runs the project's CMakeLists.txt, whose
 * execute_process and file(REMOVE…) run then. The top file is read; the files it includes and the
 * subdirectories it adds are not followed, and building (`--build`) runs what the generator wrote.
 */
function configure(p: ReturnType<typeof parseOptions>, ctx: UnwrapContext): Derived[] {
  if (p.has('--build', '--install', '--open', '-N', '--help', '-h', '--version', '--system-information', '--find-package') || p.options.some(([n]) => n.startsWith('--help'))) return [];
  const source = p.value('-S') ?? p.positionals[0]?.text ?? (p.value('-B') !== undefined || p.value('--preset') !== undefined ? '.' : undefined);
  if (source === undefined) return [];
  const file = source === '.' ? 'CMakeLists.txt' : `${source.replace(/\/+$/, '')}/CMakeLists.txt`;
  const text = ctx.readFile(file);
  return text === null ? [] : cmakeScript(text, `cmake ${file}`, false);
}

// ---- pip install of a local project ----

/** Build backends that run no code of the project's own (unless configured to, below). */
const DECLARATIVE_BACKENDS = /^(setuptools\.build_meta(:__legacy__)?|hatchling\.build|flit_core\.buildapi|poetry\.core\.masonry\.api|pdm\.backend|uv_build)$/;

/**
 * What building the project in `dir` runs: its setup.py, judged as Python; a build backend kept in the
 * project, or build hooks, which can't be; nothing for a declarative project.
 */
function localBuild(dir: string, ctx: UnwrapContext, label: string): Derived[] {
  const at = (file: string) => (dir === '.' ? file : `${dir.replace(/\/+$/, '')}/${file}`);
  if (ctx.readFile(at('setup.py')) !== null) return [{ kind: 'script', text: `cd ${shellJoin([dir])} && python setup.py install`, label: `${label} (setup.py)` }];
  const pyproject = ctx.readFile(at('pyproject.toml'));
  if (pyproject === null) return opaque(`${label} builds the project in ${dir}, whose setup.py or pyproject.toml airlock could not read`);
  const backend = /^\s*build-backend\s*=\s*["']([^"']+)["']/m.exec(pyproject)?.[1];
  if (/^\s*backend-path\s*=/m.test(pyproject)) return opaque(`${label} builds ${dir} with a build backend kept in the project, which airlock does not read`);
  if (backend !== undefined && !DECLARATIVE_BACKENDS.test(backend)) return opaque(`${label} builds ${dir} with ${backend}, which runs build code airlock does not read`);
  const hooks = /^\s*\[tool\.(hatch\.build(\.targets\.[\w-]+)?\.hooks|pdm\.build)\b/m.test(pyproject) || ctx.readFile(at('hatch_build.py')) !== null || ctx.readFile(at('pdm_build.py')) !== null;
  return hooks ? opaque(`${label} builds ${dir} with build hooks, which airlock does not read`) : [];
}

/** A requirement that names a directory rather than a package on an index: `.`, `./lib`, `../x[dev]`, `file:///src/x`. */
function localProject(spec: string): string | null {
  const path = spec.replace(/^file:\/\//, '').replace(/\[[^\]]*\]$/, '');
  if (/\.(whl|tar\.gz|zip|tar\.bz2)$/.test(path)) return null;
  const local = path === '.' || path === '..' || /^(\.\.?|~)?\//.test(path) || (spec.startsWith('file:') && path !== '');
  return local ? path : null;
}

/** `pip install .`, `pip install -e ./lib`: each local project is built, which runs its build code. */
export function pipInstall(args: Arg[], label: string, ctx: UnwrapContext): Derived[] {
  if (args[0]?.text !== 'install') return [];
  const p = parseOptions(args.slice(1), {
    value: [
      '-e',
      '--editable',
      '-r',
      '--requirement',
      '-c',
      '--constraint',
      '-t',
      '--target',
      '--prefix',
      '--root',
      '-i',
      '--index-url',
      '--extra-index-url',
      '-f',
      '--find-links',
      '--python-version',
      '--platform',
      '--src',
      '--upgrade-strategy',
      '--config-settings',
      '-C',
      '--global-option',
      '--progress-bar',
      '--report',
      '--log',
      '--cache-dir',
      '--proxy',
      '--timeout',
      '--retries',
      '--trusted-host',
      '--python',
      '--only-binary',
      '--no-binary',
    ],
  });
  if (p.has('--dry-run', '-h', '--help')) return [];
  // An editable install is of a directory, unless it names a version-control URL.
  const editable = p.values('-e', '--editable').map((spec) => (/^[\w+]+:\/\//.test(spec) && !spec.startsWith('file:') ? null : (localProject(spec) ?? spec.replace(/\[[^\]]*\]$/, ''))));
  const dirs = [...editable, ...p.positionals.map((a) => localProject(a.text))];
  return dirs.flatMap((dir) => (dir === null ? [] : localBuild(dir, ctx, `${label} install ${dir}`)));
}

export const BUILD_TOOL_UNWRAPPERS: Record<string, Unwrapper> = table({ cmake });
