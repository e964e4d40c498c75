// AWS CLI: deleting or terminating resources, stripping their protection, and S3 deletes (one object is data too).
// Any `delete-*`/`terminate-*` operation not listed is treated as destroy too.

import type { Invocation } from '../core/invocation.js';
import { parseOptions, type ParsedOptions } from '../rules/argv.js';
import { rule, type Hit } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

const GLOBAL_VALUES = ['--profile', '--region', '--output', '--endpoint-url', '--query', '--color', '--ca-bundle', '--cli-read-timeout', '--cli-connect-timeout', '--cli-binary-format'];

interface AwsCall {
  service: string;
  operation: string;
  rest: string[];
  p: ParsedOptions;
  profile?: string;
}

function aws(inv: Invocation): AwsCall | null {
  const p = parseOptions(inv.argv.slice(1), {
    value: [
      ...GLOBAL_VALUES,
      '--db-instance-identifier',
      '--db-cluster-identifier',
      '--backup-retention-period',
      '--stack-name',
      '--bucket',
      '--key',
      '--table-name',
      '--instance-ids',
      '--volume-id',
      '--snapshot-id',
      '--key-id',
      '--secret-id',
      '--name',
      '--include',
      '--exclude',
      '--pending-window-in-days',
      '--recovery-window-in-days',
      '--function-name',
      '--repository-name',
      '--image-ids',
      '--environment-name',
      '--replication-group-id',
      '--id',
      '--log-group-name',
      '--user-name',
      '--role-name',
      '--policy-arn',
      '--cluster',
      '--file-system-id',
      '--backup-vault-name',
      '--recovery-point-arn',
    ],
  });
  const words = p.positionals.map((a) => a.text);
  const [service, operation, ...rest] = words;
  if (!service || !operation || words.includes('help') || p.has('--dry-run', '--dryrun', '--generate-cli-skeleton')) return null;
  return { service, operation, rest, p, profile: p.value('--profile') };
}

function named(call: AwsCall): string {
  for (const key of [
    '--db-instance-identifier',
    '--db-cluster-identifier',
    '--table-name',
    '--instance-ids',
    '--volume-id',
    '--snapshot-id',
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
  ]) {
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
    const op = call.operation;
    if (/^(delete|terminate|batch-delete|force-delete|purge|deregister-db|remove-from-global)/.test(op) || op === 'schedule-key-deletion') {
      const hit: Hit = { target: named(call), summary: `aws ${call.service} ${op} ${named(call)}`.trim() };
      if (call.p.has('--skip-final-snapshot', '--force-delete-without-recovery', '--delete-automated-backups'))
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
  summary: 'removes the protection that keeps an AWS database recoverable',
  consequence: 'Without deletion protection or automated backups, a later delete or failure cannot be undone.',
  alternatives: ['leave protection on; ask the human, who can remove it deliberately'],
  match(inv) {
    const call = aws(inv);
    if (!call || !/^modify-db-(instance|cluster)$/.test(call.operation)) return null;
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
    // One object is data too (without versioning it is gone for good); an empty bucket's name can be taken by anyone once freed.
    if (call.operation === 'rm') return { target, summary: `aws s3 rm deletes ${target}` };
    if (call.operation === 'rb') return { target, summary: `aws s3 rb deletes the bucket ${target}` };
    return null;
  },
});

const MUTATING =
  /^(create|modify|put|update|start|stop|reboot|attach|detach|associate|disassociate|run|invoke|publish|send|tag|untag|add|set|enable|disable|import|copy|restore|register|deregister|authorize|revoke|change|reset|promote|failover|apply|execute|upload|cancel|rotate|replace|accept|reject|allocate|release|assign|unassign|deploy|increase|decrease|purchase|batch-write|batch-put|batch-update)(-|$)/;

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

export const pack = [awsDelete, awsUnprotect, s3, awsChange];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['aws'], options: { '--profile': names.profile, '--region': names.region, '--cluster': names.cluster } };
