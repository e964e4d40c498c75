// Deleting, overwriting and wiping files and disks, and taking a whole tree's permissions away.

import { posix } from 'node:path';
import { literalWord, type Arg, type Invocation } from '../core/invocation.js';
import { findDeletes, findPatterns, findRoots } from '../rules/find.js';
import { parseOptions } from '../rules/argv.js';
import { classifyAt, classifyPath, describePath, isPrecious, type PathInfo } from '../rules/paths.js';
import { rule, type Hit, type RuleContext } from '../rules/rule.js';
import type { Target } from '../core/target.js';
import { type TargetSpec, projectPath } from '../rules/targets.js';
import { COPY_VALUES, RSYNC_VALUES, outputOptionFiles } from '../rules/writes.js';
import { staticOutput } from '../analyze/output.js';
import { emptyingEdit, type InPlaceEdit } from '../rules/in-place.js';
import { editorWrites } from '../analyze/editor-writes.js';
import { VIM_PROGRAMS } from '../analyze/editors.js';
import type { PathEntry } from '../core/facts.js';

const RM_OPTIONS = { value: [] as string[] };

function rmTargets(inv: Invocation): Arg[] {
  return parseOptions(inv.argv.slice(1), RM_OPTIONS).positionals;
}

function isRecursive(inv: Invocation): boolean {
  if (inv.program === 'rimraf' || inv.program === 'del-cli') return true;
  return parseOptions(inv.argv.slice(1), RM_OPTIONS).has('-r', '-R', '--recursive');
}

