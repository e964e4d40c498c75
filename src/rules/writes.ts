// Which paths an invocation changes: redirection targets, and the operands of programs that write or
// delete files. `cp a b` changes only b, and b/a when b is a directory; `mv a b` changes both;
// `cp -t dir a` changes dir/a; `git diff --output=f` writes f; `tar -x -C dir` writes into dir.

import type { Invocation } from '../analyze/types.js';
import { parseOptions } from './argv.js';

/** Programs that change every path operand they are given. */
const CHANGES_OPERANDS = new Set(['rm', 'truncate', 'shred', 'tee', 'dd', 'chmod', 'chown', 'chgrp', 'sed', 'perl', 'unlink', 'touch', 'vi', 'vim', 'nano', 'ed', 'ex', 'emacs', 'rmdir', 'sponge', 'patch', 'chattr']);
/** Programs that copy or move their sources to a destination (the last operand, or `-t dir`). */
const COPIES = new Set(['cp', 'mv', 'install', 'rsync', 'ln', 'scp']);
/** Options of the copying programs that take a value, so the value is not read as an operand. */
const COPY_VALUES = ['-t', '--target-directory', '-S', '--suffix', '-m', '--mode', '-o', '--owner', '-g', '--group', '-e', '--rsh', '--exclude', '--include', '--filter', '-f', '--backup-dir', '--chmod', '--chown', '-i', '-P', '-F', '-l', '-c'];

const base = (path: string) => path.replace(/\/+$/, '').split('/').pop() ?? path;

/** What a copy or move writes: its destination, and `dest/<name>` for each source (dest may be a directory). */
function copied(inv: Invocation): { sources: string[]; written: string[] } {
  const parsed = parseOptions(inv.argv.slice(1), { value: inv.program === 'ln' ? ['-t', '--target-directory', '-S', '--suffix'] : COPY_VALUES });
  const operands = parsed.positionals.map((a) => a.text);
  const target = parsed.value('-t', '--target-directory');
  const sources = target === undefined ? operands.slice(0, -1) : operands;
  const dest = target ?? operands[operands.length - 1];
  if (dest === undefined) return { sources: [], written: [] };
  // `ln -s TARGET LINK`: the link is written; `rsync src/ dest` writes what src holds into dest.
  return { sources, written: [dest, ...sources.filter((s) => !/^[\w.-]+@|^[\w.-]+:/.test(s)).map((s) => `${dest.replace(/\/+$/, '')}/${base(s)}`)] };
}

export function pathsChangedBy(inv: Invocation): string[] {
  const paths = inv.redirects.filter((r) => r.op === '>' || r.op === '>>' || r.op === '>|' || r.op === '&>' || r.op === '&>>' || r.op === '<>').map((r) => r.target.text);
  const operands = inv.argv.slice(1).map((a) => a.text).filter((t) => !t.startsWith('-'));
  if (CHANGES_OPERANDS.has(inv.program)) paths.push(...operands);
  else if (COPIES.has(inv.program)) {
    const { sources, written } = copied(inv);
    // A move takes its sources away too.
    if (inv.program === 'mv') paths.push(...sources);
    paths.push(...written);
  }
  if (inv.program === 'dd') paths.push(...inv.argv.filter((a) => a.text.startsWith('of=')).map((a) => a.text.slice(3)));
  // git diff/log/show/format-patch --output=FILE writes FILE.
  if (inv.program === 'git') {
    const args = inv.argv.map((a) => a.text);
    args.forEach((a, i) => {
      if (a.startsWith('--output=')) paths.push(a.slice('--output='.length));
      else if (a === '--output' && args[i + 1]) paths.push(args[i + 1]!);
    });
  }
  return paths;
}

/** Paths deleted, moved away or made unusable, with everything inside them. */
export function pathsTakenAway(inv: Invocation): string[] {
  if (inv.program === 'mv') return copied(inv).sources;
  const operands = inv.argv.slice(1).map((a) => a.text).filter((t) => !t.startsWith('-'));
  return ['rm', 'rmdir', 'unlink', 'shred', 'chmod', 'chown', 'chgrp', 'chattr'].includes(inv.program) ? operands : [];
}

/** Directories an archive is unpacked into (`tar -x -C dir`, `unzip -d dir`, `git apply --directory`): what lands there is not known. */
export function unpackedInto(inv: Invocation): string[] {
  const args = inv.argv.slice(1);
  if (inv.program === 'tar' || inv.program === 'bsdtar') {
    const p = parseOptions(args, { value: ['-C', '--directory', '-f', '--file', '-T', '--files-from', '-X', '--exclude-from'] });
    // Old-style bundled keys (`tar xf a.tar -C dir`) start without a dash.
    const extracting = p.has('-x', '--extract', '--get') || /^[A-Za-z]*x/.test(args[0]?.text ?? '');
    return extracting ? p.values('-C', '--directory') : [];
  }
  if (inv.program === 'unzip') return parseOptions(args, { value: ['-d', '-x'] }).values('-d');
  // `rsync -a src/ dest` and `cp -r src/. dest` copy what src holds, whatever it is, into dest.
  if (inv.program === 'rsync' || inv.program === 'cp') {
    const { sources, written } = copied(inv);
    return sources.some((s) => /\/\.?$/.test(s)) && written[0] !== undefined ? [written[0]] : [];
  }
  if (inv.program === 'git' && args.some((a) => a.text === 'apply')) return parseOptions(args, { value: ['--directory', '-C', '-p'] }).values('--directory');
  if (inv.program === 'patch') return parseOptions(args, { value: ['-d', '--directory', '-p', '-i', '--input', '-o', '--output'] }).values('-d', '--directory');
  return [];
}
