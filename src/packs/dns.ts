// DNS servers changed directly: nsupdate (and knsupdate) scripts that delete records, whether the script
// comes on stdin (a heredoc, `echo … |`, `< file`) or from a file named on the command line.

import type { Invocation } from '../core/invocation.js';
import { parseOptions } from '../rules/argv.js';
import { rule, type RuleContext } from '../rules/rule.js';
import type { TargetSpec } from '../rules/targets.js';

/** The nsupdate script, null when it comes from something airlock can't read, undefined when there is none. */
function script(inv: Invocation, ctx: RuleContext): { text: string | null; from: string } | undefined {
  const p = parseOptions(inv.argv.slice(1), { value: ['-k', '-y', '-p', '-t', '-u', '-r', '-q', '-c'] });
  const file = p.positionals[0]?.text;
  if (file !== undefined) return { text: ctx.readFile(file, inv), from: file };
  const s = inv.stdin;
  if (s.kind === 'text') return { text: s.text, from: 'stdin' };
  if (s.kind === 'file') return { text: ctx.readFile(s.path.text, inv), from: s.path.text };
  if (s.kind === 'pipe') {
    const pieces = s.pieces ?? [];
    return pieces.length && pieces.every((x) => x.text !== null) ? { text: pieces.map((x) => x.text).join('\n'), from: 'stdin' } : { text: null, from: `the output of ${s.producer}` };
  }
  return undefined;
}

/** `[update] del[ete] NAME …`: the update keyword is optional, and del is short for delete. */
const DELETE_LINE = /^\s*(?:update\s+)?del(?:ete)?\s+(\S+)/im;

export const nsupdate = rule({
  id: 'dns/nsupdate-delete',
  effect: 'destroy',
  severity: 'high',
  programs: ['nsupdate', 'knsupdate'],
  summary: 'deletes DNS records with a dynamic update',
  consequence: 'The records are removed from the zone on the primary server and its secondaries; the name stops resolving once cached answers expire, and the old values are not kept anywhere.',
  alternatives: ['dig the name first and keep the answer, so the record can be put back', 'show the update script to a human'],
  match(inv, ctx) {
    if (inv.argv.some((a) => a.text === '-h' || a.text === '--help' || a.text === '-V')) return null;
    const found = script(inv, ctx);
    if (!found) return null;
    if (found.text === null) return { effect: 'unknown', severity: 'medium', summary: `${inv.program} reads its updates from ${found.from}, which airlock could not read` };
    const deleted = DELETE_LINE.exec(found.text);
    if (!deleted) return null;
    const server = /^\s*server\s+(\S+)/im.exec(found.text)?.[1];
    const zone = /^\s*zone\s+(\S+)/im.exec(found.text)?.[1];
    return { target: server ?? zone ?? deleted[1], summary: `${inv.program} deletes ${deleted[1]}${server ? ` on ${server}` : ''}` };
  },
});

export const pack = [nsupdate];

/** What its commands act on (src/rules/targets.ts): the server (or zone, or name) the script updates. */
export const targets: TargetSpec = {
  fromFinding: (target) => [{ type: 'name', kind: 'name', value: target, source: 'the update script' }],
};
