// Programs that run a command later, elsewhere or as someone else: `su -c`, `runuser`, `sg`, `at` and
// `batch`, `crontab`, `systemd-run`, `tmux`, `screen`, `flock`, `chroot`, `unshare`, `nsenter`,
// `firejail`, `bwrap`, `entr`, `watchexec`, `direnv exec`, `gdb`, `dbus-launch`, `xvfb-run`,
// `caffeinate`. What they run is judged as if it ran here and now: an approval forged from a cron
// job or a tmux pane is the same forgery. Each program's options are read with its own grammar
// (grammar.ts); an option airlock doesn't know makes what runs unknown.

import { table } from '../core/table.js';
import { parseGrammar, type Grammar } from './grammar.js';
import type { Derived, UnwrapContext } from './unwrap.js';
import { literalWord, type Arg, type Invocation } from '../core/invocation.js';
import { argvFrom, scriptFile, scriptFrom } from './derived.js';

type Unwrapper = (inv: Invocation, args: Arg[], ctx: UnwrapContext) => Derived[];

const SHELL_NAMES = /^(sh|bash|zsh|dash|ksh|mksh|ash|yash|posh|fish)$/;

const unknownOption = (program: string, option: string): Derived[] => [{ kind: 'opaque', reason: `${program} is given an option airlock does not know (${option}), so what it runs can't be told` }];

/** One word is a command line for the shell; several are joined with spaces, as the shell would see them. */
const scriptOf = (words: Arg[], label: string): Derived[] => scriptFrom(words, label, `the command ${label} runs`);

/** An interactive shell: with no command it reads its commands from stdin, which the shell's own unwrapping follows. */
const shellReadingStdin = (label: string): Derived[] => [{ kind: 'argv', argv: [literalWord('sh')], label }];

/** Text a program reads from stdin and runs as commands (`at`, `batch`). */
function stdinCommands(inv: Invocation, label: string): Derived[] {
  const stdin = inv.stdin;
  if (stdin.kind === 'none') return [];
  if (stdin.kind === 'text') return stdin.static ? [{ kind: 'script', text: stdin.text, label }] : [{ kind: 'opaque', reason: `${label} runs commands built at run time` }];
  if (stdin.kind === 'file') return [{ kind: 'opaque', reason: `${label} runs commands read from ${stdin.path.text}` }];
  return [{ kind: 'opaque', reason: `${label} runs commands produced at run time by \`${stdin.producer}\`` }];
}

// ---- su, runuser, sg: a command as another user ----

const SU: Grammar = {
  shortValue: 'cCgGsw',
  shortFlags: 'flmpPhV',
  long: {
    '--command': 1,
    '--session-command': 1,
    '--group': 1,
    '--supp-group': 1,
    '--shell': 1,
    '--whitelist-environment': 1,
    '--fast': 0,
    '--login': 0,
    '--preserve-environment': 0,
    '--pty': 0,
    '--help': 0,
    '--version': 0,
  },
};
const RUNUSER: Grammar = { ...SU, shortValue: `${SU.shortValue}u`, long: { ...SU.long, '--user': 1 } };

/**
 * `su [options] [-] [user [args]]`: `-c cmd` runs cmd through the user's shell, and words after the
 * user are handed to that shell (`su - deploy -c 'cmd'` is the shell's own -c). `runuser -u user cmd`
 * runs cmd directly.
 */
function asUser(name: 'su' | 'runuser'): Unwrapper {
  return (_inv, args) => {
    const p = parseGrammar(args, name === 'runuser' ? RUNUSER : SU);
    if (p.unknown !== undefined) return unknownOption(name, p.unknown);
    if (p.has('-h', '--help', '-V', '--version')) return [];
    const shell = p.value('-s', '--shell');
    const command = p.value('-c', '--command', '-C', '--session-command');
    let rest = args.slice(p.rest);
    if (name === 'runuser' && p.has('-u', '--user') && command === undefined) return argvFrom(rest, 'runuser -u');
    if (rest[0]?.text === '-') rest = rest.slice(1);
    const extra = rest.slice(1);
    if (shell && !shell.static) return [{ kind: 'opaque', reason: `${name} runs a shell named at run time: ${shell.text}` }];
    const shellName = shell ? shell.text.slice(shell.text.lastIndexOf('/') + 1) : 'sh';
    if (command !== undefined) {
      if (SHELL_NAMES.test(shellName)) return scriptOf([command], `${name} -c`);
      return [{ kind: 'argv', argv: [shell!, literalWord('-c'), command, ...extra], label: `${name} -s` }];
    }
    return [{ kind: 'argv', argv: [shell ?? literalWord('sh'), ...extra], label: name }];
  };
}

/** `sg [-] [group [-c] command]`: the command runs through /bin/sh. */
const sg: Unwrapper = (_inv, args) => {
  let i = args[0]?.text === '-' ? 1 : 0;
  const option = args.slice(i).find((a) => a.text.startsWith('-') && a.text !== '-c');
  if (option) return unknownOption('sg', option.text);
  i++; // the group
  if (args[i]?.text === '-c') i++;
  const rest = args.slice(i);
  return rest.length ? scriptOf(rest, 'sg') : shellReadingStdin('sg');
};

// ---- at, batch, crontab: a command that runs later ----

