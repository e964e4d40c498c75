// Programs whose options name a command they run on this machine, beside the work they are asked for:
// tar's `--to-command`, `--checkpoint-action=exec=`, `-I`/`--use-compress-program` and `-F`/
// `--info-script`; rsync's remote shell (`-e`, `--rsh`, $RSYNC_RSH), which it starts here; ssh's (and
// scp's, sftp's) `ProxyCommand`, `LocalCommand` and `KnownHostsCommand`, as `-o` options or in a `-F`
// file, and `Match exec`; zip's `-TT`/`--unzip-command`.
// The command is judged as if it were typed; one built at run time is unknown.

import { table } from '../core/table.js';
import { literalWord, type Arg, type Invocation } from '../core/invocation.js';
import { scriptFrom } from './derived.js';
import type { Derived, UnwrapContext } from './unwrap.js';

type Unwrapper = (inv: Invocation, args: Arg[], ctx: UnwrapContext) => Derived[];

/** A hook's command line, as the shell it is handed to reads it. */
const hook = (value: Arg, label: string): Derived[] => scriptFrom([value], label, `the command ${label} names`);

/**
 * GNU getopt takes any unambiguous prefix of a long option (`--to-c=…` is `--to-command=…`): the long
 * option `written` (without its value) names `option` when it is `option` or a prefix of it at least
 * `least` long, and not itself one of the program's other options (`exact`).
 */
function names(written: string, option: string, least: number, exact: readonly string[]): boolean {
  if (written === option) return true;
  return written.length >= least && option.startsWith(written) && !exact.includes(written);
}

/**
 * The options with a value on a getopt-style command line: long ones for which `long(name)` says they
 * take one (`--name=value`, `--name value`), and short ones whose letter is in `short`, bundled or not
 * (`-avze ssh`: the rest of the word, or the next word). `oldStyle`: a first word without a dash is a
 * bundle whose letters take the next words in turn (`tar xIf cmd x.tar`). `stopAtOperand`: options end
 * at the first operand (ssh's host).
 */
function optionValues(args: Arg[], spec: { long: (name: string) => boolean; short: string; oldStyle?: boolean; stopAtOperand?: boolean }): { name: string; value: Arg }[] {
  const out: { name: string; value: Arg }[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const t = a.text;
    if (t === '--') break;
    if (t.startsWith('--')) {
      const eq = t.indexOf('=');
      const name = eq < 0 ? t : t.slice(0, eq);
      const value = !spec.long(name) ? undefined : eq < 0 ? args[++i] : { ...a, text: t.slice(eq + 1) };
      if (value) out.push({ name, value });
      continue;
    }
    const dashed = /^-[^-]/.test(t);
    if (!dashed && !(i === 0 && spec.oldStyle)) {
      if (spec.stopAtOperand) break;
      continue;
    }
    const bundle = dashed ? t.slice(1) : t;
    for (let k = 0; k < bundle.length; k++) {
      if (!spec.short.includes(bundle[k]!)) continue;
      const rest = dashed ? bundle.slice(k + 1) : '';
      const value = rest ? { ...a, text: rest } : args[++i];
      if (value) out.push({ name: `-${bundle[k]}`, value });
      if (dashed) break;
    }
  }
  return out;
}

/** tar's long options a hook option's prefix must not be taken for. */
const TAR_EXACT = ['--to-stdout', '--checkpoint', '--totals', '--use-compress-program', '--info-script', '--new-volume-script', '--to-command', '--checkpoint-action'];
/** tar's hook options, each with the shortest prefix of it read as it. */
const TAR_HOOKS: [option: string, least: number][] = [
  ['--to-command', 5],
  ['--checkpoint-action', 13],
  ['--use-compress-program', 6],
  ['--info-script', 4],
  ['--new-volume-script', 4],
];
/** tar's short options that take a value (bsdtar's -I is its -T, a list of names, not a compressor). */
const TAR_SHORT_VALUES = 'CfTXbHIFgKLNV';

/** The hook option a long option names, by its full name or a prefix of it. */
const tarHook = (name: string): string | undefined => TAR_HOOKS.find(([option, least]) => names(name, option, least, TAR_EXACT))?.[0];

/**
 * GNU tar: `--to-command=CMD` pipes each extracted file into CMD, `--checkpoint-action=exec=CMD` runs
 * CMD at each checkpoint, `-I CMD`/`--use-compress-program=CMD` runs CMD as the compressor, and
 * `-F CMD`/`--info-script=CMD`/`--new-volume-script=CMD` runs CMD at the end of each volume; each
 * through the shell.
 */
const tar: Unwrapper = (inv, args) =>
  optionValues(args, { long: (name) => tarHook(name) !== undefined, short: TAR_SHORT_VALUES, oldStyle: true }).flatMap(({ name, value }): Derived[] => {
    const option = name.startsWith('--') ? tarHook(name)! : name;
    if (option === '--checkpoint-action') {
      const m = /^exec=(.*)$/s.exec(value.text);
      if (m) return hook({ ...value, text: m[1]! }, 'tar --checkpoint-action=exec');
      return value.static ? [] : [{ kind: 'opaque', reason: `tar's checkpoint action is built at run time: ${value.text}` }];
    }
    if (option === '-I' && inv.program === 'bsdtar') return [];
    if (option.startsWith('--') || option === '-I' || option === '-F') return hook(value, `tar ${option}`);
    return [];
  });

