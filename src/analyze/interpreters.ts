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
  if (!found || found === 'unreadable') return found;
  // Names split into pieces and joined at run time ('air' + 'lock') are judged whole; perl's strings
  // with the variables they interpolate filled in.
  if (found.language === 'awk') return { ...found, code: interpolateAwk(found.code) };
  const decoded = literalsDecoded(found.code);
  return { ...found, code: joinStringLiterals(found.language === 'perl' ? interpolatePerl(decoded) : pathVariablesInlined(decoded)) };
}

/**
 * Calls that decode a literal written in the code (base64 or hex: `b64decode('…')`, `bytes.fromhex`,
 * `Buffer.from('…', 'base64')`, `atob`, perl's `pack("H*", …)` and `decode_base64`, ruby's
 * `Base64.decode64`), each with the string it gives. What the code then runs (`exec(…)`, `eval`,
 * `os.system`) is that text, and is read like the rest of the code.
 */
const DECODED_LITERALS: readonly [RegExp, 'base64' | 'hex'][] = [
  [
    /(?:__import__\(\s*['"]base64['"]\s*\)\.|\b(?:[A-Za-z_]\w*\.)+)?\b(?:b64decode|urlsafe_b64decode|standard_b64decode|decodebytes)\(\s*b?(?<q>['"])(?<text>[A-Za-z0-9+/=_\-\s]+)\k<q>\s*\)/g,
    'base64',
  ],
  [/\bbytes\.fromhex\(\s*(?<q>['"])(?<text>[0-9a-fA-F\s]+)\k<q>\s*\)/g, 'hex'],
  [/\bBuffer\.from\(\s*(?<q>['"`])(?<text>[A-Za-z0-9+/=]+)\k<q>\s*,\s*['"`]base64['"`]\s*\)/g, 'base64'],
  [/\bBuffer\.from\(\s*(?<q>['"`])(?<text>[0-9a-fA-F]+)\k<q>\s*,\s*['"`]hex['"`]\s*\)/g, 'hex'],
  [/\batob\(\s*(?<q>['"`])(?<text>[A-Za-z0-9+/=]+)\k<q>\s*\)/g, 'base64'],
  [/\bpack\(?\s*['"]H\*['"]\s*,\s*(?<q>['"])(?<text>[0-9a-fA-F]+)\k<q>\s*\)?/g, 'hex'],
  [/\b(?:MIME::Base64::)?decode_base64\(\s*(?<q>['"])(?<text>[A-Za-z0-9+/=\s]+)\k<q>\s*\)/g, 'base64'],
  [/\bBase64\.(?:decode64|strict_decode64|urlsafe_decode64)\(\s*(?<q>['"])(?<text>[A-Za-z0-9+/=_\-\s]+)\k<q>\s*\)/g, 'base64'],
];

export function literalsDecoded(code: string): string {
  if (!/b64decode|decodebytes|fromhex|Buffer\.from|atob|pack|decode_base64|decode64/.test(code)) return code;
  let out = code;
  for (const [pattern, encoding] of DECODED_LITERALS) {
    out = out.replace(pattern, (...args: unknown[]) => {
      const whole = args[0] as string;
      const { text } = args.at(-1) as { text: string };
      const bytes = Buffer.from(text.replace(/\s+/g, ''), encoding);
      const decoded = bytes.toString('utf8');
      // Only text: bytes that are no UTF-8, or control characters, are left as the call they were.
      return bytes.length > 0 && bytes.length <= 65536 && !decoded.includes('\uFFFD') && !/[\0-\x08\x0e-\x1f]/.test(decoded) ? JSON.stringify(decoded) : whole;
    });
  }
  return out;
}

/** A value that may be (part of) a path: a string, or the home folder or an environment variable as code asks for it. */
const PATH_LIKE = /['"`~/]|\bhome|HOME|expanduser|environ|getenv|homedir|\bENV\b/;

/**
 * Code with each variable that is assigned once, to what may be a path (`h = os.path.expanduser('~')`,
 * `const d = require('os').homedir() + '/.claude'`), written as that value where it is used, so
 * `shutil.rmtree(h + '/.claude')` reads as the path it is. Python, JavaScript and Ruby; awk and perl
 * have their own (interpolateAwk, interpolatePerl).
 */
export function pathVariablesInlined(code: string): string {
  if (!code.includes('=')) return code;
  const assigned = new Map<string, number>();
  for (const m of code.matchAll(/(?<![\w$.])([A-Za-z_]\w*)\s*(?:[-+*/%|&]?=)(?![=>])/g)) assigned.set(m[1]!, (assigned.get(m[1]!) ?? 0) + 1);
  const values = new Map<string, string>();
  for (const m of code.matchAll(/(?:^|[;\n{(])\s*(?:(?:const|let|var)\s+)?([A-Za-z_]\w*)\s*=(?![=>])\s*([^;\n]+?)\s*(?=[;\n]|$)/g)) {
    if (assigned.get(m[1]!) === 1 && PATH_LIKE.test(m[2]!) && !new RegExp(String.raw`\b${m[1]}\b`).test(m[2]!)) values.set(m[1]!, m[2]!);
  }
  if (values.size === 0) return code;
  let out = code;
  // A value may use one assigned before it (`h = …; d = h + '/x'`): a few rounds fill those in.
  for (let round = 0; round < 3; round++) {
    const next = out.replace(/(?<![\w$.'"])([A-Za-z_]\w*)(?![\w'"])(?!\s*=(?![=>]))/g, (name: string) => values.get(name) ?? name);
    if (next === out) break;
    out = next;
  }
  return out;
}

/**
 * awk code with its strings joined as awk joins them (side by side), `ENVIRON["HOME"]` as `"~"`, and
 * each variable given one literal (`c = "air" "lock approve"; system(c)`) written as that literal
 * where it is used: `system("rm -rf " ENVIRON["HOME"] "/.local/…")` reads as the command it runs.
 */
export function interpolateAwk(code: string): string {
  const homed = joinStringLiterals(code.replace(/\bENVIRON\[\s*"HOME"\s*\]/g, '"~"'), AWK_JOINS);
  const values = new Map<string, string>();
  const assigned = new Map<string, number>();
  for (const m of homed.matchAll(/(?<![\w$.])([A-Za-z_]\w*)\s*(?:[-+*/%^]?=)(?!=)/g)) assigned.set(m[1]!, (assigned.get(m[1]!) ?? 0) + 1);
  for (const m of homed.matchAll(/(?<![\w$.])([A-Za-z_]\w*)\s*=(?!=)\s*"((?:[^"\\\n]|\\.)*)"\s*(?=[;}\n]|$)/g)) if (assigned.get(m[1]!) === 1) values.set(m[1]!, m[2]!);
  if (values.size === 0) return homed;
  const filled = homed.replace(AWK_TOKEN, (m, _sq?: string, _dq?: string, _bq?: string, name?: string, at?: number) => {
    const value = name === undefined ? undefined : values.get(name);
    // Where it is assigned it stays a name.
    return value === undefined || /^\s*=(?!=)/.test(homed.slice((at ?? 0) + m.length, (at ?? 0) + m.length + 3)) ? m : `"${value}"`;
  });
  return joinStringLiterals(filled, AWK_JOINS);
}

/** `$ENV{HOME}` (and `$ENV{'HOME'}`), as perl writes the home directory. */
const PERL_HOME = /\$ENV\{\s*['"]?HOME['"]?\s*\}/g;
/**
 * What perl fills in: double-quoted strings, backticks, `qx(…)`/`qx{…}`, and the glob operator `<…>`
 * over a path; single-quoted strings are left as written; and a scalar variable outside them.
 */
const PERL_TOKEN = /'(?:[^'\\\n]|\\.)*'|"((?:[^"\\\n]|\\.)*)"|`([^`]*)`|\bqx\s*(?:\(([^)]*)\)|\{([^}]*)\})|<([$~/.][^<>\s;]*)>|\$ENV\{\s*['"]?HOME['"]?\s*\}|\$(\w+)\b/g;
/** `my $h = "…";`: a scalar given a literal. */
const PERL_ASSIGNMENT = /(?:\b(?:my|our|local)\s+)?\$(\w+)\s*=(?![=~])\s*(['"])((?:(?!\2)[^\\\n$@])*)\2\s*;/g;

/**
 * Perl code with what it interpolates filled in, where that is known before it runs: `$ENV{HOME}` as
 * `~`, and each scalar given one literal (`$h = $ENV{HOME}; \`rm -rf $h/.claude\``) as that literal,
 * in strings, backticks and globs and as an argument (`rename($p, …)`). The glob operator
 * `<~/.local/*>` is written as the `glob("…")` it is.
 */
export function interpolatePerl(code: string): string {
  if (!code.includes('$') && !code.includes('<')) return code;
  // Home first, so `$h = $ENV{HOME};` gives $h a literal; then the scalars given one literal, once.
  const homed = joinStringLiterals(fillPerl(code, new Map()));
  const values = new Map<string, string>();
  const assigned = new Map<string, number>();
  for (const m of homed.matchAll(/\$(\w+)\s*=(?![=~>])/g)) assigned.set(m[1]!, (assigned.get(m[1]!) ?? 0) + 1);
  for (const m of homed.matchAll(PERL_ASSIGNMENT)) if (assigned.get(m[1]!) === 1) values.set(m[1]!, m[3]!);
  return values.size === 0 ? homed : joinStringLiterals(fillPerl(homed, values));
}

/** One pass of interpolatePerl: home, and the scalars in `values`, filled in where perl fills them. */
function fillPerl(code: string, values: Map<string, string>): string {
  const fill = (text: string) => text.replace(PERL_HOME, '~').replace(/\$\{?(\w+)\}?/g, (m, name: string) => values.get(name) ?? m);
  return code.replace(PERL_TOKEN, (m, dq?: string, bq?: string, qp?: string, qb?: string, glob?: string, name?: string, at?: number) => {
    if (dq !== undefined) return `"${fill(dq)}"`;
    if (bq !== undefined || qp !== undefined || qb !== undefined) return `\`${fill(bq ?? qp ?? qb ?? '')}\``;
    if (glob !== undefined) return `glob("${fill(glob)}")`;
    if (m.startsWith("'")) return m;
    if (name === undefined) return "'~'";
    // A scalar used as a value (not where it is assigned, nor an element of an array or hash) is its literal.
    const after = code.slice((at ?? 0) + m.length, (at ?? 0) + m.length + 4);
    const value = values.get(name);
    return value !== undefined && !/^\s*(?:=(?![=~])|\[|\{)/.test(after) ? `"${value}"` : m;
  });
}

/** What joins two string literals into one: `+` (Python, JavaScript, Ruby) or `.` (Perl, PHP). */
const JOINS_LITERALS = /^\s*[+.]\s*$/;
/** awk joins strings written side by side (`"air" "lock"`). */
const AWK_JOINS = /^[ \t]*$/;

/**
 * String literals joined by `+` or `.` (Python, JavaScript, Ruby, Perl, PHP) written as the one literal
 * they make: `'~/.loc' + 'al/state'` reads as `'~/.local/state'`. Only literals are joined; a variable
 * between them keeps them apart.
 */
export function joinStringLiterals(code: string, joined: RegExp = JOINS_LITERALS): string {
  if (joined === JOINS_LITERALS && !/['"]\s*[+.]\s*['"]/.test(code)) return code;
  const literal = new RegExp(STRING, 'g');
  let out = '';
  let last = 0;
  let open: { quote: string; text: string } | null = null;
  for (const m of code.matchAll(literal)) {
    const between = code.slice(last, m.index);
    const quote = m[0][0]!;
    const text = m[1] ?? m[2] ?? m[3] ?? '';
    if (open && joined.test(between)) {
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
/** A token of awk code for interpolateAwk: a string, or a name (not a field `$x`, nor part of another word). */
const AWK_TOKEN = new RegExp(`${STRING}|(?<![\\w$.])([A-Za-z_]\\w*)\\b`, 'g');

/** Shell command strings the code hands to a shell: os.system("…"), subprocess.run("…", shell=True), execSync("…"), `…`. */
export function embeddedShellCommands(code: InterpreterCode): string[] {
  const out: string[] = [];
  // awk's system() and `"cmd" | getline` run shell commands too.
  const calls =
    /\b(?:os\.system|os\.popen|subprocess\.(?:run|call|check_call|check_output|Popen|getoutput|getstatusoutput)|pty\.spawn|commands\.getoutput|execSync|exec|execa(?:Sync|Command)?|spawnSync|spawn|system|shell_exec|passthru|popen|IO\.popen|Open3\.\w+)\s*\(\s*(?:\[\s*)?/g;
  for (const m of code.code.matchAll(calls)) {
    const rest = code.code.slice(m.index! + m[0].length, m.index! + m[0].length + 4096);
    const list = m[0].trimEnd().endsWith('[');
    if (list) {
      // subprocess.run(["rm", "-rf", path]): an argv list, each element a word; one that is not a plain
      // string (a variable, `'a' + n`, a call) is computed at run time, and stands as "$ARG" where it is.
      const elements = listElements(rest);
      if (elements.length) out.push(argvWords(elements));
      continue;
    }
    const first = new RegExp('^' + STRING).exec(rest);
    if (first) {
      const word = first[1] ?? first[2] ?? first[3] ?? '';
      // spawn('rm', ['-rf', dir]) names the program first, then its arguments.
      const after = rest.slice(first[0].length);
      const argList = /^\s*,\s*\[/.exec(after);
      const listed = code.language === 'perl' || code.language === 'ruby' ? argumentList(after) : null;
      if (argList && !/\s/.test(word)) {
        out.push(argvWords([{ word }, ...listElements(after.slice(argList[0].length))]));
      } else if (listed) out.push(argvCommand([unescapeString(word), ...listed.words], listed.computed));
      else out.push(unescapeString(word));
    }
  }
  if (code.language === 'ruby' || code.language === 'perl' || code.language === 'php') {
    for (const m of code.code.matchAll(/`([^`]*)`|%x\{([^}]*)\}|%x\(([^)]*)\)/g)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  }
  // perl's piped open runs a program: `open(my $fh, "-|", "rm", "-rf", $d)` (a list: the program and
  // its words), `open($fh, "|-", "rm -rf x")` (one string: a command line); a program that is not a
  // plain string is computed at run time, and stands as "$ARG".
  if (code.language === 'perl') {
    for (const m of code.code.matchAll(/\bopen\s*\(?\s*(?:my\s+)?[$\w:]+\s*,\s*(['"])(\|-|-\|)\1/g)) {
      const after = code.code.slice(m.index! + m[0].length, m.index! + m[0].length + 4096);
      const program = new RegExp(String.raw`^\s*,\s*${STRING}`).exec(after);
      if (!program) {
        out.push('"$ARG"');
        continue;
      }
      const listed = argumentList(after.slice(program[0].length));
      const first = unescapeString(program[1] ?? program[2] ?? program[3] ?? '');
      out.push(listed ? argvCommand([first, ...listed.words], listed.computed) : first);
    }
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
 * The elements of a list literal whose text starts just after its `[`, up to the matching `]`: each a
 * plain string's value, or `computed` when it is anything else (a name, a call, strings joined).
 */
function listElements(text: string): ({ word: string } | { computed: true })[] {
  const out: ({ word: string } | { computed: true })[] = [];
  let depth = 0;
  let start = 0;
  const element = (end: number) => {
    const piece = text.slice(start, end).trim();
    if (!piece) return;
    const literal = new RegExp(`^${STRING}$`).exec(piece);
    out.push(literal ? { word: unescapeString(literal[1] ?? literal[2] ?? literal[3] ?? '') } : { computed: true });
  };
  for (let i = 0; i < text.length && i < 4096; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"' || c === '`') {
      const quoted = new RegExp(`^${STRING}`).exec(text.slice(i));
      if (quoted) i += quoted[0].length - 1;
      continue;
    }
    if (c === '[' || c === '(' || c === '{') depth++;
    else if ((c === ']' || c === ')' || c === '}') && depth > 0) depth--;
    else if (c === ']' && depth === 0) {
      element(i);
      return out;
    } else if (c === ',' && depth === 0) {
      element(i);
      start = i + 1;
    }
  }
  element(Math.min(text.length, 4096));
  return out;
}

/** An argv list as a shell command line that runs the same: each word quoted, "$ARG" for each computed one. */
function argvWords(elements: readonly ({ word: string } | { computed: true })[]): string {
  return elements.map((e) => ('word' in e ? (/^[\w@%+=:,./~-]+$/.test(e.word) ? e.word : `'${e.word.replace(/'/g, `'\\''`)}'`) : '"$ARG"')).join(' ');
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

/** Code that opens a pseudo-terminal to run a program in, and can answer its prompts: Python's pty and pexpect, node-pty, Perl's IO::Pty and Expect, Ruby's PTY. */
const TERMINAL_AUTOMATION = /\bpty\.(?:spawn|fork|openpty)\b|\bos\.(?:openpty|forkpty)\b|\bpexpect\b|node-pty|\bIO::Pty\b|\bExpect->|\bPTY\.(?:spawn|open)\b/;

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
  // A script file that drives a terminal is the exception: it can type at a program that asks for a
  // human at a terminal (`airlock approve`), so what it runs must be readable too.
  if (code.fromFile && !TERMINAL_AUTOMATION.test(code.code)) return null;
  // A string only printed (`print("use exec(x)")`) runs nothing.
  const text = withoutPrintedStrings(code.code);
  for (const m of text.matchAll(RUNS_ARGUMENT[code.language])) {
    const rest = text.slice(m.index! + m[0].length, m.index! + m[0].length + 4096).trimStart();
    // An argv list (`subprocess.run(["rm", path])`) is read word by word elsewhere, when it names its
    // program as a plain string; a program computed at run time (`['kcolria'[::-1], 'approve']`, a
    // variable, an f-string) can't be read. An empty call runs nothing given.
    if (rest.startsWith('[')) {
      const program = rest.slice(1).trimStart();
      if (program.startsWith(']') || /^(['"])(?:(?!\1)[^\\\n]|\\.)*\1\s*[,\]]/.test(program)) continue;
      return `${code.origin} hands ${m[0].replace(/[\s(]+$/, '')} a program computed at run time (${program.split('\n')[0]!.slice(0, 60)}…)`;
    }
    if (rest.startsWith(')') || rest.startsWith('{')) continue;
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

/** What interpreter code does to files it names: see fileChangesInCode. */
export interface CodeFileChanges {
  /** Deleted or moved away, with what they hold. */
  removed: string[];
  /** Written: a copy's or a move's destination. */
  written: string[];
  /** Filled with what a folder copied or moved there holds (`shutil.copytree(src, '~/.claude')`, `move('/tmp/x/.claude', '~')`). */
  replaced: string[];
}

/**
 * Calls that move (first argument taken away, second written), copy (second written) or delete (every
 * argument taken away), by their full names. perl's File::Copy and File::Path export bare names.
 */
const MOVE_CALL = /(?:\b(?:shutil\.move|os\.(?:rename|replace|renames)|fs\.(?:renameSync|rename|promises\.rename)|FileUtils\.(?:mv|move)|File\.rename|File::Copy::(?:move|mv))|\.renameSync)\s*\(/g;
const COPY_CALL =
  /(?:\b(?:shutil\.(?:copytree|copy|copy2|copyfile)|(?:distutils\.)?dir_util\.copy_tree|fs\.(?:cpSync|cp|copyFileSync|copyFile|promises\.cp|promises\.copyFile)|FileUtils\.(?:cp|cp_r|copy|copy_entry)|File::Copy::(?:copy|cp))|\.(?:cpSync|copyFileSync))\s*\(/g;
const DELETE_CALL =
  /(?:\b(?:shutil\.rmtree|os\.(?:remove|unlink|rmdir|removedirs)|fs\.(?:rmSync|rm|unlinkSync|unlink|rmdirSync|rmdir|promises\.rm|promises\.unlink)|FileUtils\.(?:rm_rf|rm_r|rm|remove_dir|remove_entry(?:_secure)?)|File::Path::(?:rmtree|remove_tree))|\.(?:rmSync|unlinkSync|rmdirSync))\s*\(/g;
/** Copies of a whole tree: what the source holds lands in the destination folder. */
const RECURSIVE_COPY = /copytree|copy_tree|cp_r|copy_entry|\bcpSync|\.cp\b/;
/** perl's own and its modules' bare names, with or without parentheses (`unlink glob(…)`, `rename $a, $b`). */
const PERL_FILE_CALL = /(?<![\w$@%:>.])(rename|move|mv|copy|cp|unlink|rmdir|rmtree|remove_tree)\b(?:\s*\(|\s+(?=["'g]))/g;
const PERL_KIND: Record<string, 'move' | 'copy' | 'delete'> = {
  rename: 'move',
  move: 'move',
  mv: 'move',
  copy: 'copy',
  cp: 'copy',
  unlink: 'delete',
  rmdir: 'delete',
  rmtree: 'delete',
  remove_tree: 'delete',
};
/** Calls that hand a path through: `expanduser('~/x')`, `Path('x')`, `glob("…")`; `join(…)` joins its pieces. */
const PATH_WRAPPER = /^(?:os\.path\.expanduser|expanduser|os\.path\.abspath|pathlib\.Path|Path|File\.expand_path|path\.resolve|glob|(?:os\.path\.|path\.|File\.)?join)\s*\(/;

const LITERAL_AT = new RegExp(STRING, 'y');
/** The string literal that starts at `text[i]`, if one does. */
function literalAt(text: string, i: number): RegExpExecArray | null {
  LITERAL_AT.lastIndex = i;
  return LITERAL_AT.exec(text);
}

/** The literal path an argument at `text[i…]` spells, and where it ends; null for one computed at run time. */
function pathArgument(text: string, i: number, depth = 0): { value: string | null; end: number } {
  while (text[i] === ' ' || text[i] === '\t') i++;
  const wrapper = depth < 4 ? PATH_WRAPPER.exec(text.slice(i, i + 40)) : null;
  if (wrapper) {
    const { values, end } = callArguments(text, i + wrapper[0].length, depth + 1);
    const close = text.indexOf(')', end);
    const known = values.length > 0 && values.every((v) => v !== null);
    return { value: known ? values.join('/').replace(/\/{2,}/g, '/') : null, end: close < 0 ? text.length : close + 1 };
  }
  const literal = literalAt(text, i);
  if (literal) {
    let value = unescapeString(literal[1] ?? literal[2] ?? literal[3] ?? '');
    let end = i + literal[0].length;
    // pathlib's `home / '.local' / 'state'`.
    for (let next = /^\s*\/\s*/.exec(text.slice(end, end + 16)); next; next = /^\s*\/\s*/.exec(text.slice(end, end + 16))) {
      const piece = literalAt(text, end + next[0].length);
      if (!piece) break;
      value += `/${unescapeString(piece[1] ?? piece[2] ?? piece[3] ?? '')}`;
      end += next[0].length + piece[0].length;
    }
    return { value, end };
  }
  // Anything else runs to the next `,` or `)` at its own depth.
  let level = 0;
  for (let k = i; k < text.length && k < i + 4096; k++) {
    const c = text[k];
    if (c === '(' || c === '[' || c === '{') level++;
    else if ((c === ')' || c === ']' || c === '}') && level-- === 0) return { value: null, end: k };
    else if ((c === ',' || c === ';') && level === 0) return { value: null, end: k };
  }
  return { value: null, end: text.length };
}

/** The arguments from `text[i…]` up to the end of the list (`)`, `;` or the end of the code). */
function callArguments(text: string, i: number, depth = 0): { values: (string | null)[]; end: number } {
  const values: (string | null)[] = [];
  for (let n = 0; n < 16; n++) {
    const arg = pathArgument(text, i, depth);
    values.push(arg.value);
    const sep = /^\s*(?:,|=>)\s*/.exec(text.slice(arg.end, arg.end + 16));
    if (!sep) return { values, end: arg.end };
    i = arg.end + sep[0].length;
  }
  return { values, end: i };
}

const base = (path: string) => path.replace(/\/+$/, '').split('/').pop() ?? path;

/**
 * The files interpreter code moves, copies over or deletes, where their names are literals (joined,
 * with home as `~`): `shutil.move('~/.lo' + 'cal', '/tmp/l')` takes ~/.local away, perl's
 * `unlink <$ENV{HOME}/.local/state/*\/*>` the files the glob names.
 */
export function fileChangesInCode(code: InterpreterCode): CodeFileChanges {
  const text = joinStringLiterals(code.code.replace(HOME_EXPRESSION, "'~'"));
  const out: CodeFileChanges = { removed: [], written: [], replaced: [] };
  const calls: [RegExp, 'move' | 'copy' | 'delete'][] = [
    [MOVE_CALL, 'move'],
    [COPY_CALL, 'copy'],
    [DELETE_CALL, 'delete'],
  ];
  const found: { kind: 'move' | 'copy' | 'delete'; name: string; at: number }[] = [];
  for (const [pattern, kind] of calls) for (const m of text.matchAll(pattern)) found.push({ kind, name: m[0], at: m.index! + m[0].length });
  if (code.language === 'perl') for (const m of text.matchAll(PERL_FILE_CALL)) found.push({ kind: PERL_KIND[m[1]!]!, name: m[1]!, at: m.index! + m[0].length });
  for (const { kind, name, at } of found) {
    const args = callArguments(text, at).values;
    if (kind === 'delete') {
      out.removed.push(...args.filter((a): a is string => a !== null && a !== ''));
      continue;
    }
    const [from, to] = args;
    if (kind === 'move' && from) out.removed.push(from);
    if (!to) continue;
    // The destination may be a folder: what is copied lands inside it, under its own name.
    out.written.push(to);
    const inside = from ? `${to.replace(/\/+$/, '')}/${base(from)}` : null;
    if (inside) out.written.push(inside);
    if (inside) out.replaced.push(inside);
    // A tree copied onto a folder that is there already merges into it (`copytree(…, dirs_exist_ok=True)`, `fs.cpSync`).
    if (RECURSIVE_COPY.test(name)) out.replaced.push(to);
  }
  return out;
}
