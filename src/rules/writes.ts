// Which paths an invocation changes: redirection targets, and the operands of programs that write or
// delete files. `cp a b` changes only b; `mv a b` changes both.

import type { Invocation } from '../analyze/types.js';

/** Programs that change every path operand they are given. */
const CHANGES_OPERANDS = new Set(['rm', 'mv', 'truncate', 'shred', 'tee', 'dd', 'chmod', 'chown', 'chgrp', 'sed', 'perl', 'unlink', 'touch', 'vi', 'vim', 'nano', 'ed', 'emacs', 'rmdir']);
/** Programs that change only their last operand (the destination). */
const CHANGES_DESTINATION = new Set(['cp', 'install', 'rsync', 'ln', 'scp']);

export function pathsChangedBy(inv: Invocation): string[] {
  const paths = inv.redirects.filter((r) => r.op === '>' || r.op === '>>' || r.op === '>|' || r.op === '&>' || r.op === '&>>' || r.op === '<>').map((r) => r.target.text);
  const operands = inv.argv.slice(1).map((a) => a.text).filter((t) => !t.startsWith('-'));
  if (CHANGES_OPERANDS.has(inv.program)) paths.push(...operands);
  else if (CHANGES_DESTINATION.has(inv.program) && operands.length) paths.push(operands[operands.length - 1]!);
  if (inv.program === 'dd') paths.push(...inv.argv.filter((a) => a.text.startsWith('of=')).map((a) => a.text.slice(3)));
  return paths;
}