const AT: Grammar = { shortValue: 'qft', shortFlags: 'VmMlrdbvc', permute: true };

/** `at [options] time` and `batch`: the job is read from `-f file` or from stdin, and runs through /bin/sh. */
function atJob(name: 'at' | 'batch'): Unwrapper {
  return (inv, args, ctx) => {
    const p = parseGrammar(args, AT);
    if (p.unknown !== undefined) return unknownOption(name, p.unknown);
    // -l lists jobs, -r/-d removes them, -c prints them.
    if (p.has('-l', '-r', '-d', '-c')) return [];
    const file = p.value('-f');
    if (file) return scriptFile(file, ctx, `${name} -f`);
    return stdinCommands(inv, name);
  };
}

const CRONTAB: Grammar = { shortValue: 'unx', shortFlags: 'lreisTcV' };

/** `crontab -l` in a group that feeds crontab puts back the jobs already installed, which were judged when they were. */
const LISTS_CRONTAB = /^crontab(\s+-u\s*\S+)?\s+-l(\s+2>\s*\/dev\/null)?\s*$/;

/**
 * `crontab file` / `crontab -` installs a table of jobs: each line's command (after the five time
 * fields or an @keyword) is judged as a command. `crontab -r` removes every job (a rule in the system
 * pack); `-e` installs whatever an editor leaves, which can't be seen.
 */
const crontab: Unwrapper = (inv, args, ctx) => {
  const p = parseGrammar(args, CRONTAB);
  if (p.unknown !== undefined) return unknownOption('crontab', p.unknown);
  if (p.has('-l', '-r', '-T', '-V', '-c')) return [];
  if (p.has('-e')) return [{ kind: 'opaque', reason: 'crontab -e installs whatever the editor leaves in the table' }];
  const file = args[p.rest];
  let table: string;
  const out: Derived[] = [];
  if (file && file.text !== '-') {
    if (!file.static) return [{ kind: 'opaque', reason: `crontab installs a file whose name is built at run time: ${file.text}` }];
    const content = ctx.readFile(file.text);
    if (content === null) return [{ kind: 'opaque', reason: `crontab installs ${file.text}, which airlock could not read` }];
    table = content;
  } else if (inv.stdin.kind === 'text' && inv.stdin.static) table = inv.stdin.text;
  else if (inv.stdin.kind === 'pipe' && inv.stdin.pieces) {
    table = inv.stdin.pieces.map((piece) => piece.text ?? '').join('');
    const unknown = inv.stdin.pieces.filter((piece) => piece.text === null && !LISTS_CRONTAB.test(piece.source));
    if (unknown.length) out.push({ kind: 'opaque', reason: `crontab installs jobs produced at run time by \`${unknown[0]!.source}\`` });
  } else if (inv.stdin.kind === 'none') return [];
  else return stdinCommands(inv, 'crontab').filter((d) => d.kind === 'opaque');
  return [...out, ...cronJobs(table)];
};

