// Google Cloud: gcloud deletes (SQL, projects, storage, clusters, Firestore, Apigee undeploys), object
// removal (one object is data too) and syncs that delete at the destination (gsutil, gcloud storage), and
// the changes gcloud makes (deploys, imports, uploads), which are production writes when the project,
// bucket or name says so.

import type { Invocation } from '../core/invocation.js';
import { parseOptions, type ParsedOptions } from '../rules/argv.js';
import { rule, type Hit } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';
import { perInvocation } from '../rules/memo.js';

interface Gcloud {
  words: string[];
  p: ParsedOptions;
}

/** `gcloudCall`, read once for all of this pack's rules to share (see perInvocation). */
const gcloudCall = perInvocation(readGcloudCall);

function readGcloudCall(inv: Invocation): Gcloud | null {
  const p = parseOptions(inv.argv.slice(1), {
    value: [
      '--project',
      '--zone',
      '--region',
      '--format',
      '--filter',
      '--configuration',
      '--account',
      '--database',
      '-h',
      '--location',
      '--keyring',
      '--key',
      '--secret',
      '--repository',
      '--image',
      '--source',
      '--service-account',
      '--platform',
      '--uri',
    ],
  });
  if (p.has('--help') || p.has('--dry-run')) return null;
  // gsutil's own top-level flags (`-m`, `-q`) come before its command.
  return { words: p.positionals.map((a) => a.text).filter((w) => inv.program !== 'gsutil' || !/^-[mqD]$/.test(w)), p };
}

/** Where a copy or sync writes: its last operand, when that is a bucket. */
function bucketDestination(operands: readonly string[]): string | undefined {
  const last = operands[operands.length - 1];
  return operands.length >= 2 && last?.startsWith('gs://') ? last : undefined;
}

export const gcloud = rule({
  id: 'gcp/delete',
  effect: 'destroy',
  severity: 'critical',
  programs: ['gcloud', 'gsutil'],
  summary: 'deletes Google Cloud resources',
  consequence: 'Instances, databases, buckets, objects or whole projects are deleted with their data.',
  alternatives: ['describe the resource first and show a human', 'export or back it up first (gcloud sql export, gsutil cp -r)'],
  match(inv) {
    const call = gcloudCall(inv);
    if (!call) return null;
    const { words, p } = call;
    if (inv.program === 'gsutil') {
      const [op, ...targets] = words;
      if (op === 'rb') return { target: targets.join(' ') };
      if (op === 'rm' && (p.has('-r', '-R', '-a') || targets.some((t) => t.includes('*')))) return { target: targets.join(' '), summary: `gsutil rm of everything under ${targets.join(' ')}` };
      // One object is still data no one gets back without object versioning.
      if (op === 'rm' || op === 'rsync') return singleOrSync(inv, op);
      return null;
    }
    // A disabled key or secret version can be enabled again, but until then nothing can decrypt or read with it.
    if ((words[0] === 'kms' || words[0] === 'secrets') && words.includes('versions') && words.includes('disable'))
      return { effect: 'write', severity: 'high', target: words[words.indexOf('disable') + 1], summary: `gcloud ${words.join(' ')}: nothing can use the version until it is enabled again` };
    const verb = words.findIndex((w) => w === 'delete' || w === 'destroy');
    if (verb >= 0) return { target: words.slice(verb + 1).join(' ') || p.value('--database'), summary: `gcloud ${words.slice(0, verb + 1).join(' ')} ${words.slice(verb + 1).join(' ')}`.trim() };
    if (words[0] === 'storage' && words[1] === 'rm' && p.has('-r', '--recursive', '-a', '--all-versions'))
      return { target: words.slice(2).join(' '), summary: 'gcloud storage rm -r deletes everything under the prefix' };
    if (words[0] === 'storage' && words[1] === 'rm') return { severity: 'medium', target: words.slice(2).join(' '), summary: `gcloud storage rm deletes ${words.slice(2).join(' ')}` };
    if (words[0] === 'storage' && words[1] === 'rsync' && p.has('--delete-unmatched-destination-objects') && !p.has('--dry-run'))
      return { target: words[words.length - 1], summary: `gcloud storage rsync deletes objects in ${words[words.length - 1]} that the source lacks` };
    // Backends taken out of a load balancer stop getting traffic at once, as an undeployed API proxy stops serving.
    const out = words[0] === 'compute' ? words.find((w) => w === 'remove-backend' || w === 'remove-instances') : undefined;
    if (out) return { severity: 'medium', target: words[words.indexOf(out) + 1], summary: `gcloud ${words.slice(0, words.indexOf(out) + 2).join(' ')} takes backends out of the load balancer` };
    if (words[0] === 'apigee' && words.includes('undeploy')) return { severity: 'medium', target: words[words.length - 1], summary: `gcloud ${words.join(' ')} takes the API proxy out of service` };
    return null;
  },
});

