// Self-protection: the agent may not approve, grant, revoke, reconfigure or remove airlock, by any
// route the analysis can see (directly, through wrappers, or in a script it wrote), nor edit or delete
// airlock's policy, state or logs.

import type { Invocation } from '../analyze/types.js';
import { rule, type Hit } from '../rules/rule.js';

/** Subcommands only a human at a terminal may run. */
const HUMAN_ONLY = new Set(['grant', 'revoke', 'approve', 'deny', 'uninstall', 'init', 'policy-edit', 'disable', 'pause']);
const AIRLOCK_PATHS = /(^|\/)\.airlock(\/|$)|(^|\/)airlock\/(policy\.ya?ml|grants\.jsonl|audit[^/]*|state[^/]*)$|^\/etc\/airlock(\/|$)|\.config\/airlock(\/|$)|\.local\/state\/airlock(\/|$)/;
const CHANGES_FILES = new Set(['rm', 'mv', 'cp', 'truncate', 'shred', 'tee', 'dd', 'ln', 'chmod', 'chown', 'sed', 'perl', 'install', 'rsync', 'unlink', 'touch', 'vi', 'vim', 'nano', 'ed', 'emacs']);

function isAirlock(inv: Invocation): boolean {
  const first = inv.argv[0]?.text ?? '';
  if (inv.program === 'airlock') return true;
  // `node …/bin/airlock.mjs grant` and `npx airlock grant` reach the same CLI.
  return (inv.program === 'node' || inv.program === 'bun') && /airlock(\.m?js)?$/.test(inv.argv[1]?.text ?? '') && first !== '';
}

export const tamper = rule({
  id: 'airlock/self-protection',
  effect: 'destroy',
  severity: 'critical',
  summary: 'tries to approve, grant, reconfigure or remove airlock',
  consequence: 'Only a human at a terminal may do this; an agent doing it would switch off the protection it is running under.',
  alternatives: ['ask the human to run it in their own terminal'],
  catches: ['airlock approve a1b2', 'bash -c "airlock approve x"', 'airlock grant write --env production --for 30m --reason x', 'sudo airlock revoke g-1', 'npx airlock uninstall', 'rm -rf ~/.config/airlock', "echo 'matrix: {}' > .airlock/policy.yaml", 'sed -i s/approve/allow/ .airlock/policy.yaml', 'node ./bin/airlock.mjs grant write', 'rm ~/.local/state/airlock/grants.jsonl'],
  passes: ['airlock check "rm -rf ~"', 'airlock status', 'airlock rules --json', 'cat .airlock/policy.yaml', 'airlock policy show', 'airlock policy test'],
  match(inv) {
    if (isAirlock(inv)) {
      const args = inv.argv.slice(inv.program === 'airlock' ? 1 : 2).map((a) => a.text);
      const sub = args.find((a) => !a.startsWith('-')) ?? '';
      const policyEdit = sub === 'policy' && args.some((a) => a === 'edit' || a === 'set');
      if (HUMAN_ONLY.has(sub) || policyEdit) return { forbidden: true, target: `airlock ${sub}`, summary: `runs \`airlock ${sub}\`, which only a human may run` } satisfies Hit;
      return null;
    }
    const paths = inv.redirects.filter((r) => r.op !== '<' && r.op !== '<<' && r.op !== '<<<' && r.op !== '<<-' && r.op !== '<&').map((r) => r.target.text);
    if (CHANGES_FILES.has(inv.program)) paths.push(...inv.argv.slice(1).map((a) => a.text).filter((t) => !t.startsWith('-')));
    const hit = paths.find((p) => AIRLOCK_PATHS.test(p));
    return hit ? { forbidden: true, target: hit, summary: `changes airlock's own policy or state: ${hit}` } : null;
  },
});

export const pack = [tamper];