/** The command of each job in a crontab table, with `%` turned back into the newlines and stdin it stands for. */
function cronJobs(table: string): Derived[] {
  const out: Derived[] = [];
  for (const raw of table.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (assignment) {
      // SHELL= names the program each job's command line is handed to.
      const shell = assignment[2]!.replace(/^["']|["']$/g, '');
      if (assignment[1] === 'SHELL' && !SHELL_NAMES.test(shell.slice(shell.lastIndexOf('/') + 1))) out.push({ kind: 'opaque', reason: `crontab runs its jobs with ${shell}` });
      continue;
    }
    const m = /^@(reboot|yearly|annually|monthly|weekly|daily|midnight|hourly)\s+(.*)$/.exec(line) ?? /^(?:\S+\s+){5}(.*)$/.exec(line);
    const command = m?.[m.length - 1];
    if (!command) {
      out.push({ kind: 'opaque', reason: `crontab is given a line airlock can't read as a job: ${line}` });
      continue;
    }
    // An unescaped % ends the command; the rest, with % as newlines, is the command's stdin.
    const pieces = command.split(/(?<!\\)%/).map((piece) => piece.replace(/\\%/g, '%'));
    const text = pieces.length > 1 ? `${pieces[0]} <<'AIRLOCK_CRON_INPUT'\n${pieces.slice(1).join('\n')}\nAIRLOCK_CRON_INPUT` : pieces[0]!;
    out.push({ kind: 'script', text, label: 'crontab job' });
  }
  return out;
}

// ---- systemd-run: a transient service, now or on a timer ----

const SYSTEMD_RUN: Grammar = {
  shortValue: 'upEHMC',
  shortFlags: 'rtPSqGdh',
  long: Object.fromEntries([
    ...[
      '--unit',
      '--property',
      '--description',
      '--slice',
      '--setenv',
      '--uid',
      '--gid',
      '--nice',
      '--working-directory',
      '--on-active',
      '--on-boot',
      '--on-startup',
      '--on-unit-active',
      '--on-unit-inactive',
      '--on-calendar',
      '--timer-property',
      '--path-property',
      '--socket-property',
      '--host',
      '--machine',
      '--capsule',
      '--service-type',
      '--expand-environment',
      '--json',
      '--background',
      '--job-mode',
    ].map((o) => [o, 1]),
    ...[
      '--user',
      '--system',
      '--scope',
      '--slice-inherit',
      '--same-dir',
      '--remain-after-exit',
      '--send-sighup',
      '--pty',
      '--pty-late',
      '--pipe',
      '--shell',
      '--quiet',
      '--verbose',
      '--collect',
      '--wait',
      '--no-block',
      '--no-ask-password',
      '--on-clock-change',
      '--on-timezone-change',
      '--ignore-failure',
      '--help',
      '--version',
    ].map((o) => [o, 0]),
  ]),
};

const systemdRun: Unwrapper = (_inv, args) => {
  const p = parseGrammar(args, SYSTEMD_RUN);
  if (p.unknown !== undefined) return unknownOption('systemd-run', p.unknown);
  if (p.has('-h', '--help', '--version')) return [];
  const out: Derived[] = [];
  // ExecStartPre=, ExecStopPost= and the like are command lines too.
  for (const property of p.values('-p', '--property')) {
    const m = /^Exec\w*=(.*)$/s.exec(property.text);
    if (m) out.push(...scriptOf([{ ...property, text: m[1]!.replace(/^[-@:+!]+/, '') }], 'systemd-run --property'));
  }
  const rest = args.slice(p.rest);
  if (rest.length) out.push(...argvFrom(rest, 'systemd-run'));
  else if (p.has('-S', '--shell')) out.push(...shellReadingStdin('systemd-run --shell'));
  return out;
};

// ---- tmux and screen: a command in a terminal that outlives this one ----

const TMUX: Grammar = { shortValue: 'cfLST', shortFlags: '2CDluvVN' };

/** tmux commands that run nothing: they list, attach, select, resize, rename or kill. */
const TMUX_INERT = new Set(
  (
    'attach-session attach a at detach-client detach list-sessions ls list-windows lsw list-panes lsp list-clients lsc list-buffers lsb list-keys lsk list-commands lscm ' +
    'has-session has kill-session kill-server kill-window killw kill-pane killp rename-session rename rename-window renamew select-window selectw select-pane selectp ' +
    'next-window next previous-window prev last-window last last-pane lastp resize-pane resizep resize-window resizew capture-pane capturep show-options show ' +
    'show-window-options showw show-environment showenv show-messages showmsgs show-buffer showb display-message display set-option set set-window-option setw ' +
    'set-environment setenv start-server start switch-client switchc refresh-client refresh wait-for wait delete-buffer deleteb save-buffer saveb swap-pane swapp ' +
    'swap-window swapw move-window movew move-pane movep join-pane joinp break-pane breakp rotate-window rotatew select-layout selectl copy-mode choose-tree ' +
    'choose-buffer choose-client clock-mode clear-history clearhist paste-buffer pasteb lock-server lock lock-session locks unlink-window unlinkw link-window linkw suspend-client suspendc'
  ).split(' '),
);

/** Each tmux command's options: letters that take a value, and letters that take none. */
const TMUX_COMMANDS: Record<string, Grammar> = table({
  'new-session': { shortValue: 'cefFnstxy', shortFlags: 'AdDEPX' },
  'new-window': { shortValue: 'ceFnt', shortFlags: 'abdkPS' },
  'split-window': { shortValue: 'celtFp', shortFlags: 'bdfhIvPZ' },
  'respawn-pane': { shortValue: 'cet', shortFlags: 'k' },
  'respawn-window': { shortValue: 'cet', shortFlags: 'k' },
  'display-popup': { shortValue: 'bcdehsStTwxy', shortFlags: 'BCEkN' },
  'run-shell': { shortValue: 'cdt', shortFlags: 'bCE' },
  'if-shell': { shortValue: 't', shortFlags: 'bF' },
  'pipe-pane': { shortValue: 't', shortFlags: 'IOo' },
  'send-keys': { shortValue: 'cNt', shortFlags: 'FHKlMRX' },
  'set-buffer': { shortValue: 'bnt', shortFlags: 'aw' },
});
const TMUX_ALIASES: Record<string, string> = table({
  new: 'new-session',
  neww: 'new-window',
  splitw: 'split-window',
  respawnp: 'respawn-pane',
  respawnw: 'respawn-window',
  popup: 'display-popup',
  run: 'run-shell',
  if: 'if-shell',
  pipep: 'pipe-pane',
  send: 'send-keys',
  setb: 'set-buffer',
});

/** Key names send-keys presses rather than types: Enter runs the line typed so far. */
const TMUX_KEY = /^((C-|M-|S-|\^)+.|Enter|Escape|Tab|BTab|BSpace|Space|Up|Down|Left|Right|Home|End|PageUp|PageDown|PgUp|PgDn|NPage|PPage|IC|DC|Insert|Delete|F\d{1,2}|KP\w+)$/;

const tmux: Unwrapper = (_inv, args) => {
  const p = parseGrammar(args, TMUX);
  if (p.unknown !== undefined) return unknownOption('tmux', p.unknown);
  const out: Derived[] = [];
  const shellCommand = p.value('-c');
  if (shellCommand) out.push(...scriptOf([shellCommand], 'tmux -c'));
  if (p.has('-f')) out.push({ kind: 'opaque', reason: `tmux loads commands from ${p.value('-f')?.text}` });
  // `#(command)` in a format runs command through the shell.
  for (const a of args) for (const m of a.text.matchAll(/#\(([^)]*)\)/g)) out.push(...scriptOf([{ ...a, text: m[1]! }], 'tmux #()'));
  // Commands are separated by a `;` word (typed as `\;`), or a word ending in one.
  let command: Arg[] = [];
  const commands: Arg[][] = [];
  for (const a of args.slice(p.rest)) {
    if (a.text === ';') commands.push(command), (command = []);
    else if (a.text.endsWith('\\;') || (a.text.endsWith(';') && a.text.length > 1 && !a.text.endsWith('\\;'))) {
      command.push({ ...a, text: a.text.replace(/\\?;$/, '') });
      commands.push(command);
      command = [];
    } else command.push(a);
  }
  commands.push(command);
  for (const c of commands) if (c.length) out.push(...tmuxCommand(c));
  return out;
};

function tmuxCommand(words: Arg[]): Derived[] {
  const given = words[0]!;
  if (!given.static) return [{ kind: 'opaque', reason: `tmux runs a command named at run time: ${given.text}` }];
  const name = TMUX_ALIASES[given.text] ?? given.text;
  if (TMUX_INERT.has(name)) return [];
  const grammar = TMUX_COMMANDS[name];
  if (!grammar) return [{ kind: 'opaque', reason: `tmux ${name} is not a tmux command airlock knows, so what it runs can't be told` }];
  const p = parseGrammar(words.slice(1), grammar);
  if (p.unknown !== undefined) return unknownOption(`tmux ${name}`, p.unknown);
  const rest = words.slice(1 + p.rest);
  const label = `tmux ${name}`;
  switch (name) {
    case 'new-session':
    case 'new-window':
    case 'split-window':
    case 'respawn-pane':
    case 'respawn-window':
    case 'display-popup':
      // One word is a shell command line; several are run directly.
      return rest.length === 1 ? scriptOf(rest, label) : argvFrom(rest, label);
    case 'run-shell':
      return p.has('-C') ? (rest[0] ? tmuxCommandString(rest[0], label) : []) : scriptOf(rest.slice(0, 1), label);
    case 'if-shell':
      return [...(p.has('-F') ? [] : scriptOf(rest.slice(0, 1), label)), ...rest.slice(1).flatMap((c) => tmuxCommandString(c, label))];
    case 'pipe-pane':
      return scriptOf(rest.slice(0, 1), label);
    case 'set-buffer':
      // A buffer is pasted into a pane as if typed.
      return scriptOf(rest.slice(0, 1), label);
    case 'send-keys':
      return sendKeys(rest, p.has('-l'), p.has('-X'), p.has('-H'));
    default:
      return [];
  }
}

/** A tmux command given as one string (`if-shell 'test' 'new-window "cmd"'`): split as tmux does, like shell words. */
function tmuxCommandString(arg: Arg, label: string): Derived[] {
  if (!arg.static) return [{ kind: 'opaque', reason: `${label} runs a tmux command built at run time: ${arg.text}` }];
  const words = splitWords(arg.text);
  if (!words) return [{ kind: 'opaque', reason: `${label} runs a tmux command airlock can't read: ${arg.text}` }];
  return words.length ? tmuxCommand(words.map(literalWord)) : [];
}

/** Words as the shell (and tmux) split them: quotes and backslashes, nothing expanded. Null when quoting is unbalanced. */
function splitWords(text: string): string[] | null {
  const words: string[] = [];
  let current: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) return null;
      current = (current ?? '') + text.slice(i + 1, end);
      i = end;
    } else if (c === '\\' && i + 1 < text.length) current = (current ?? '') + text[++i];
    else if (/\s/.test(c)) {
      if (current !== null) words.push(current);
      current = null;
    } else current = (current ?? '') + c;
  }
  if (current !== null) words.push(current);
  return words;
}

/**
 * `send-keys` types into a pane, usually a shell: what it types is judged as a command line. A key that
 * edits or recalls the line (BSpace aside, which is followed) makes the line unknowable, and so does
 * text left on the line without Enter: a later send-keys can complete it into a command no single call
 * shows (`… bin/air` now, `lock approve ID` Enter next). `-X` sends copy-mode commands, of which the
 * copy-pipe ones run a shell command.
 */
function sendKeys(keys: Arg[], literal: boolean, copyMode: boolean, hex: boolean): Derived[] {
  if (keys.some((k) => !k.static)) return [{ kind: 'opaque', reason: `tmux send-keys types text built at run time: ${keys.map((k) => k.text).join(' ')}` }];
  if (copyMode) {
    const at = keys.findIndex((k) => /pipe/.test(k.text));
    return at >= 0 ? scriptOf(keys.slice(at + 1, at + 2), 'tmux send-keys -X') : [];
  }
  if (hex) return [{ kind: 'opaque', reason: 'tmux send-keys -H types keys given as hexadecimal' }];
  let text = '';
  for (const k of keys) {
    if (literal || !TMUX_KEY.test(k.text)) text += k.text;
    else if (k.text === 'Space') text += ' ';
    else if (k.text === 'BSpace') text = text.endsWith('\n') ? text : text.slice(0, -1);
    else if (ENTER_KEY.test(k.text)) text += '\n';
    else return [{ kind: 'opaque', reason: `tmux send-keys presses ${k.text}, which edits or recalls the line in a way airlock can't follow` }];
  }
  return typedLines(text, 'tmux send-keys');
}

/** The keys that run the line typed so far. */
const ENTER_KEY = /^(Enter|KPEnter|C-m|C-j|\^M|\^J)$/;

/** Text typed into a terminal, as the command lines it runs; what is left on the line without a newline makes it unknown. */
function typedLines(text: string, label: string): Derived[] {
  if (!text.trim()) return [];
  const left = text.slice(text.lastIndexOf('\n') + 1);
  if (left.trim()) return [{ kind: 'opaque', reason: `${label} leaves \`${left.slice(0, 60)}\` on the line without running it: a later command can complete it into one airlock never sees whole` }];
  return [{ kind: 'script', text, label }];
}

/** screen's words that are options of their own, before its letters are read one at a time. */
const SCREEN_WORDS = new Set(['-ls', '-list', '-wipe', '-ln', '-fn', '-fa', '-RR', '-Logfile', '-dmS', '-dm', '-Dm']);
const SCREEN_VALUE = 'cehpsStT';
const SCREEN_FLAGS = 'aAdDfilLmnOqrRUuvx';

/** screen commands that run nothing. */
const SCREEN_INERT = new Set(
  'quit kill detach pow_detach hardcopy title select windows info sessionname log logfile width height redisplay clear number other next prev msgwait idle lockscreen fit focus only remove resize split layout monitor silence sleep wall writelock'.split(
    ' ',
  ),
);

const screen: Unwrapper = (_inv, args) => {
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    const t = a.text;
    if (t === '--') {
      i++;
      break;
    }
    if (!t.startsWith('-') || t === '-') break;
    if (!a.static) return unknownOption('screen', t);
    if (t === '-X' || t === '-Q') return screenCommand(args.slice(i + 1));
    if (SCREEN_WORDS.has(t)) {
      if (t === '-Logfile' || t === '-dmS') i++;
      continue;
    }
    for (let k = 1; k < t.length; k++) {
      const letter = t[k]!;
      if (letter === 'X' || letter === 'Q') {
        if (k === t.length - 1) return screenCommand(args.slice(i + 1));
        return unknownOption('screen', t);
      }
      if (SCREEN_VALUE.includes(letter)) {
        // -c names a configuration file, whose commands can start programs.
        if (letter === 'c') return [{ kind: 'opaque', reason: `screen reads its commands from ${t.slice(k + 1) || args[i + 1]?.text}` }];
        if (k === t.length - 1) i++;
        break;
      }
      if (!SCREEN_FLAGS.includes(letter)) return unknownOption('screen', t);
    }
  }
  return argvFrom(args.slice(i), 'screen');
};

