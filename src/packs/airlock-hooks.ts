// Part of the airlock pack: switching airlock off without touching its files. An agent program started
// so that it skips the hooks airlock installed (Claude Code's `--bare`, settings that disable hooks, a
// settings home moved elsewhere, an alias or function written into a shell start-up file that starts it
// so), git pointed at other hooks, airlock uninstalled or installed over through a package manager, or
// its processes killed. Each is denied, as editing the hook settings is.

import { literalWord, type Arg, type Invocation } from '../core/invocation.js';
import { emptyTable, table } from '../core/table.js';
import { SETTINGS_HOMES } from '../analyze/shell-state.js';
import type { Command, List } from '../shell/ast.js';
import { expandSingle, expandWord } from '../shell/expand.js';
import { parse } from '../shell/parser.js';
import { parseOptions } from '../rules/argv.js';
import { rule, type Hit, type RuleContext } from '../rules/rule.js';

/** Agent programs airlock installs hooks into, by the names they run under (npx hands over the package's name). */
const AGENTS = new Set(['claude', 'claude-code', 'codex', 'gemini', 'gemini-cli', 'opencode', 'opencode-ai', 'copilot']);

/** Claude Code settings text that turns hooks off or replaces them. */
const DISABLES_HOOKS = /"disableAllHooks"\s*:\s*true|"hooks"\s*:/;

const CONSEQUENCE = "airlock's hooks are what make the agent ask before it runs a command; an agent started without them, or git pointed at other hooks, runs everything unchecked.";

/** Why this agent invocation would run without airlock's hooks, or null. */
function agentWithoutHooks(inv: Invocation, ctx: RuleContext): string | null {
  for (const [name, value] of Object.entries(inv.env)) {
    // The same home as the request's own is no move (the home the script ends with may be the moved one).
    if (SETTINGS_HOMES.has(name) && !(name === 'HOME' && value.text === (ctx.home ?? ctx.locate('~', inv)[0])))
      return `starts ${inv.program} with ${name} set, so it reads its settings (and hooks) from elsewhere`;
  }
  const args = inv.argv.slice(1);
  if (inv.program === 'claude' || inv.program === 'claude-code') return claudeWithoutHooks(args, inv, ctx);
  if (inv.program === 'codex') {
    const parsed = parseOptions(args, { value: ['-c', '--config', '-p', '--profile', '-m', '--model', '-C', '--cd', '-s', '--sandbox', '-a', '--ask-for-approval', '-i', '--image'] });
    const key = parsed.values('-c', '--config').find((setting) => /hook/i.test(setting.split('=')[0] ?? ''));
    return key ? `starts codex with its hook settings overridden (-c ${key})` : null;
  }
  if ((inv.program === 'opencode' || inv.program === 'opencode-ai') && args.some((a) => a.text === '--pure')) return 'starts opencode with --pure, without the plugins airlock installs';
  return null;
}

function claudeWithoutHooks(args: readonly Arg[], inv: Invocation, ctx: RuleContext): string | null {
  // -p/--print is a switch and -r/--resume takes its session only optionally: read as switches, `claude -p --bare hi` is --bare.
  const parsed = parseOptions(args, {
    value: [
      '--settings',
      '--setting-sources',
      '--model',
      '--permission-mode',
      '--mcp-config',
      '--plugin-dir',
      '--add-dir',
      '--allowedTools',
      '--disallowedTools',
      '--output-format',
      '--input-format',
      '--append-system-prompt',
      '--system-prompt',
      '--session-id',
      '--agents',
      '--fallback-model',
    ],
  });
  if (parsed.has('--bare')) return 'starts Claude Code with --bare, which skips the hooks in its settings';
  if (parsed.has('--safe-mode')) return 'starts Claude Code with --safe-mode, which starts without hooks';
  const sources = parsed.value('--setting-sources');
  if (
    sources !== undefined &&
    !sources
      .split(',')
      .map((s) => s.trim())
      .includes('user')
  )
    return `starts Claude Code with --setting-sources ${sources}, which leaves out the user settings airlock's hooks are in`;
  for (const settings of parsed.values('--settings')) {
    // JSON given inline, or a file (read as the command would find it, including one it wrote itself).
    const text = settings.trimStart().startsWith('{') ? settings : ctx.readFile(settings, inv);
    if (text === null) return `starts Claude Code with settings from ${settings}, which can't be read to see whether they turn its hooks off`;
    if (DISABLES_HOOKS.test(text)) return 'starts Claude Code with settings that turn its hooks off or replace them';
  }
  return null;
}

