// duplicity and its front end duply: removing backup sets. Both only list what they would remove
// unless --force is given, so --force is what makes them destroy.

import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import type { TargetSpec } from '../rules/targets.js';

const REMOVALS = new Set(['remove-older-than', 'remove-all-but-n-full', 'remove-all-inc-of-but-n-full', 'cleanup']);
/** duply's commands that remove backup sets; duply chains commands with `_` (`backup_purge`). */
const DUPLY_REMOVALS = new Set(['purge', 'purgeFull', 'purgeIncr', 'purgeAuto', 'cleanup']);

const VALUES = [
  '--name',
  '--archive-dir',
  '--encrypt-key',
  '--sign-key',
  '--hidden-encrypt-key',
  '-t',
  '--time',
  '--file-to-restore',
  '--volsize',
  '--tempdir',
  '--log-file',
  '--verbosity',
  '-v',
  '--gpg-options',
  '--ssh-options',
];

export const duplicityRemove = rule({
  id: 'duplicity/remove',
  effect: 'destroy',
  severity: 'critical',
  programs: ['duplicity', 'duply'],
  summary: 'removes duplicity backup sets',
  consequence: 'The backup chains it removes can no longer be restored; an incremental left without its full backup is useless.',
  alternatives: ['run the same command without --force: it lists what it would remove', 'duplicity collection-status to show a human the chains'],
  match(inv) {
    const p = parseOptions(inv.argv.slice(1), { value: VALUES });
    if (!p.has('--force') || p.has('--help', '-h', '--dry-run')) return null;
    const words = p.positionals.map((a) => a.text);
    if (inv.program === 'duply') {
      const [profile, commands = ''] = words;
      const removing = commands.split('_').filter((c) => DUPLY_REMOVALS.has(c));
      return removing.length ? { target: profile, summary: `duply ${profile} ${removing.join(', ')} --force` } : null;
    }
    const action = words.find((w) => REMOVALS.has(w));
    if (!action) return null;
    const url = words[words.length - 1];
    return { target: url, summary: `duplicity ${action} --force on ${url}` };
  },
});

export const pack = [duplicityRemove];

/** What its commands act on (src/rules/targets.ts): the backend URL or duply profile, both arguments. */
export const targets: TargetSpec = {};
