// `terraform workspace select production && terraform apply`: the first command writes the workspace it
// picks to .terraform/environment, where the second reads it. The walker keeps what a script writes, so
// it keeps this too, and a later terraform in the same place acts on that workspace.

import type { Invocation } from '../core/invocation.js';

const TERRAFORM = new Set(['terraform', 'tofu']);

/** Where a terraform invocation keeps its workspace: .terraform/environment, under -chdir when given; null when that can't be known. */
export function workspaceFile(inv: Invocation): string | null {
  if (!TERRAFORM.has(inv.program)) return null;
  const chdir = inv.argv.find((a) => a.text.startsWith('-chdir=') || a.text.startsWith('--chdir='));
  if (chdir && !chdir.static) return null;
  return chdir ? `${chdir.text.slice(chdir.text.indexOf('=') + 1)}/.terraform/environment` : '.terraform/environment';
}

/** The workspace `terraform workspace select NAME` (or `new NAME`) switches to, when the command names it. */
export function selectedWorkspace(inv: Invocation): string | null {
  if (!TERRAFORM.has(inv.program)) return null;
  const words = inv.argv.slice(1).filter((a) => !a.text.startsWith('-'));
  if (words[0]?.text !== 'workspace' || (words[1]?.text !== 'select' && words[1]?.text !== 'new')) return null;
  return words[2]?.static ? words[2].text : null;
}
