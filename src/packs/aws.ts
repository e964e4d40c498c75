// AWS CLI: deleting or terminating resources, stripping their protection, and S3 deletes (one object is data too).
// Any `delete-*`/`terminate-*` operation not listed is treated as destroy too.

import type { Invocation } from '../core/invocation.js';
import { parseOptions, type ParsedOptions } from '../rules/argv.js';
import { rule, type Hit } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';
import { perInvocation } from '../rules/memo.js';

const GLOBAL_VALUES = ['--profile', '--region', '--output', '--endpoint-url', '--query', '--color', '--ca-bundle', '--cli-read-timeout', '--cli-connect-timeout', '--cli-binary-format'];

interface AwsCall {
  service: string;
  operation: string;
  rest: string[];
  p: ParsedOptions;
  profile?: string;
}

/** Options whose value names the resource a call acts on, in the order a finding's target is taken from them. */
const NAMING_OPTIONS = [
  '--db-instance-identifier',
  '--db-cluster-identifier',
  '--table-name',
  '--instance-ids',
  '--volume-id',
  '--snapshot-id',
  '--db-snapshot-identifier',
  '--db-cluster-snapshot-identifier',
  '--snapshot-identifier',
  '--snapshot-name',
  '--instance-snapshot-name',
  '--disk-snapshot-name',
  '--relational-database-snapshot-name',
  '--backup-arn',
  '--image-id',
  '--recovery-point-arn',
  '--backup-vault-name',
  '--backup-plan-id',
  '--key-id',
  '--secret-id',
  '--name',
  '--function-name',
  '--repository-name',
  '--environment-name',
  '--replication-group-id',
  '--id',
  '--log-group-name',
  '--user-name',
  '--role-name',
  '--file-system-id',
  '--bucket',
  '--stack-name',
  '--load-balancer-name',
  '--target-group-arn',
  '--load-balancer-arn',
  '--listener-arn',
  '--hosted-zone-id',
  '--queue-url',
  '--topic-arn',
  '--subscription-arn',
];

/** `aws`, read once for all of this pack's rules to share (see perInvocation). */
const aws = perInvocation(readAws);

function readAws(inv: Invocation): AwsCall | null {
  const p = parseOptions(inv.argv.slice(1), {
    value: [
      ...GLOBAL_VALUES,
      ...NAMING_OPTIONS,
      '--backup-retention-period',
      '--key',
      '--secret-string',
      '--secret-binary',
      '--value',
      '--type',
      '--domain',
      '--repository',
      '--package',
      '--format',
      '--versions',
      '--include',
      '--exclude',
      '--pending-window-in-days',
      '--recovery-window-in-days',
      '--image-ids',
      '--policy-arn',
      '--cluster',
      '--lifecycle',
      '--point-in-time-recovery-specification',
      '--targets',
      '--instances',
      '--change-batch',
      '--cli-input-json',
      '--cli-input-yaml',
      '--receipt-handle',
    ],
  });
  const words = p.positionals.map((a) => a.text);
  const [service, operation, ...rest] = words;
  if (!service || !operation || words.includes('help') || p.has('--dry-run', '--dryrun', '--generate-cli-skeleton')) return null;
  return { service, operation, rest, p, profile: p.value('--profile') };
}

function named(call: AwsCall): string {
  for (const key of NAMING_OPTIONS) {
    const v = call.p.value(key);
    if (v) return v;
  }
  return call.rest[0] ?? '';
}

export const awsDelete = rule({
  id: 'aws/delete',
  effect: 'destroy',
  severity: 'critical',
  programs: ['aws', 'awslocal'],
  summary: 'deletes or terminates AWS resources',
  consequence: 'The resource is gone, and for databases, volumes and snapshots its data with it; skipped final snapshots and disabled protections remove the way back.',
  alternatives: ['describe the resource first and show a human what it holds', 'take a snapshot or backup first', 'run it with --dry-run where the operation supports it'],
  match(inv) {
    const call = aws(inv);
    if (!call || call.service === 'cloudformation' || call.service === 's3') return null;
    // CodeArtifact's dispose-package-versions deletes the versions' files and keeps only their listing.
    if (call.operation === 'dispose-package-versions') return { target: named(call), summary: `aws ${call.service} dispose-package-versions ${named(call)}`.trim() };
    const op = call.operation;
    // Deleting a received message (by its receipt handle) is how an SQS consumer acknowledges it.
    if (call.service === 'sqs' && /^delete-message(-batch)?$/.test(op))
      return { effect: 'write', severity: 'low', target: named(call), summary: `aws sqs ${op}: acknowledges received messages, as their consumer would` };
    // An image is deregistered, not deleted: once it is, nothing launches from it again (its snapshots stay only until someone deletes them).
    if (/^(delete|terminate|batch-delete|force-delete|purge|deregister-db|deregister-image|remove-from-global)/.test(op) || op === 'schedule-key-deletion' || op === 'unsubscribe') {
      const hit: Hit = { target: named(call), summary: `aws ${call.service} ${op} ${named(call)}`.trim() };
      if (call.p.has('--skip-final-snapshot', '--force-delete-without-recovery', '--delete-automated-backups', '--delete-associated-snapshots'))
        hit.consequence = 'The resource is deleted with no final snapshot or recovery window: nothing is left to restore from.';
      return hit;
    }
    return null;
  },
});

