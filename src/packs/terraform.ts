// Terraform, OpenTofu and Terragrunt: destroying, replacing or forgetting real infrastructure.

import { DESTROY_PLAN } from '../analyze/saved-plans.js';
import { terraformCommand as tf } from '../analyze/terraform-command.js';
import { classifyPath } from '../rules/paths.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

const PROGRAMS = ['terraform', 'tofu', 'terragrunt'];
const HELP = ['-help', '-h', '--help'];

const ALTERNATIVES = ['terraform plan -destroy -out=destroy.tfplan, and show the plan to a human', 'terraform state list to see what is managed before changing it'];

export const destroy = rule({
  id: 'terraform/destroy',
  effect: 'destroy',
  severity: 'critical',
  programs: PROGRAMS,
  summary: 'destroys every resource in this Terraform state',
  consequence: 'Databases, volumes and their automated snapshots are deleted with them; a missing or wrong state file makes the blast radius unknowable.',
  alternatives: ALTERNATIVES,
  // Preflight checks the state and plans the destroy: the exact resources, and what protects them.
  probe: 'terraform',
  match(inv, ctx) {
    const t = tf(inv);
    if (!t || t.has(...HELP)) return null;
    const destroying = t.words[0] === 'destroy' || (t.words[0] === 'apply' && t.has('-destroy'));
    // `terraform plan -destroy -out=p && terraform apply p`: the saved plan destroys.
    const plan = t.words[0] === 'apply' ? t.words[1] : undefined;
    if (plan !== undefined && ctx.readFile(plan, inv) === DESTROY_PLAN) return { target: plan, summary: `applies ${plan}, a plan saved with -destroy: every resource in it is destroyed` };
    if (!destroying) return null;
    const targets = t.values('-target');
    return targets.length ? { target: targets.join(', '), summary: `destroys ${targets.join(', ')}` } : { target: 'every resource in the state' };
  },
});

export const replace = rule({
  id: 'terraform/replace',
  effect: 'destroy',
  severity: 'high',
  programs: PROGRAMS,
  summary: 'forces resources to be destroyed and created again',
  consequence: 'A replaced database or volume starts empty; its data survives only if a snapshot is restored.',
  alternatives: ALTERNATIVES,
  probe: 'terraform',
  match(inv) {
    const t = tf(inv);
    if (!t || t.has(...HELP)) return null;
    if (t.words[0] === 'taint') return { target: t.words[1], summary: `marks ${t.words[1] ?? 'a resource'} to be destroyed and recreated on the next apply`, probe: null };
    if (t.words[0] !== 'apply') return null;
    const targets = t.values('-replace');
    return targets.length ? { target: targets.join(', ') } : null;
  },
});

export const state = rule({
  id: 'terraform/state',
  effect: 'destroy',
  severity: 'high',
  programs: PROGRAMS,
  summary: 'rewrites Terraform state',
  consequence: 'Terraform acts on the state, not on reality: a stale pushed state or a forgotten resource makes the next apply or destroy hit the wrong things.',
  alternatives: ['terraform state pull > backup.tfstate first', 'terraform plan afterwards, and show it to a human'],
  match(inv) {
    const t = tf(inv);
    if (!t || t.has(...HELP)) return null;
    const [a, b] = t.words;
    if (a === 'state' && b === 'push')
      return {
        severity: t.has('-force') ? 'critical' : 'high',
        summary: `overwrites the remote state with ${t.words[2] ?? 'a local file'}${t.has('-force') ? ', skipping the lineage and serial checks' : ''}`,
      };
    if (a === 'state' && (b === 'rm' || b === 'replace-provider'))
      return { summary: `terraform state ${b} makes Terraform forget ${t.words.slice(2).join(' ') || 'resources'}`, target: t.words.slice(2).join(' ') };
    if (a === 'workspace' && b === 'delete') return { summary: `deletes the workspace ${t.words[2] ?? ''} and its state`.trim(), target: t.words[2] };
    if (a === 'force-unlock') return { effect: 'write', severity: 'medium', summary: 'removes the state lock; two runs at once can corrupt the state' };
    return null;
  },
});

export const stateFileDelete = rule({
  id: 'terraform/state-file-delete',
  effect: 'destroy',
  severity: 'critical',
  programs: ['rm', 'unlink', 'shred', 'mv'],
  summary: 'deletes a Terraform state file',
  consequence: 'Without state Terraform no longer knows what it manages; the next apply creates duplicates, and an agent "fixing" that tends to run destroy.',
  alternatives: ['keep state in a remote backend with versioning', 'terraform state pull > backup.tfstate before touching it'],
  match(inv) {
    const args = inv.argv.slice(1).filter((a) => !a.text.startsWith('-'));
    const files = (inv.program === 'mv' ? args.slice(0, -1) : args).map(classifyPath).filter((i) => i.kind === 'terraform-state');
    return files.length ? { target: files.map((f) => f.path).join(' ') } : null;
  },
});

export const apply = rule({
  id: 'terraform/apply',
  effect: 'write',
  severity: 'medium',
  programs: PROGRAMS,
  summary: 'applies infrastructure changes',
  consequence: 'Real infrastructure is created, changed or replaced as the plan says; an unread plan can include deletions.',
  alternatives: ['terraform plan -out=tfplan, show the plan to a human, then apply tfplan'],
  // Only the plan says whether an apply destroys: preflight plans it, even where a write is allowed.
  probe: 'terraform',
  match(inv, ctx) {
    const t = tf(inv);
    if (!t || t.has(...HELP)) return null;
    if (t.words[0] === 'apply' && !t.has('-destroy') && t.values('-replace').length === 0 && !(t.words[1] !== undefined && ctx.readFile(t.words[1], inv) === DESTROY_PLAN))
      return { target: t.values('-var-file').join(' ') || undefined };
    return t.words[0] === 'import' || t.words[0] === 'untaint' ? { probe: null } : null;
  },
});

export const pack = [destroy, replace, state, stateFileDelete, apply];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = {
  acts: ['terraform', 'aws'],
  // Terraform's options are single-dash words that take their value attached: `-chdir=infra`.
  singleDashWords: true,
  options: { '-chdir=': names.directory, '-var-file=': names.varFile },
};
