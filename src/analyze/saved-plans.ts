// Saved plans the script itself makes: `terraform plan -destroy -out=p` writes a plan that destroys,
// and a later `terraform apply p` in the same command carries it out. The walker records such a plan
// file as holding this text, which no real plan file (a zip archive) can hold, so the terraform rules
// can tell it apart from a plan made elsewhere.

import type { Invocation } from '../core/invocation.js';
import { parseOptions } from '../rules/argv.js';

export const DESTROY_PLAN = '(a Terraform plan saved with -destroy by this command)';

/** The plan file a `terraform plan -destroy -out=FILE` (or tofu's) writes, if this is one. */
export function destroyPlanWritten(inv: Invocation): string | null {
  if (inv.program !== 'terraform' && inv.program !== 'tofu') return null;
  const parsed = parseOptions(inv.argv.slice(1), { singleDashWords: true, value: ['-chdir', '-var', '-var-file', '-target', '-replace', '-out', '-state', '-lock-timeout', '-parallelism'] });
  if (parsed.positionals[0]?.text !== 'plan') return null;
  const env = `${inv.env.TF_CLI_ARGS?.text ?? ''} ${inv.env.TF_CLI_ARGS_plan?.text ?? ''}`;
  const destroying = parsed.has('-destroy', '--destroy') || parsed.values('-replace', '--replace').length > 0 || /(^|\s)--?(destroy|replace)\b/.test(env);
  const out = parsed.value('-out', '--out');
  return destroying && out ? out : null;
}
