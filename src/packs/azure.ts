// Azure CLI: deleting resource groups, databases, storage accounts and their contents.

import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

export const az = rule({
  id: 'azure/delete',
  effect: 'destroy',
  severity: 'critical',
  programs: ['az'],
  summary: 'deletes Azure resources',
  consequence: 'A resource group deletes everything in it; databases and storage accounts go with their data.',
  alternatives: ['az resource list -g <group> to show a human what it holds', 'export or back up first'],
  match(inv) {
    const p = parseOptions(inv.argv.slice(1), {
      value: [
        '-n',
        '--name',
        '-g',
        '--resource-group',
        '-s',
        '--server',
        '--subscription',
        '-o',
        '--output',
        '--query',
        '--account-name',
        '-c',
        '--container-name',
        '--source',
        '--pattern',
        '-v',
        '--vault-name',
        '-i',
        '--item-name',
        '--delete-backup-data',
        '--soft-delete-feature-state',
        '--soft-delete-state',
      ],
    });
    if (p.has('--help', '-h')) return null;
    const words = p.positionals.map((a) => a.text);
    const vault = p.value('-v', '--vault-name') ?? p.value('-n', '--name');
    // Stopping protection keeps the recovery points unless told to delete them.
    if (words[0] === 'backup' && words[1] === 'protection' && words[2] === 'disable' && /^true$/i.test(p.value('--delete-backup-data') ?? ''))
      return {
        target: p.value('-i', '--item-name') ?? vault,
        summary: `az backup protection disable --delete-backup-data deletes every recovery point of ${p.value('-i', '--item-name') ?? 'the item'}`,
      };
    // Soft delete keeps deleted backups recoverable for 14 days; turning it off makes every later deletion final.
    if (words[0] === 'backup' && words[1] === 'vault' && /^disable/i.test(p.value('--soft-delete-feature-state', '--soft-delete-state') ?? ''))
      return { target: vault, summary: `turns off soft delete on backup vault ${vault ?? ''}: deleted backups are gone at once`.trim() };
    const verb = words.findIndex((w) => /^(delete|purge|delete-batch|wipe)$/.test(w));
    if (verb < 0) return null;
    return {
      target: p.value('-n', '--name') ?? p.value('-g', '--resource-group'),
      summary: `az ${words.slice(0, verb + 1).join(' ')} ${p.value('-n', '--name') ?? p.value('-g', '--resource-group') ?? ''}`.trim(),
    };
  },
});

export const pack = [az];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = {
  acts: ['azure'],
  options: { '-g': names.resourceGroup, '--resource-group': names.resourceGroup, '-n': names.name, '-s': names.account, '--subscription': names.account, '--vault-name': names.name },
};
