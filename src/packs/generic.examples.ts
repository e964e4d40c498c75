// Evidence for the rules in ./generic.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'generic/destructive-subcommand': {
    catches: [
      'mytool db delete prod',
      'render services delete srv-123',
      'upstash redis delete acme',
      'xata branch delete main',
      'convex data reset',
      'appwrite databases delete --databaseId x',
      'koyeb app delete acme',
      'scw rdb instance delete 1',
      'linode-cli databases mysql-delete 1',
      'vultr-cli database delete 1',
      'hcloud volume delete data',
      'exoscale dbaas delete pg1',
      'ovhcloud db drop prod',
      'cf delete-service db',
      'mytool delete ./data/teardown.yml',
      'mytool db.drop prod',
      'mytool db delete prod --dry-run=none',
      'mytool plan delete basic-tier',
    ],
    passes: [
      'npm uninstall lodash',
      'pip uninstall requests',
      'cargo remove serde',
      'kind delete cluster --name dev',
      'minikube delete',
      'mytool list',
      'echo delete everything',
      'mytool deploy --help',
      'hcloud volume list',
      'brew remove wget',
      // A word in a file's name is not what the tool does; a check or dry run changes nothing.
      'ansible-playbook teardown.yml',
      'ansible-playbook teardown.yml --check',
      'ansible-playbook -i inventory/prod teardown.yml --syntax-check',
      'mytool run drop-old-stuff.sql',
      'mytool apply config/reset.yaml',
      'mytool db delete prod --dry-run',
      'mytool db drop prod --what-if',
    ],
  },
};
