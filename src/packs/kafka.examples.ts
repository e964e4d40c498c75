// Evidence for the rules in ./kafka.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'kafka/destructive': {
    catches: [
      'kafka-topics.sh --bootstrap-server kafka.prod:9092 --delete --topic orders',
      'kafka-topics --delete --topic orders --bootstrap-server localhost:9092',
      '/opt/kafka/bin/kafka-topics.sh --bootstrap-server=b:9092 --topic "events.*" --delete',
      'kafka-consumer-groups --bootstrap-server k:9092 --delete --group billing',
      'kafka-consumer-groups.sh --bootstrap-server k:9092 --delete --all-groups',
      'kafka-consumer-groups --bootstrap-server k:9092 --group billing --reset-offsets --to-latest --all-topics --execute',
      'kafka-consumer-groups --bootstrap-server k:9092 --delete-offsets --group billing --topic orders',
      'kafka-delete-records.sh --bootstrap-server k:9092 --offset-json-file delete.json',
      'kafka-configs --bootstrap-server k:9092 --alter --entity-type topics --entity-name orders --delete-config retention.ms',
      'kafka-configs.sh --bootstrap-server k:9092 --entity-type topics --entity-name orders --alter --add-config retention.ms=1000',
      'kafka-acls --bootstrap-server k:9092 --remove --allow-principal User:alice --operation Read --topic orders --force',
      'kafka-streams-application-reset --application-id billing --bootstrap-server k:9092 --input-topics orders',
    ],
    passes: [
      'kafka-topics --bootstrap-server k:9092 --list',
      'kafka-topics.sh --bootstrap-server k:9092 --describe --topic orders',
      'kafka-consumer-groups --bootstrap-server k:9092 --describe --group billing',
      'kafka-consumer-groups --bootstrap-server k:9092 --group billing --reset-offsets --to-earliest --topic orders',
      'kafka-consumer-groups --bootstrap-server k:9092 --group billing --reset-offsets --to-earliest --topic orders --dry-run',
      'kafka-configs --bootstrap-server k:9092 --describe --entity-type topics --entity-name orders',
      'kafka-configs --bootstrap-server k:9092 --alter --entity-type topics --entity-name orders --add-config retention.ms=604800000',
      'kafka-acls --bootstrap-server k:9092 --list --topic orders',
      'kafka-delete-records --help',
      'kafka-streams-application-reset --application-id billing --dry-run',
    ],
  },
  'kafka/rpk-destructive': {
    catches: [
      'rpk topic delete orders',
      'rpk topic delete -r "events-.*" -X brokers=redpanda.prod:9092',
      'rpk topic trim-prefix orders --offset 120 --partitions 1 --no-confirm',
      'rpk topic trim orders -o @1622505600',
      'rpk group delete billing',
      'rpk group seek billing --to start',
      'rpk security acl delete --allow-principal User:alice --operation read --topic orders --no-confirm',
      'rpk registry subject delete orders-value --permanent',
      'rpk security role delete red-role --no-confirm',
      'rpk --config-opt brokers=redpanda.prod:9092 group seek billing --to-group billing-replay',
    ],
    passes: [
      'rpk topic list',
      'rpk topic describe orders',
      'rpk group describe billing',
      'rpk topic consume orders -n 10',
      'rpk security acl delete --dry --topic orders',
      'rpk security acl delete -d --allow-principal User:alice --topic orders',
      'rpk security role list',
      'rpk topic delete --help',
    ],
  },
  'kafka/produce': {
    catches: ['kcat -P -b kafka.prod:9092 -t orders -K: -l records.txt', 'kafka-console-producer.sh --bootstrap-server k:9092 --topic orders'],
    passes: ['kcat -C -b k:9092 -t orders -c 10 -e', 'kcat -L -b k:9092', 'kafka-console-producer --help'],
  },
};
