// Evidence for the rules in ./pulsar.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'pulsar/delete': {
    catches: [
      'pulsar-admin topics delete persistent://acme/billing/invoices',
      'pulsar-admin --admin-url https://pulsar.prod.acme.com:8443 topics delete-partitioned-topic persistent://acme/billing/invoices -f',
      'pulsar-admin namespaces delete acme/billing',
      'pulsar-admin tenants delete acme',
      'pulsar-admin topics truncate persistent://acme/billing/invoices',
      'pulsar-admin topics skip-all -s billing persistent://acme/billing/invoices',
      'pulsar-admin topics clear-backlog -s billing persistent://acme/billing/invoices',
      'pulsar-admin namespaces clear-backlog acme/billing --force',
      'pulsar-admin topics unsubscribe -s billing persistent://acme/billing/invoices',
      'pulsarctl topics delete persistent://acme/billing/invoices',
      'pulsarctl subscriptions delete persistent://acme/billing/invoices billing',
      'pulsar-admin topics reset-cursor -s billing -t 10m persistent://acme/billing/invoices',
    ],
    passes: [
      'pulsar-admin topics list acme/billing',
      'pulsar-admin topics stats persistent://acme/billing/invoices',
      'pulsar-admin namespaces list acme',
      'pulsar-admin topics peek-messages -s billing -n 5 persistent://acme/billing/invoices',
      'pulsar-admin topics unload persistent://acme/billing/invoices',
      'pulsar-admin topics delete --help',
      'pulsarctl tenants get acme',
    ],
  },
};
