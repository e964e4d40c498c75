// A declarative rule for the many CLIs whose danger is in their subcommand path: `heroku apps:destroy`,
// `fly volumes destroy`, `gcloud sql instances delete`. Each pack states the paths; matching, option
// handling and dry-run flags live here once.

import type { Invocation } from '../core/invocation.js';
import { parseOptions, type ParsedOptions } from './argv.js';
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

/**
 * Options that, in every CLI that has them, show what would happen without doing it: a dry run, Ansible's
 * `--check` and `--syntax-check`, `--what-if`, `--preview`. `-n` means a dry run only in some tools (a
 * namespace or a count in others), so each pack names it where its tool documents it; PowerShell's
 * single-dash `-WhatIf` reads as short flags, `-h` (help) among them. A `plan`, `preview` or `diff`
 * subcommand is each pack's to read: in a CLI airlock doesn't know, `plan delete x` may delete a plan.
 */
const PREVIEW_OPTIONS = ['--dry-run', '--dryrun', '--check', '--syntax-check', '--what-if', '--whatif', '--preview'];

/** Whether the options ask for a preview; `--dry-run=none` (kubectl's spelling of a real run) does not. */
export function previewMode(parsed: Pick<ParsedOptions, 'options'>): boolean {
  return parsed.options.some(([name, value]) => PREVIEW_OPTIONS.includes(name) && !(typeof value === 'string' && /^(none|false|0|no)$/i.test(value)));
}

/**
 * A word naming a file rather than a subcommand: it has a folder in it or ends in an extension
 * (`teardown.yml`, `drop-old-stuff.sql`, `./reset`). No CLI spells its subcommands that way.
 */
export function looksLikeFileName(word: string): boolean {
  return word.includes('/') || /^[^.].*\.[A-Za-z][A-Za-z0-9]{0,4}$/.test(word);
}

export function subcommandWords(inv: Invocation, valueOptions: string[] = []): { words: string[]; has: (...f: string[]) => boolean; value: (...f: string[]) => string | undefined } {
  const parsed = parseOptions(inv.argv.slice(1), { value: valueOptions });
  return { words: parsed.positionals.map((a) => a.text), has: parsed.has, value: parsed.value };
}

export function subcommandRule(def: SubcommandRuleDefinition): Rule {
  const paths = def.paths.map((p) => p.split(' '));
  return rule({
    ...def,
    match(inv) {
      const parsed = parseOptions(inv.argv.slice(1), { value: def.valueOptions ?? [] });
      const words = parsed.positionals.map((a) => a.text);
      const has = parsed.has;
      if (has(...HELP, ...(def.unless ?? [])) || previewMode(parsed) || words.includes('help')) return null;
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
