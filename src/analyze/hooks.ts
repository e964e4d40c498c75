// Programs whose options name a command they run on this machine, beside the work they are asked for:
// tar's `--to-command`, `--checkpoint-action=exec=`, `-I`/`--use-compress-program` and `-F`/
// `--info-script`; rsync's remote shell (`-e`, `--rsh`, $RSYNC_RSH), which it starts here; ssh's (and
// scp's, sftp's) `ProxyCommand`, `LocalCommand` and `KnownHostsCommand`; zip's `-TT`/`--unzip-command`.
// The command is judged as if it were typed; one built at run time is unknown.

import { table } from '../core/table.js';
import { literalWord, type Arg, type Invocation } from '../core/invocation.js';
import { parseOptions } from '../rules/argv.js';
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

/** tar's long options a hook option's prefix must not be taken for. */
const TAR_EXACT = ['--to-stdout', '--checkpoint', '--totals', '--use-compress-program', '--info-script', '--new-volume-script', '--to-command', '--checkpoint-action'];
const TAR_VALUES = ['-C', '--directory', '-f', '--file', '-T', '--files-from', '-X', '--exclude-from', '-b', '--blocking-factor', '-H', '--format', '-I', '-F', '-g', '-K', '-L', '-N', '-V'];

/**
 * GNU tar: `--to-command=CMD` pipes each extracted file into CMD, `--checkpoint-action=exec=CMD` runs
 * CMD at each checkpoint, `-I CMD`/`--use-compress-program=CMD` runs CMD as the compressor, and
 * `-F CMD`/`--info-script=CMD`/`--new-volume-script=CMD` runs CMD at the end of each volume; each
 * through the shell.
 */
const tar: Unwrapper = (inv, args) => {
  const out: Derived[] = [];
  const take = (value: Arg | undefined, label: string) => {
    if (value) out.push(...hook(value, label));
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const t = a.text;
    if (t === '--') break;
    if (t.startsWith('--')) {
      const eq = t.indexOf('=');
      const name = eq < 0 ? t : t.slice(0, eq);
      const value = (): Arg | undefined => (eq < 0 ? args[++i] : { ...a, text: t.slice(eq + 1) });
      if (names(name, '--to-command', 5, TAR_EXACT)) take(value(), 'tar --to-command');
      else if (names(name, '--checkpoint-action', 13, TAR_EXACT)) {
        const action = value();
        const m = action && /^exec=(.*)$/s.exec(action.text);
        if (m) take({ ...action, text: m[1]! }, 'tar --checkpoint-action=exec');
        else if (action && !action.static) out.push({ kind: 'opaque', reason: `tar's checkpoint action is built at run time: ${action.text}` });
      } else if (names(name, '--use-compress-program', 6, TAR_EXACT)) take(value(), 'tar --use-compress-program');
      else if (names(name, '--info-script', 4, TAR_EXACT) || names(name, '--new-volume-script', 4, TAR_EXACT)) take(value(), 'tar --info-script');
      continue;
    }
    // Short options, bundled (`-xvI zstd`) or old style without a dash in the first word (`xvf x.tar`).
    const dashed = t.startsWith('-');
    const bundle = dashed ? t.slice(1) : i === 0 ? t : '';
    for (let k = 0; k < bundle.length; k++) {
      const letter = bundle[k]!;
      if (!TAR_VALUES.includes(`-${letter}`)) continue;
      // A dashed bundle's value is the rest of the word, or the next word; old style takes the next words in order.
      const rest = dashed ? bundle.slice(k + 1) : '';
      const value = rest ? { ...a, text: rest } : args[++i];
      // bsdtar's -I is its -T (a list of names), not a compressor.
      if (letter === 'I' && inv.program !== 'bsdtar') take(value, 'tar -I');
      else if (letter === 'F') take(value, 'tar -F');
      if (rest) break;
    }
  }
  return out;
};

/** rsync's options that take a value, for finding `-e` in a bundle (`-avze ssh`). */
const RSYNC_SHORT_VALUES = 'eBfTM';

/**
 * rsync starts its remote shell here, with the host and `rsync --server …` after it: `-e CMD`, `--rsh=CMD`,
 * or $RSYNC_RSH. rsync splits it into words itself, honouring quotes as the shell does.
 */
const rsync: Unwrapper = (inv, args) => {
  const out: Derived[] = [];
  const fromEnv = inv.env.RSYNC_RSH;
  if (fromEnv) out.push(...hook(fromEnv, 'rsync remote shell ($RSYNC_RSH)'));
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const t = a.text;
    if (t === '--') break;
    if (t.startsWith('--')) {
      const eq = t.indexOf('=');
      const name = eq < 0 ? t : t.slice(0, eq);
      if (names(name, '--rsh', 4, [])) {
        const value = eq < 0 ? args[++i] : { ...a, text: t.slice(eq + 1) };
        if (value) out.push(...hook(value, 'rsync --rsh'));
      }
      continue;
    }
    if (!/^-[A-Za-z]/.test(t)) continue;
    for (let k = 1; k < t.length; k++) {
      if (!RSYNC_SHORT_VALUES.includes(t[k]!)) continue;
      const rest = t.slice(k + 1);
      const value = rest ? { ...a, text: rest } : args[++i];
      if (t[k] === 'e' && value) out.push(...hook(value, 'rsync -e'));
      break;
    }
  }
  return out;
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
export function sshLocalCommands(args: Arg[], program: string): Derived[] {
  const out: Derived[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const t = a.text;
    if (t === '--' || !t.startsWith('-') || t === '-') break;
    for (let k = 1; k < t.length; k++) {
      if (!SSH_VALUES.includes(t[k]!)) continue;
      const rest = t.slice(k + 1);
      const value = rest ? { ...a, text: rest } : args[++i];
      if (t[k] === 'o' && value) out.push(...sshOption(value, program));
      break;
    }
  }
  return out;
}

/** One `-o Keyword=value`: the command it runs here, if its keyword is one that runs a command. */
function sshOption(option: Arg, program: string): Derived[] {
  const m = /^\s*([A-Za-z]+)\s*(?:=\s*|\s+)(.*)$/s.exec(option.text);
  if (!m) return option.static ? [] : [{ kind: 'opaque', reason: `${program} is given an option built at run time (-o ${option.text}), which could name a command it runs` }];
  if (!LOCAL_COMMANDS.test(m[1]!) || /^none$/i.test(m[2]!.trim())) return [];
  return hook({ ...option, text: m[2]! }, `${program} -o ${m[1]}`);
}

/** zip's other options that take a value, so it is not taken for the archive's name. */
const ZIP_VALUES = ['-b', '--temp-path', '-n', '--suffixes', '-t', '--from-date', '-tt', '--before-date', '-P', '--password', '-Z', '--compression-method', '-x', '--exclude', '-i', '--include', '-O', '--output-file', '-s', '--split-size', '-sp', '-sb'];

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
  scp: (inv, args) => sshLocalCommands(args, inv.program),
  sftp: (inv, args) => sshLocalCommands(args, inv.program),
});