/** Patterns that only ever match regenerable files, for `find -name '*.pyc' -delete` and friends. */
function onlyRegenerable(patterns: string[]): boolean {
  return patterns.length > 0 && patterns.every((p) => classifyPath({ text: p.replace(/^\*\*\//, ''), static: true, dynamicStart: false, glob: true, mayMultiply: false }).kind === 'regenerable');
}

/** What a deletion target really is: for a path an earlier `mv` moved things into, the things moved. */
function targetsOf(arg: Arg, inv: Invocation, ctx: RuleContext): PathInfo[] {
  const moved = ctx.movedTo(arg);
  if (moved.length) return moved.map(classifyPath);
  const info = classifyAt(arg, inv, ctx);
  return [info.kind === 'project' && isBuildOutputBin(info.path, inv, ctx) ? { ...info, kind: 'regenerable' } : info];
}

/** Files that say a folder is built with a tool that writes its output to `bin/`: make, Go, .NET. */
const BIN_BUILDERS = ['Makefile', 'GNUmakefile', 'makefile', 'go.mod'];
const DOTNET_PROJECTS = ['csproj', 'fsproj', 'vbproj'];

/**
 * A `bin` folder that is build output: beside a build file that writes there, and ignored by git (the
 * folder's own .gitignore, or the working directory's for a pattern that matches at any depth). A `bin`
 * of scripts (Rails' bin/rails, a package's CLI) is committed, so git does not ignore it.
 */
function isBuildOutputBin(path: string, inv: Invocation, ctx: RuleContext): boolean {
  if (!/(^|\/)bin$/.test(path) || path.startsWith('/') || path.startsWith('~') || path.split('/').includes('..')) return false;
  const folder = path === 'bin' ? '.' : path.slice(0, -'/bin'.length);
  const folderName = posix.basename(ctx.locate(folder, inv)[0] ?? '');
  const builders = [...BIN_BUILDERS, ...(folderName ? DOTNET_PROJECTS.map((ext) => `${folderName}.${ext}`) : [])];
  if (!builders.some((name) => ctx.readFile(posix.join(folder, name), inv) !== null)) return false;
  return ignoresBin(ctx.readFile(posix.join(folder, '.gitignore'), inv), true) || (folder !== '.' && ignoresBin(ctx.readFile('.gitignore', inv), false));
}

/** Whether a .gitignore has a line that ignores a `bin` folder beside it (`local`) or at any depth. */
function ignoresBin(gitignore: string | null, local: boolean): boolean {
  if (!gitignore) return false;
  return gitignore.split(/\r?\n/).some((raw) => {
    const line = raw.trim().replace(/\/$/, '');
    return /^(\*\*\/)?(bin|\[Bb\]in)$/.test(line) || (local && /^\/(bin|\[Bb\]in)$/.test(line));
  });
}

function deletionHit(info: PathInfo, recursive: boolean, moved: boolean): Hit | null {
  const what = describePath(info);
  const prefix = moved ? 'deletes what an earlier mv put there: ' : '';
  switch (info.kind) {
    case 'root':
    case 'home':
      return recursive
        ? {
            severity: 'critical',
            forbidden: true,
            target: info.path,
            summary: `${prefix}recursive delete of ${what}`,
            consequence: 'Everything under it is deleted: documents, keys, every project. This is never allowed.',
          }
        : null;
    case 'regenerable':
    case 'temporary':
      return null;
    case 'project':
      return recursive
        ? { severity: 'medium', target: info.path, summary: `${prefix}recursive delete of ${what}`, probe: 'deletion' }
        : { effect: 'write', severity: 'low', target: info.path, summary: `deletes ${what}`, consequence: 'The file is gone unless git or a backup has it.' };
    default:
      return {
        severity: info.kind === 'unset-variable' || info.kind === 'system' || info.kind === 'device' ? 'critical' : 'high',
        target: info.path,
        summary: `${prefix}${recursive ? 'recursive delete' : 'deletes'} ${what}`,
      };
  }
}

/**
 * Writing over a whole disk or partition is never allowed, like wiping `/`: every filesystem on it goes,
 * and no approval given from inside an agent session should be able to do it. (A human runs it by hand.)
 * A loop device is an image file attached as a disk (building a disk image formats one): held, not refused.
 */
function deviceWipe(info: PathInfo, summary: string): Hit {
  if (/^\/dev\/loop/.test(info.path)) return { severity: 'high', target: info.path, summary, consequence: 'Everything on the loop device, and in the image or disk behind it, is lost.' };
  return { severity: 'critical', forbidden: true, target: info.path, summary, consequence: 'Every partition and file on the device is lost. This is never allowed from an agent.' };
}

export const rm = rule({
  id: 'filesystem/rm',
  effect: 'destroy',
  severity: 'high',
  programs: ['rm', 'unlink', 'rimraf', 'del-cli', 'trash-empty'],
  summary: 'deletes files',
  consequence: 'rm does not use a trash can: whatever is not in git or a backup is gone for good.',
  alternatives: ['move it aside instead (mv x x.bak) and delete later', 'use trash-put so it can be restored', 'ask the human to delete it'],
  match(inv, ctx) {
    const recursive = isRecursive(inv);
    const targets = rmTargets(inv);
    if (inv.runtimeArgs && !inv.find) {
      return recursive
        ? { severity: 'high', summary: 'recursive delete of paths decided at run time', target: '(read from stdin)', consequence: 'Every path fed to it is deleted, whatever it turns out to be.' }
        : { effect: 'write', severity: 'low', summary: 'deletes files decided at run time' };
    }
    const hits: Hit[] = [];
    const all = inv.find ? findTargets(inv) : targets.flatMap((t) => targetsOf(t, inv, ctx).map((info) => ({ info, moved: ctx.movedTo(t).length > 0 })));
    for (const { info, moved } of all) {
      const hit = deletionHit(info, recursive || !!inv.find, moved);
      if (hit) hits.push(hit);
    }
    return hits;
  },
});

function findTargets(inv: Invocation): { info: PathInfo; moved: boolean }[] {
  const scope = inv.find!;
  if (onlyRegenerable(scope.patterns)) return [];
  return scope.roots.map((root) => {
    const info = classifyPath(root);
    // find never deletes the root of its own walk through `rm {}` of a pattern, but everything under it.
    const kind = info.kind === 'root' || info.kind === 'home' ? 'system' : info.kind === 'project' ? 'project' : info.kind;
    return { info: { kind: kind === 'project' && info.path === '.' ? 'project-root' : kind, path: `${info.path} (every match of ${scope.patterns.join(', ') || 'everything'})` }, moved: false };
  });
}

export const findDelete = rule({
  id: 'filesystem/find-delete',
  effect: 'destroy',
  severity: 'high',
  programs: ['find'],
  summary: 'find -delete removes every file it matches',
  consequence: 'Every matching file under the starting directories is deleted, with no trash and no undo.',
  alternatives: ['run the same find with -print first and show the list to a human', 'narrow it with -name and -maxdepth'],
  match(inv) {
    const args = inv.argv.slice(1);
    if (!findDeletes(args)) return null;
    const { roots, expression } = findRoots(args);
    const patterns = findPatterns(args, expression);
    if (onlyRegenerable(patterns)) return null;
    const where = roots.length ? roots.map((r) => r.text).join(' ') : '.';
    const info = classifyPath(roots[0] ?? literalWord('.'));
    return { target: `${where} (matching ${patterns.join(', ') || 'everything'})`, severity: info.kind === 'root' || info.kind === 'home' || info.kind === 'system' ? 'critical' : 'high' };
  },
});

export const shred = rule({
  id: 'filesystem/shred',
  effect: 'destroy',
  severity: 'critical',
  programs: ['shred', 'srm', 'wipe'],
  summary: 'overwrites a file so it can never be recovered',
  consequence: 'The data is overwritten in place; no backup tool or undelete can bring it back.',
  alternatives: ['delete it normally after making a backup', 'ask the human to do it'],
  match(inv) {
    const files = rmTargets(inv);
    if (!files.length) return null;
    const device = files.map(classifyPath).find((info) => info.kind === 'device');
    return device ? deviceWipe(device, `${inv.program} overwrites every block of ${describePath(device)}`) : { target: files.map((f) => f.text).join(' ') };
  },
});

export const truncate = rule({
  id: 'filesystem/truncate',
  effect: 'destroy',
  severity: 'high',
  programs: ['truncate'],
  summary: 'truncate cuts a file down, discarding its contents',
  consequence: 'Everything past the new size is gone; for a database file that means every row.',
  alternatives: ['copy the file first (cp file file.bak)', 'for logs, use logrotate'],
  match(inv) {
    const parsed = parseOptions(inv.argv.slice(1), { value: ['-s', '--size', '-r', '--reference'] });
    const size = parsed.value('-s', '--size');
    if (size === undefined || !/^(0|-|<|\/|%)/.test(size)) return null;
    const hits = parsed.positionals.map(classifyPath).filter((i) => i.kind !== 'regenerable' && i.kind !== 'temporary');
    return hits.map((info) => ({ target: info.path, summary: `truncate empties ${describePath(info)}` }));
  },
});

export const dd = rule({
  id: 'filesystem/dd',
  effect: 'destroy',
  severity: 'critical',
  programs: ['dd'],
  summary: 'dd writes raw bytes over its output',
  consequence: 'Written to a disk device, it destroys the partition table and every filesystem on it.',
  alternatives: ['double-check the device with lsblk and ask the human to run it'],
  match(inv) {
    const of = inv.argv.slice(1).find((a) => a.text.startsWith('of='));
    if (!of) return null;
    const info = classifyPath({ ...of, text: of.text.slice(3) });
    if (info.kind === 'device') return deviceWipe(info, `dd writes raw bytes over ${describePath(info)}`);
    if (isPrecious(info.kind)) return { severity: 'high', target: info.path, summary: `dd overwrites ${describePath(info)}` };
    return null;
  },
});

export const format = rule({
  id: 'filesystem/format',
  effect: 'destroy',
  severity: 'critical',
  programs: [
    'mkfs',
    'mke2fs',
    'mkswap',
    'wipefs',
    'blkdiscard',
    'sgdisk',
    'sfdisk',
    'fdisk',
    'parted',
    'mkfs.ext2',
    'mkfs.ext3',
    'mkfs.ext4',
    'mkfs.xfs',
    'mkfs.btrfs',
    'mkfs.vfat',
    'mkfs.fat',
    'mkfs.ntfs',
    'mkfs.exfat',
    'mkfs.f2fs',
    'diskutil',
  ],
  summary: 'formats or wipes a disk',
  consequence: 'Every file on the device is lost.',
  alternatives: ['ask the human to run it after checking the device with lsblk'],
  match(inv) {
    const args = inv.argv.slice(1).map((a) => a.text);
    const writes = formatWrites(inv.program, args);
    if (!writes) return null;
    // fdisk, and parted without a script, open an interactive editor that writes only when told to: held, not forbidden.
    const interactive = inv.program === 'fdisk' || (inv.program === 'parted' && !args.some((a) => PARTED_WRITES.test(a)));
    const device = interactive
      ? undefined
      : inv.argv
          .slice(1)
          .map(classifyPath)
          .find((info) => info.kind === 'device');
    return device ? deviceWipe(device, `${inv.program} ${args.join(' ')} rewrites ${describePath(device)}`) : true;
  },
});

/** parted script commands that change the partition table (print, unit, align-check only read it). */
const PARTED_WRITES = /^(mklabel|mktable|mkpart|mkpartfs|rm|resizepart|resize|mkfs|move|rescue|name|set|toggle|disk_set|disk_toggle)$/;

/** Whether a disk tool's arguments write to the disk (listing and printing don't). */
function formatWrites(program: string, args: string[]): boolean {
  if (program === 'fdisk') return !args.includes('-l') && !args.includes('--list') && args.some((a) => a.startsWith('/dev/'));
  // parted with no script commands opens its own prompt, which may change anything.
  if (program === 'parted')
    return (
      !args.includes('-l') &&
      !args.includes('--list') &&
      args.some((a) => a.startsWith('/dev/')) &&
      (!args.some((a) => !a.startsWith('-') && !a.startsWith('/dev/')) || args.some((a) => PARTED_WRITES.test(a)))
    );
  if (program === 'wipefs') return args.some((a) => a === '-a' || a === '--all' || a.startsWith('-o') || a === '--offset');
  if (program === 'diskutil') return args.some((a) => /^(erase|zero|randomDisk|secureErase|partitionDisk|reformat)/i.test(a));
  // sgdisk -p/-i/-v only print, and -P (pretend) changes nothing on disk.
  if (program === 'sgdisk') {
    const options = args.filter((a) => a.startsWith('-'));
    if (options.includes('-P') || options.includes('--pretend') || (options.length && options.every((a) => /^(-p|--print|-i|--info(=.*)?|-v|--verify)$/.test(a)))) return false;
  }
  return args.some((a) => a.startsWith('/dev/') || !a.startsWith('-'));
}

const SCP_VALUES = ['-i', '-P', '-F', '-l', '-c', '-o', '-S', '-J', '-D', '-X'];

/**
 * The host and path of a remote copy destination (`web1:/srv`, `deploy@web1:/srv`, `web1::module/x`,
 * `rsync://web1/module`, `scp://web1//etc/x`), or null for a local path. As rsync and scp read it, a
 * colon before the first slash makes the word remote.
 */
export function remoteSpec(text: string): { host: string; path: string } | null {
  const url = /^(?:rsync|scp|sftp):\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^/:]+)(?::\d+)?(\/.*)?$/i.exec(text);
  if (url) return { host: url[1]!, path: (url[2] ?? '').replace(/^\/\//, '/') };
  // A drive letter (`C:\Users`, `D:/backup`) is a local path on Windows.
  if (/^[A-Za-z]:[\\/]/.test(text)) return null;
  const m = /^(?:[^@/:]*@)?(\[[^\]]+\]|[^/:@]+)::?(.*)$/.exec(text);
  return m ? { host: m[1]!, path: m[2]! } : null;
}

/** A remote host is named by its name; a path in the working directory is the developer's own copy. */
function findingTargets(target: string): Target[] {
  const remote = remoteSpec(target);
  if (!remote) return projectPath(target);
  return [{ type: 'name', kind: 'name', value: remote.host, source: 'the remote host' }];
}

export const rsyncDelete = rule({
  id: 'filesystem/rsync-delete',
  effect: 'destroy',
  severity: 'high',
  programs: ['rsync'],
  summary: 'rsync --delete removes everything in the destination that the source lacks',
  consequence: 'Files that exist only in the destination are deleted; a wrong or empty source empties it.',
  alternatives: ['run it with --dry-run and show the list to a human', 'drop --delete'],
  match(inv) {
    const parsed = parseOptions(inv.argv.slice(1), { value: RSYNC_VALUES });
    const removeSources = parsed.has('--remove-source-files', '--remove-sent-files');
    // --del is --delete-during; --delay-updates is not a delete.
    const deletes = parsed.options.some(([n]) => n === '--del' || n.startsWith('--delete'));
    if (!deletes && !removeSources) return null;
    if (parsed.has('-n', '--dry-run', '--list-only')) return null;
    const dest = parsed.positionals[parsed.positionals.length - 1];
    if (!dest) return null;
    if (!deletes) {
      // The sources are deleted once sent: remote sources on their host, local ones where they lie.
      const sources = parsed.positionals.slice(0, -1);
      const remote = sources.find((s) => remoteSpec(s.text));
      if (remote) return { target: remote.text, summary: `rsync --remove-source-files deletes ${remote.text} once it is copied` };
      const precious = sources.map(classifyPath).find((info) => isPrecious(info.kind));
      return precious ? { target: precious.path, summary: `rsync --remove-source-files deletes ${describePath(precious)} once it is copied` } : null;
    }
    const remote = remoteSpec(dest.text);
    if (remote) return { target: dest.text, summary: `rsync --delete into ${remote.path || 'the home directory'} on ${remote.host}` };
    const info = classifyPath(dest);
    if (info.kind === 'regenerable' || info.kind === 'temporary') return null;
    // A local folder of the project loses what the source lacks, as `rm -rf` of those files would (medium, like rm -rf of project files).
    return { target: info.path, summary: `rsync --delete into ${describePath(info)}`, ...(info.kind === 'project' ? { severity: 'medium' as const } : {}) };
  },
});

/** Where a remote host keeps what makes it run: configuration, programs, boot files, keys, service data. */
const REMOTE_SYSTEM = /^\/(etc|usr|bin|sbin|lib|lib32|lib64|boot|root|var\/lib)(\/|$)/;

export const remoteSystemWrite = rule({
  id: 'filesystem/remote-system-write',
  effect: 'destroy',
  severity: 'high',
  programs: ['scp', 'rsync'],
  summary: "overwrites a remote host's system files",
  consequence: 'The file on the host is replaced and its old contents are not kept; a wrong configuration or binary can take the service, or the host, down.',
  alternatives: ['copy it next to the original (a .new file) and show a human the diff', 'let configuration management (Ansible, Salt) change the host'],
  match(inv) {
    const parsed = parseOptions(inv.argv.slice(1), { value: inv.program === 'scp' ? SCP_VALUES : RSYNC_VALUES });
    if (parsed.has('-n', '--dry-run', '--list-only')) return null;
    const dest = parsed.positionals[parsed.positionals.length - 1];
    const remote = parsed.positionals.length > 1 && dest ? remoteSpec(dest.text) : null;
    if (!remote) return null;
    const path = remote.path.replace(/^~\//, '');
    const info = classifyPath(literalWord(path || '.'));
    // Keys and secrets (~/.ssh/authorized_keys, .aws, .env), not any application's settings under ~/.config.
    const secrets = path.split('/').some((part) => part !== '.config' && classifyPath(literalWord(part)).kind === 'credentials');
    if (!REMOTE_SYSTEM.test(path) && !secrets && info.kind !== 'root' && info.kind !== 'device') return null;
    return { target: dest!.text, summary: `${inv.program} overwrites ${path} on ${remote.host}` };
  },
});

/** The value-taking options of chmod, chown, chgrp and setfacl, so a value is never read as a path. */
const PERMISSION_OPTIONS = { value: ['--reference', '--from', '-m', '--modify', '-M', '--modify-file', '-x', '--remove', '-X', '--remove-file', '--set', '--set-file', '--restore'] };

/** Top-level system directories: a recursive change there reaches every program and configuration file. */
const SYSTEM_TOP = /^\/(etc|usr|bin|sbin|lib|lib32|lib64|libx32|boot|var|opt|root|home|srv|snap|nix|System|Library|Applications|private)$/;

/** Whether a chmod mode leaves the owner unable to read: `000`, `0`, `a=`, `u-r`, `-rwx`. */
function takesReadAway(mode: string): boolean {
  if (/^[0-7]{1,4}$/.test(mode)) return (Number.parseInt(mode.padStart(3, '0').slice(-3, -2), 8) & 4) === 0;
  return mode.split(',').some((clause) => {
    const m = /^([ugoa]*)([-=])([rwxXst]*)$/.exec(clause);
    if (!m) return false;
    const [, who, op, perms] = m;
    const owner = who === '' || who!.includes('u') || who!.includes('a');
    return owner && ((op === '-' && perms!.includes('r')) || (op === '=' && !perms!.includes('r')));
  });
}

export const recursivePermissions = rule({
  id: 'filesystem/recursive-permissions',
  effect: 'destroy',
  severity: 'critical',
  programs: ['chmod', 'chown', 'chgrp', 'setfacl'],
  summary: 'changes permissions or ownership of a whole tree',
  consequence:
    'Every file under it gets the new mode or owner and the old ones are not kept anywhere: on / or a system directory sudo, ssh and system services stop working (keys with loose modes are refused, setuid bits are lost), and putting it back usually means reinstalling.',
  alternatives: ['change only the files that need it (a narrower path, or find … -exec chmod)', 'ask the human to run it'],
  match(inv) {
    const parsed = parseOptions(inv.argv.slice(1), PERMISSION_OPTIONS);
    if (!parsed.has('-R', '--recursive')) return null;
    const hits: Hit[] = [];
    const locksOut = inv.program === 'chmod' && !parsed.has('--reference') && takesReadAway(parsed.positionals[0]?.text ?? '');
    for (const arg of inv.program === 'chmod' && !parsed.has('--reference') ? parsed.positionals.slice(1) : parsed.positionals) {
      const info = classifyPath(arg);
      const what = describePath(info);
      if (locksOut && !['root', 'home', 'system', 'unset-variable', 'regenerable', 'temporary'].includes(info.kind)) {
        hits.push({
          severity: info.kind === 'project' ? 'medium' : 'high',
          target: info.path,
          summary: `takes every permission away from everything in ${what}`,
          consequence:
            'Every file and directory under it loses its mode, and the old modes (which files were executable, which were private) are kept nowhere; until someone restores them, nothing under it can be read, listed or run.',
        });
        continue;
      }
      if (info.kind === 'root') hits.push({ forbidden: true, target: info.path, summary: `changes the permissions or owner of every file on the system: ${what}` });
      else if (info.kind === 'home') hits.push({ target: info.path, summary: `changes the permissions or owner of everything in ${what}` });
      else if (info.kind === 'system')
        hits.push({ severity: SYSTEM_TOP.test(info.path) ? 'critical' : 'high', target: info.path, summary: `changes the permissions or owner of everything in ${what}` });
      else if (info.kind === 'unset-variable') hits.push({ severity: 'high', target: info.path, summary: `changes the permissions or owner of everything in ${what}` });
    }
    return hits;
  },
});

const EMPTYING = new Set(['', ':', 'true']);

/** `head -c0`, `tail -n 0`, `--bytes=0`: asked for nothing, they print nothing. */
function asksForNothing(inv: Invocation): boolean {
  if (inv.program !== 'head' && inv.program !== 'tail') return false;
  const args = inv.argv.slice(1).map((a) => a.text);
  return args.some((a, i) => /^(?:-[cn]0+|--(?:bytes|lines)=0+)$/.test(a) || (/^(?:-[cn]|--bytes|--lines)$/.test(a) && /^0+$/.test(args[i + 1] ?? '')));
}

/** Whether the command prints nothing at all, whatever it is given: `:`, `true`, `printf ''`, `echo -n`, `head -c0`. */
function printsNothing(inv: Invocation): boolean {
  return EMPTYING.has(inv.program) || staticOutput(inv) === '' || asksForNothing(inv);
}

/** Programs that read the files they are given as operands (filters, formatters, converters). */
const READS_OPERANDS = new Set([
  'cat',
  'sort',
  'uniq',
  'sed',
  'gsed',
  'awk',
  'gawk',
  'mawk',
  'grep',
  'egrep',
  'fgrep',
  'rg',
  'head',
  'tail',
  'cut',
  'jq',
  'yq',
  'tac',
  'rev',
  'fold',
  'fmt',
  'nl',
  'expand',
  'unexpand',
  'iconv',
  'base64',
  'column',
  'paste',
  'comm',
  'join',
  'xxd',
  'od',
  'perl',
  'python',
  'python3',
  'node',
  'envsubst',
  'dos2unix',
  'unix2dos',
  'prettier',
  'json_pp',
]);

/**
 * Whether the command reads the very file its `>` empties (`sort f > f`, `jq . f > f`, `tr -d x < f > f`):
 * the shell truncates the file before the program starts, so it reads nothing and the file stays empty.
 */
function readsWhatItTruncates(inv: Invocation, target: Arg, ctx: RuleContext): boolean {
  if (!target.static) return false;
  const where = ctx.locate(target.text, inv)[0];
  const same = (a: Arg) => a.static && (a.text === target.text || (where !== undefined && ctx.locate(a.text, inv)[0] === where));
  if (inv.stdin.kind === 'file' && same(inv.stdin.path)) return true;
  // The walker reads a file given on stdin as its text: the redirect still says which file it was.
  if (inv.redirects.some((r) => r.op === '<' && (r.fd === null || r.fd === 0) && same(r.target))) return true;
  return READS_OPERANDS.has(inv.program) && inv.argv.slice(1).some((a) => !a.text.startsWith('-') && same(a));
}

export const truncatingRedirect = rule({
  id: 'filesystem/truncating-redirect',
  effect: 'destroy',
  severity: 'high',
  summary: '> replaces the contents of a file',
  consequence: 'The previous contents are gone the moment the command starts, even if it then fails.',
  alternatives: ['write to a new file and move it into place after checking it', 'append with >> instead'],
  match(inv, ctx) {
    // Every command is asked; most have no `>` at all.
    if (!inv.redirects.some((r) => r.op === '>' || r.op === '>|' || r.op === '&>')) return null;
    const hits: Hit[] = [];
    // `cat > f` copies its input: with a heredoc or a pipe that is new text, not nothing.
    const copiesInput = inv.program === 'cat' && inv.argv.length === 1 && (inv.stdin.kind === 'pipe' || (inv.stdin.kind === 'text' && inv.stdin.text !== ''));
    // `exec 3>f` with no command opens f for the rest of the script: truncated there and then.
    const emptying = printsNothing(inv) || (inv.program === 'exec' && inv.argv.length === 1) || (inv.program === 'cat' && inv.argv.slice(1).every((a) => a.text === '/dev/null'));
    for (const r of inv.redirects) {
      // Any descriptor opened with `>` truncates the file, `3>f` as much as `>f`.
      if (!(r.op === '>' || r.op === '>|' || r.op === '&>')) continue;
      const info = classifyAt(r.target, inv, ctx);
      if (info.kind === 'regenerable' || info.kind === 'temporary') continue;
      if (info.kind === 'device') hits.push(deviceWipe(info, `${inv.program} output written over ${describePath(info)}`));
      else if (readsWhatItTruncates(inv, r.target, ctx))
        hits.push({
          target: info.path,
          summary: `empties ${describePath(info)}: the shell empties it for \`>\` before ${inv.program} reads it`,
          alternatives: [
            'write to a new file and move it over the old one once it is right (cmd f > f.new && mv f.new f)',
            "use the tool's own in-place option where it has one (sort -o f f, sed -i)",
          ],
        });
      else if (isPrecious(info.kind) && info.kind !== 'outside') hits.push({ target: info.path, summary: `overwrites ${describePath(info)}` });
      else if (copiesInput) {
        // Writing a file that isn't there yet loses nothing; one that is there is replaced by the new text.
        if (!r.target.static || ctx.entry(r.target.text, inv) !== 'missing')
          hits.push({ severity: 'medium', target: info.path, summary: `replaces the contents of ${describePath(info)} with new text` });
      } else if (emptying) hits.push({ severity: 'medium', target: info.path, summary: `empties ${describePath(info)}` });
    }
    return hits;
  },
});

/** Where nothing comes from: copying it, linking to it or sorting it over a file leaves the file empty. */
const NOTHING = '/dev/null';

/** Whether what comes in on stdin is nothing at all (`< /dev/null`, an empty here-string, which is only its newline). */
function emptyStdin(inv: Invocation): boolean {
  return (inv.stdin.kind === 'file' && inv.stdin.path.text === NOTHING) || (inv.stdin.kind === 'text' && inv.stdin.static && /^\s*$/.test(inv.stdin.text));
}

/** Kinds whose contents are lost when anything is written over them, whether or not they are there yet as far as airlock can see. */
const LOST_WHEN_REPLACED = new Set<string>(['database', 'terraform-state', 'device']);
/** Kinds lost when replaced if there is a file there now; writing them fresh (`cp .env.example .env`) is how they are made. */
const LOST_IF_THERE = new Set<string>(['credentials', 'git', 'home-item', 'system', 'outside', 'unset-variable']);

const isFile = (entry: PathEntry | 'unknown') => entry === 'other' || entry === 'link';
const isDirectory = (entry: PathEntry | 'unknown') => entry === 'directory' || entry === 'directory-link';
const inside = (dir: Arg, name: string): Arg => ({ ...dir, text: `${dir.text.replace(/\/+$/, '')}/${name.replace(/\/+$/, '').split('/').pop()}` });

/** The files a copy, move or link replaces, and what it puts there; null when it refuses to replace anything (`-n`) or keeps a backup (`-b`). */
function replacedByCopy(inv: Invocation, ctx: RuleContext): { dests: Arg[]; sources: Arg[]; named: boolean } | null {
  const parsed = parseOptions(inv.argv.slice(1), { value: COPY_VALUES[inv.program] ?? [] });
  if (parsed.options.some(([n]) => n === '-n' || n === '--no-clobber' || n === '-i' || n === '--interactive' || n === '-b' || n === '--backup')) return null;
  // ln refuses to replace an existing file unless forced.
  if (inv.program === 'ln' && !parsed.has('-f', '--force')) return null;
  const operands = parsed.positionals;
  const target = parsed.options.find(([n]) => n === '-t' || n === '--target-directory')?.[1];
  if (typeof target === 'string') return { dests: operands.map((s) => inside(literalWord(target), s.text)), sources: operands, named: false };
  const dest = operands[operands.length - 1];
  const sources = operands.slice(0, -1);
  if (!dest || !sources.length) return null;
  const info = classifyPath(dest);
  const intoDirectory =
    !parsed.has('-T', '--no-target-directory') &&
    (sources.length > 1 || dest.text.endsWith('/') || ['root', 'home', 'project-root', 'parent'].includes(info.kind) || isDirectory(ctx.entry(dest.text, inv)));
  return { dests: intoDirectory ? sources.map((s) => inside(dest, s.text)) : [dest], sources, named: !intoDirectory };
}

/**
 * What a command writes over, what it writes there, and whether that is nothing. `named`: the
 * command names each file it writes (not a directory it writes into, where what is there can only be
 * known from the disk).
 */
const COPIERS = new Set(['cp', 'mv', 'install', 'ln']);

function replaced(inv: Invocation, ctx: RuleContext): { dests: Arg[]; what: string; emptying: boolean; named: boolean } | null {
  if (inv.program === 'tee') {
    const parsed = parseOptions(inv.argv.slice(1), { value: ['--output-error'] });
    if (parsed.has('-a', '--append')) return null;
    return { dests: parsed.positionals.filter((a) => a.text !== '-'), what: 'its input', emptying: emptyStdin(inv), named: true };
  }
  if (inv.program === 'sort') {
    const parsed = parseOptions(inv.argv.slice(1), {
      value: [
        '-o',
        '--output',
        '-k',
        '--key',
        '-t',
        '--field-separator',
        '-S',
        '--buffer-size',
        '-T',
        '--temporary-directory',
        '--files0-from',
        '--parallel',
        '--batch-size',
        '--compress-program',
        '--random-source',
      ],
    });
    const out = parsed.options.find(([n]) => n === '-o' || n === '--output')?.[1];
    const inputs = parsed.positionals;
    // `sort -o f f` sorts f in place: nothing is lost.
    if (typeof out !== 'string' || out === '-' || inputs.some((i) => i.text === out)) return null;
    const emptying = inputs.length ? inputs.every((i) => i.text === NOTHING) : emptyStdin(inv);
    return { dests: [literalWord(out)], what: inputs.map((i) => i.text).join(' ') || 'its input, sorted', emptying, named: true };
  }
  // The other programs this rule looks at write where an option says (writtenByOption), not to their last operand.
  if (!COPIERS.has(inv.program)) return null;
  const copy = replacedByCopy(inv, ctx);
  if (!copy) return null;
  return { dests: copy.dests, what: copy.sources.map((s) => s.text).join(' '), emptying: copy.sources.every((s) => s.text === NOTHING), named: copy.named };
}

/** `w FILE` commands and `s///w FILE` flags in a sed script: sed empties each FILE when it starts, then writes lines to it. */
const SED_WRITE = /(?:^|[;\n{}])\s*(?:[\d$,~+]+|\/(?:[^/\\\n]|\\.)*\/[IM]*)?\s*!?\s*w\s+([^\n]+)|\bs([^\w\s\\])(?:(?!\2)[^\\\n]|\\.)*\2(?:(?!\2)[^\\\n]|\\.)*\2[gpiImMe\d]*w\s+([^\n]+)/g;

/** /dev/null as a URL: curl copies nothing from it. */
const NOTHING_URL = /^file:\/\/(?:localhost)?\/dev\/null$/i;
/** wget fetches no file: URL at all: it empties its output file, then fails. */
const WGET_CANNOT_FETCH = /^file:/i;

/**
 * Files a program writes over because an option or its script names them: curl -o, wget -O, openssl
 * -out, dd of=, find -fprint, sed's `w FILE`. `emptying` when what it writes there is nothing.
 */
function writtenByOption(inv: Invocation): { dests: Arg[]; what: string; emptying: boolean; named: boolean } | null {
  const args = inv.argv.slice(1);
  const words = args.map((a) => a.text);
  let dests: string[] = [];
  let emptying = false;
  let what = `${inv.program}'s output`;
  switch (inv.program) {
    case 'curl':
    case 'wget':
    case 'openssl':
    case 'iconv': {
      dests = outputOptionFiles(inv);
      const sources = inv.program === 'openssl' ? words.filter((w, i) => words[i - 1] === '-in') : words.filter((w) => /^[a-z][\w+.-]*:\/\//i.test(w));
      emptying = sources.length > 0 && sources.every((w) => (inv.program === 'openssl' ? w === NOTHING : inv.program === 'wget' ? WGET_CANNOT_FETCH.test(w) : NOTHING_URL.test(w)));
      what = inv.program === 'openssl' ? `what openssl makes of ${sources.join(' ') || 'its input'}` : `what it downloads from ${sources.join(' ') || 'its URL'}`;
      break;
    }
    case 'dd': {
      const of = words.find((w) => w.startsWith('of='));
      if (!of) return null;
      dests = [of.slice(3)];
      const input = words.find((w) => w.startsWith('if='))?.slice(3);
      emptying = !words.some((w) => /^conv=.*\bnotrunc\b/.test(w)) && (input === NOTHING || words.includes('count=0'));
      what = `raw bytes from ${input ?? 'its input'}`;
      break;
    }
    case 'find':
      dests = words.filter((w, i) => /^-(?:fprint0?|fprintf|fls)$/.test(words[i - 1] ?? ''));
      what = 'the list of what it finds';
      break;
    case 'sed':
    case 'gsed': {
      const scripts = words.filter((w, i) => words[i - 1] === '-e' || words[i - 1] === '--expression');
      const script = scripts.length ? scripts.join('\n') : words.find((w) => !w.startsWith('-'));
      if (script === undefined) return null;
      dests = [...script.matchAll(SED_WRITE)].map((m) => (m[1] ?? m[3] ?? '').trim()).filter((f) => f !== '' && !f.startsWith('/dev/std'));
      const inputs = words.filter((w) => !w.startsWith('-') && w !== script && !scripts.includes(w));
      emptying = inputs.length ? inputs.every((w) => w === NOTHING) : emptyStdin(inv);
      what = 'the lines its script writes';
      break;
    }
    default:
      return null;
  }
  return dests.length ? { dests: dests.map(literalWord), what, emptying, named: true } : null;
}

export const overwrite = rule({
  id: 'filesystem/overwrite',
  effect: 'destroy',
  severity: 'high',
  programs: ['cp', 'mv', 'install', 'ln', 'tee', 'sort', 'curl', 'wget', 'openssl', 'iconv', 'dd', 'find', 'sed', 'gsed'],
  summary: 'replaces a file with something else',
  consequence: 'The old contents are not kept anywhere: copying, moving or linking over a file throws it away as surely as rm.',
  alternatives: ['keep the old file first (cp f f.bak, or cp/mv --backup)', 'use cp -n / mv -n, which never replace a file'],
  match(inv, ctx) {
    const hits: Hit[] = [];
    // A move onto a device throws what is moved away; run as root it also replaces the device itself.
    if (inv.program === 'mv') {
      const copy = replacedByCopy(inv, ctx);
      const onto = copy?.dests.find((d) => d.text.startsWith('/dev/'));
      if (copy && onto)
        for (const source of copy.sources) {
          const info = classifyPath(source);
          if (info.kind === 'regenerable' || info.kind === 'temporary') continue;
          hits.push({
            target: info.path,
            summary: `moves ${describePath(info)} onto the device ${onto.text}`,
            consequence: `The file is gone; run as root, mv also replaces ${onto.text} with it, and everything written there afterwards lands in that file.`,
          });
        }
      if (onto) return hits;
    }
    const found = replaced(inv, ctx) ?? writtenByOption(inv);
    if (!found) return hits;
    for (const dest of found.dests) {
      const info = classifyPath(dest);
      if (info.kind === 'regenerable' || info.kind === 'temporary') continue;
      // dd onto a device is the dd rule's to say, in its own words.
      if (inv.program === 'dd' && info.kind === 'device') continue;
      const entry = () => ctx.entry(dest.text, inv);
      if (found.emptying) hits.push({ severity: info.kind === 'project' ? 'medium' : 'high', target: info.path, summary: `${inv.program} empties ${describePath(info)}` });
      // Installing over a program in a system directory is how programs are upgraded.
      else if (inv.program === 'install' && info.kind === 'system') continue;
      else if ((found.named && LOST_WHEN_REPLACED.has(info.kind)) || ((LOST_WHEN_REPLACED.has(info.kind) || LOST_IF_THERE.has(info.kind)) && isFile(entry())))
        hits.push({ target: info.path, summary: `${inv.program} replaces ${describePath(info)} with ${found.what}` });
      else if (info.kind === 'project' && isFile(entry()))
        hits.push({
          effect: 'write',
          severity: 'low',
          target: info.path,
          summary: `${inv.program} replaces ${describePath(info)}`,
          consequence: 'The old contents are gone unless git or a backup has them.',
        });
    }
    return hits;
  },
});

const EDITORS = [...VIM_PROGRAMS, 'ed', 'red'];

/** An editor script that deletes every line and writes the file back (`vim -es -c '%d' -c wq f`, `ed f <<< $',d\nw'`). */
function editorEmptying(inv: Invocation, ctx: RuleContext): InPlaceEdit | null {
  const emptied = editorWrites(inv, (path) => ctx.readFile(path, inv)).filter((w) => w.emptied);
  return emptied.length ? { files: emptied.map((w) => w.file), how: `${inv.program} ${JSON.stringify(emptied[0]!.how)} deletes every line and writes the file` } : null;
}

export const inPlaceEmpty = rule({
  id: 'filesystem/in-place-empty',
  effect: 'destroy',
  severity: 'high',
  programs: ['sed', 'gsed', 'perl', 'awk', 'gawk', ...EDITORS],
  summary: 'an in-place edit whose script keeps nothing empties the file',
  consequence:
    'The tool writes back only what its script prints (an editor, what its buffer holds); a script that deletes every line or prints nothing leaves every file it is given empty, with no backup.',
  alternatives: ['keep a backup with the edit (sed -i.bak, perl -i.bak)', 'run the script without -i first and look at what it prints'],
  match(inv, ctx) {
    const edit = emptyingEdit(inv) ?? editorEmptying(inv, ctx);
    if (!edit) return null;
    return edit.files
      .map(classifyPath)
      .filter((info) => info.kind !== 'regenerable' && info.kind !== 'temporary')
      .map((info) => ({ severity: info.kind === 'project' ? 'medium' : 'high', target: info.path, summary: `${edit.how}: it empties ${describePath(info)}` }));
  },
});

export const editorRewrite = rule({
  id: 'filesystem/editor-rewrite',
  effect: 'write',
  severity: 'low',
  programs: EDITORS,
  summary: 'an editor run from a script rewrites a file',
  consequence: 'The script changes the file and writes it back with no one looking; the old contents are gone unless git or a backup has them.',
  alternatives: ['make the change with a reviewed patch', 'keep a copy first (cp f f.bak)'],
  match(inv, ctx) {
    return editorWrites(inv, (path) => ctx.readFile(path, inv))
      .filter((w) => !w.emptied)
      .map((w) => classifyPath(w.file))
      .filter((info) => info.kind !== 'regenerable' && info.kind !== 'temporary')
      .map((info) => ({ target: info.path, summary: `${inv.program}'s script rewrites ${describePath(info)}` }));
  },
});

/** The fallocate modes that throw data away: punched holes read back as zeros, collapsed ranges are cut out. */
const FALLOCATE_DISCARDS = ['-p', '--punch-hole', '-c', '--collapse-range', '-z', '--zero-range'];

export const fallocate = rule({
  id: 'filesystem/fallocate-discard',
  effect: 'destroy',
  severity: 'high',
  programs: ['fallocate'],
  summary: 'fallocate discards a range of a file',
  consequence: 'The bytes in the range are replaced by zeros or cut out of the file; nothing keeps them.',
  alternatives: ['copy the file first (cp file file.bak)', 'use fallocate --dig-holes, which only frees blocks that are already zero'],
  match(inv) {
    const parsed = parseOptions(inv.argv.slice(1), { value: ['-o', '--offset', '-l', '--length'] });
    const mode = parsed.options.find(([n]) => FALLOCATE_DISCARDS.includes(n))?.[0];
    if (!mode) return null;
    return parsed.positionals
      .map(classifyPath)
      .filter((info) => info.kind !== 'regenerable' && info.kind !== 'temporary')
      .map((info) => ({ target: info.path, summary: `fallocate ${mode} discards data in ${describePath(info)}` }));
  },
});

const TAR_VALUES = {
  value: ['-C', '--directory', '-f', '--file', '-T', '--files-from', '-X', '--exclude-from', '--exclude', '-b', '--blocking-factor', '-H', '--format', '-I', '--use-compress-program'],
};

export const tarRemoves = rule({
  id: 'filesystem/tar-removes',
  effect: 'destroy',
  severity: 'high',
  programs: ['tar', 'bsdtar'],
  summary: 'tar deletes files as it works',
  consequence:
    'With --remove-files the files are deleted once archived, so an archive that goes nowhere takes them with it; --recursive-unlink empties each directory the archive holds before extracting into it.',
  alternatives: ['archive first and delete after checking the archive', 'extract into a new directory and compare'],
  match(inv) {
    const args = inv.argv.slice(1);
    const parsed = parseOptions(args, TAR_VALUES);
    const hits: Hit[] = [];
    if (parsed.has('--remove-files')) {
      const archive = parsed.value('-f', '--file') ?? (/^[A-Za-z]*f/.test(args[0]?.text ?? '') ? parsed.positionals[1]?.text : undefined);
      const toStdout = archive === undefined || archive === '-';
      const discarded = archive === NOTHING || (toStdout && inv.redirects.some((r) => (r.fd === null || r.fd === 1) && r.op.startsWith('>') && r.target.text === NOTHING));
      const members =
        /^[A-Za-z]*f/.test(args[0]?.text ?? '') && parsed.value('-f', '--file') === undefined ? parsed.positionals.slice(2) : parsed.positionals.slice(/^[A-Za-z]+$/.test(args[0]?.text ?? '') ? 1 : 0);
      for (const m of members) {
        const info = classifyPath(m);
        if (info.kind === 'regenerable' || info.kind === 'temporary') continue;
        if (discarded) hits.push({ target: info.path, summary: `tar --remove-files into ${NOTHING} deletes ${describePath(info)}` });
        else hits.push({ effect: 'write', severity: 'low', target: info.path, summary: `tar --remove-files moves ${describePath(info)} into ${archive ?? 'its output'}` });
      }
    }
    if (parsed.has('--recursive-unlink')) {
      const dir = parsed.value('-C', '--directory') ?? '.';
      const info = classifyPath(literalWord(dir));
      if (info.kind !== 'regenerable' && info.kind !== 'temporary')
        hits.push({
          severity: info.kind === 'project' || info.kind === 'project-root' ? 'medium' : 'high',
          target: info.path,
          summary: `tar --recursive-unlink empties every directory the archive holds in ${describePath(info)} before extracting`,
        });
    }
    return hits;
  },
});

/** zip's options that take a value; -x and -i take every word after them, so members end there. */
const ZIP_VALUES = { value: ['-b', '-n', '-t', '-tt', '-O', '--output-file', '-s', '-P', '--password', '-Z', '--compression-method', '--temp-path', '--suffixes'] };
const ZIP_PATTERN_LISTS = new Set(['-x', '-i', '--exclude', '--include']);

/**
 * `zip -m` moves files into the archive: the originals are deleted once it is written. Into an archive
 * that stays (in the project, in a backup folder) that is a move, a write, as `tar --remove-files` is;
 * into one in a temporary place, or to stdout or /dev/null, it is the deletion of those paths, graded
 * as `rm` grades it (a project folder is a destroy of medium severity, one project file a write).
 */
export const zipMove = rule({
  id: 'filesystem/zip-move',
  effect: 'destroy',
  severity: 'high',
  programs: ['zip'],
  summary: 'zip -m deletes the files it archives',
  consequence: 'The originals are deleted once the archive is written; an archive in a temporary place goes with the next cleanup or reboot, and the files with it.',
  alternatives: ['zip without -m, check the archive, then delete', 'write the archive into the project or a backup folder'],
  match(inv) {
    const args = inv.argv.slice(1);
    const end = args.findIndex((a) => ZIP_PATTERN_LISTS.has(a.text));
    const parsed = parseOptions(end < 0 ? args : args.slice(0, end), ZIP_VALUES);
    if (!parsed.has('-m', '--move')) return null;
    const [archive, ...members] = parsed.positionals;
    if (!archive) return null;
    const recursive = parsed.has('-r', '-R', '--recurse-paths', '--recurse-patterns');
    const where = classifyPath(archive);
    const gone = archive.text === '-' || archive.text === NOTHING || where.kind === 'temporary';
    const hits: Hit[] = [];
    for (const m of members) {
      const info = classifyPath(m);
      if (info.kind === 'regenerable' || info.kind === 'temporary') continue;
      const deleted = gone ? deletionHit(info, recursive, false) : null;
      if (deleted) hits.push({ ...deleted, summary: `zip -m moves ${describePath(info)} into ${archive.text}, in a temporary place, and deletes it here` });
      else hits.push({ effect: 'write', severity: 'low', target: info.path, summary: `zip -m moves ${describePath(info)} into ${archive.text}` });
    }
    return hits;
  },
});

export const pack = [
  rm,
  findDelete,
  shred,
  truncate,
  dd,
  format,
  rsyncDelete,
  remoteSystemWrite,
  recursivePermissions,
  truncatingRedirect,
  overwrite,
  inPlaceEmpty,
  editorRewrite,
  fallocate,
  tarRemoves,
  zipMove,
];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { fromFinding: findingTargets };
