// A Terraform, OpenTofu or Terragrunt command as its words and options, the way the tool reads them:
// single-dash options with values (`-chdir=infra`, `-var-file x`), and the options TF_CLI_ARGS adds.
// Shared by the terraform pack's rules and by preflight, which plans with the command's own options.

import { literalWord, type Arg, type Invocation } from '../core/invocation.js';
import { parseOptions } from '../rules/argv.js';
import { perInvocation } from '../rules/memo.js';

export interface TfCommand {
  /** Subcommand words: `destroy`, `state rm`, `workspace delete`. */
  words: string[];
  /** Options in order, single-dash (`-var-file`, value), with those TF_CLI_ARGS adds. */
  options: [name: string, value: string | true][];
  has(...flags: string[]): boolean;
  values(...flags: string[]): string[];
}

/** Terraform options are single-dash words (`-auto-approve`, `-chdir=infra`); terragrunt adds `run-all`/`run --all`. */
const TF_OPTIONS = {
  singleDashWords: true,
  value: ['-chdir', '-var', '-var-file', '-target', '-replace', '-out', '-state', '-backup', '-lock-timeout', '-parallelism', '--terragrunt-working-dir', '--working-dir'],
};

/**
 * The arguments Terraform adds from the environment: TF_CLI_ARGS to every command and
 * TF_CLI_ARGS_<command> to that one (`TF_CLI_ARGS_apply=-destroy terraform apply` destroys).
 */
function argsFromEnvironment(inv: Invocation, sub: string | undefined): Arg[] {
  if (inv.program === 'terragrunt') return [];
  const text = [inv.env.TF_CLI_ARGS?.text, sub ? inv.env[`TF_CLI_ARGS_${sub}`]?.text : undefined].filter(Boolean).join(' ');
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => literalWord(w.replace(/^(['"])(.*)\1$/, '$2')));
}

/** The command read once, for the terraform pack's rules and preflight's plan to share (see perInvocation). */
export const terraformCommand = perInvocation(readTf);

function readTf(inv: Invocation): TfCommand | null {
  let parsed = parseOptions(inv.argv.slice(1), TF_OPTIONS);
  const extra = argsFromEnvironment(inv, parsed.positionals[0]?.text);
  if (extra.length) parsed = parseOptions([...inv.argv.slice(1), ...extra], TF_OPTIONS);
  let words = parsed.positionals.map((a) => a.text);
  if (inv.program === 'terragrunt') {
    if (words[0] === 'run-all' || words[0] === 'run') words = words.slice(1);
    const dd = inv.argv.findIndex((a) => a.text === '--');
    if (dd > 0 && words.length === 0)
      words = inv.argv
        .slice(dd + 1)
        .map((a) => a.text)
        .filter((w) => !w.startsWith('-'));
  }
  const flags = parsed.options.map(([n]) => n.replace(/^--/, '-'));
  return {
    words,
    options: parsed.options.map(([n, v]) => [n.replace(/^--/, '-'), v]),
    has: (...f) => f.some((x) => flags.includes(x)),
    values: (...f) => parsed.values(...f, ...f.map((x) => '-' + x)),
  };
}
