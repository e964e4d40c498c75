// Pulumi: destroying a stack's resources or the stack itself.

import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

export const destroy = rule({
  id: 'pulumi/destroy',
  effect: 'destroy',
  severity: 'critical',
  programs: ['pulumi'],
  summary: 'deletes every resource in the Pulumi stack',
  consequence: 'Databases, buckets and volumes managed by the stack are deleted with their data.',
  alternatives: ['pulumi destroy --preview-only, and show the preview to a human', 'pulumi stack export > backup.json first'],
  match(inv) {
    const parsed = parseOptions(inv.argv.slice(1), { value: ['-s', '--stack', '-C', '--cwd', '-m', '--message', '-t', '--target'] });
    const words = parsed.positionals.map((a) => a.text);
    const stack = parsed.value('-s', '--stack');
    if (parsed.has('--help', '-h', '--preview-only')) return null;
    if (words[0] === 'destroy') return { target: stack ?? 'the current stack' };
    if (words[0] === 'stack' && words[1] === 'rm') return { summary: 'removes the stack and its history', target: words[2] ?? stack ?? 'the current stack' };
    if (words[0] === 'state' && words[1] === 'delete') return { summary: 'removes a resource from the stack state', target: words[2] };
    return null;
  },
});

export const replace = rule({
  id: 'pulumi/replace',
  effect: 'destroy',
  severity: 'high',
  programs: ['pulumi'],
  summary: 'forces resources to be deleted and created again',
  consequence: 'A replaced database, bucket or volume is deleted and comes back empty; its data survives only in a backup.',
  alternatives: ['pulumi preview --replace <urn>, and show the preview to a human'],
  match(inv) {
    const parsed = parseOptions(inv.argv.slice(1), {
      value: ['-s', '--stack', '-C', '--cwd', '-m', '--message', '-t', '--target', '--replace', '--target-replace', '--config-file', '-c', '--config', '--parallel', '-p'],
    });
    const words = parsed.positionals.map((a) => a.text);
    if (!['up', 'update'].includes(words[0] ?? '') || parsed.has('--help', '-h')) return null;
    const urns = parsed.values('--replace', '--target-replace');
    return urns.length ? { target: urns.join(', ') } : null;
  },
});

export const pack = [destroy, replace];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['terraform'], options: { '-s': names.stack, '--stack': names.stack } };
