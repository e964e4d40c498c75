// Kafka and Redpanda: deleting topics and their records, consumer groups and their committed offsets,
// topic configs and ACLs. Kafka's own tools (`kafka-topics.sh`, installed as `kafka-topics` by some
// packages) and Redpanda's `rpk`. An offset reset is a dry run unless it says --execute.

import type { Invocation } from '../core/invocation.js';
import { parseOptions } from '../rules/argv.js';
import { rule, type Hit } from '../rules/rule.js';
import { subcommandWords } from '../rules/subcommands.js';
import { type TargetSpec, names } from '../rules/targets.js';

const TOOLS = ['kafka-topics', 'kafka-consumer-groups', 'kafka-delete-records', 'kafka-configs', 'kafka-acls', 'kafka-streams-application-reset'];

/** Options of Kafka's tools that take a value. */
const KAFKA_VALUES = [
  '--bootstrap-server',
  '--bootstrap-controller',
  '--bootstrap-servers',
  '--zookeeper',
  '--command-config',
  '--config-file',
  '--topic',
  '--group',
  '--partitions',
  '--replication-factor',
  '--replica-assignment',
  '--config',
  '--to-offset',
  '--to-datetime',
  '--by-duration',
  '--shift-by',
  '--from-file',
  '--offset-json-file',
  '--entity-type',
  '--entity-name',
  '--add-config',
  '--add-config-file',
  '--delete-config',
  '--resource-pattern-type',
  '--allow-principal',
  '--deny-principal',
  '--allow-host',
  '--deny-host',
  '--operation',
  '--transactional-id',
  '--user',
  '--client',
  '--broker',
  '--state',
  '--timeout',
  '--application-id',
  '--input-topics',
  '--intermediate-topics',
  '--internal-topics',
];

/** Retention below an hour empties a topic within minutes: the usual way to "purge" one. */
const PURGING_RETENTION_MS = 3_600_000;

function kafkaTool(program: string): string {
  return program.replace(/\.sh$/, '');
}

/** Which retention or cleanup setting an --add-config value shortens to deleting data now. */
function purgingConfig(value: string): string | undefined {
  for (const pair of value.split(',')) {
    const [key, setting] = pair.split('=').map((s) => s.trim());
    if ((key === 'retention.ms' || key === 'retention.bytes') && setting !== undefined && /^\d+$/.test(setting) && Number(setting) < PURGING_RETENTION_MS) return pair;
  }
  return undefined;
}

function kafkaCommand(inv: Invocation): Hit | null {
  const p = parseOptions(inv.argv.slice(1), { value: KAFKA_VALUES });
  if (p.has('--help', '-h', '--version', '--dry-run')) return null;
  const topic = p.value('--topic');
  switch (kafkaTool(inv.program)) {
    case 'kafka-topics':
      if (p.has('--delete')) return { target: topic, summary: `deletes topic ${topic ?? '(every one the pattern matches)'} and every record in it` };
      return p.has('--create', '--alter') ? { effect: 'write', severity: 'medium', target: topic, summary: `${p.has('--create') ? 'creates' : 'alters'} topic ${topic ?? ''}`.trim() } : null;
    case 'kafka-consumer-groups': {
      const group = p.has('--all-groups') ? 'every consumer group' : `consumer group ${p.value('--group') ?? ''}`.trim();
      if (p.has('--delete')) return { severity: 'high', target: p.value('--group'), summary: `deletes ${group} and its committed offsets` };
      if (p.has('--delete-offsets')) return { severity: 'high', target: p.value('--group'), summary: `deletes the committed offsets of ${group}` };
      // Without --execute the tool only prints the offsets it would set.
      if (p.has('--reset-offsets') && p.has('--execute'))
        return { severity: 'high', target: p.value('--group'), summary: `moves the committed offsets of ${group}: its consumers skip or re-process records` };
      return null;
    }
    case 'kafka-delete-records':
      return { target: p.value('--offset-json-file'), summary: `deletes the records before the offsets in ${p.value('--offset-json-file') ?? 'its offsets file'}` };
    case 'kafka-configs': {
      if (!p.has('--alter')) return null;
      const entity = `${p.value('--entity-type') ?? ''} ${p.value('--entity-name') ?? topic ?? ''}`.trim();
      const purging = p
        .values('--add-config')
        .map(purgingConfig)
        .find((c) => c !== undefined);
      if (purging) return { target: entity, summary: `sets ${purging} on ${entity}: records older than that are deleted within minutes` };
      const deleted = p.values('--delete-config');
      if (deleted.length) return { severity: 'medium', target: entity, summary: `deletes the ${deleted.join(', ')} setting of ${entity}` };
      return { effect: 'write', severity: 'medium', target: entity, summary: `changes the configuration of ${entity}` };
    }
    case 'kafka-acls':
      if (p.has('--remove')) return { severity: 'medium', summary: 'removes Kafka ACLs: clients lose access, or a deny stops protecting' };
      return p.has('--add') ? { effect: 'write', severity: 'medium', summary: 'adds Kafka ACLs' } : null;
    case 'kafka-streams-application-reset':
      return {
        severity: 'high',
        target: p.value('--application-id'),
        summary: `resets Streams application ${p.value('--application-id') ?? ''}: its offsets are moved and its internal topics deleted`.trim(),
      };
    default:
      return null;
  }
}