/** `screen -X command args`: a command sent to a running screen session. */
function screenCommand(words: Arg[]): Derived[] {
  const name = words[0];
  if (!name) return [];
  if (!name.static) return [{ kind: 'opaque', reason: `screen -X runs a command named at run time: ${name.text}` }];
  const rest = words.slice(1);
  const label = `screen -X ${name.text}`;
  switch (name.text) {
    case 'stuff':
    case 'register':
    case 'paste': {
      // Typed into the window (stuff) or into a register later pasted: screen's escapes, then a command line.
      if (name.text === 'paste') return [];
      const text = name.text === 'register' ? rest[1] : rest[0];
      if (!text) return [];
      if (!text.static) return [{ kind: 'opaque', reason: `${label} types text built at run time: ${text.text}` }];
      return typedLines(screenEscapes(text.text), label);
    }
    case 'screen':
      return argvFrom(rest.slice(screenWindowOptions(rest)), label);
    case 'exec':
      return argvFrom(rest[0] && /^[.!|:]*$/.test(rest[0].text) && rest.length > 1 ? rest.slice(1) : rest, label);
    case 'eval':
      return rest.flatMap((c) => {
        if (!c.static) return [{ kind: 'opaque', reason: `${label} runs a screen command built at run time: ${c.text}` } satisfies Derived];
        const split = splitWords(c.text);
        return split ? screenCommand(split.map(literalWord)) : [{ kind: 'opaque', reason: `${label}: ${c.text}` } satisfies Derived];
      });
    default:
      if (SCREEN_INERT.has(name.text)) return [];
      return [{ kind: 'opaque', reason: `screen ${name.text} is not a screen command airlock knows, so what it runs can't be told` }];
  }
}

