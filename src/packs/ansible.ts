// Ansible: playbooks and ad-hoc commands change the hosts an inventory lists. They are production writes
// when the inventory, the host pattern, --limit or the extra vars say production.

import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

const VALUE_OPTIONS = [
  '-i',
  '--inventory',
  '--inventory-file',
  '-l',
  '--limit',
  '-e',
  '--extra-vars',
  '-t',
  '--tags',
  '--skip-tags',
  '-u',
  '--user',
  '-f',
  '--forks',
  '-m',
  '--module-name',
  '-a',
  '--args',
  '--vault-password-file',
  '--vault-id',
  '--private-key',
  '--key-file',
  '-c',
  '--connection',
  '-T',
  '--timeout',
  '--become-user',
  '--become-method',
  '-M',
  '--module-path',
  '--start-at-task',
];

/** Modes that only look: a dry run, a syntax check, listings. */
const LOOK_ONLY = ['-C', '--check', '--syntax-check', '--list-hosts', '--list-tasks', '--list-tags', '--help', '-h', '--version'];
/** Ad-hoc modules that only gather or print. */
const READ_MODULES = new Set(['ping', 'setup', 'gather_facts', 'debug', 'ansible.builtin.ping', 'ansible.builtin.setup', 'ansible.builtin.debug', 'ansible.builtin.gather_facts']);

export const run = rule({
  id: 'ansible/run',
  effect: 'write',
  severity: 'medium',
  programs: ['ansible-playbook', 'ansible'],
  summary: 'runs Ansible tasks on the hosts of an inventory',
  consequence: 'Every host the inventory and --limit select is changed as the tasks say: packages, files, services, users.',
  alternatives: ['ansible-playbook --check --diff first, and show a human the result'],
  match(inv) {
    const p = parseOptions(inv.argv.slice(1), { value: VALUE_OPTIONS });
    if (p.has(...LOOK_ONLY)) return null;
    const positionals = p.positionals.map((a) => a.text);
    if (inv.program === 'ansible') {
      const module = p.value('-m', '--module-name') ?? 'command';
      if (READ_MODULES.has(module) || !positionals[0]) return null;
      return { target: positionals[0], summary: `ansible ${positionals[0]} -m ${module}` };
    }
    if (!positionals.length) return null;
    const inventory = p.value('-i', '--inventory', '--inventory-file');
    return { target: inventory ?? positionals.join(' '), summary: `ansible-playbook ${positionals.join(' ')}${inventory ? ` on ${inventory}` : ''}` };
  },
});

export const pack = [run];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = {
  options: { '-i': names.file, '--inventory': names.file, '--inventory-file': names.file, '-l': names.name, '--limit': names.name, '-e': names.name, '--extra-vars': names.name },
};