export const awsUnprotect = rule({
  id: 'aws/remove-protection',
  effect: 'destroy',
  severity: 'critical',
  programs: ['aws', 'awslocal'],
  summary: 'removes the protection that keeps AWS data recoverable',
  consequence: 'Without deletion protection, automated backups, point-in-time recovery or a snapshot lock, a later delete or failure cannot be undone.',
  alternatives: ['leave protection on; ask the human, who can remove it deliberately'],
  match(inv) {
    const call = aws(inv);
    if (!call) return null;
    if (call.service === 'dynamodb' && call.operation === 'update-continuous-backups' && /PointInTimeRecoveryEnabled=false/i.test(call.p.value('--point-in-time-recovery-specification') ?? ''))
      return { target: named(call), summary: `turns off point-in-time recovery (and its 35 days of restore points) on ${named(call)}` };
    // A recovery point is deleted when its lifecycle says so: one already older than the new limit goes at once.
    if (call.service === 'backup' && call.operation === 'update-recovery-point-lifecycle' && /DeleteAfterDays/i.test(call.p.value('--lifecycle') ?? ''))
      return { target: named(call), summary: `changes when recovery point ${named(call)} is deleted` };
    if (call.service === 'ec2' && call.operation === 'unlock-snapshot') return { target: named(call), summary: `unlocks snapshot ${named(call)} so it can be deleted` };
    if (!/^modify-db-(instance|cluster)$/.test(call.operation)) return null;
    if (call.p.has('--no-deletion-protection')) return { target: named(call), summary: `turns off deletion protection on ${named(call)}` };
    if (call.p.value('--backup-retention-period') === '0') return { target: named(call), summary: `turns off automated backups (and deletes existing ones) on ${named(call)}` };
    return null;
  },
});

export const s3 = rule({
  id: 'aws/s3-bulk-delete',
  effect: 'destroy',
  severity: 'high',
  programs: ['aws', 'awslocal'],
  summary: 'deletes S3 objects or buckets',
  consequence: 'Objects are deleted (without versioning, for good); rb --force deletes the bucket and everything in it.',
  alternatives: ['run the same command with --dryrun and show a human the list', 'enable versioning before bulk deletes'],
  match(inv) {
    const call = aws(inv);
    if (!call) return null;
    if (call.service === 's3api' && /^delete-(bucket|objects)$/.test(call.operation)) return { target: call.p.value('--bucket'), summary: `aws s3api ${call.operation}` };
    if (call.service !== 's3') return null;
    const target = call.rest[0] ?? '';
    if (call.operation === 'rb' && call.p.has('--force')) return { target, summary: `aws s3 rb --force deletes ${target} and every object in it` };
    if (call.operation === 'rm' && call.p.has('--recursive')) return { target, summary: `aws s3 rm --recursive deletes everything under ${target}` };
    if (call.operation === 'sync' && call.p.has('--delete')) return { target: call.rest[1], summary: `aws s3 sync --delete removes objects in ${call.rest[1]} that are not in ${call.rest[0]}` };
    // One object is still data no one can get back without versioning; an empty bucket holds none, but
    // its globally unique name can be taken by anyone once freed (as with s3api delete-bucket).
    if (call.operation === 'rm') return { severity: 'medium', target, summary: `aws s3 rm deletes ${target}` };
    if (call.operation === 'rb') return { severity: 'medium', target, summary: `aws s3 rb deletes the bucket ${target}` };
    return null;
  },
});

export const deregisterTargets = rule({
  id: 'aws/deregister-targets',
  effect: 'destroy',
  severity: 'medium',
  programs: ['aws', 'awslocal'],
  summary: 'takes instances or targets out of a load balancer',
  consequence: 'The load balancer stops sending traffic to them at once; deregister the last healthy ones and the service is down.',
  alternatives: ['describe-target-health first and show a human what would still serve', 'let the auto scaling group or deployment drain them'],
  match(inv) {
    const call = aws(inv);
    if (!call) return null;
    if (!['elb', 'elbv2'].includes(call.service) || !/^deregister-(targets|instances-from-load-balancer)$/.test(call.operation)) return null;
    const from = call.p.value('--target-group-arn', '--load-balancer-name') ?? '';
    return { target: from, summary: `aws ${call.service} ${call.operation} takes targets out of ${from || 'the load balancer'}` };
  },
});