/** The options of screen's `screen` command (a new window): -t title, -T term, -h lines, -a, -fn…; where the program starts. */
function screenWindowOptions(words: Arg[]): number {
  let i = 0;
  while (i < words.length && words[i]!.text.startsWith('-')) i += /^-(t|T|h|L)$/.test(words[i]!.text) ? 2 : 1;
  // An optional window number comes first.
  if (/^\d+$/.test(words[i]?.text ?? '')) i++;
  return i;
}

/** screen's string escapes: \n, \r, ^M and ^J end a line, \NNN is octal, \\ a backslash. */
function screenEscapes(text: string): string {
  return text.replace(/\\([0-7]{1,3}|.)|\^(.)/gs, (_all, escaped: string | undefined, control: string | undefined) => {
    if (control !== undefined) return '\n';
    if (/^[0-7]+$/.test(escaped!)) return String.fromCharCode(parseInt(escaped!, 8));
    return escaped === 'n' || escaped === 'r' ? '\n' : escaped!;
  });
}

// ---- flock, chroot, namespaces and sandboxes: the command runs now, somewhere else ----

const FLOCK: Grammar = {
  shortValue: 'wE',
  shortFlags: 'sxenoFuhV',
  long: {
    '--shared': 0,
    '--exclusive': 0,
    '--unlock': 0,
    '--nonblock': 0,
    '--nb': 0,
    '--no-fork': 0,
    '--close': 0,
    '--verbose': 0,
    '--help': 0,
    '--version': 0,
    '--wait': 1,
    '--timeout': 1,
    '--conflict-exit-code': 1,
  },
};

