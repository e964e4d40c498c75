// Evidence for the rules in ./ansible.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'ansible/run': {
    catches: [
      'ansible-playbook -i inventories/production site.yml',
      'ansible-playbook site.yml --limit web-prod -e env=production',
      'ansible-playbook --inventory=hosts/staging deploy.yml --tags app',
      "ansible webservers -i prod.ini -m service -a 'name=nginx state=restarted' --become",
    ],
    passes: [
      'ansible-playbook -i inventories/production site.yml --check --diff',
      'ansible-playbook site.yml --syntax-check',
      'ansible-playbook -i inventories/production site.yml --list-hosts',
      'ansible all -i prod.ini -m ping',
      'ansible-playbook --help',
    ],
  },
};
