// Google Cloud: gcloud deletes (SQL, projects, storage, clusters, Firestore), gsutil and gcloud storage
// removal (one object is data too), syncs that delete at the destination, and the changes gcloud makes
// (deploys, imports, uploads), which are production writes when the project, bucket or name says so.

import type { Invocation } from '../core/invocation.js';
import { parseOptions, type ParsedOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

interface Gcloud {
  words: string[];
  p: ParsedOptions;
}

function gcloudCall(inv: Invocation): Gcloud | null {
  const p = parseOptions(inv.argv.slice(1), {
    value: ['--project', '--zone', '--region', '--format', '--filter', '--configuration', '--account', '--database', '-h', '--image', '--source', '--service-account', '--platform', '--uri'],
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
      if (op === 'rm') return { severity: 'high', target: targets.join(' '), summary: `gsutil rm deletes ${targets.join(' ')}` };
      if (op === 'rsync' && p.has('-d') && !p.has('-n'))
        return { severity: 'high', target: targets[targets.length - 1], summary: `gsutil rsync -d deletes objects in ${targets[targets.length - 1]} that are not in the source` };
      return null;
    }
    const verb = words.findIndex((w) => w === 'delete' || w === 'destroy');
    if (verb >= 0) return { target: words.slice(verb + 1).join(' ') || p.value('--database'), summary: `gcloud ${words.slice(0, verb + 1).join(' ')} ${words.slice(verb + 1).join(' ')}`.trim() };
    if (words[0] !== 'storage') return null;
    if (words[1] === 'rm' && p.has('-r', '--recursive', '-a', '--all-versions')) return { target: words.slice(2).join(' '), summary: 'gcloud storage rm -r deletes everything under the prefix' };
    if (words[1] === 'rm') return { severity: 'high', target: words.slice(2).join(' '), summary: `gcloud storage rm deletes ${words.slice(2).join(' ')}` };
    if (words[1] === 'rsync' && p.has('--delete-unmatched-destination-objects') && !p.has('--dry-run'))
      return { severity: 'high', target: words[words.length - 1], summary: `gcloud storage rsync deletes objects in ${words[words.length - 1]} that are not in the source` };
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

export const pack = [gcloud, change];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['gcp'], options: { '--project': names.project, '--region': names.region } };
