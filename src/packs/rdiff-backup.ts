// rdiff-backup: removing increments older than a time, in the old (--remove-older-than) and the new
// (`remove increments --older-than`) spelling.

import { subcommandWords } from '../rules/subcommands.js';
import { rule } from '../rules/rule.js';
import type { TargetSpec } from '../rules/targets.js';

const VALUES = [
  '--remove-older-than',
  '--older-than',
  '--api-version',
  '--remote-schema',
  '--current-time',
  '--terminal-verbosity',
  '-v',
  '--verbosity',
  '--exclude',
  '--include',
  '--exclude-filelist',
  '--include-filelist',
];

export const rdiffRemove = rule({
  id: 'rdiff-backup/remove',
  effect: 'destroy',
  severity: 'critical',
  programs: ['rdiff-backup'],
  summary: 'removes rdiff-backup increments',
  consequence: 'The backup can no longer be restored to any time before the cut-off.',
  alternatives: ['rdiff-backup --list-increments (or `list increments`) to show a human what exists'],
  match(inv) {
    const { words, has, value } = subcommandWords(inv, VALUES);
    if (has('--help', '-h', '--dry-run')) return null;
    const older = value('--remove-older-than') ?? (words[0] === 'remove' && words[1] === 'increments' ? (value('--older-than') ?? '') : undefined);
    if (older === undefined) return null;
    const repository = words[words.length - 1];
    return { target: repository, summary: `rdiff-backup removes increments older than ${older || 'the cut-off'} in ${repository ?? 'the repository'}` };
  },
});

export const pack = [rdiffRemove];

/** What its commands act on (src/rules/targets.ts): the repository, an argument (`backup@host::/srv/backup`). */
export const targets: TargetSpec = {};
