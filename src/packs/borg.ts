// BorgBackup: deleting archives or the whole repository, pruning, compacting what was deleted, and
// rewriting archives in place.

import { subcommandRule } from '../rules/subcommands.js';
import { type TargetSpec, names, variableTargets } from '../rules/targets.js';

/** Options of borg that take a value, global and of the commands below, so no value is read as a subcommand. */
const VALUES = [
  '-r',
  '--repo',
  '--remote-path',
  '--rsh',
  '--lock-wait',
  '--upload-ratelimit',
  '--upload-buffer',
  '--umask',
  '--debug-topic',
  '-a',
  '--glob-archives',
  '--match-archives',
  '-P',
  '--prefix',
  '--sort-by',
  '--first',
  '--last',
  '--keep-within',
  '--keep-last',
  '--keep-secondly',
  '--keep-minutely',
  '-H',
  '--keep-hourly',
  '-d',
  '--keep-daily',
  '-w',
  '--keep-weekly',
  '-m',
  '--keep-monthly',
  '-y',
  '--keep-yearly',
  '-e',
  '--exclude',
  '--exclude-from',
  '--pattern',
  '--patterns-from',
  '-C',
  '--compression',
  '--recompress',
  '--chunker-params',
  '--comment',
  '--timestamp',
  '--target',
  '--threshold',
];

export const borgDelete = subcommandRule({
  id: 'borg/delete',
  effect: 'destroy',
  severity: 'critical',
  programs: ['borg', 'borg2'],
  paths: ['delete', 'prune', 'compact', 'recreate', 'repo-delete', 'rdelete'],
  valueOptions: VALUES,
  // --cache-only deletes the local cache of a repository, not the repository.
  unless: ['--dry-run', '-n', '--cache-only'],
  summary: 'deletes or rewrites backups in the Borg repository',
  consequence:
    'delete and prune remove archives (a bare repository path deletes the whole repository), compact makes earlier deletions permanent, and recreate rewrites archives, dropping whatever its excludes name.',
  alternatives: ['run it with --dry-run --list and show a human what it would remove', 'borg list to show what the repository holds'],
});

export const breakLock = subcommandRule({
  id: 'borg/break-lock',
  effect: 'destroy',
  severity: 'high',
  programs: ['borg', 'borg2'],
  paths: ['break-lock'],
  valueOptions: VALUES,
  summary: 'breaks the Borg repository lock, even one a running job holds',
  consequence: 'A backup, prune or compact still running loses its lock, and two writers at once can damage the repository.',
  alternatives: ['ask a human whether any borg process is still running against the repository first'],
});

export const pack = [borgDelete, breakLock];

/** What its commands act on (src/rules/targets.ts): the repository, by argument, option or variable. */
export const targets: TargetSpec = {
  options: { '-r': names.url, '--repo': names.url },
  of: (inv) => variableTargets(inv, { BORG_REPO: names.url }),
};
