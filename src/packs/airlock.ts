// Self-protection: the agent may not approve, grant, revoke, reconfigure or remove airlock, by any
// route the analysis can see (directly, through wrappers, or in a script it wrote), nor edit or delete
// airlock's policy, state or logs.

import type { Invocation } from '../analyze/types.js';
import { rule, type Hit } from '../rules/rule.js';
import { pathsChangedBy } from '../rules/writes.js';

/** Subcommands only a human at a terminal may run. */
const HUMAN_ONLY = new Set(['grant', 'revoke', 'approve', 'deny', 'uninstall', 'init', 'policy-edit', 'disable', 'pause']);
const AIRLOCK_PATHS = /(^|\/)\.airlock(\/|$)|(^|\/)airlock\/(policy\.ya?ml|grants\.jsonl|audit[^/]*|state[^/]*)$|^\/etc\/airlock(\/|$)|\.config\/airlock(\/|$)|\.local\/state\/airlock(\/|$)|(^|\/)node_modules\/airlock\/|(^|\/)airlock\/(dist|bin)\/|(^|\/)bin\/airlock(\.mjs)?$/;
/**
 * The agents' own hook and permission settings: editing them could remove airlock's hook, or switch
 * the agent into a mode that skips hooks (disableAllHooks, bypassPermissions, --yolo defaults).
 */
const AGENT_SETTINGS = /(^|\/)\.claude\/settings[^/]*\.json$|(^|\/)\.claude\.json$|(^|\/)(etc\/claude-code|ClaudeCode)\/managed-settings[^/]*|(^|\/)\.codex\/(hooks\.json|config\.toml|rules\/|requirements\.toml)|^\/etc\/codex\/|(^|\/)\.gemini\/(settings\.json|policies\/|trusted_hooks\.json)|^\/etc\/gemini-cli\/|(^|\/)\.cursor\/(hooks\.json|hooks\/)|^\/etc\/cursor\/|(^|\/)\.github\/hooks\/|(^|\/)\.github\/copilot\/settings[^/]*\.json$|(^|\/)\.copilot\/(hooks|settings\.json|config\.json)|^\/etc\/github-copilot\/|(^|\/)\.windsurf\/hooks\.json$|(^|\/)\.devin\/hooks\.json$|(^|\/)\.codeium\/(windsurf\/)?hooks\.json$|^\/etc\/windsurf\/|(^|\/)\.opencode\/plugins?\/|(^|\/)opencode\.jsonc?$|(^|\/)\.config\/opencode\/(plugins?\/|opencode\.jsonc?)/;

/** File names that are airlock's or an agent's settings somewhere: written in an unknown place, they may be. */
const SENSITIVE_NAME = /(^|\/)(settings[^/]*\.json|hooks\.json|config\.toml|requirements\.toml|[^/]*\.rules|policy\.ya?ml|grants\.jsonl|audit[^/]*|manifest\.json|airlock[^/]*|opencode\.jsonc?|managed-settings[^/]*)$/;

/** `path` is `dir` or inside it. */
function within(path: string, dir: string): boolean {
  const p = path.replace(/\/+$/, '') || '/';
  return p === dir || dir === '/' || p.startsWith(`${dir}/`);
}

/** Operands deleted, moved away or made unusable, with everything inside them: a parent takes airlock's files along. */
function takesAlong(inv: Invocation): string[] {
  const operands = inv.argv.slice(1).map((a) => a.text).filter((t) => !t.startsWith('-'));
  if (inv.program === 'mv') return operands.slice(0, -1);
  return ['rm', 'rmdir', 'unlink', 'shred', 'chmod', 'chown', 'chgrp'].includes(inv.program) ? operands : [];
}

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
  catches: ['tee -- /home/u/.claude/settings.json', 'tee -- .codex/hooks.json', 'rm .cursor/hooks.json', "jq '.hooks = {}' ~/.gemini/settings.json > /tmp/s && mv /tmp/s ~/.gemini/settings.json", "echo '{}' > .claude/settings.local.json", 'sed -i s/airlock// ~/.codex/config.toml', 'rm -rf node_modules/airlock/dist', 'airlock approve a1b2', 'bash -c "airlock approve x"', 'airlock grant write --env production --for 30m --reason x', 'sudo airlock revoke g-1', 'npx airlock uninstall', 'rm -rf ~/.config/airlock', "echo 'matrix: {}' > .airlock/policy.yaml", 'sed -i s/approve/allow/ .airlock/policy.yaml', 'node ./bin/airlock.mjs grant write', 'rm ~/.local/state/airlock/grants.jsonl', 'rm -rf ~/.local', 'mv ~/.local/share /tmp/old-share', 'rm -rf ~/.local/share/airlock/hook', 'cd ~/.claude && echo {} > settings.json', 'cd ~/.local && rm -rf state', 'pushd ~/.codex; tee hooks.json < /dev/null', 'git -C ~/.codex checkout -- config.toml; cd ~/.codex && sed -i s/x/y/ config.toml', 'cd "$DIR" && echo {} > settings.json', 'tee -- ~/.claude/../.claude/settings.json'],
  passes: ['cat ~/.claude/settings.json', 'tee -- src/app.ts', 'cp .codex/hooks.json /tmp/review.json', 'airlock check "rm -rf ~"', 'airlock status', 'airlock rules --json', 'cat .airlock/policy.yaml', 'airlock policy show', 'airlock policy test', 'cp notes.txt ~', 'mv report.txt ~/', 'touch ~/.local/share/other-app.txt', '(cd ~/.claude) && echo {} > settings.json', 'cd ~/.claude | true; echo {} > settings.json'],
  match(inv, ctx) {
    if (isAirlock(inv)) {
      const args = inv.argv.slice(inv.program === 'airlock' ? 1 : 2).map((a) => a.text);
      const sub = args.find((a) => !a.startsWith('-')) ?? '';
      const policyEdit = sub === 'policy' && args.some((a) => a === 'edit' || a === 'set');
      if (HUMAN_ONLY.has(sub) || policyEdit) return { forbidden: true, target: `airlock ${sub}`, summary: `runs \`airlock ${sub}\`, which only a human may run` } satisfies Hit;
      return null;
    }
    const paths = pathsChangedBy(inv);
    if (paths.length === 0) return null;
    const removes = takesAlong(inv);
    for (const path of paths) {
      // Absolute, relative, `~`, `..` and symlinked spellings of the same file are the same file.
      const spellings = [path, ...ctx.locate(path, inv)];
      const removed = removes.includes(path);
      const own = spellings.find((p) => AIRLOCK_PATHS.test(p) || ctx.airlockDirectories.some((dir) => within(p, dir) || (removed && within(dir, p))));
      if (own) return { forbidden: true, target: path, summary: `changes airlock's own policy, state or program: ${own}` };
      const settings = spellings.find((p) => AGENT_SETTINGS.test(p));
      if (settings) return { forbidden: true, target: path, summary: `changes the agent's hook or permission settings: ${settings}`, consequence: 'These settings are what make the agent ask airlock; changing them could remove the hook or switch the agent into a mode that skips it.' };
      if (inv.cwd === null && !path.startsWith('/') && !path.startsWith('~') && SENSITIVE_NAME.test(path)) {
        return { effect: 'unknown', forbidden: false, target: path, summary: `writes ${path} in a directory airlock can't know, which could be airlock's or the agent's own settings` };
      }
    }
    return null;
  },
});

export const pack = [tamper];
