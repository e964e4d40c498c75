// rclone: commands that delete at the destination or the source (sync, move, delete, purge, cleanup,
// dedupe), and the copies that only add or overwrite.

import { subcommandRule, subcommandWords } from '../rules/subcommands.js';
import { type TargetSpec, names } from '../rules/targets.js';

/** rclone options that take a value, so no value is read as a subcommand or a path. */
const VALUES = [
  '--config',
  '--transfers',
  '--checkers',
  '--bwlimit',
  '--include',
  '--exclude',
  '--filter',
  '--include-from',
  '--exclude-from',
  '--filter-from',
  '--files-from',
  '--min-age',
  '--max-age',
  '--min-size',
  '--max-size',
  '--max-depth',
  '--backup-dir',
  '--suffix',
  '--compare-dest',
  '--copy-dest',
  '--log-file',
  '--log-level',
  '--stats',
  '--retries',
  '--low-level-retries',
  '--timeout',
  '--contimeout',
  '--max-transfer',
  '--max-delete',
  '--max-backlog',
  '--order-by',
  '--dedupe-mode',
  '--user-agent',
  '--workdir',
  '--conflict-resolve',
  '--conflict-loser',
];

const HARMLESS = ['--dry-run', '-n'];

export const rcloneDelete = subcommandRule({
  id: 'rclone/delete',
  effect: 'destroy',
  severity: 'critical',
  programs: ['rclone'],
  paths: ['sync', 'bisync', 'move', 'moveto', 'delete', 'deletefile', 'purge', 'cleanup', 'dedupe'],
  valueOptions: VALUES,
  unless: HARMLESS,
  when(rest, inv, has) {
    const target = rest[rest.length - 1];
    // With --backup-dir, what sync or move would delete or overwrite is moved aside instead.
    if (has('--backup-dir')) return { effect: 'write', severity: 'medium', target, summary: `rclone moves what it replaces into the --backup-dir instead of deleting it` };
    // dedupe in rename mode renames duplicates and deletes none.
    if (rest[0] === 'rename' || subcommandWords(inv, VALUES).value('--dedupe-mode') === 'rename') return { effect: 'write', severity: 'low', target };
    return { target, summary: `rclone deletes files at ${target ?? 'the remote'}` };
  },
  summary: 'deletes files at an rclone remote',
  consequence:
    'sync deletes every file at the destination that is not in the source (a wrong or empty source empties the destination), move deletes the source, and delete, purge, cleanup and dedupe delete files, old versions or trash outright.',
  alternatives: ['run the same command with --dry-run and show a human what it would delete', 'rclone copy, which never deletes, or sync with --backup-dir'],
});

export const rcloneEmptyDirs = subcommandRule({
  id: 'rclone/rmdir',
  effect: 'write',
  severity: 'low',
  programs: ['rclone'],
  paths: ['rmdir', 'rmdirs'],
  valueOptions: VALUES,
  unless: HARMLESS,
  summary: 'removes empty directories at an rclone remote',
  consequence: 'Only directories with nothing in them are removed (rclone refuses a directory that holds files).',
  alternatives: ['rclone lsd to show the directories first'],
});

export const rcloneCopy = subcommandRule({
  id: 'rclone/copy',
  effect: 'write',
  severity: 'medium',
  programs: ['rclone'],
  paths: ['copy', 'copyto', 'copyurl', 'rcat', 'mkdir', 'touch', 'settier'],
  valueOptions: VALUES,
  unless: HARMLESS,
  when: (rest) => ({ target: rest[rest.length - 1], summary: `rclone writes files to ${rest[rest.length - 1] ?? 'the remote'}` }),
  summary: 'writes files to an rclone remote',
  consequence: 'Files at the destination are added or overwritten with the source version; nothing is deleted.',
  alternatives: ['run it with --dry-run first'],
});

export const pack = [rcloneDelete, rcloneEmptyDirs, rcloneCopy];

/** What its commands act on (src/rules/targets.ts): its remotes, named in its arguments (`prod-backups:db/`), and its config file. */
export const targets: TargetSpec = { options: { '--config': names.config } };
