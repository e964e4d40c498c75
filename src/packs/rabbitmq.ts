// RabbitMQ: deleting and purging queues, deleting virtual hosts and users, resetting nodes, through
// `rabbitmqctl` and `rabbitmqadmin` (the Python v1, `delete queue name=x`, and the Rust v2,
// `delete queue --name x` or `queues delete --name x`), and the C client's `amqp-delete-queue`. The
// management HTTP API's DELETE calls are the http-api pack's.

import { parseOptions } from '../rules/argv.js';
import { rule, type Hit } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

/** rabbitmqctl commands that lose messages or definitions, and what they lose. */
const CTL_DESTROY: Readonly<Record<string, [severity: Hit['severity'], what: string]>> = {
  delete_queue: ['high', 'deletes the queue and every message in it'],
  purge_queue: ['high', 'deletes every message in the queue'],
  delete_vhost: ['critical', 'deletes the virtual host with every queue, exchange, binding and message in it'],
  delete_user: ['medium', 'deletes the user'],
  reset: ['critical', 'wipes the node: its queues, messages, users and cluster membership'],
  force_reset: ['critical', "wipes the node whatever the cluster's state: its queues, messages, users and cluster membership"],
  forget_cluster_node: ['high', 'removes a node from the cluster; queues whose only replica was there are lost'],
  delete_shovel: ['medium', 'deletes the shovel'],
};

/** rabbitmqctl commands that only look. */
const CTL_READS = /^(list_\w+|status|cluster_status|environment|report|ping|await_\w+|export_definitions|node_health_check|help|version|authenticate_user|eval_file_check|encode|decode|autocomplete)$/;

export const rabbitmqctl = rule({
  id: 'rabbitmq/ctl',
  effect: 'destroy',
  severity: 'critical',
  programs: ['rabbitmqctl', 'rabbitmq-queues', 'rabbitmq-streams'],
  summary: 'deletes or purges RabbitMQ queues, virtual hosts or users, or resets a node',
  consequence: 'Messages in a deleted or purged queue are gone; a reset node forgets every queue, user and message it held.',
  alternatives: ['rabbitmqctl list_queues name messages consumers to show a human what is there', 'rabbitmqctl export_definitions first'],
  match(inv) {
    const p = parseOptions(inv.argv.slice(1), { value: ['-n', '--node', '-p', '--vhost', '-t', '--timeout', '--formatter', '--erlang-cookie'] });
    if (p.has('--help', '-h')) return null;
    const [command, ...rest] = p.positionals.map((a) => a.text);
    if (!command || CTL_READS.test(command)) return null;
    const target = rest[0];
    const destroy = inv.program === 'rabbitmqctl' ? CTL_DESTROY[command] : undefined;
    // `delete_queue --if-empty` refuses a queue that holds messages: only the (re-creatable) definition can go.
    if (destroy && !(command === 'delete_queue' && p.has('--if-empty', '-e'))) return { severity: destroy[0], target, summary: `rabbitmqctl ${command} ${target ?? ''}`.trimEnd() + `: ${destroy[1]}` };
    return { effect: 'write', severity: /^(stop|shutdown|eval)/.test(command) ? 'high' : 'medium', target, summary: `${inv.program} ${command} ${target ?? ''}`.trim() };
  },
});

/** What rabbitmqadmin deletes for good: objects that hold messages, or hold everything. The rest (bindings, policies, permissions) are definitions put back by declaring them. */
const ADMIN_HOLDERS = new Set(['queue', 'queues', 'exchange', 'exchanges', 'vhost', 'vhosts', 'user', 'users', 'stream', 'streams', 'shovel', 'shovels']);

const ADMIN_VALUES = [
  '-c',
  '--config',
  '-N',
  '--node',
  '-H',
  '--host',
  '-P',
  '--port',
  '-V',
  '--vhost',
  '-u',
  '--username',
  '-p',
  '--password',
  '-U',
  '--base-uri',
  '-f',
  '--format',
  '-S',
  '--sort',
  '-d',
  '--depth',
];
const ADMIN_VALUES_V2 = [
  '--name',
  '--name-pattern',
  '--queue',
  '-a',
  '--ack-mode',
  '--path-prefix',
  '--table-style',
  '--tls-ca-cert-file',
  '--tls-cert-file',
  '--tls-key-file',
  '--ssl-key-file',
  '--ssl-cert-file',
  '--ssl-ca-cert-file',
];

/**
 * Whether a `get` takes the messages it fetches off the queue. v1 (`get queue=q`) requeues them
 * unless told otherwise; v2 (`get --queue q`) acknowledges them unless told otherwise.
 */