/** A Route 53 change batch deletes a record when one of its changes says so, in JSON or in the CLI's shorthand. */
const DELETE_CHANGE = /\bAction\b["']?\s*[:=]\s*["']?DELETE\b/i;

export const route53DeleteRecords = rule({
  id: 'aws/route53-delete-records',
  effect: 'destroy',
  severity: 'high',
  programs: ['aws', 'awslocal'],
  summary: 'deletes DNS records from a Route 53 hosted zone',
  consequence: 'Names stop resolving as soon as cached answers expire: the site, its API or its mail go dark, and the old values are not kept anywhere.',
  alternatives: ['list-resource-record-sets first and keep the output, so the records can be put back', 'show the change batch to a human'],
  match(inv, ctx) {
    const call = aws(inv);
    if (!call || call.service !== 'route53' || call.operation !== 'change-resource-record-sets') return null;
    // The batch may come whole in --cli-input-json/--cli-input-yaml, inline or as file://.
    const batch = call.p.value('--change-batch', '--cli-input-json', '--cli-input-yaml');
    if (batch === undefined) return null;
    const target = call.p.value('--hosted-zone-id') ?? '';
    const file = /^fileb?:\/\/(.+)$/.exec(batch)?.[1];
    const text = file === undefined ? batch : ctx.readFile(file, inv);
    if (text === null) return { effect: 'unknown', severity: 'medium', target, summary: `aws route53 change-resource-record-sets reads its changes from ${file}, which airlock could not read` };
    return DELETE_CHANGE.test(text) ? { target, summary: `aws route53 change-resource-record-sets deletes records in ${target || 'a hosted zone'}` } : null;
  },
});

const MUTATING =
  /^(create|modify|put|update|start|stop|reboot|attach|detach|associate|disassociate|run|invoke|publish|send|tag|untag|add|set|enable|disable|import|copy|restore|register|deregister|authorize|revoke|change|reset|promote|failover|apply|execute|upload|cancel|rotate|replace|accept|reject|allocate|release|assign|unassign|deploy|increase|decrease|purchase|batch-write|batch-put|batch-update|remove|subscribe)(-|$)/;

export const awsChange = rule({
  id: 'aws/change',
  effect: 'write',
  severity: 'medium',
  programs: ['aws', 'awslocal'],
  summary: 'changes AWS resources',
  consequence: 'Real resources are created, changed, started or stopped.',
  alternatives: ['describe the resource first and show a human what would change'],
  match(inv) {
    const call = aws(inv);
    if (!call) return null;
    if (call.service === 's3') return ['cp', 'mv', 'sync'].includes(call.operation) && (call.rest[call.rest.length - 1] ?? '').startsWith('s3://') ? { target: call.rest[call.rest.length - 1] } : null;
    return MUTATING.test(call.operation) ? { target: named(call), summary: `aws ${call.service} ${call.operation} ${named(call)}`.trim() } : null;
  },
});

/**
 * Replacing a secret's value: every reader gets the new one at once, and the value before is kept only
 * as long as the service keeps versions (Secrets Manager labels one AWSPREVIOUS; older ones are deprecated).
 */
export const awsOverwriteSecret = rule({
  id: 'aws/overwrite-secret',
  effect: 'destroy',
  severity: 'high',
  programs: ['aws', 'awslocal'],
  summary: "replaces a secret's or parameter's current value",
  consequence: 'Every application that reads the secret gets the new value at once; the old value survives only as a previous version, if at all.',
  alternatives: ['create a new secret or parameter and switch readers to it', 'read the current value first (get-secret-value, get-parameter) and show a human the change'],
  match(inv) {
    const call = aws(inv);
    if (!call) return null;
    const { service, operation, p } = call;
    const replacesValue =
      (service === 'secretsmanager' && (operation === 'put-secret-value' || (operation === 'update-secret' && p.has('--secret-string', '--secret-binary')))) ||
      (service === 'ssm' && operation === 'put-parameter' && p.has('--overwrite'));
    return replacesValue ? { target: named(call), summary: `aws ${service} ${operation} ${named(call)} replaces its current value` } : null;
  },
});

export const pack = [awsDelete, awsUnprotect, s3, awsOverwriteSecret, deregisterTargets, route53DeleteRecords, awsChange];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['aws'], options: { '--profile': names.profile, '--region': names.region, '--cluster': names.cluster } };
