// What git runs besides itself: `!` aliases and aliases for other git commands, filter, diff and
// merge drivers, pagers, editors and ssh commands set with -c, --config-env, `git config`, the
// GIT_CONFIG_* variables or the GIT_* command variables, and the commands `rebase -x`, `difftool -x`,
// `bisect run` and `submodule foreach` are handed. Each becomes a command judged like any other.

import type { Arg, Invocation } from '../core/invocation.js';
import { table } from '../core/table.js';
import { parseOptions, shellJoin, type OptionSpec } from '../rules/argv.js';
import { argvFrom } from './derived.js';
import type { Derived, UnwrapContext } from './unwrap.js';

const GLOBAL: OptionSpec = { value: ['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--exec-path', '--config-env', '--super-prefix'], stopAtPositional: true };

/** Variables whose value is a command line git runs, with the setting each stands for. */
const COMMAND_VARIABLES: Record<string, string> = table({
  GIT_EXTERNAL_DIFF: 'diff.external',
  GIT_PAGER: 'core.pager',
  PAGER: 'core.pager',
  GIT_EDITOR: 'core.editor',
  VISUAL: 'core.editor',
  EDITOR: 'core.editor',
  GIT_SEQUENCE_EDITOR: 'sequence.editor',
  GIT_SSH_COMMAND: 'core.sshcommand',
  GIT_SSH: 'core.sshcommand',
  GIT_ASKPASS: 'core.askpass',
});

/** Settings given for this one run: -c, --config-env, and the GIT_CONFIG_COUNT / GIT_CONFIG_PARAMETERS variables. */
function runSettings(inv: Invocation, global: ReturnType<typeof parseOptions>): { key: string; value: string; how: string }[] {
  const settings: { key: string; value: string; how: string }[] = [];
  const split = (setting: string) => {
    const eq = setting.indexOf('=');
    return { key: setting.slice(0, eq < 0 ? undefined : eq), value: eq < 0 ? '' : setting.slice(eq + 1) };
  };
  for (const setting of global.values('-c')) settings.push({ ...split(setting), how: 'git -c' });
  for (const setting of global.values('--config-env')) {
    const { key, value: variable } = split(setting);
    const value = inv.env[variable];
    if (value) settings.push({ key, value: value.text, how: `git --config-env (${variable})` });
  }
  const count = Number(inv.env.GIT_CONFIG_COUNT?.text ?? 0);
  for (let i = 0; i < count && i < 100; i++) {
    const key = inv.env[`GIT_CONFIG_KEY_${i}`];
    const value = inv.env[`GIT_CONFIG_VALUE_${i}`];
    if (key && value) settings.push({ key: key.text, value: value.text, how: `GIT_CONFIG_KEY_${i}` });
  }
  const parameters = inv.env.GIT_CONFIG_PARAMETERS?.text;
  if (parameters) for (const m of parameters.matchAll(/'((?:[^'\\]|\\.)*)'/g)) settings.push({ ...split(m[1]!), how: 'GIT_CONFIG_PARAMETERS' });
  return settings;
}

/** git's own commands: an alias of the same name is never used. */
const BUILTIN = new Set(
  [
    'add am annotate apply archive bisect blame branch bundle checkout cherry cherry-pick clean clone commit config count-objects describe diff difftool fetch',
    'format-patch fsck gc grep help init log maintenance merge merge-base mergetool mv notes prune pull push range-diff rebase reflog remote repack reset restore',
    'revert rm shortlog show sparse-checkout stash status submodule switch tag version whatchanged worktree cat-file checkout-index diff-files diff-index diff-tree',
    'for-each-ref hash-object ls-files ls-remote ls-tree name-rev read-tree rev-list rev-parse show-ref symbolic-ref update-index update-ref var verify-commit write-tree',
  ]
    .join(' ')
    .split(' '),
);

