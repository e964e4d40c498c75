// Azure CLI: deleting resource groups, databases, storage accounts and their contents (one blob is data
// too), and the changes az makes (deploys, uploads, imports), production writes when the group or name says so.

import type { Invocation } from '../core/invocation.js';
import { parseOptions, type ParsedOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

function azCall(inv: Invocation): { p: ParsedOptions; words: string[] } | null {
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
    const verb = words.findIndex((w) => /^(delete|purge|delete-batch|wipe)$/.test(w));
    if (verb < 0) return null;
    return {
      target: p.value('-n', '--name') ?? p.value('-g', '--resource-group'),
      summary: `az ${words.slice(0, verb + 1).join(' ')} ${p.value('-n', '--name') ?? p.value('-g', '--resource-group') ?? ''}`.trim(),
    };
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

export const pack = [az, change];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = {
  acts: ['azure'],
  options: { '-g': names.resourceGroup, '--resource-group': names.resourceGroup, '-n': names.name, '-s': names.account, '--subscription': names.account, '--account-name': names.account },
};
