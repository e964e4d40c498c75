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
    else if (RUNS.test(t)) i = commandEnd(args, i);
  }
  return false;
}

/** find's actions that run a command: the words after them up to `;` or `+` are that command. */
const RUNS = /^-(exec|execdir|ok|okdir)$/;

/** Where the command an -exec at `i` runs ends: the index of its `;` or `+` (or past the end). */
function commandEnd(args: readonly Arg[], i: number): number {
  while (i + 1 < args.length && args[i + 1]!.text !== ';' && args[i + 1]!.text !== '+') i++;
  return i + 1;
}

/** An item of find's expression: a test or action with its operands, `!`, or a parenthesised group. */
type Item = { kind: 'pattern'; pattern: string } | { kind: 'action' } | { kind: 'not' } | { kind: 'other' } | { kind: 'group'; branches: Item[][] };

/** Actions: what find does to what its tests let through. */
const ACTIONS = /^-(delete|exec|execdir|ok|okdir|print0?|printf|fprint0?|fprintf|fls|ls)$/;

/** find's expression from `i`, as or-ed branches of and-ed items, up to a closing `)` (whose index is returned). */
function branchesFrom(args: readonly Arg[], i: number): { branches: Item[][]; end: number } {
  const branches: Item[][] = [[]];
  for (; i < args.length; i++) {
    const t = args[i]!.text;
    if (t === ')') break;
    const branch = branches[branches.length - 1]!;
    if (t === '-o' || t === '-or' || t === ',') branches.push([]);
    else if (t === '(') {
      const inner = branchesFrom(args, i + 1);
      branch.push({ kind: 'group', branches: inner.branches });
      i = inner.end;
    } else if (t === '!' || t === '-not') branch.push({ kind: 'not' });
    else if (RUNS.test(t)) {
      i = commandEnd(args, i);
      branch.push({ kind: 'action' });
    } else {
      const pattern = findPatternAt(args, i);
      if (pattern !== undefined) branch.push({ kind: 'pattern', pattern });
      else branch.push({ kind: ACTIONS.test(t) ? 'action' : 'other' });
      if (t === '-fprintf') i += 2;
      else if (pattern !== undefined || ONE_OPERAND.test(t)) i++;
    }
  }
  return { branches, end: i };
}

const hasAction = (items: Item[]): boolean => items.some((item) => item.kind === 'action' || (item.kind === 'group' && item.branches.some(hasAction)));

/** The patterns one of which anything an and-ed run of items lets through matches; null when it lets anything through. */
function andNarrowing(items: Item[]): string[] | null {
  const found: string[] = [];
  let narrowed = false;
  for (let k = 0; k < items.length; k++) {
    const item = items[k]!;
    // What comes after the action does not narrow what the action acted on.
    if (item.kind === 'action') break;
    // A negated test lets through what it does not match.
    if (item.kind === 'not') {
      k++;
      continue;
    }
    const patterns = item.kind === 'pattern' ? [item.pattern] : item.kind === 'group' ? orNarrowing(item.branches) : null;
    if (patterns) {
      narrowed = true;
      found.push(...patterns);
    }
  }
  return narrowed ? found : null;
}

/** The patterns one of which anything or-ed branches let through matches; null when one of them lets anything through. */
function orNarrowing(branches: Item[][]): string[] | null {
  const found: string[] = [];
  for (const branch of branches) {
    const patterns = andNarrowing(branch);
    if (!patterns) return null;
    found.push(...patterns);
  }
  return found;
}

/**
 * The patterns of find's name and path tests that narrow what its actions act on, read from where its
 * expression begins: what they act on matches one of them. Empty when they do not narrow it: no
 * tests, a negated one (`! -name '*.log'`), or a branch of the action's without one
 * (`-name '*.log' -o -type f -delete`). The branches holding an action count (`-name x -prune -o
 * -name '*.pyc' -delete`), or all of them when there is none (a listing, printed).
 */
export function findPatterns(args: readonly Arg[], expression: number): string[] {
  const { branches } = branchesFrom(args, expression);
  const acting = branches.filter(hasAction);
  return orNarrowing(acting.length ? acting : branches) ?? [];
}
