// Rules that come from the policy file: custom command patterns, protected paths and protected branches.
// They join the built-in packs as the `policy` pack. Their evidence is the policy file's own `tests`.

import type { Invocation } from '../core/invocation.js';
import { defaultRuleSet, ruleSetWith } from '../packs/index.js';
import { parseOptions } from '../rules/argv.js';
import { RuleSet, type Rule, type RuleContext } from '../rules/rule.js';
import { COMMON_OPTIONS } from '../rules/targets.js';
import { posix } from 'node:path';
import { pathsChangedBy } from '../rules/writes.js';
import { globMatch } from './decide.js';
import type { Policy } from './policy.js';
import { strictCode } from './strict.js';

const cache = new WeakMap<Policy, RuleSet>();

const commandText = (inv: Invocation) => inv.argv.map((a) => a.text).join(' ');

function customRule(r: Policy['customRules'][number]): Rule {
  return {
    id: r.id,
    effect: r.effect,
    severity: r.effect === 'destroy' ? 'high' : 'medium',
    summary: r.summary,
    consequence: r.consequence,
    alternatives: r.alternatives,
    match: (inv) => inv.program !== '' && (globMatch(r.match, commandText(inv)) || globMatch(r.match, inv.source)),
  };
}

/**
 * A protected-path pattern as written, and as absolute patterns: a relative pattern in a project's
 * .airlock/policy.yaml is relative to that project, one in another policy file to the request's
 * directory; `~/` is the home directory.
 */
function anchored(p: Policy['protect']['paths'][number], inv: Invocation, ctx: RuleContext): string[] {
  const out = [p.pattern];
  if (p.pattern.startsWith('/')) return out;
  const projectRoot = /\/\.airlock\/policy\.ya?ml$/.test(p.from) ? posix.dirname(posix.dirname(p.from)) : ctx.requestDir;
  const base = p.pattern.startsWith('~/') ? '~' : projectRoot;
  if (!base) return out;
  // The base itself may be spelled through a symlink (/tmp → /private/tmp): each of its spellings counts.
  for (const root of ctx.locate(base, inv)) out.push(posix.join(root, p.pattern.replace(/^~\//, '').replace(/^\.\//, '')));
  return out;
}

function protectedPaths(patterns: Policy['protect']['paths']): Rule {
  return {
    id: 'policy/protected-path',
    effect: 'destroy',
    severity: 'high',
    summary: 'changes a path the policy protects',
    consequence: 'The policy marks this path as one that must not change without a human.',
    alternatives: ['ask the human to make this change'],
    match(inv, ctx) {
      for (const path of pathsChangedBy(inv)) {
        // The file as written and every absolute spelling of it (after `cd`, `~`, `..` and symlinks).
        const spellings = [path, path.replace(/^\.\//, ''), ...ctx.locate(path, inv)];
        const hit = patterns.find((p) => anchored(p, inv, ctx).some((pattern) => spellings.some((s) => globMatch(pattern, s))));
        if (hit) return { target: path, summary: `changes ${path}, protected by ${hit.from}` };
      }
      return null;
    },
  };
}

function protectedBranches(patterns: Policy['protect']['branches']): Rule {
  return {
    id: 'policy/protected-branch',
    effect: 'destroy',
    severity: 'high',
    programs: ['git'],
    summary: 'pushes to a branch the policy protects',
    consequence: "The policy marks this branch as one that changes only with a human's approval.",
    alternatives: ['push to a feature branch and open a pull request'],
    match(inv) {
      const words = parseOptions(inv.argv.slice(1), { value: ['-C', '-c', '-o', '--push-option', '--repo'] }).positionals.map((a) => a.text);
      if (words[0] !== 'push') return null;
      for (const ref of words.slice(2)) {
        const branch = ref
          .replace(/^\+/, '')
          .split(':')
          .pop()!
          .replace(/^refs\/heads\//, '');
        const hit = patterns.find((p) => globMatch(p.pattern, branch));
        if (hit) return { target: branch, summary: `pushes to ${branch}, protected by ${hit.from}` };
      }
      return null;
    },
  };
}

/** The built-in packs plus the policy's own rules. */
export function policyRuleSet(policy: Policy): RuleSet {
  let set = cache.get(policy);
  if (set) return set;
  const own: Rule[] = policy.customRules.map(customRule);
  if (policy.protect.paths.length) own.push(protectedPaths(policy.protect.paths));
  if (policy.protect.branches.length) own.push(protectedBranches(policy.protect.branches));
  if (policy.strictness === 'strict') own.push(strictCode);
  // Most policies add no rules: then the shared built-in set serves, already indexed.
  set = own.length ? ruleSetWith('policy', own, { options: COMMON_OPTIONS }) : defaultRuleSet();
  cache.set(policy, set);
  return set;
}