/** An agent's name written in text, before the text is read as commands. */
const AGENT_MENTION = /\b(claude|codex|gemini|opencode|copilot)/;
/** Words that run the command after them as it is written (`command claude`, `env X=1 claude`, `npx claude`). */
const PLAIN_WRAPPERS = new Set(['command', 'builtin', 'exec', 'nohup', 'noglob', 'nocorrect', 'time', 'env', 'npx', 'bunx', 'pnpx']);
/** How deep alias values are read as commands (an alias whose value defines an alias…). */
const MAX_ALIAS_DEPTH = 3;

/**
 * Why text written into a shell start-up file would start an agent without airlock's hooks, or null: a
 * command in it, in a function it defines or in an alias's value (`alias claude="claude --bare"`,
 * `claude(){ command claude --bare "$@"; }`, fish's `alias claude 'claude --bare'`) that starts one
 * with a flag, setting or home that switches them off. Every later shell, the human's included, would
 * start the agent that way.
 */
export function startupAgentWithoutHooks(text: string, inv: Invocation, ctx: RuleContext): string | null {
  if (!AGENT_MENTION.test(text)) return null;
  for (const command of commandsIn(text, 0)) {
    const started = agentStarted(command.argv, command.env);
    if (!started) continue;
    const why = agentWithoutHooks({ ...inv, program: started.program, argv: started.argv, env: started.env, redirects: [], stdin: { kind: 'none' } }, ctx);
    if (why) return why;
  }
  return null;
}

interface WrittenCommand {
  argv: Arg[];
  env: Record<string, Arg>;
}

/**
 * The simple commands text holds, at any depth, with function bodies and alias values read as commands
 * too. Text the bash parser can't read whole (zsh or fish syntax) is read line by line and statement by
 * statement, each piece that parses on its own.
 */
function commandsIn(text: string, depth: number): WrittenCommand[] {
  const out: WrittenCommand[] = [];
  const read = (list: List) => {
    for (const statement of list) for (const pipeline of statement.pipelines) for (const command of pipeline.commands) collect(command, depth, out);
  };
  try {
    read(parse(text));
  } catch {
    for (const piece of text.split(/[\n;]/)) {
      try {
        read(parse(piece));
      } catch {
        // Not shell a bash parser can read: the pieces that are still count.
      }
    }
  }
  return out;
}

function collect(command: Command, depth: number, out: WrittenCommand[]): void {
  const lists: List[] = [];
  switch (command.type) {
    case 'simple': {
      const argv = command.words.flatMap((w) => expandWord(w));
      const env = emptyTable<Arg>();
      for (const a of command.assigns) env[a.name] = expandSingle(a.value.parts);
      out.push({ argv, env });
      if (argv[0]?.text === 'alias' && depth < MAX_ALIAS_DEPTH) for (const value of aliasValues(argv.slice(1))) out.push(...commandsIn(value, depth + 1));
      return;
    }
    case 'function':
      collect(command.body, depth, out);
      return;
    case 'subshell':
    case 'group':
      lists.push(command.body);
      break;
    case 'if':
      for (const clause of command.clauses) lists.push(clause.condition, clause.body);
      if (command.otherwise) lists.push(command.otherwise);
      break;
    case 'loop':
      lists.push(command.condition, command.body);
      break;
    case 'for':
      lists.push(command.body);
      break;
    case 'case':
      for (const arm of command.arms) lists.push(arm.body);
      break;
    default:
      return;
  }
  for (const list of lists) for (const statement of list) for (const pipeline of statement.pipelines) for (const c of pipeline.commands) collect(c, depth, out);
}

/** The values of `alias a=b c=d` (bash, zsh), or of fish's `alias name 'value'`. */
function aliasValues(args: Arg[]): string[] {
  const words = args.filter((a) => !a.text.startsWith('-'));
  if (words.length === 2 && !words[0]!.text.includes('=')) return [words[1]!.text];
  return words.flatMap((a) => {
    const eq = a.text.indexOf('=');
    return eq > 0 ? [a.text.slice(eq + 1)] : [];
  });
}

