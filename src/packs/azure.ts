// Azure CLI: deleting resource groups, databases, storage accounts and their contents (one blob is data
// too), and the changes az makes (deploys, uploads, imports), production writes when the group or name says
// so; AzCopy removing blobs and files, and syncs that delete at the destination.

import type { Invocation } from '../core/invocation.js';
import { parseOptions, type ParsedOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';
import { perInvocation } from '../rules/memo.js';

/** `azCall`, read once for all of this pack's rules to share (see perInvocation). */
const azCall = perInvocation(readAzCall);

function readAzCall(inv: Invocation): { p: ParsedOptions; words: string[] } | null {
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
      '-f',
      '--file',
      '--src-path',
      '--type',
      '--image',
      '--slot',
      '-d',
      '--destination',
      '--template-file',
      '--parameters',
      '-l',
      '--location',
      '-v',
      '--vault-name',
      '-i',
      '--item-name',
      '--delete-backup-data',
      '--soft-delete-feature-state',
      '--soft-delete-state',
      '--lb-name',
      '--nic-name',
      '--address-pool',
      '--pool-name',
    ],
  });
  if (p.has('--help', '-h') || p.has('--what-if', '--dry-run')) return null;
  return { p, words: p.positionals.map((a) => a.text) };
}

export const az = rule({
  id: 'azure/delete',
  effect: 'destroy',
  severity: 'critical',
  programs: ['az'],
  summary: 'deletes Azure resources',
  consequence: 'A resource group deletes everything in it; databases and storage accounts go with their data.',
  alternatives: ['az resource list -g <group> to show a human what it holds', 'export or back up first'],
  match(inv) {
    const call = azCall(inv);
    if (!call) return null;
    const { p, words } = call;
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
    // `az network dns record-set a remove-record` deletes one DNS record.
    const verb = words.findIndex((w) => /^(delete|purge|delete-batch|wipe|remove-record)$/.test(w));
    // A NIC or address taken out of a load balancer's backend pool stops getting traffic at once.
    if (verb < 0 && words.includes('address-pool') && words.includes('remove'))
      return { severity: 'medium', target: p.value('--lb-name') ?? p.value('-n', '--name'), summary: `az ${words.join(' ')} takes a backend out of the load balancer` };
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

/** az verbs that change something in Azure. */
const CHANGES = /^(create|update|deploy|set|import|restart|start|stop|upload|upload-batch|swap|scale|apply|assign|add|restore|failover|config-zip|invoke|run-command|sync|copy|put|publish)$/;
/** Groups that change only this machine's az (the signed-in account, the defaults, extensions). */
const LOCAL_GROUPS = new Set(['login', 'logout', 'account', 'config', 'configure', 'extension', 'upgrade', 'cloud', 'bicep', 'interactive', 'find', 'version']);

export const change = rule({
  id: 'azure/change',
  effect: 'write',
  severity: 'medium',
  programs: ['az'],
  summary: 'changes Azure resources',
  consequence: 'Apps are deployed, databases imported into, blobs uploaded or settings changed in the subscription.',
  alternatives: ['az deployment group what-if, or show the resource to a human first'],
  match(inv) {
    const call = azCall(inv);
    if (!call || LOCAL_GROUPS.has(call.words[0] ?? '')) return null;
    const verb = call.words.findIndex((w) => CHANGES.test(w));
    if (verb < 0) return null;
    const target = call.p.value('-n', '--name') ?? call.p.value('-g', '--resource-group');
    return { target, summary: `az ${call.words.slice(0, verb + 1).join(' ')}${target ? ` ${target}` : ''}` };
  },
});

export const azcopy = rule({
  id: 'azure/azcopy-delete',
  effect: 'destroy',
  severity: 'high',
  programs: ['azcopy'],
  summary: 'deletes blobs or files in Azure Storage with AzCopy',
  consequence: 'azcopy remove deletes what the URL names; azcopy sync with --delete-destination deletes everything at the destination the source lacks, and a wrong or empty source empties it.',
  alternatives: ['run it with --dry-run and show the list to a human', 'enable soft delete on the account first'],
  match(inv) {
    const p = parseOptions(inv.argv.slice(1), {
      value: ['--delete-destination', '--include-pattern', '--exclude-pattern', '--include-path', '--exclude-path', '--list-of-files', '--log-level', '--cap-mbps', '--from-to'],
    });
    if (p.has('--dry-run', '--help', '-h')) return null;
    const [verb, ...urls] = p.positionals.map((a) => a.text);
    // AzCopy reads --delete-destination case-insensitively; prompt asks on a terminal the agent answers.
    if (verb === 'sync' && /^(true|prompt)$/i.test(p.value('--delete-destination') ?? ''))
      return { target: urls[1], summary: `azcopy sync deletes what ${urls[1] ?? 'the destination'} holds that ${urls[0] ?? 'the source'} lacks` };
    if (verb === 'remove' || verb === 'rm') return { target: urls[0], summary: `azcopy ${verb} deletes ${urls[0] ?? 'blobs'}` };
    return null;
  },
});

export const pack = [az, completeDeployment, change, azcopy];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = {
  acts: ['azure'],
  options: {
    '-g': names.resourceGroup,
    '--resource-group': names.resourceGroup,
    '-n': names.name,
    '-s': names.account,
    '--subscription': names.account,
    '--account-name': names.account,
    '--vault-name': names.name,
  },
};
