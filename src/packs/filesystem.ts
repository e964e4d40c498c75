// Deleting, overwriting and wiping files and disks, and taking a whole tree's permissions away.

import { literalWord, type Arg, type Invocation } from '../core/invocation.js';
import { findPatternAt, findRoots } from '../rules/find.js';
import { parseOptions } from '../rules/argv.js';
import { classifyPath, describePath, isPrecious, type PathInfo } from '../rules/paths.js';
import { rule, type Hit, type RuleContext } from '../rules/rule.js';
import { type TargetSpec, projectPath } from '../rules/targets.js';

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
function targetsOf(arg: Arg, ctx: RuleContext): PathInfo[] {
  const moved = ctx.movedTo(arg);
  return moved.length ? moved.map(classifyPath) : [classifyPath(arg)];
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
        ? { severity: 'medium', target: info.path, summary: `${prefix}recursive delete of ${what}` }
        : { effect: 'write', severity: 'low', target: info.path, summary: `deletes ${what}`, consequence: 'The file is gone unless git or a backup has it.' };
    default:
      return {
        severity: info.kind === 'unset-variable' || info.kind === 'system' || info.kind === 'device' ? 'critical' : 'high',
        target: info.path,
        summary: `${prefix}${recursive ? 'recursive delete' : 'deletes'} ${what}`,
      };
  }
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
    const all = inv.find ? findTargets(inv) : targets.flatMap((t) => targetsOf(t, ctx).map((info) => ({ info, moved: ctx.movedTo(t).length > 0 })));
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
    if (!args.some((a) => a.text === '-delete')) return null;
    const { roots, expression } = findRoots(args);
    const patterns: string[] = [];
    for (let i = expression; i < args.length; i++) {
      const pattern = findPatternAt(args, i);
      if (pattern === undefined) continue;
      patterns.push(pattern);
      i++;
    }
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
    return files.length ? { target: files.map((f) => f.text).join(' ') } : null;
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
    if (info.kind === 'device') return { target: info.path };
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
    if (inv.program === 'fdisk' || inv.program === 'parted') return !args.includes('-l') && !args.includes('--list') && args.some((a) => a.startsWith('/dev/'));
    if (inv.program === 'wipefs') return args.some((a) => a === '-a' || a === '--all' || a.startsWith('-o') || a === '--offset');
    if (inv.program === 'diskutil') return args.some((a) => /^(erase|zero|randomDisk|secureErase|partitionDisk|reformat)/i.test(a));
    return args.some((a) => a.startsWith('/dev/') || !a.startsWith('-'));
  },
});

export const rsyncDelete = rule({
  id: 'filesystem/rsync-delete',
  effect: 'destroy',
  severity: 'high',
  programs: ['rsync'],
  summary: 'rsync --delete removes everything in the destination that the source lacks',
  consequence: 'Files that exist only in the destination are deleted; a wrong or empty source empties it.',
  alternatives: ['run it with --dry-run and show the list to a human', 'drop --delete'],
  match(inv) {
    const parsed = parseOptions(inv.argv.slice(1), {
      value: [
        '-e',
        '--rsh',
        '--exclude',
        '--include',
        '--filter',
        '-f',
        '--exclude-from',
        '--include-from',
        '--files-from',
        '--backup-dir',
        '--suffix',
        '--chmod',
        '--rsync-path',
        '--log-file',
        '-T',
        '--temp-dir',
        '--compare-dest',
        '--link-dest',
        '--partial-dir',
        '--password-file',
        '--port',
        '--timeout',
        '--bwlimit',
        '--max-size',
        '--min-size',
      ],
    });
    if (!parsed.options.some(([n]) => n.startsWith('--delete') || n === '--remove-source-files')) return null;
    if (parsed.has('-n', '--dry-run')) return null;
    const dest = parsed.positionals[parsed.positionals.length - 1];
    if (!dest || /^[^/]*:/.test(dest.text)) return dest ? { target: dest.text, summary: 'rsync --delete into a remote destination' } : null;
    const info = classifyPath(dest);
    if (info.kind === 'regenerable' || info.kind === 'temporary' || info.kind === 'project') return null;
    return { target: info.path, summary: `rsync --delete into ${describePath(info)}` };
  },
});

/** The value-taking options of chmod, chown, chgrp and setfacl, so a value is never read as a path. */
const PERMISSION_OPTIONS = { value: ['--reference', '--from', '-m', '--modify', '-M', '--modify-file', '-x', '--remove', '-X', '--remove-file', '--set', '--set-file', '--restore'] };

/** Top-level system directories: a recursive change there reaches every program and configuration file. */
const SYSTEM_TOP = /^\/(etc|usr|bin|sbin|lib|lib32|lib64|libx32|boot|var|opt|root|home|srv|snap|nix|System|Library|Applications|private)$/;

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
    for (const arg of parsed.positionals) {
      const info = classifyPath(arg);
      const what = describePath(info);
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

export const truncatingRedirect = rule({
  id: 'filesystem/truncating-redirect',
  effect: 'destroy',
  severity: 'high',
  summary: '> replaces the contents of a file',
  consequence: 'The previous contents are gone the moment the command starts, even if it then fails.',
  alternatives: ['write to a new file and move it into place after checking it', 'append with >> instead'],
  match(inv) {
    const hits: Hit[] = [];
    // `exec 3>f` with no command opens f for the rest of the script: truncated there and then.
    const emptying = EMPTYING.has(inv.program) || (inv.program === 'exec' && inv.argv.length === 1) || (inv.program === 'cat' && inv.argv.slice(1).every((a) => a.text === '/dev/null'));
    for (const r of inv.redirects) {
      // Any descriptor opened with `>` truncates the file, `3>f` as much as `>f`.
      if (!(r.op === '>' || r.op === '>|' || r.op === '&>')) continue;
      const info = classifyPath(r.target);
      if (info.kind === 'regenerable' || info.kind === 'temporary') continue;
      if (isPrecious(info.kind) && info.kind !== 'outside') hits.push({ target: info.path, summary: `overwrites ${describePath(info)}` });
      else if (emptying) hits.push({ severity: 'medium', target: info.path, summary: `empties ${describePath(info)}` });
    }
    return hits;
  },
});

export const pack = [rm, findDelete, shred, truncate, dd, format, rsyncDelete, recursivePermissions, truncatingRedirect];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { fromFinding: projectPath };
