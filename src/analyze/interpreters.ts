// Code handed to an interpreter: `python -c`, `python - <<EOF`, `node -e`, `ruby -e`, `perl -e`,
// `deno eval`, `php -r`, `bun -e`, or a script file the command names. airlock does not parse these
// languages; it finds the calls that matter in them (shelling out, deleting files, SQL strings,
// HTTP DELETE) with patterns that tolerate either quote style.

import { table } from '../core/table.js';
import { parseOptions } from '../rules/argv.js';
import type { Invocation } from '../core/invocation.js';

export type Language = 'python' | 'node' | 'ruby' | 'perl' | 'php' | 'awk' | 'java';

export interface InterpreterCode {
  language: Language;
  code: string;
  /** Where the code came from, for messages (`python -c`, `node script.js`). */
  origin: string;
  /** Read from a script file the command names, rather than given inline or on stdin. */
  fromFile?: true;
}

const LANGUAGE: Record<string, Language> = table({
  python: 'python',
  python3: 'python',
  python2: 'python',
  pypy: 'python',
  pypy3: 'python',
  node: 'node',
  nodejs: 'node',
  deno: 'node',
  bun: 'node',
  tsx: 'node',
  'ts-node': 'node',
  ruby: 'ruby',
  irb: 'ruby',
  perl: 'perl',
  php: 'php',
  awk: 'awk',
  gawk: 'awk',
  mawk: 'awk',
  nawk: 'awk',
  busybox_awk: 'awk',
  java: 'java',
  jshell: 'java',
});

const INLINE_FLAGS: Record<Language, string[]> = {
  python: ['-c'],
  node: ['-e', '--eval', '-p', '--print'],
  ruby: ['-e'],
  perl: ['-e', '-E'],
  php: ['-r'],
  awk: [],
  java: [],
};

const python3_11 = /^python(\d+(\.\d+)?)?$/;

export function languageOf(program: string): Language | null {
  return LANGUAGE[program] ?? (python3_11.test(program) ? 'python' : null);
}

/**
 * The code an interpreter invocation would run, or null when it runs none that can be seen here
 * (`python --version`, an interactive REPL). `readFile` gives script files named on the command line.
 */
export function interpreterCode(inv: Invocation, readFile: (path: string) => string | null): InterpreterCode | null | 'unreadable' {
  const found = codeOf(inv, readFile);
  // Names split into pieces and joined at run time ('air' + 'lock') are judged whole.
  return found && found !== 'unreadable' ? { ...found, code: joinStringLiterals(found.code) } : found;
}

/**
 * String literals joined by `+` or `.` (Python, JavaScript, Ruby, Perl, PHP) written as the one literal
 * they make: `'~/.loc' + 'al/state'` reads as `'~/.local/state'`. Only literals are joined; a variable
 * between them keeps them apart.
 */
