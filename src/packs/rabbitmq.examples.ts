// Evidence for the rules in ./rabbitmq.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'rabbitmq/ctl': {
    catches: [
      'rabbitmqctl delete_queue orders',
      'rabbitmqctl -p production delete_queue orders --if-unused',
      'rabbitmqctl purge_queue -p /billing invoices',
      'rabbitmqctl -n rabbit@mq-prod-1 delete_vhost /billing',
      'rabbitmqctl delete_user deploy',
      'rabbitmqctl reset',
      'sudo rabbitmqctl force_reset',
      'rabbitmqctl forget_cluster_node rabbit@mq-2 --offline',
    ],
    passes: [
      'rabbitmqctl list_queues name messages consumers',
      'rabbitmqctl -p /billing list_exchanges',
      'rabbitmqctl cluster_status',
      'rabbitmqctl delete_queue --if-empty orders',
      'rabbitmqctl stop_app',
      'rabbitmqctl add_user deploy "$PASSWORD"',
      'rabbitmqctl help delete_queue',
      'rabbitmq-queues delete_member orders rabbit@mq-2',
    ],
  },
  'rabbitmq/admin': {
    catches: [
      'rabbitmqadmin delete queue name=orders',
      'rabbitmqadmin -H mq.prod.acme.com -V /billing purge queue name=invoices',
      'rabbitmqadmin --vhost /billing delete queue --name invoices',
      'rabbitmqadmin queues delete --name invoices',
      'rabbitmqadmin queues purge --name invoices',
      'rabbitmqadmin delete vhost name=/billing',
      'rabbitmqadmin delete exchange name=events',
      'rabbitmqadmin get queue=orders ackmode=ack_requeue_false count=100',
      'rabbitmqadmin --vhost events get --queue orders --count 50',
      'rabbitmqadmin get -q orders -c 10',
      'rabbitmqadmin -q delete queue name=orders',
      'rabbitmqadmin queues delete_multiple --name-pattern "^tmp\\." --approve',
      'rabbitmqadmin vhosts delete --name vh-789 --idempotently',
      'rabbitmqadmin vhosts disable_deletion_protection --name billing',
    ],
    passes: [
      'rabbitmqadmin list queues name messages',
      'rabbitmqadmin show overview',
      'rabbitmqadmin get queue=orders count=10',
      'rabbitmqadmin get --queue orders --ack-mode ack_requeue_true',
      'rabbitmqadmin queues delete_multiple --name-pattern "^tmp" --dry-run',
      'rabbitmqadmin policies delete_definition_keys --name ha --definition-keys ha-mode',
      'rabbitmqadmin delete binding source=events destination=orders destination_type=queue',
      'rabbitmqadmin declare queue name=orders durable=true',
      'rabbitmqadmin export definitions.json',
      'rabbitmqadmin --help',
    ],
  },
  'rabbitmq/amqp-tools': {
    catches: ['amqp-delete-queue -q orders', 'amqp-delete-queue --url amqp://mq.prod.acme.com --queue=orders'],
    passes: ['amqp-delete-queue --help'],
  },
};
