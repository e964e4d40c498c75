// restic (and rustic, which reads the same repositories): forgetting and pruning snapshots, removing keys, and clearing locks others still hold.

import { subcommandRule, subcommandWords } from '../rules/subcommands.js';
import { type TargetSpec, names, variableTargets } from '../rules/targets.js';

/** Options of restic that take a value, global and of the commands below, so no value is read as a subcommand. */
const VALUES = [
  '-r',
  '--repo',
  '--repository-file',
  '-p',
  '--password-file',
  '--password-command',
  '--key-hint',
  '--cacert',
  '--cache-dir',
  '--tls-client-cert',
  '-o',
  '--option',
  '--limit-upload',
  '--limit-download',
  '--pack-size',
  '--compression',
  '--retry-lock',
  '--host',
  '--tag',
  '--path',
  '-g',
  '--group-by',
  '-l',
  '--keep-last',
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
  '--keep-within',
  '--keep-within-hourly',
  '--keep-within-daily',
  '--keep-within-weekly',
  '--keep-within-monthly',
  '--keep-within-yearly',
  '--keep-tag',
  '--max-unused',
  '--max-repack-size',
  '--exclude',
  '--iexclude',
  '--exclude-file',
  '-t',
  '--target',
];

export const forget = subcommandRule({
  id: 'restic/forget',
  effect: 'destroy',
  severity: 'critical',
  programs: ['restic', 'rustic'],
  paths: ['forget', 'prune', 'rewrite', 'repair snapshots'],
  valueOptions: VALUES,
  unless: ['--dry-run', '-n'],
  // rewrite and repair keep the original snapshots unless told to forget them.
  when: (_rest, inv, has) => has('--forget') || !['rewrite', 'repair'].includes(subcommandWords(inv, VALUES).words[0] ?? ''),
  summary: 'removes snapshots from the restic repository',
  consequence: 'Forgotten snapshots can no longer be restored, and prune deletes the data only they referenced: the backups are gone for good.',
  alternatives: ['run it with --dry-run and show a human which snapshots it would remove', 'restic snapshots to list what the repository holds'],
});

export const keyRemove = subcommandRule({
  id: 'restic/key-remove',
  effect: 'destroy',
  severity: 'high',
  programs: ['restic', 'rustic'],
  paths: ['key remove', 'key rm'],
  valueOptions: VALUES,
  summary: 'removes a key (password) from the restic repository',
  consequence: 'Whoever or whatever opened the repository with that password (a backup job, a restore runbook) can no longer read the backups.',
  alternatives: ['restic key list to show a human which keys exist and which one this is'],
});

export const unlockAll = subcommandRule({
  id: 'restic/unlock-all',
  effect: 'destroy',
  severity: 'high',
  programs: ['restic', 'rustic'],
  paths: ['unlock'],
  valueOptions: VALUES,
  when: (_rest, _inv, has) => has('--remove-all'),
  summary: 'removes every lock on the restic repository, live ones included',
  consequence: 'A backup or prune still running loses its lock, and a prune can then delete data the running backup is writing.',
  alternatives: ['restic unlock (without --remove-all) removes only stale locks', 'restic list locks, and ask a human whether the job holding them is still running'],
});

export const pack = [forget, keyRemove, unlockAll];

/** What its commands act on (src/rules/targets.ts): the repository, by option or variable. */
export const targets: TargetSpec = {
  options: { '-r': names.url, '--repo': names.url, '--repository-file': names.file },
  of: (inv) => variableTargets(inv, { RESTIC_REPOSITORY: names.url, RESTIC_REPOSITORY_FILE: names.file }),
};