/** The aliases a git config file defines, from its `[alias]` sections. */
export function aliasesIn(text: string): Map<string, string> {
  const aliases = new Map<string, string>();
  let inAlias = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const section = /^\[\s*([A-Za-z0-9.-]+)\s*\]/.exec(line);
    if (section) inAlias = section[1]!.toLowerCase() === 'alias';
    else if (line.startsWith('[')) inAlias = false;
    const entry = inAlias && /^([A-Za-z0-9-]+)\s*=\s*(.*)$/.exec(line);
    if (!entry) continue;
    let value = entry[2]!.replace(/\s[#;].*$/, '').trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length > 1) value = value.slice(1, -1).replace(/\\(["\\])/g, '$1');
    aliases.set(entry[1]!.toLowerCase(), value);
  }
  return aliases;
}

/** What running an alias runs: a shell command for `!…`, else git with the alias's words in front of the arguments. */
function aliasRun(name: string, value: string, rest: Arg[], how: string): Derived[] {
  if (value.startsWith('!')) return [{ kind: 'script', text: rest.length ? `${value.slice(1)} ${shellJoin(rest.map((a) => a.text))}` : value.slice(1), label: `${how} alias.${name}` }];
  return value.trim() ? [{ kind: 'script', text: `git ${value} ${shellJoin(rest.map((a) => a.text))}`.trim(), label: `${how} alias.${name}` }] : [];
}

/** The commands a git subcommand is handed to run: `rebase -x`, `difftool -x`, `bisect run`, `submodule foreach`. */
function handedCommands(sub: string, rest: Arg[]): Derived[] {
  if (sub === 'rebase')
    return parseOptions(rest, { value: ['-x', '--exec', '-s', '--strategy', '-X', '--strategy-option', '--onto', '-C', '--whitespace', '-S', '--gpg-sign'] })
      .values('-x', '--exec')
      .map((text) => ({ kind: 'script', text, label: 'git rebase --exec' }));
  if (sub === 'difftool')
    return parseOptions(rest, { value: ['-x', '--extcmd', '-t', '--tool'] })
      .values('-x', '--extcmd')
      .map((text) => ({ kind: 'script', text, label: 'git difftool --extcmd' }));
  if (sub === 'bisect' && rest[0]?.text === 'run') return argvFrom(rest.slice(1), 'git bisect run');
  if (sub === 'submodule') {
    const at = rest.findIndex((a) => a.text === 'foreach');
    if (at < 0) return [];
    const command = rest.slice(at + 1).filter((a, i, all) => !(a.text === '--recursive' && all.slice(0, i).every((b) => b.text.startsWith('-'))));
    return command.length ? [{ kind: 'script', text: command.map((a) => a.text).join(' '), label: 'git submodule foreach' }] : [];
  }
  return [];
}

export function unwrapGit(inv: Invocation, args: Arg[], ctx: UnwrapContext): Derived[] {
  const out: Derived[] = [];
  const global = parseOptions(args, GLOBAL);
  const rest = args.slice(global.rest);
  const sub = rest[0]?.text;
  const settings = runSettings(inv, global);
  for (const { key, value, how } of settings) out.push(...gitCommandSetting(key, value, how));
  for (const [variable, key] of Object.entries(COMMAND_VARIABLES)) {
    const value = inv.env[variable];
    if (value?.text) out.push(...gitCommandSetting(key, value.text, variable));
  }
  // `git config alias.x '!cmd'` writes a command that runs later, at `git x`: judged now.
  if (sub === 'config') {
    const write = gitConfigWrite(rest.slice(1));
    if (write && !write.value.static) out.push({ kind: 'opaque', reason: `git config sets ${write.key} to a value built at run time` });
    else if (write) out.push(...gitCommandSetting(write.key, write.value.text, 'git config'));
  }
  if (sub === undefined) return out;
  out.push(...handedCommands(sub, rest.slice(1)));
  if (BUILTIN.has(sub)) return out;
  // An alias set for this run, or in the repository's or the user's configuration, that names another git command.
  const given = settings.filter((s) => s.key.toLowerCase() === `alias.${sub.toLowerCase()}`).pop();
  if (given) {
    if (!given.value.startsWith('!')) out.push(...aliasRun(sub, given.value, rest.slice(1), given.how));
    return out;
  }
  for (const file of ['.git/config', '~/.gitconfig', '~/.config/git/config']) {
    const text = ctx.readFile(file);
    const value = text === null ? undefined : aliasesIn(text).get(sub.toLowerCase());
    if (value !== undefined) return [...out, ...aliasRun(sub, value, rest.slice(1), file)];
  }
  return out;
}

/** git settings whose value is a command line git runs: `!` aliases, core.sshCommand, pagers, editors, helpers. */
const GIT_COMMAND_KEYS =
  /^(core\.(sshcommand|pager|editor|fsmonitor|hookspath|askpass)|sequence\.editor|diff\.external|diff\..+\.(command|textconv)|merge\..+\.driver|filter\..+\.(clean|smudge|process)|pager\..+|credential(\..+)?\.helper|gpg(\..+)?\.program|uploadpack\.packobjectshook|sendemail\.(smtpserver|tocmd|cccmd))$/;

function gitCommandSetting(name: string, value: string, how: string): Derived[] {
  const key = name.toLowerCase();
  if (key.startsWith('alias.') && value.startsWith('!')) return [{ kind: 'script', text: value.slice(1), label: `${how} ${key}` }];
  // core.fsmonitor=true and credential.helper=store name git's own helpers, not commands.
  if (!GIT_COMMAND_KEYS.test(key) || !value || /^(true|false|yes|no|on|off|1|0)$/i.test(value)) return [];
  if (/credential/.test(key) && !value.startsWith('!') && !value.includes('/')) return [];
  return [{ kind: 'script', text: value.replace(/^!/, ''), label: `${how} ${key}` }];
}

/** The setting `git config …` writes, if it writes one: `git config [scope] name value`, `--add`, `--replace-all`, or `git config set`. */
export function gitConfigWrite(args: Arg[]): { key: string; value: Arg } | null {
  const spec: OptionSpec = { value: ['-f', '--file', '--blob', '--type', '--default', '--comment', '--value', '-t'] };
  const sub = args[0]?.text;
  if (sub === 'set') {
    const p = parseOptions(args.slice(1), spec);
    return p.positionals.length >= 2 ? { key: p.positionals[0]!.text, value: p.positionals[1]! } : null;
  }
  if (sub && /^(get|list|unset|edit|rename-section|remove-section)$/.test(sub)) return null;
  const p = parseOptions(args, spec);
  const reads = [
    '--get',
    '--get-all',
    '--get-regexp',
    '--get-urlmatch',
    '--get-color',
    '--get-colorbool',
    '-l',
    '--list',
    '--unset',
    '--unset-all',
    '--rename-section',
    '--remove-section',
    '-e',
    '--edit',
  ];
  if (p.has(...reads) || p.positionals.length < 2) return null;
  return { key: p.positionals[0]!.text, value: p.positionals[1]! };
}