/** The agent a written command starts, through the wrappers that run a command as written, or null. */
function agentStarted(argv: Arg[], env: Record<string, Arg>): { program: string; argv: Arg[]; env: Record<string, Arg> } | null {
  let words = argv;
  const vars = Object.assign(emptyTable<Arg>(), env);
  while (words.length && PLAIN_WRAPPERS.has(programOf(words[0]!.text))) {
    const wrapper = programOf(words[0]!.text);
    words = words.slice(1);
    while (words.length && (words[0]!.text.startsWith('-') || (wrapper === 'env' && /^[A-Za-z_]\w*=/.test(words[0]!.text)))) {
      const word = words[0]!.text;
      const eq = word.indexOf('=');
      if (!word.startsWith('-')) vars[word.slice(0, eq)] = literalWord(word.slice(eq + 1));
      words = words.slice(1);
    }
  }
  const first = words[0];
  if (!first) return null;
  const program = programOf(first.text);
  return AGENTS.has(program) ? { program, argv: words, env: vars } : null;
}

/** `claude` for `/usr/bin/claude` and for the package `@anthropic-ai/claude-code@latest` (npx hands over its name). */
function programOf(word: string): string {
  const name = word.slice(word.lastIndexOf('/') + 1);
  const at = name.indexOf('@', 1);
  return at > 0 ? name.slice(0, at) : name;
}

/** `git config … core.hooksPath …` that sets or unsets it, or `git -c core.hooksPath=…`; reading it is fine. */
function gitHooksMoved(inv: Invocation): string | null {
  const words = inv.argv.slice(1).map((a) => a.text);
  if (Object.values(inv.env).some((v) => /core\.hookspath/i.test(v.text))) return 'sets core.hooksPath through git configuration in the environment';
  for (let i = 0; i < words.length; i++) {
    if (words[i] === '-c' && /^core\.hookspath=/i.test(words[i + 1] ?? '')) return `runs git with -c ${words[i + 1]}`;
  }
  const at = words.findIndex((w) => w === 'config');
  if (at < 0) return null;
  const rest = words.slice(at + 1).filter((w) => w !== 'set' && w !== 'unset');
  const key = rest.findIndex((w) => /^core\.hookspath$/i.test(w));
  if (key < 0) return null;
  const reads = rest.some((w) => w === '--get' || w === '--get-all' || w === '-l' || w === '--list' || w === 'get');
  const changes = rest.some((w) => w.startsWith('--unset') || w === '--add' || w === '--replace-all') || words.slice(at + 1).includes('unset') || rest[key + 1] !== undefined;
  return changes && !reads ? `changes core.hooksPath (${words.slice(at).join(' ')})` : null;
}

export const agentHooksOff = rule({
  id: 'airlock/agent-hooks-off',
  effect: 'destroy',
  severity: 'critical',
  programs: [...AGENTS, 'git'],
  summary: "runs an agent without airlock's hooks, or points git at other hooks",
  consequence: CONSEQUENCE,
  alternatives: ['ask the human to start the agent the way they want it run'],
  match(inv, ctx) {
    const why = inv.program === 'git' ? gitHooksMoved(inv) : agentWithoutHooks(inv, ctx);
    return why ? ({ forbidden: true, summary: why, target: inv.program } satisfies Hit) : null;
  },
});

/** How each package manager spells removing a package. */
const REMOVES: Readonly<Record<string, ReadonlySet<string>>> = table({
  npm: new Set(['uninstall', 'un', 'unlink', 'remove', 'rm', 'r']),
  pnpm: new Set(['remove', 'rm', 'uninstall', 'un', 'unlink']),
  yarn: new Set(['remove', 'unlink']),
  bun: new Set(['remove', 'rm', 'uninstall']),
});
const AIRLOCK_PACKAGE = /^airlock(@.*)?$/;
/** A process pattern or name that matches airlock's own processes. */
const AIRLOCK_PROCESS = /airlock|hook\.cjs/;
/** Command lines airlock's processes run with: what a pkill/pgrep pattern is matched against. */
const AIRLOCK_COMMAND_LINES = ['airlock', 'node /home/u/.local/share/airlock/runtime/1/hook.cjs claude-code', 'node /usr/lib/node_modules/airlock/bin/airlock.mjs pending'];

/**
 * Whether a process pattern reaches airlock's processes: written out (`airlock`, `hook.cjs`), or as
 * the regular expression pkill, pgrep and `killall -r` match it as (`air[l]ock`, `hook[.]cjs`, `air.*`).
 */
