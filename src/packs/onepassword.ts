// 1Password CLI (`op`): deleting items, documents, vaults and users. `--archive` moves an item or
// document to the Archive, where it can be restored: a change, not a loss. Version 1's word order
// (`op delete item`) is read too.

import { subcommandRule } from '../rules/subcommands.js';
import { type TargetSpec, names } from '../rules/targets.js';

const VALUE_OPTIONS = ['--vault', '--account', '--format', '--session', '--config', '--encoding', '--cache', '--title', '--category', '--tags', '--url', '--file-name'];

export const remove = subcommandRule({
  id: 'onepassword/delete',
  effect: 'destroy',
  severity: 'critical',
  programs: ['op'],
  paths: [
    'item delete',
    'document delete',
    'vault delete',
    'user delete',
    'group delete',
    'connect server delete',
    'connect token delete',
    'service-account delete',
    'delete item',
    'delete document',
    'delete vault',
    'delete user',
    'delete group',
  ],
  valueOptions: VALUE_OPTIONS,
  summary: 'deletes 1Password items, documents, vaults or users',
  consequence: 'The credentials are gone for everyone who shares them; a deleted vault takes every item in it.',
  alternatives: ['op item delete --archive, which can be restored', 'op item get first and show a human what would go'],
  when: (_rest, _inv, has) => (has('--archive') ? { effect: 'write', severity: 'low', summary: 'moves a 1Password item or document to the Archive, where it can be restored' } : true),
});

export const change = subcommandRule({
  id: 'onepassword/change',
  effect: 'write',
  severity: 'medium',
  programs: ['op'],
  paths: ['item create', 'item edit', 'item move', 'document create', 'document edit', 'vault create', 'vault edit', 'user suspend', 'user edit', 'group user revoke', 'vault user revoke'],
  valueOptions: VALUE_OPTIONS,
  summary: 'changes 1Password items, vaults or users',
  consequence: 'Shared credentials or access change for everyone in the vault; the item keeps its earlier versions.',
  alternatives: ['op item get first and show a human the change'],
});

export const pack = [remove, change];

/** What its commands act on (src/rules/targets.ts): the vault and account. */
export const targets: TargetSpec = { options: { '--vault': names.name, '--account': names.account } };
