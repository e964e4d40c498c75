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
      value: ['-n', '--name', '-g', '--resource-group', '-s', '--server', '--subscription', '-o', '--output', '--query', '--account-name', '-c', '--container-name', '--source', '--pattern'],
    });
    if (p.has('--help', '-h')) return null;
    const words = p.positionals.map((a) => a.text);
    const verb = words.findIndex((w) => /^(delete|purge|delete-batch|wipe)$/.test(w));
    if (verb < 0) return null;
    return {
      target: p.value('-n', '--name') ?? p.value('-g', '--resource-group'),
      summary: `az ${words.slice(0, verb + 1).join(' ')} ${p.value('-n', '--name') ?? p.value('-g', '--resource-group') ?? ''}`.trim(),
    };
  },
});

export const completeDeployment = rule({
  id: 'azure/complete-deployment',
  effect: 'destroy',
  severity: 'critical',
  programs: ['az'],
  summary: 'a Complete-mode deployment deletes every resource in the group that the template does not name',
  consequence: 'Databases, storage accounts and VMs missing from the template are deleted with their data.',
  alternatives: ['az deployment group what-if --mode Complete, and show the result to a human', 'deploy in Incremental mode (the default)'],
  match(inv) {
    const p = parseOptions(inv.argv.slice(1), {
      value: ['-g', '--resource-group', '-f', '--template-file', '-n', '--name', '--mode', '-p', '--parameters', '--subscription', '-o', '--output', '--template-uri', '-u'],
    });
    const words = p.positionals.map((a) => a.text);
    const deploying = (words[0] === 'deployment' && words[1] === 'group' && words[2] === 'create') || (words[0] === 'group' && words[1] === 'deployment' && words[2] === 'create');
    if (!deploying || p.has('--help', '-h') || p.value('--mode')?.toLowerCase() !== 'complete') return null;
    return { target: p.value('-g', '--resource-group') };
  },
});

export const pack = [az, completeDeployment];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = {
  acts: ['azure'],
  options: { '-g': names.resourceGroup, '--resource-group': names.resourceGroup, '-n': names.name, '-s': names.account, '--subscription': names.account },
};
