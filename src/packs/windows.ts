// Windows: cmd's rd/rmdir/del with /s, PowerShell's Remove-Item -Recurse, format, diskpart clean and
// shadow-copy deletion. Reached directly or through `cmd /c` and `powershell -Command` (see unwrap).

import type { Invocation } from '../core/invocation.js';
import { rule } from '../rules/rule.js';

const lower = (s: string) => s.toLowerCase();

/** Windows command names are case-insensitive; these are the spellings agents use. */
const spellings = (...names: string[]) => names.flatMap((n) => [n, n.toLowerCase(), n.toUpperCase()]);

/** The words that are not options (cmd's start with `/`, PowerShell's with `-`). */
const operands = (inv: Invocation, option: '/' | '-') =>
  inv.argv
    .slice(1)
    .map((a) => a.text)
    .filter((a) => !a.startsWith(option))
    .join(' ');

export const recursiveDelete = rule({
  id: 'windows/recursive-delete',
  effect: 'destroy',
  severity: 'critical',
  programs: spellings('rd', 'rmdir', 'del', 'erase', 'Remove-Item', 'ri'),
  summary: 'deletes a Windows directory tree',
  consequence: 'Files are deleted without the Recycle Bin; whatever is not in a backup is gone.',
  alternatives: ['move it to the Recycle Bin from Explorer', 'ask the human to delete it'],
  match(inv) {
    const program = lower(inv.program);
    const args = inv.argv.slice(1).map((a) => lower(a.text));
    if (['rd', 'rmdir', 'del', 'erase'].includes(program) && args.includes('/s')) return { target: operands(inv, '/') };
    if (['remove-item', 'ri', 'rm', 'rmdir', 'del', 'erase', 'rd'].includes(program) && args.some((a) => /^-r(e(c(u(r(s(e)?)?)?)?)?)?$/.test(a))) {
      if (program === 'rm' || program === 'rmdir') return null; // the Unix spellings belong to the filesystem pack
      return { target: operands(inv, '-') || '(paths piped in)' };
    }
    return null;
  },
});

export const wipe = rule({
  id: 'windows/wipe',
  effect: 'destroy',
  severity: 'critical',
  programs: spellings('format', 'vssadmin', 'wmic', 'diskpart', 'Clear-Disk', 'Format-Volume'),
  summary: 'formats a drive, wipes a disk or deletes shadow copies',
  consequence: 'Every file on the drive, or every restore point, is gone.',
  alternatives: ['ask the human to do it'],
  match(inv) {
    const program = lower(inv.program);
    const args = inv.argv.slice(1).map((a) => lower(a.text));
    if (program === 'format' && args.some((a) => /^[a-z]:$/.test(a))) return { target: args.find((a) => /^[a-z]:$/.test(a)) };
    if (program === 'vssadmin' && args[0] === 'delete') return { target: 'shadow copies' };
    if (program === 'wmic' && args.includes('shadowcopy') && args.includes('delete')) return { target: 'shadow copies' };
    if (program === 'diskpart' && inv.stdin.kind === 'text' && /\bclean\b/i.test(inv.stdin.text)) return { target: 'the selected disk' };
    if (program === 'clear-disk' || program === 'format-volume') return { target: args.join(' ') };
    return null;
  },
});

export const pack = [recursiveDelete, wipe];