function matchesAirlockProcess(pattern: string): boolean {
  if (AIRLOCK_PROCESS.test(pattern)) return true;
  let re: RegExp;
  try {
    re = new RegExp(pattern);
  } catch {
    return false;
  }
  // A pattern that matches anything at all (`.`, `.*`) is every process, airlock's among them: not this rule's to judge.
  return !re.test('') && !re.test('x') && AIRLOCK_COMMAND_LINES.some((line) => re.test(line));
}

/** How each package manager spells installing a package, over whatever is installed under its name. */
const INSTALLS: Readonly<Record<string, ReadonlySet<string>>> = table({
  npm: new Set(['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add', 'update', 'up', 'upgrade', 'udpate', 'link', 'ln']),
  pnpm: new Set(['add', 'install', 'i', 'update', 'up', 'upgrade', 'link', 'ln']),
  yarn: new Set(['add', 'upgrade']),
  bun: new Set(['add', 'a', 'install', 'i', 'update']),
});
const UPDATES = new Set(['update', 'up', 'upgrade', 'udpate']);
/** Options of theirs that take the next word as their value (`--registry URL`), so it is no package. */
const INSTALL_VALUE_OPTIONS = ['--registry', '--prefix', '--tag', '--cache', '--userconfig', '--globalconfig', '--location', '-w', '--workspace', '-C', '--dir', '--filter', '--cwd'];
/** A package spec that is a folder, a tarball or a repository: the name it installs under is in its own package.json. */
const LOCAL_SPEC = /^(\.{0,2}\/|~\/|file:|\.$|\.\.$)/;
const REMOTE_SPEC = /^(git\+|git:|github:|gitlab:|bitbucket:|gist:|https?:)|\.(tgz|tar\.gz|tar)$|^[\w.-]+\/[\w.-]+(#.*)?$/;

/**
 * Whether an install goes to the global folder: `-g`, `--global`, `--location=global`, yarn's `global`,
 * npm's variables saying so, or `npm link`, which links the folder it is given (or runs in) globally.
 */
function installsGlobally(inv: Invocation, sub: string, words: readonly string[]): boolean {
  if (inv.program === 'yarn') return words.includes('global');
  if (inv.program === 'npm' && (sub === 'link' || sub === 'ln')) return true;
  const env = (name: string) => inv.env[name]?.text ?? inv.env[name.toUpperCase()]?.text;
  if (/^(true|1)$/i.test(env('npm_config_global') ?? '') || env('npm_config_location') === 'global') return true;
  return words.some((w, i) => w === '-g' || w === '--global' || w === '--global=true' || w === '--location=global' || (w === '--location' && words[i + 1] === 'global'));
}

/** The name a folder, tarball or repository spec is called by (`./evil-airlock`, `x/airlock-1.0.tgz`, `github:u/airlock#v1`). */
function specBaseName(spec: string): string {
  const parts = spec.replace(/#.*$/, '').split('/').filter(Boolean);
  return (parts.pop() ?? spec).replace(/\.(tgz|tar\.gz|tar)$/, '');
}

/**
 * Why a global install replaces airlock, or null: airlock itself at another version or from another
 * source (`npm i -g airlock@0.0.1`, `airlock@npm:other`), a folder, tarball or repository named for it
 * (`./evil-airlock`), or a folder whose package.json says it is airlock (`npm link` in a fork). A
 * folder whose package.json can't be read, or a tarball or repository (whose name only the package
 * says), could be airlock: held, not guessed.
 */
function replacesAirlock(inv: Invocation, ctx: RuleContext): Hit | null {
  const installs = INSTALLS[inv.program];
  if (!installs) return null;
  const words = inv.argv.slice(1).map((a) => a.text);
  const positionals: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (INSTALL_VALUE_OPTIONS.includes(w)) i++;
    else if (!w.startsWith('-') && !(inv.program === 'yarn' && w === 'global' && positionals.length === 0)) positionals.push(w);
  }
  const [sub = '', ...specs] = positionals;
  if (!installs.has(sub) || !installsGlobally(inv, sub, words)) return null;
  const links = sub === 'link' || sub === 'ln';
  // `npm link`, `pnpm link -g` and `npm install -g` alone install the folder they run in (an update alone updates what is there).
  const alone = links || (inv.program === 'npm' && !UPDATES.has(sub)) ? ['.'] : [];
  for (const spec of specs.length ? specs : alone) {
    const local = LOCAL_SPEC.test(spec);
    // `npm link name` links the package installed under that name into the project: it installs nothing.
    if (links && !local) continue;
    const remote = !local && REMOTE_SPEC.test(spec);
    if (AIRLOCK_PACKAGE.test(spec) || ((local || remote) && /airlock/i.test(specBaseName(spec))))
      return { forbidden: true, target: 'airlock', summary: `${inv.program} ${sub} ${spec} installs over airlock, replacing the program that checks every command` };
    if (local) {
      const text = ctx.readFile(`${spec.replace(/^file:/, '').replace(/\/+$/, '')}/package.json`, inv);
      let name: unknown;
      try {
        name = text === null ? undefined : (JSON.parse(text) as { name?: unknown }).name;
      } catch {
        name = undefined;
      }
      if (name === 'airlock')
        return { forbidden: true, target: 'airlock', summary: `${inv.program} ${sub} ${spec} installs a package named airlock over airlock, replacing the program that checks every command` };
      if (typeof name !== 'string')
        return { effect: 'unknown', forbidden: false, target: spec, summary: `${inv.program} ${sub} installs ${spec} globally, and its package.json can't be read to see whether it is airlock` };
    } else if (remote) {
      return { effect: 'unknown', forbidden: false, target: spec, summary: `${inv.program} ${sub} installs ${spec} globally under the name its own package.json gives, which could be airlock` };
    }
  }
  return null;
}

/**
 * Whether kill's process ids include -1, which is every process the user may signal. As bash reads
 * them: a signal first (`-9`, `-KILL`, `-s KILL`, `-n 9`), then ids, `--` ending the options; a `-1`
 * alone is the signal 1 with no process, which kills nothing.
 */
function killsEveryProcess(words: readonly string[]): boolean {
  let i = words[0] === '-s' || words[0] === '-n' ? 2 : words[0] !== undefined && /^-(?!-)/.test(words[0]) ? 1 : 0;
  if (words[i] === '--') i++;
  return words.slice(i).includes('-1');
}

export const stopsAirlock = rule({
  id: 'airlock/stops-airlock',
  effect: 'destroy',
  severity: 'critical',
  programs: ['npm', 'pnpm', 'yarn', 'bun', 'pkill', 'killall', 'skill', 'kill', 'killall5'],
  summary: "uninstalls or replaces airlock, or kills airlock's processes",
  consequence: 'Removing or replacing airlock, or killing it while it holds a command or waits for an approval, takes away the check on every command after it.',
  alternatives: ['ask the human to run `airlock uninstall` in their own terminal if airlock should go'],
  match(inv, ctx) {
    const words = inv.argv.slice(1).map((a) => a.text);
    const removes = REMOVES[inv.program];
    if (removes) {
      const replaced = replacesAirlock(inv, ctx);
      if (replaced) return replaced;
      // `yarn global remove airlock`: the subcommand after `global`.
      const sub = words.filter((w) => !w.startsWith('-') && w !== 'global');
      if (removes.has(sub[0] ?? '') && sub.slice(1).some((w) => AIRLOCK_PACKAGE.test(w))) return { forbidden: true, target: 'airlock', summary: `${inv.program} ${sub[0]} airlock removes airlock` };
      return null;
    }
    // Every process the user may signal, airlock's among them: `kill -9 -1`, and sysvinit's killall5.
    if (inv.program === 'killall5' || (inv.program === 'kill' && killsEveryProcess(words)))
      return { forbidden: true, target: 'airlock', summary: `${inv.program} signals every process it may, airlock's among them` };
    // kill takes process ids: only one fed from a search for airlock's processes (`kill $(pgrep -f airlock)`).
    const named =
      inv.program === 'kill'
        ? words.some(
            (w) =>
              /\b(pgrep|pidof)\b/.test(w) &&
              (AIRLOCK_PROCESS.test(w) || w.split(/\s+/).some((part) => !part.startsWith('-') && !/\b(pgrep|pidof)\b/.test(part) && matchesAirlockProcess(part.replace(/^['"$(`]+|['")`]+$/g, '')))),
          )
        : words.some((w) => !w.startsWith('-') && matchesAirlockProcess(w));
    return named ? { forbidden: true, target: 'airlock', summary: `${inv.program} kills airlock's processes` } : null;
  },
});
