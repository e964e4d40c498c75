// How find's arguments divide: its own options, the starting points, then an expression whose name
// and path tests narrow what it acts on. Read the same way for what `find -exec` runs
// (analyze/unwrap.ts) and for what `find -delete` deletes (packs/filesystem.ts).

import type { Arg } from '../core/invocation.js';

/** find's starting points, read past its options (-H, -L, -P, -O<level>, -D <debug>), and where its expression begins. */
export function findRoots(args: readonly Arg[]): { roots: Arg[]; expression: number } {
  let i = 0;
  while (i < args.length && /^-[HLP]$|^-O\d$|^-D$/.test(args[i]!.text)) i += args[i]!.text === '-D' ? 2 : 1;
  const roots: Arg[] = [];
  for (; i < args.length && !/^[-(!]/.test(args[i]!.text); i++) roots.push(args[i]!);
  return { roots, expression: i };
}

/** The pattern of the -name, -path, -wholename or -regex test (in any case) at `args[i]`, if that is one. */
export function findPatternAt(args: readonly Arg[], i: number): string | undefined {
  return /^-(i?name|i?path|i?wholename|regex|iregex)$/.test(args[i]!.text) ? args[i + 1]?.text : undefined;
}

/** Tests and actions that take the next word as their operand, so a file named `-delete` is not the action. */
const ONE_OPERAND =
  /^-(i?name|i?path|i?wholename|i?regex|regextype|i?lname|x?type|user|group|uid|gid|perm|size|[acm]time|[acm]min|[ac]?newer|newer[aBcmt][aBcmt]|samefile|inum|links|maxdepth|mindepth|fstype|used|printf|fprint0?|fls|context|files0-from)$/;

/** Whether find's expression has the `-delete` action itself, not as another test's operand or inside an -exec command. */
export function findDeletes(args: readonly Arg[]): boolean {
  for (let i = findRoots(args).expression; i < args.length; i++) {
    const t = args[i]!.text;
    if (t === '-delete') return true;
    if (t === '-fprintf') i += 2;
    else if (ONE_OPERAND.test(t)) i++;
    else if (/^-(exec|execdir|ok|okdir)$/.test(t)) {
      while (i + 1 < args.length && args[i + 1]!.text !== ';' && args[i + 1]!.text !== '+') i++;
      i++;
    }
  }
  return false;
}