/** `flock [options] lockfile command…` or `flock lockfile -c 'command'`; `flock 9` just locks a descriptor. */
const flock: Unwrapper = (_inv, args) => {
  const p = parseGrammar(args, FLOCK);
  if (p.unknown !== undefined) return unknownOption('flock', p.unknown);
  const rest = args.slice(p.rest + 1);
  if (rest[0]?.text === '-c' || rest[0]?.text === '--command') return scriptOf(rest.slice(1, 2), 'flock -c');
  return argvFrom(rest, 'flock');
};

const CHROOT: Grammar = { long: { '--userspec': 1, '--groups': 1, '--skip-chdir': 0, '--help': 0, '--version': 0 } };

const UNSHARE: Grammar = {
  shortValue: 'RwSG',
  shortFlags: 'fhVmuinpCTUrc',
  long: {
    ...Object.fromEntries(['--mount', '--uts', '--ipc', '--net', '--pid', '--user', '--cgroup', '--time', '--kill-child', '--mount-proc', '--mount-binfmt'].map((o) => [o, 'optional' as const])),
    ...Object.fromEntries(
      ['--map-user', '--map-group', '--map-users', '--map-groups', '--propagation', '--setgroups', '--setuid', '--setgid', '--root', '--wd', '--monotonic', '--boottime', '--load-interp'].map((o) => [
        o,
        1,
      ]),
    ),
    ...Object.fromEntries(['--fork', '--map-root-user', '--map-current-user', '--map-auto', '--keep-caps', '--help', '--version'].map((o) => [o, 0])),
  },
};

const NSENTER: Grammar = {
  shortValue: 'tSGWN',
  shortOptional: 'muinpCUTrw',
  shortFlags: 'ahVecFZ',
  long: {
    ...Object.fromEntries(['--mount', '--uts', '--ipc', '--net', '--pid', '--cgroup', '--user', '--time', '--root', '--wd'].map((o) => [o, 'optional' as const])),
    ...Object.fromEntries(['--target', '--setuid', '--setgid', '--wdns', '--net-socket', '--env-file'].map((o) => [o, 1])),
    ...Object.fromEntries(['--all', '--preserve-credentials', '--env', '--join-cgroup', '--no-fork', '--follow-context', '--user-parent', '--keep-caps', '--help', '--version'].map((o) => [o, 0])),
  },
};

/** bubblewrap: each option takes a fixed number of words (`--bind SRC DEST`). */
const BWRAP: Grammar = {
  long: {
    ...Object.fromEntries(
      [
        '--bind',
        '--bind-try',
        '--ro-bind',
        '--ro-bind-try',
        '--dev-bind',
        '--dev-bind-try',
        '--symlink',
        '--chmod',
        '--setenv',
        '--file',
        '--bind-data',
        '--ro-bind-data',
        '--bind-fd',
        '--ro-bind-fd',
      ].map((o) => [o, 2]),
    ),
    '--overlay': 3,
    ...Object.fromEntries(
      [
        '--remount-ro',
        '--tmpfs',
        '--dev',
        '--proc',
        '--mqueue',
        '--dir',
        '--unsetenv',
        '--chdir',
        '--uid',
        '--gid',
        '--hostname',
        '--lock-file',
        '--sync-fd',
        '--info-fd',
        '--json-status-fd',
        '--block-fd',
        '--userns-block-fd',
        '--seccomp',
        '--add-seccomp-fd',
        '--exec-label',
        '--file-label',
        '--cap-add',
        '--cap-drop',
        '--userns',
        '--userns2',
        '--pidns',
        '--perms',
        '--size',
        '--overlay-src',
        '--tmp-overlay',
        '--ro-overlay',
        '--argv0',
      ].map((o) => [o, 1]),
    ),
    ...Object.fromEntries(
      [
        '--unshare-all',
        '--share-net',
        '--unshare-user',
        '--unshare-user-try',
        '--unshare-ipc',
        '--unshare-pid',
        '--unshare-net',
        '--unshare-uts',
        '--unshare-cgroup',
        '--unshare-cgroup-try',
        '--clearenv',
        '--new-session',
        '--die-with-parent',
        '--as-pid-1',
        '--disable-userns',
        '--assert-userns-disabled',
        '--level-prefix',
        '--help',
        '--version',
      ].map((o) => [o, 0]),
    ),
  },
};