/**
 * rsync starts its remote shell here, with the host and `rsync --server …` after it: `-e CMD`, `--rsh=CMD`,
 * or $RSYNC_RSH. rsync splits it into words itself, honouring quotes as the shell does.
 */
const rsync: Unwrapper = (inv, args) => {
  const fromEnv = inv.env.RSYNC_RSH;
  const shells = optionValues(args, { long: (name) => names(name, '--rsh', 4, []), short: 'eBfTM' }).filter(({ name }) => name === '-e' || name.startsWith('--'));
  return [...(fromEnv ? hook(fromEnv, 'rsync remote shell ($RSYNC_RSH)') : []), ...shells.flatMap(({ name, value }) => hook(value, `rsync ${name}`))];
};

/** ssh options whose value is a command ssh runs on this machine (LocalCommand only with PermitLocalCommand, which a config file can set). */
const LOCAL_COMMANDS = /^(proxycommand|localcommand|knownhostscommand)$/i;
/** ssh's, scp's and sftp's short options that take a value. */
const SSH_VALUES = 'bcDEeFIiJLlmOopPQRSWwBsX';

/**
 * The commands ssh's `-o` options run on this machine: `-o ProxyCommand=CMD`, `-oProxyCommand CMD`
 * (a space or `=` between keyword and value), `LocalCommand`, `KnownHostsCommand`; `%h`, `%p` and the
 * other tokens are names ssh fills in. An option whose keyword is built at run time could be one of
 * them, so what it runs is unknown. Options end at the first operand (the host).
 */
export function sshLocalCommands(args: Arg[], program: string, ctx: UnwrapContext): Derived[] {
  return optionValues(args, { long: () => false, short: SSH_VALUES, stopAtOperand: true }).flatMap(({ name, value }) =>
    name === '-o' ? sshOption(value, program) : name === '-F' ? sshConfig(value, program, ctx) : [],
  );
}

/**
 * A configuration file named with `-F` (written earlier in the same command, or on disk): its
 * `ProxyCommand`, `LocalCommand` and `KnownHostsCommand` lines and its `Match exec` conditions run here.
 * One airlock can't read is unknown.
 */
function sshConfig(file: Arg, program: string, ctx: UnwrapContext): Derived[] {
  if (file.static && (file.text === 'none' || file.text === '/dev/null')) return [];
  const text = file.static ? ctx.readFile(file.text) : null;
  if (text === null) return [{ kind: 'opaque', reason: `${program} reads its configuration from ${file.text}, which airlock could not read; it can name commands ssh runs here` }];
  return text.split('\n').flatMap((line): Derived[] => {
    const option = /^\s*([A-Za-z]+)\s*(?:=\s*|\s+)(.*?)\s*$/.exec(line);
    if (!option) return [];
    if (/^match$/i.test(option[1]!)) {
      const condition = /(?:^|\s)exec\s+(?:"([^"]*)"|(\S+))/i.exec(option[2]!);
      return condition ? hook(literalWord(condition[1] ?? condition[2]!), `${program} -F ${file.text} (Match exec)`) : [];
    }
    return sshOption(literalWord(`${option[1]} ${option[2]}`), `${program} -F ${file.text}`);
  });
}

/** One `-o Keyword=value`: the command it runs here, if its keyword is one that runs a command. */
function sshOption(option: Arg, program: string): Derived[] {
  const m = /^\s*([A-Za-z]+)\s*(?:=\s*|\s+)(.*)$/s.exec(option.text);
  if (!m) return option.static ? [] : [{ kind: 'opaque', reason: `${program} is given an option built at run time (-o ${option.text}), which could name a command it runs` }];
  if (!LOCAL_COMMANDS.test(m[1]!) || /^none$/i.test(m[2]!.trim())) return [];
  return hook({ ...option, text: m[2]! }, `${program} -o ${m[1]}`);
}

/** zip's other options that take a value, so it is not taken for the archive's name. */
const ZIP_VALUES = [
  '-b',
  '--temp-path',
  '-n',
  '--suffixes',
  '-t',
  '--from-date',
  '-tt',
  '--before-date',
  '-P',
  '--password',
  '-Z',
  '--compression-method',
  '-x',
  '--exclude',
  '-i',
  '--include',
  '-O',
  '--output-file',
  '-s',
  '--split-size',
  '-sp',
  '-sb',
];

/** zip's `-TT CMD`/`--unzip-command CMD` tests the archive with CMD: `{}` is the archive's name, else it is added at the end. */
const zip: Unwrapper = (_inv, args) => {
  const commands: Arg[] = [];
  let archive: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const m = /^(?:-TT|--unzip-command)(?:=(.*))?$/s.exec(a.text);
    if (m) {
      const value = m[1] !== undefined ? { ...a, text: m[1] } : args[++i];
      if (value) commands.push(value);
    } else if (ZIP_VALUES.includes(a.text)) i++;
    else if (!a.text.startsWith('-')) archive ??= a.text;
  }
  return commands.flatMap((value) => {
    const name = archive ?? 'ARCHIVE.zip';
    return hook({ ...value, text: value.text.includes('{}') ? value.text.replaceAll('{}', name) : `${value.text} ${name}` }, 'zip -TT');
  });
};

export const HOOK_UNWRAPPERS: Record<string, Unwrapper> = table({
  tar,
  gtar: tar,
  bsdtar: tar,
  rsync,
  zip,
  scp: (inv, args, ctx) => sshLocalCommands(args, inv.program, ctx),
  sftp: (inv, args, ctx) => sshLocalCommands(args, inv.program, ctx),
});