export const kafkaTools = rule({
  id: 'kafka/destructive',
  effect: 'destroy',
  severity: 'critical',
  programs: TOOLS.flatMap((t) => [t, `${t}.sh`]),
  summary: 'deletes Kafka topics, records, consumer groups, offsets, configs or ACLs',
  consequence: 'A deleted topic takes every record in it; deleted records and offsets cannot be read back, and consumers of a reset group skip or replay data.',
  alternatives: ['kafka-topics --describe / kafka-consumer-groups --describe to show a human what is there', 'kafka-consumer-groups --reset-offsets without --execute (a dry run)'],
  match: kafkaCommand,
});

const RPK_VALUES = [
  '-X',
  '--config-opt',
  '--config',
  '--profile',
  '-o',
  '--offset',
  '-p',
  '--partitions',
  '-f',
  '--from-file',
  '--format',
  '-g',
  '--group',
  '-t',
  '--topics',
  '--to',
  '--to-file',
  '--to-group',
];

/** `rpk` subcommand paths that delete (aliases included), and how badly. */
const RPK_DESTROY: [path: string, severity: Hit['severity'], what: string][] = [
  ['topic delete', 'critical', 'deletes the topic and every record in it'],
  ['topic trim-prefix', 'critical', 'deletes the records before the given offset'],
  ['topic trim', 'critical', 'deletes the records before the given offset'],
  ['group delete', 'high', 'deletes the consumer group and its committed offsets'],
  ['group offset-delete', 'high', 'deletes committed offsets of the consumer group'],
  ['group seek', 'high', "moves the consumer group's committed offsets: its consumers skip or re-process records"],
  ['acl delete', 'medium', 'deletes ACLs'],
  ['security acl delete', 'medium', 'deletes ACLs'],
  ['acl user delete', 'medium', 'deletes a SASL user'],
  ['security user delete', 'medium', 'deletes a SASL user'],
  ['security acl user delete', 'medium', 'deletes a SASL user'],
  ['security role delete', 'medium', 'deletes a role and its ACLs'],
  ['security secret delete', 'high', 'deletes a secret'],
  ['registry context delete', 'high', 'deletes a schema registry context'],
  ['registry schema delete', 'high', 'deletes a schema from the schema registry'],
  ['registry subject delete', 'high', 'deletes a subject and its schemas from the schema registry'],
];

export const rpk = rule({
  id: 'kafka/rpk-destructive',
  effect: 'destroy',
  severity: 'critical',
  programs: ['rpk'],
  summary: 'deletes Redpanda topics, records, consumer groups, offsets, ACLs or schemas',
  consequence: 'Deleted topics and trimmed records are gone for every consumer; a deleted or moved group re-reads or skips data.',
  alternatives: ['rpk topic describe / rpk group describe to show a human what is there'],
  match(inv) {
    const { words, has } = subcommandWords(inv, RPK_VALUES);
    if (has('--help', '-h', '--dry', '--dry-run') || words.includes('help')) return null;
    for (const [path, severity, what] of RPK_DESTROY) {
      const parts = path.split(' ');
      if (parts.every((w, i) => words[i] === w)) {
        // `rpk security acl delete -d` only prints the ACLs it would delete.
        if (parts.includes('acl') && has('-d')) return null;
        const target = words.slice(parts.length).join(' ');
        return { severity, target: target || undefined, summary: `${['rpk', path, target].filter(Boolean).join(' ')}: ${what}` };
      }
    }
    if (words[0] === 'topic' && (words[1] === 'produce' || words[1] === 'alter-config' || words[1] === 'add-partitions' || words[1] === 'create'))
      return { effect: 'write', severity: 'medium', target: words[2], summary: `rpk topic ${words[1]} ${words[2] ?? ''}`.trim() };
    return null;
  },
});

export const produce = rule({
  id: 'kafka/produce',
  effect: 'write',
  severity: 'medium',
  programs: ['kcat', 'kafkacat', 'kafka-console-producer', 'kafka-console-producer.sh'],
  summary: 'produces records to a Kafka topic',
  consequence: 'Every consumer of the topic receives and acts on the records; they cannot be taken back.',
  alternatives: ['produce to a test topic first'],
  match(inv) {
    if (inv.program.startsWith('kafka-console-producer'))
      return inv.argv.some((a) => a.text === '--help') ? null : { target: parseOptions(inv.argv.slice(1), { value: KAFKA_VALUES }).value('--topic') };
    // kcat's mode is a flag: -P produces, -C consumes, -L lists metadata.
    const p = parseOptions(inv.argv.slice(1), { value: ['-b', '-t', '-p', '-o', '-G', '-X', '-F', '-c', '-f', '-k', '-K', '-D', '-s', '-r', '-m'] });
    return p.has('-P') ? { target: p.value('-t'), summary: `kcat produces to topic ${p.value('-t') ?? ''}`.trim() } : null;
  },
});

export const pack = [kafkaTools, rpk, produce];

/** What its commands act on (src/rules/targets.ts): the brokers they talk to (`-X brokers=…` for rpk, `-b` for kcat). */
export const targets: TargetSpec = {
  options: {
    '--bootstrap-server': names.name,
    '--bootstrap-servers': names.name,
    '--bootstrap-controller': names.name,
    '--zookeeper': names.name,
    '--command-config': names.file,
    '-X': names.name,
    '--config-opt': names.name,
    '--brokers': names.name,
    '--profile': names.name,
    '-b': names.name,
  },
};
