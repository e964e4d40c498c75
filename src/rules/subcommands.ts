// A declarative rule for the many CLIs whose danger is in their subcommand path: `heroku apps:destroy`,
// `fly volumes destroy`, `gcloud sql instances delete`. Each pack states the paths; matching, option
// handling and dry-run flags live here once.

import type { Invocation } from '../core/invocation.js';
import { parseOptions } from './argv.js';
import { rule, type Hit, type Rule, type RuleDefinition } from './rule.js';

export interface SubcommandRuleDefinition extends Omit<RuleDefinition, 'match' | 'programs'> {
  programs: string[];
  /** Subcommand paths that match, words separated by spaces: `apps destroy`, `pg:reset`. */
  paths: string[];
  /** Options of the tool that take a value, so their values are not read as subcommand words. */
  valueOptions?: string[];
  /** Flags that make it harmless (`--dry-run`, `--help`). */
  unless?: string[];
  /** Extra condition, given the positional words after the matched path. */
  when?: (rest: string[], inv: Invocation, has: (...flags: string[]) => boolean) => boolean | Hit | null;
}

const HELP = ['--help', '-h', 'help'];

export function subcommandWords(inv: Invocation, valueOptions: string[] = []): { words: string[]; has: (...f: string[]) => boolean; value: (...f: string[]) => string | undefined } {
  const parsed = parseOptions(inv.argv.slice(1), { value: valueOptions });
  return { words: parsed.positionals.map((a) => a.text), has: parsed.has, value: parsed.value };
}

export function subcommandRule(def: SubcommandRuleDefinition): Rule {
  const paths = def.paths.map((p) => p.split(' '));
  return rule({
    ...def,
    match(inv) {
      const { words, has } = subcommandWords(inv, def.valueOptions);
      if (has(...HELP, ...(def.unless ?? [])) || words.includes('help')) return null;
      for (const path of paths) {
        if (path.every((w, i) => words[i] === w)) {
          const rest = words.slice(path.length);
          const extra = def.when ? def.when(rest, inv, has) : true;
          if (!extra) continue;
          const hit: Hit = { target: rest[0] ?? undefined, summary: `${inv.program} ${path.join(' ')}${rest[0] ? ' ' + rest[0] : ''}: ${def.summary}` };
          return extra === true ? hit : { ...hit, ...extra };
        }
      }
      return null;
    },
  });
}