/** Runs the rest of its words after its options; with none, the user's shell. */
function prefixed(name: string, grammar: Grammar, skip = 0, shellWhenEmpty = true): Unwrapper {
  return (_inv, args) => {
    const p = parseGrammar(args, grammar);
    if (p.unknown !== undefined) return unknownOption(name, p.unknown);
    if (p.has('--help', '--version', '-h', '-V')) return [];
    if (name === 'bwrap' && p.has('--args')) return [{ kind: 'opaque', reason: 'bwrap reads more arguments from a file descriptor' }];
    const rest = args.slice(p.rest + skip);
    // With no command, chroot, unshare and nsenter start the user's shell.
    if (rest.length === 0) return shellWhenEmpty && args.length >= p.rest + skip ? shellReadingStdin(name) : [];
    return argvFrom(rest, name);
  };
}

/** firejail's options are all `--name` or `--name=value`; `-c` hands a command line to the shell. */
const firejail: Unwrapper = (_inv, args) => {
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a.text === '--') {
      i++;
      break;
    }
    if (!a.text.startsWith('-')) break;
    if (!a.static) return unknownOption('firejail', a.text);
    if (a.text === '-c') return scriptOf(args.slice(i + 1), 'firejail -c');
    if (!a.text.startsWith('--')) return unknownOption('firejail', a.text);
    if (/^--(help|version|list|tree|top|netstats|debug-\w+)$/.test(a.text)) return [];
  }
  const rest = args.slice(i);
  return rest.length ? argvFrom(rest, 'firejail') : shellReadingStdin('firejail');
};

// ---- entr, watchexec, direnv, gdb, desktop session wrappers ----

/** `entr [-acdnprsz] utility [args]`: run when a file changes; `-s` hands the one word to the shell. */
const entr: Unwrapper = (_inv, args) => {
  const p = parseGrammar(args, { shortFlags: 'acdnprsz' });
  if (p.unknown !== undefined) return unknownOption('entr', p.unknown);
  const rest = args.slice(p.rest);
  return p.has('-s') ? scriptOf(rest.slice(0, 1), 'entr -s') : argvFrom(rest, 'entr');
};

const WATCHEXEC: Grammar = {
  shortValue: 'wWFosdEefjiu',
  shortFlags: 'crpnNqvhV1',
  long: {
    ...Object.fromEntries(
      [
        '--watch',
        '--watch-non-recursive',
        '--watch-file',
        '--on-busy-update',
        '--signal',
        '--stop-signal',
        '--stop-timeout',
        '--map-signal',
        '--debounce',
        '--delay-run',
        '--shell',
        '--emit-events-to',
        '--env',
        '--wrap-process',
        '--color',
        '--project-origin',
        '--workdir',
        '--exts',
        '--filter',
        '--filter-file',
        '--filter-prog',
        '--ignore',
        '--ignore-file',
        '--fs-events',
        '--completions',
        '--socket',
      ].map((o) => [o, 1]),
    ),
    ...Object.fromEntries(['--clear', '--poll', '--log-file'].map((o) => [o, 'optional' as const])),
    ...Object.fromEntries(
      [
        '--restart',
        '--stdin-quit',
        '--no-vcs-ignore',
        '--no-project-ignore',
        '--no-global-ignore',
        '--no-default-ignore',
        '--no-discover-ignore',
        '--ignore-nothing',
        '--postpone',
        '--no-environment',
        '--only-emit-events',
        '--no-process-group',
        '--notify',
        '--timings',
        '--quiet',
        '--bell',
        '--no-meta',
        '--print-events',
        '--verbose',
        '--manual',
        '--watch-when-idle',
        '--help',
        '--version',
      ].map((o) => [o, 0]),
    ),
  },
};

/** `watchexec [options] [--] command…`: the words are joined and run through the shell unless `-n` / `--shell=none`. */
const watchexec: Unwrapper = (_inv, args) => {
  const p = parseGrammar(args, WATCHEXEC);
  const dd = args.findIndex((a) => a.text === '--');
  if (p.unknown !== undefined && dd < 0) return unknownOption('watchexec', p.unknown);
  const rest = dd >= 0 && p.unknown !== undefined ? args.slice(dd + 1) : args.slice(p.rest);
  const noShell = p.has('-n') || p.value('--shell')?.text === 'none';
  return noShell ? argvFrom(rest, 'watchexec') : scriptOf(rest, 'watchexec');
};

/** `direnv exec DIR command…`: loads DIR's .envrc (a bash script) and runs the command with its environment. */
const direnv: Unwrapper = (_inv, args, ctx) => {
  if (args[0]?.text !== 'exec') return [];
  const dir = args[1];
  if (!dir) return [];
  const out: Derived[] = [];
  if (!dir.static) out.push({ kind: 'opaque', reason: `direnv exec loads the .envrc of a directory named at run time: ${dir.text}` });
  else {
    const envrc = ctx.readFile(`${dir.text.replace(/\/+$/, '')}/.envrc`);
    if (envrc !== null) out.push({ kind: 'script', text: envrc, label: `direnv exec ${dir.text} (.envrc)` });
  }
  return [...out, ...argvFrom(args.slice(2), 'direnv exec')];
};