function getConsumes(words: string[], ackMode: string | undefined, v2: boolean): boolean {
  const v1Mode = words.find((w) => w.startsWith('ackmode='))?.slice(8);
  const mode = ackMode ?? v1Mode ?? (v2 ? 'ack_requeue_false' : 'ack_requeue_true');
  return /_requeue_false$/.test(mode) || words.includes('requeue=false');
}

export const rabbitmqadmin = rule({
  id: 'rabbitmq/admin',
  effect: 'destroy',
  severity: 'high',
  programs: ['rabbitmqadmin'],
  summary: 'deletes or purges RabbitMQ queues, exchanges, virtual hosts or users through the management API',
  consequence: 'Messages in a deleted or purged queue are gone; a deleted virtual host takes every queue in it.',
  alternatives: ['rabbitmqadmin list queues name messages to show a human what is there', 'rabbitmqadmin export definitions.json first'],
  match(inv) {
    const p = parseOptions(inv.argv.slice(1), { value: [...ADMIN_VALUES, ...ADMIN_VALUES_V2] });
    if (p.has('--help', '--dry-run')) return null;
    const words = p.positionals.map((a) => a.text);
    // v1 and v2 say `delete queue`, v2 also `queues delete` and `queues delete_multiple`.
    const [verb = '', kind = ''] = ['delete', 'purge', 'get'].includes(words[0] ?? '') ? [words[0], words[1]] : [words[1], words[0]];
    // v1's -q is --quiet, v2's (on get) --queue: its value, if any, is read as the first word after `get`.
    const named = words.find((w) => w.startsWith('name='))?.slice(5) ?? words.find((w) => w.startsWith('queue='))?.slice(6);
    const name = p.value('--name', '--name-pattern', '--queue') ?? named ?? (verb === 'get' && p.has('-q') ? words[1] : undefined);
    const path = words.slice(0, 2).filter((w) => !w.includes('='));
    const what = ['rabbitmqadmin', ...path, ...(name && !path.includes(name) ? [name] : [])].join(' ');
    if (verb === 'purge') return { target: name, summary: `${what}: deletes every message in the queue` };
    if (verb.startsWith('delete') && ADMIN_HOLDERS.has(kind)) {
      const many = verb === 'delete_multiple' ? 'every one whose name matches is' : 'it is';
      return { severity: /^vhost/.test(kind) || verb === 'delete_multiple' ? 'critical' : 'high', target: name, summary: `${what}: ${many} deleted with what it holds` };
    }
    if (verb === 'disable_deletion_protection') return { severity: 'medium', target: name, summary: `${what}: the virtual host can be deleted again` };
    if (verb.startsWith('delete')) return { effect: 'write', severity: 'medium', target: name, summary: what };
    if (verb === 'get' && getConsumes(words, p.value('-a', '--ack-mode'), p.has('-q', '--queue')))
      return {
        severity: 'medium',
        target: name,
        summary: `${what}: the messages fetched are acknowledged, so they leave the queue`,
        consequence: "The fetched messages are removed from the queue: the application's consumers never receive them.",
      };
    if (/^(declare|publish|close|import|set|rebalance|definitions|bind|unbind)$/.test(words[0] ?? '') || /^(declare|import|enable|update|patch|set)/.test(verb))
      return { effect: 'write', severity: 'medium', target: name, summary: what };
    return null;
  },
});

export const amqpTools = rule({
  id: 'rabbitmq/amqp-tools',
  effect: 'destroy',
  severity: 'high',
  programs: ['amqp-delete-queue'],
  summary: "deletes a queue with RabbitMQ's C client tool",
  consequence: 'The queue and the messages waiting in it are deleted; the tool prints how many there were.',
  alternatives: ['rabbitmqctl list_queues name messages consumers to show a human what is there'],
  match(inv) {
    const p = parseOptions(inv.argv.slice(1), {
      value: ['-q', '--queue', '-s', '--server', '--port', '--vhost', '--username', '--password', '-u', '--url', '--cacert', '--cert', '--key', '--frame-max'],
    });
    if (p.has('--help', '-?', '--usage')) return null;
    const queue = p.value('-q', '--queue');
    return { target: queue, summary: `amqp-delete-queue ${queue ?? ''}`.trim() };
  },
});

export const pack = [rabbitmqctl, rabbitmqadmin, amqpTools];

/** What its commands act on (src/rules/targets.ts): the node, host, management URL and virtual host. */
export const targets: TargetSpec = {
  options: {
    '-n': names.name,
    '--node': names.name,
    '-N': names.name,
    '-H': names.name,
    '--host': names.name,
    '-U': names.url,
    '--base-uri': names.url,
    '-V': names.name,
    '--vhost': names.name,
    '--server': names.name,
    '--url': names.url,
  },
};