/** gcloud verbs that change something in the cloud. */
const CHANGES =
  /^(deploy|create|update|import|patch|apply|restart|start|stop|resize|reset|failover|rollback|promote-replica|clone|restore|enable|disable|publish|upload|execute|add-[a-z-]+|remove-[a-z-]+|set-[a-z-]+|update-[a-z-]+)$/;
/** Groups that change only this machine's gcloud (its configuration, credentials, components). */
const LOCAL_GROUPS = new Set(['config', 'auth', 'components', 'init', 'info', 'topic', 'help', 'emulators']);

export const change = rule({
  id: 'gcp/change',
  effect: 'write',
  severity: 'medium',
  programs: ['gcloud', 'gsutil'],
  summary: 'changes Google Cloud resources',
  consequence: 'Services are deployed, databases imported into, objects uploaded or settings changed in the project.',
  alternatives: ['describe the resource first and show a human what would change'],
  match(inv) {
    const call = gcloudCall(inv);
    if (!call) return null;
    const { words } = call;
    if (inv.program === 'gsutil' || words[0] === 'storage') {
      const [op, ...operands] = inv.program === 'gsutil' ? words : words.slice(1);
      const destination = ['cp', 'mv', 'rsync'].includes(op ?? '') ? bucketDestination(operands) : undefined;
      return destination ? { target: destination, summary: `${inv.program === 'gsutil' ? 'gsutil' : 'gcloud storage'} ${op} into ${destination}` } : null;
    }
    if (LOCAL_GROUPS.has(words[0] ?? '')) return null;
    const verb = words.findIndex((w) => CHANGES.test(w));
    if (verb < 0) return null;
    const target = words.slice(verb + 1).join(' ') || undefined;
    return { target, summary: `gcloud ${words.slice(0, verb + 1).join(' ')}${target ? ` ${target}` : ''}` };
  },
});

/** Flags of `gcloud sql instances patch` that take away the way back (AWS's --no-deletion-protection and --backup-retention-period 0 alike). */
const UNPROTECT: Readonly<Record<string, string>> = {
  '--no-backup': 'turns off automated backups',
  '--no-enable-point-in-time-recovery': 'turns off point-in-time recovery',
  '--no-enable-bin-log': 'turns off the binary log that point-in-time recovery replays',
  '--no-deletion-protection': 'turns off deletion protection',
};

export const gcloudUnprotect = rule({
  id: 'gcp/remove-protection',
  effect: 'destroy',
  severity: 'critical',
  programs: ['gcloud'],
  summary: 'removes the protection that keeps a Cloud SQL database recoverable',
  consequence: 'Without automated backups, point-in-time recovery or deletion protection, a later delete or failure cannot be undone.',
  alternatives: ['leave protection on; ask the human, who can remove it deliberately'],
  match(inv) {
    const p = parseOptions(inv.argv.slice(1), { value: ['--project', '--zone', '--region', '--format', '--configuration', '--account'] });
    const words = p.positionals.map((a) => a.text);
    if (words[0] !== 'sql' || words[1] !== 'instances' || words[2] !== 'patch' || p.has('--help')) return null;
    const removed = Object.keys(UNPROTECT).filter((flag) => p.has(flag));
    return removed.length ? { target: words[3], summary: `gcloud sql instances patch ${words[3] ?? ''} ${removed.map((f) => UNPROTECT[f]).join(', ')}` } : null;
  },
});

/** `gsutil rm` of named objects, and `gsutil rsync -d`, read with their own options (`-a` is an ACL for rsync, all versions for rm). */
function singleOrSync(inv: Invocation, op: string): Hit | null {
  const p = parseOptions(inv.argv.slice(1), { value: ['-o', '-h', '-x', '-y', '-a', '-j', '-J', '-I'] });
  const words = p.positionals.map((a) => a.text).filter((w) => w !== op);
  if (op === 'rm') return words.length ? { severity: 'medium', target: words.join(' '), summary: `gsutil rm deletes ${words.join(' ')}` } : null;
  if (!p.has('-d') || p.has('-n')) return null;
  const dest = words[words.length - 1];
  return { target: dest, summary: `gsutil rsync -d deletes objects in ${dest ?? 'the destination'} that the source lacks` };
}

export const pack = [gcloud, change, gcloudUnprotect];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['gcp'], options: { '--project': names.project, '--region': names.region } };