/** gdb options (spelled with one dash or two) that take a value. */
const GDB_VALUE = new Set([
  'ex',
  'iex',
  'x',
  'ix',
  'eval-command',
  'init-eval-command',
  'command',
  'init-command',
  'cd',
  'd',
  'directory',
  'p',
  'pid',
  's',
  'se',
  'symbols',
  'e',
  'exec',
  'c',
  'core',
  'b',
  'l',
  'tty',
  't',
  'data-directory',
  'D',
  'i',
  'interpreter',
  'ex-file',
]);
const GDB_FLAGS = new Set([
  'batch',
  'batch-silent',
  'q',
  'quiet',
  'silent',
  'n',
  'nx',
  'nh',
  'readnow',
  'readnever',
  'nw',
  'nowindows',
  'w',
  'windows',
  'tui',
  'write',
  'statistics',
  'return-child-result',
  'configuration',
  'help',
  'h',
  'version',
  'dbx',
  'f',
  'fullname',
  'annotate',
  'early-init-eval-command',
]);

/**
 * gdb runs shell commands from its own command lines: `shell cmd`, `!cmd`, `pipe … | cmd`, and the
 * program it debugs with `run` (`gdb -batch -ex run --args rm -rf x`). Python in gdb is not read.
 */
const gdb: Unwrapper = (_inv, args, ctx) => {
  const lines: string[] = [];
  const out: Derived[] = [];
  let program: Arg[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.text.startsWith('-')) {
      if (program.length === 0) program = [a];
      continue;
    }
    if (!a.static) return unknownOption('gdb', a.text);
    const m = /^--?([A-Za-z][\w-]*)(?:=(.*))?$/s.exec(a.text);
    if (!m) return unknownOption('gdb', a.text);
    const name = m[1]!;
    if (name === 'args') {
      program = args.slice(i + 1);
      break;
    }
    if (GDB_FLAGS.has(name)) continue;
    if (!GDB_VALUE.has(name)) return unknownOption('gdb', a.text);
    const value = m[2] !== undefined ? literalWord(m[2]) : args[++i];
    if (!value) continue;
    if (/^(ex|iex|eval-command|init-eval-command)$/.test(name)) {
      if (!value.static) return [{ kind: 'opaque', reason: `gdb runs a command built at run time: ${value.text}` }];
      lines.push(value.text);
    } else if (/^(x|ix|command|init-command)$/.test(name)) {
      const content = value.static ? ctx.readFile(value.text) : null;
      if (content === null) return [{ kind: 'opaque', reason: `gdb runs commands from ${value.text}, which airlock could not read` }];
      lines.push(...content.split('\n'));
    }
  }
  for (const raw of lines) {
    const line = raw.trim();
    const shell = /^(?:shell\s+|!\s*)(.*)$/s.exec(line);
    const pipe = /^(?:pipe\s|\|)(?:[^|]*)\|(.*)$/s.exec(line);
    if (shell) out.push(...scriptOf([literalWord(shell[1]!)], 'gdb shell'));
    else if (pipe) out.push(...scriptOf([literalWord(pipe[1]!)], 'gdb pipe'));
    else if (/^(python|py|pi|python-interactive|source)\b/.test(line)) out.push({ kind: 'opaque', reason: `gdb runs code airlock does not read: ${line}` });
    else if (/^(r|run|start|starti)\b/.test(line) && program.length) {
      const extra = line.replace(/^\S+\s*/, '');
      out.push(...(extra ? scriptOf([literalWord([...program.map((w) => w.text), extra].join(' '))], 'gdb run') : argvFrom(program, 'gdb run')));
    }
  }
  return out;
};

const DBUS_LAUNCH: Grammar = {
  long: {
    '--sh-syntax': 0,
    '--csh-syntax': 0,
    '--auto-syntax': 0,
    '--binary-syntax': 0,
    '--close-stderr': 0,
    '--exit-with-session': 0,
    '--exit-with-x11': 0,
    '--autolaunch': 1,
    '--config-file': 1,
    '--version': 0,
    '--help': 0,
  },
};
const DBUS_RUN_SESSION: Grammar = { long: { '--config-file': 1, '--dbus-daemon': 1, '--version': 0, '--help': 0 } };
const XVFB_RUN: Grammar = {
  shortValue: 'efnpsw',
  shortFlags: 'adhl',
  long: { '--auto-servernum': 0, '--auto-display': 0, '--error-file': 1, '--auth-file': 1, '--help': 0, '--listen-tcp': 0, '--server-num': 1, '--xauth-protocol': 1, '--server-args': 1, '--wait': 1 },
};
const CAFFEINATE: Grammar = { shortValue: 'tw', shortFlags: 'dimsu' };

export const LATER_UNWRAPPERS: Record<string, Unwrapper> = table({
  su: asUser('su'),
  runuser: asUser('runuser'),
  sg,
  at: atJob('at'),
  batch: atJob('batch'),
  crontab,
  'systemd-run': systemdRun,
  tmux,
  screen,
  flock,
  chroot: prefixed('chroot', CHROOT, 1),
  unshare: prefixed('unshare', UNSHARE),
  nsenter: prefixed('nsenter', NSENTER),
  bwrap: prefixed('bwrap', { ...BWRAP, long: { ...BWRAP.long, '--args': 1 } }),
  firejail,
  entr,
  watchexec,
  direnv,
  gdb,
  'dbus-launch': prefixed('dbus-launch', DBUS_LAUNCH, 0, false),
  'dbus-run-session': prefixed('dbus-run-session', DBUS_RUN_SESSION, 0, false),
  'xvfb-run': prefixed('xvfb-run', XVFB_RUN, 0, false),
  caffeinate: prefixed('caffeinate', CAFFEINATE, 0, false),
});
