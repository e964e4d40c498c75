// Apache Pulsar through `pulsar-admin` and `pulsarctl`: deleting tenants, namespaces and topics, and
// emptying a topic's backlog (truncate, skip, clear-backlog, expire-messages), which drops messages its
// subscribers have not read.

import { rule } from '../rules/rule.js';
import { subcommandWords } from '../rules/subcommands.js';
import { type TargetSpec, names } from '../rules/targets.js';

const PULSAR_VALUES = [
  '--admin-url',
  '--admin-service-url',
  '--auth-plugin',
  '--auth-params',
  '--tls-trust-cert-path',
  '-s',
  '--subscription',
  '-n',
  '--count',
  '-t',
  '--expireTime',
  '--time',
  '-m',
  '--messageId',
  '-p',
  '--partitions',
  '-b',
  '--bundle',
  '--context',
];

/** Verbs that lose messages or definitions with their data, or move a subscription past messages it has not read (`reset-cursor`, pulsarctl's `seek`). */
const DESTROY = /^(delete(-partitioned-topic)?|truncate|skip-all|skip|clear-backlog|expire-messages(-all-subscriptions)?|unsubscribe|reset-cursor|seek|delete-subscription)$/;
/** Verbs that only look. */
const READS =
  /^(list|get|stats|partitioned-stats|internal-stats|internal-info|info|lookup|peek-messages|examine-message|bundle-range|permissions|policies|status|version|topics|namespaces|tenants|clusters|describe|last-message-id|message-id)(-|$)/;

export const pulsarAdmin = rule({
  id: 'pulsar/delete',
  effect: 'destroy',
  severity: 'critical',
  programs: ['pulsar-admin', 'pulsarctl'],
  summary: 'deletes Pulsar tenants, namespaces, topics or subscriptions, or drops unread messages',
  consequence: 'A deleted topic loses its messages; truncating, skipping or clearing a backlog drops messages its subscribers never read.',
  alternatives: ['pulsar-admin topics stats <topic> to show a human the backlog', 'pulsar-admin topics list <namespace> first'],
  match(inv) {
    const { words, has } = subcommandWords(inv, PULSAR_VALUES);
    if (has('--help', '-h') || words.includes('help')) return null;
    const [resource, verb, target] = words;
    if (!resource || !verb || READS.test(verb)) return null;
    const what = `${inv.program} ${resource} ${verb} ${target ?? ''}`.trim();
    if (DESTROY.test(verb)) {
      const container = resource === 'tenants' || resource === 'namespaces' || resource === 'clusters';
      return {
        severity: container || /^(delete|truncate)/.test(verb) ? 'critical' : 'high',
        target,
        summary: `${what}: ${container ? 'deletes it with everything in it' : 'messages are deleted or skipped'}`,
      };
    }
    return { effect: 'write', severity: verb === 'terminate' ? 'high' : 'medium', target, summary: what };
  },
});

export const pack = [pulsarAdmin];

/** What its commands act on (src/rules/targets.ts): the admin service URL, and pulsarctl's named context. */
export const targets: TargetSpec = { options: { '--admin-url': names.url, '--admin-service-url': names.url, '--context': names.name } };