export function joinStringLiterals(code: string): string {
  if (!/['"]\s*[+.]\s*['"]/.test(code)) return code;
  const literal = new RegExp(STRING, 'g');
  let out = '';
  let last = 0;
  let open: { quote: string; text: string } | null = null;
  for (const m of code.matchAll(literal)) {
    const between = code.slice(last, m.index);
    const quote = m[0][0]!;
    const text = m[1] ?? m[2] ?? m[3] ?? '';
    if (open && /^\s*[+.]\s*$/.test(between)) {
      open.text += text;
    } else {
      if (open) out += open.quote + open.text + open.quote;
      out += between;
      open = { quote, text };
    }
    last = m.index! + m[0].length;
  }
  if (open) out += open.quote + open.text + open.quote;
  return out + code.slice(last);
}

function codeOf(inv: Invocation, readFile: (path: string) => string | null): InterpreterCode | null | 'unreadable' {
  const language = languageOf(inv.program);
  if (!language) return null;
  const args = inv.argv.slice(1);
  const flags = INLINE_FLAGS[language];
  const parts: string[] = [];
  let script: string | null = null;
  let i = 0;
  if (inv.program === 'deno' || inv.program === 'bun') {
    if (args[0]?.text === 'eval')
      return args[1]
        ? {
            language,
            code: args
              .slice(1)
              .map((a) => a.text)
              .join(' '),
            origin: `${inv.program} eval`,
          }
        : null;
    if (args[0]?.text === 'run') i = 1;
  }
  if (language === 'java') {
    // `java Tool.java` compiles and runs one source file; `jshell script.jsh`, or jshell reading stdin.
    const source = args.find((a) => a.static && /\.(java|jsh)$/.test(a.text));
    if (source) {
      const content = readFile(source.text);
      return content === null ? null : { language, code: content, origin: `${inv.program} ${source.text}`, fromFile: true };
    }
    return inv.program === 'jshell' && inv.stdin.kind === 'text' ? { language, code: inv.stdin.text, origin: 'jshell (stdin)' } : null;
  }
  if (language === 'awk') {
    // awk's program is its first operand, unless -f names a file.
    const parsed = parseOptions(args, { value: ['-f', '-v', '-F', '--file', '--assign', '--field-separator', '-e', '--source', '-i', '--include'] });
    const file = parsed.value('-f', '--file');
    const source = parsed.values('-e', '--source');
    if (file) return readFile(file) === null ? null : { language, code: readFile(file)!, origin: `${inv.program} -f ${file}`, fromFile: true };
    if (source.length) return { language, code: source.join('\n'), origin: `${inv.program} -e` };
    const program = parsed.positionals[0];
    return program ? { language, code: program.text, origin: inv.program } : null;
  }
  for (; i < args.length; i++) {
    const t = args[i]!.text;
    const inline = flags.find((f) => t === f || (f.length === 2 && t.startsWith(f) && !t.startsWith('--') && t.length > 2 && language !== 'perl'));
    if (inline) {
      const code = t === inline ? args[++i]?.text : t.slice(2);
      if (code !== undefined) parts.push(code);
      if (language === 'python') break; // python -c: the rest are sys.argv
      continue;
    }
    // perl bundles flags: -ne, -pe, -lane…
    if (language === 'perl' && /^-[a-zA-Z]*[eE]$/.test(t) && args[i + 1]) {
      parts.push(args[++i]!.text);
      continue;
    }
    if (t === '-') break;
    if (t.startsWith('-')) {
      if (language === 'python' && (t === '-m' || t === '-W' || t === '-X')) i++;
      if (language === 'python' && t === '-m') return null; // a module: not visible here
      continue;
    }
    script = t;
    break;
  }
  if (parts.length) return { language, code: parts.join('\n'), origin: `${inv.program} ${flags[0]}` };
  if (script !== null) {
    if (!args[i]!.static) return 'unreadable';
    const content = readFile(script);
    return content === null ? null : { language, code: content, origin: `${inv.program} ${script}`, fromFile: true };
  }
  if (inv.stdin.kind === 'text') return { language, code: inv.stdin.text, origin: `${inv.program} (stdin)` };
  if (inv.stdin.kind === 'pipe') return 'unreadable';
  return null;
}

const STRING = String.raw`(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|\x60((?:[^\x60\\]|\\.)*)\x60)`;

/** Shell command strings the code hands to a shell: os.system("…"), subprocess.run("…", shell=True), execSync("…"), `…`. */
export function embeddedShellCommands(code: InterpreterCode): string[] {
  const out: string[] = [];
  // awk's system() and `"cmd" | getline` run shell commands too.
  const calls =
    /\b(?:os\.system|os\.popen|subprocess\.(?:run|call|check_call|check_output|Popen|getoutput|getstatusoutput)|commands\.getoutput|execSync|exec|execa(?:Sync|Command)?|spawnSync|spawn|system|shell_exec|passthru|popen|IO\.popen|Open3\.\w+)\s*\(\s*(?:\[\s*)?/g;
  for (const m of code.code.matchAll(calls)) {
    const rest = code.code.slice(m.index! + m[0].length, m.index! + m[0].length + 4096);
    const list = m[0].trimEnd().endsWith('[');
    if (list) {
      // subprocess.run(["rm", "-rf", path]): an argv list; join its literal words.
      const end = rest.indexOf(']');
      const body = end < 0 ? rest : rest.slice(0, end);
      const words = [...body.matchAll(new RegExp(STRING, 'g'))].map((w) => w[1] ?? w[2] ?? w[3] ?? '');
      if (words.length)
        out.push(
          words.map((w) => (/^[\w@%+=:,./~-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ') + (/[A-Za-z_]\w*\s*[,\]]/.test(body.replace(new RegExp(STRING, 'g'), '')) ? ' "$ARG"' : ''),
        );
      continue;
    }
    const first = new RegExp('^' + STRING).exec(rest);
    if (first) {
      const word = first[1] ?? first[2] ?? first[3] ?? '';
      // spawn('rm', ['-rf', dir]) names the program first, then its arguments.
      const after = rest.slice(first[0].length);
      const argList = /^\s*,\s*\[([^\]]*)\]/.exec(after);
      const listed = code.language === 'perl' || code.language === 'ruby' ? argumentList(after) : null;
      if (argList && !/\s/.test(word)) {
        const words = [...argList[1]!.matchAll(new RegExp(STRING, 'g'))].map((w) => w[1] ?? w[2] ?? w[3] ?? '');
        out.push([word, ...words].join(' '));
      } else if (listed) out.push(argvCommand([unescapeString(word), ...listed.words], listed.computed));
      else out.push(unescapeString(word));
    }
  }
  if (code.language === 'ruby' || code.language === 'perl' || code.language === 'php') {
    for (const m of code.code.matchAll(/`([^`]*)`|%x\{([^}]*)\}|%x\(([^)]*)\)/g)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  }
  // perl and ruby call without parentheses: `system "rm -rf x"`, and with a list, `system "rm", "-rf", "x"`.
  if (code.language === 'ruby' || code.language === 'perl') {
    for (const m of code.code.matchAll(/(?<![.\w$@%/])(?:system|exec|spawn)\s+(['"])((?:(?!\1)[^\\\n]|\\.)*)\1/g)) {
      const listed = argumentList(code.code.slice(m.index! + m[0].length, m.index! + m[0].length + 4096));
      out.push(listed ? argvCommand([unescapeString(m[2]!), ...listed.words], listed.computed) : unescapeString(m[2]!));
    }
  }
  return out.filter((c) => c.trim());
}

/**
 * The rest of a perl or ruby argument list after its first string (`, "-rf", "d")`): with more than one
 * argument, `system` and `exec` run the program directly with those words, no shell between. Null when
 * the first string is the only argument (then it is a command line for the shell). `computed`: some
 * argument is not a string literal.
 */
function argumentList(after: string): { words: string[]; computed: boolean } | null {
  if (!/^\s*,/.test(after)) return null;
  const words: string[] = [];
  let computed = false;
  let rest = after;
  for (let comma = /^\s*,\s*/.exec(rest); comma; comma = /^\s*,\s*/.exec(rest)) {
    rest = rest.slice(comma[0].length);
    const literal = new RegExp('^' + STRING).exec(rest);
    if (literal && /^\s*(?:[,);\n]|$|\b(?:if|unless|or|and)\b)/.test(rest.slice(literal[0].length))) {
      words.push(unescapeString(literal[1] ?? literal[2] ?? literal[3] ?? ''));
      rest = rest.slice(literal[0].length);
      continue;
    }
    // A variable or an expression: read up to the next comma or the list's end.
    const expression = /^[^,;)\n]*/.exec(rest)![0];
    if (!expression.trim()) break;
    computed = true;
    rest = rest.slice(expression.length);
  }
  return words.length || computed ? { words, computed } : null;
}

/** Words run as a program's argv, as a shell command line that runs the same: each quoted, and `"$ARG"` for what is computed. */
function argvCommand(words: string[], computed: boolean): string {
  return words.map((w) => (/^[\w@%+=:,./~-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ') + (computed ? ' "$ARG"' : '');
}

/**
 * Calls that run code or a command line given as their first argument: eval and exec, shells and
 * process spawners. Method calls on other objects (`re.compile`, `/x/.exec(s)`) are not these.
 */
const RUNS_ARGUMENT: Record<Language, RegExp> = {
  python:
    /(?<![.\w])(?:exec|eval|compile)\s*\(|\b(?:os\.(?:system|popen|exec\w*|spawn\w*)|subprocess\.(?:run|call|check_call|check_output|Popen|getoutput|getstatusoutput)|pty\.spawn|commands\.getoutput)\s*\(/g,
  node: /(?<![.\w])(?:eval|Function|exec|execSync|spawn|spawnSync|execFile|execFileSync|execa|execaSync|execaCommand)\s*\(|\.(?:execSync|spawnSync|spawn|execFile|execFileSync|runInThisContext|runInNewContext|runInContext)\s*\(|\b(?:child_process|childProcess|cp)\.exec\s*\(/g,
  // Without parentheses only when an argument follows: `print if /system/` names no call.
  ruby: /(?<![.\w:/])(?:eval|instance_eval|class_eval|system|exec|spawn)(?:\s*\(|\s+(?=[$"'`\w@]))|\b(?:IO\.popen|Open3\.\w+)\s*\(?/g,
  perl: /(?<![.\w$@%/])(?:eval|system|exec)(?:\s*\(|\s+(?=[$"'`\w@]))/g,
  php: /(?<![.\w$>])(?:eval|system|exec|shell_exec|passthru|popen|proc_open|assert)\s*\(/g,
  awk: /\bsystem\s*\(/g,
  java: /\b(?:exec|ProcessBuilder|eval)\s*\(/g,
};
/** A literal fixed before running: no `${…}` / `#{…}` / `{…}` (f-string) holes, and perl/PHP double quotes without variables. */
const FIXED_LITERAL = /^(?:(['"])(?:(?!\1)[^\\\n]|\\.)*\1|`[^`$]*`)\s*(?:[,)\];]|$)/;

/**
 * Why inline code runs something that can't be read before it runs, or null: eval/exec of a value,
 * a command line built from variables or decoded from base64, perl's qx// or backticks around a
 * variable. Only for code given inline: a script file's helpers routinely pass variables around.
 */
export function hiddenCode(code: InterpreterCode): string | null {
  if (code.fromFile) return null;
  // A string only printed (`print("use exec(x)")`) runs nothing.
  const text = withoutPrintedStrings(code.code);
  for (const m of text.matchAll(RUNS_ARGUMENT[code.language])) {
    const rest = text.slice(m.index! + m[0].length, m.index! + m[0].length + 4096).trimStart();
    // An argv list (`subprocess.run(["rm", path])`) is read word by word elsewhere; an empty call runs nothing given.
    if (rest.startsWith('[') || rest.startsWith(')') || rest.startsWith('{')) continue;
    const fixed = FIXED_LITERAL.exec(rest);
    const interpolated = fixed && (/^f['"]/i.test(rest) || /\$\{|#\{/.test(fixed[0]) || ((code.language === 'perl' || code.language === 'php') && fixed[1] === '"' && /[$@]\w/.test(fixed[0])));
    if (fixed && !interpolated) continue;
    return `${code.origin} hands ${m[0].replace(/[\s(]+$/, '')} a value computed at run time (${rest.split('\n')[0]!.slice(0, 60)}…)`;
  }
  if (code.language === 'perl' || code.language === 'ruby' || code.language === 'php') {
    const qx = /`([^`]*)`|\bqx\s*(?:\(([^)]*)\)|\{([^}]*)\}|([/|!#])(.*?)\4)|%x[({]([^)}]*)[)}]/g;
    for (const m of text.matchAll(qx)) {
      const body = m[1] ?? m[2] ?? m[3] ?? m[5] ?? m[6] ?? '';
      if (/[$@]\w|#\{/.test(body)) return `${code.origin} runs a command line built from a variable: ${m[0].slice(0, 60)}`;
    }
  }
  return null;
}

/**
 * Calls that only print their argument: console.log, print, puts, echo, printf, say, a logger. A string
 * handed straight to one is text shown to a person, not SQL sent to a database.
 */
const OUTPUT_CALL =
  /(?:\bconsole\.(?:log|error|warn|info|debug)|\bprocess\.std(?:out|err)\.write|\bsys\.std(?:out|err)\.write|\b(?:logger|logging|log)\.(?:debug|info|warning|warn|error)|(?<![.\w$])(?:print|println|printf|puts|echo|say|warn))(?:\s*\(\s*|[ \t]+)(?=[rfbu]{0,2}['"`])/g;
const PRINTED_LITERAL = new RegExp(String.raw`^[rfbu]{0,2}(?:"""[\s\S]*?"""|'''[\s\S]*?'''|${STRING})`);

/** The code with each string printed as the first argument of an output call left out, as `''`. */
export function withoutPrintedStrings(code: string): string {
  let out = '';
  let last = 0;
  for (const m of code.matchAll(OUTPUT_CALL)) {
    const start = m.index! + m[0].length;
    if (start < last) continue;
    const printed = PRINTED_LITERAL.exec(code.slice(start, start + 65536));
    if (!printed) continue;
    out += code.slice(last, start) + "''";
    last = start + printed[0].length;
  }
  return out + code.slice(last);
}

/** Every string literal in the code, for SQL and path checks. */
export function stringLiterals(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/"""([\s\S]*?)"""|'''([\s\S]*?)'''/g)) out.push(m[1] ?? m[2] ?? '');
  for (const m of code.matchAll(new RegExp(STRING, 'g'))) out.push(unescapeString(m[1] ?? m[2] ?? m[3] ?? ''));
  return out;
}

function unescapeString(s: string): string {
  return s
    .replace(/\\(["'\\`])/g, '$1')
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t');
}

/**
 * Expressions for the home directory in interpreter code, read as `'~'` so that a path built on one
 * (`os.homedir() + '/.local/…'`, `Path.home() / '.local' / …`, `$ENV{HOME} . "/.local/…"`) is seen whole.
 */
const HOME_EXPRESSION =
  /\b(?:pathlib\.)?Path\.home\(\)|\b(?:os\.path\.)?expanduser\(\s*(['"])~\1\s*\)|\bFile\.expand_path\(\s*(['"])~\2\s*\)|(?:\brequire\(\s*['"](?:node:)?os['"]\s*\)\s*\.\s*|\bos\.)?\bhomedir\(\)|\bprocess\.env(?:\.HOME\b|\[\s*['"]HOME['"]\s*\])|\bos\.environ(?:\[\s*['"]HOME['"]\s*\]|\.get\(\s*['"]HOME['"]\s*\))|\b(?:os\.)?getenv\(\s*['"]HOME['"]\s*\)|\bDir\.home\b|\bENV\[\s*['"]HOME['"]\s*\]|\$ENV\{\s*['"]?HOME['"]?\s*\}|\$_SERVER\[\s*['"]HOME['"]\s*\]/g;

/**
 * The paths interpreter code spells out: each string literal, and each run of literals joined as path
 * segments (`join('~', '.local', 'state')`, `home / '.local' / 'state'`, `'~' + '/.local/state'`)
 * read as the one path they make.
 */
export function pathsInCode(code: string): string[] {
  const text = joinStringLiterals(code.replace(HOME_EXPRESSION, "'~'"));
  const out: string[] = [];
  let run: string[] = [];
  let last = -1;
  const flush = () => {
    // Every prefix: where the path ends (`join(home, '.claude', 'settings.json'), 'w'`) can't be told from here.
    for (let n = 2; n <= run.length; n++)
      out.push(
        run
          .slice(0, n)
          .join('/')
          .replace(/\/{2,}/g, '/'),
      );
    run = [];
  };
  for (const m of text.matchAll(new RegExp(STRING, 'g'))) {
    const literal = m[1] ?? m[2] ?? m[3] ?? '';
    // Separated only by a comma, a `/`, or the `)` that closes the call giving the first piece.
    if (last < 0 || !/^\s*\)?\s*[,/]\s*$/.test(text.slice(last, m.index))) flush();
    out.push(literal);
    run.push(literal);
    last = m.index! + m[0].length;
  }
  flush();
  return out;
}
