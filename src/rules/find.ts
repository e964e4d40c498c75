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

/** The patterns of find's name and path tests, read from where its expression begins. */
export function findPatterns(args: readonly Arg[], expression: number): string[] {
  const patterns: string[] = [];
  for (let i = expression; i < args.length; i++) {
    const pattern = findPatternAt(args, i);
    if (pattern === undefined) continue;
    patterns.push(pattern);
    i++;
  }
  return patterns;
}
