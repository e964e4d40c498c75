// MinIO client (mc): removing buckets and objects, and mirrors that delete at the destination. Its
// targets are ALIAS/bucket/object paths, the alias naming the deployment (`prod/uploads`).

import type { Target } from '../core/target.js';
import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import type { TargetSpec } from '../rules/targets.js';

const MC_VALUES = [
  '-C',
  '--config-dir',
  '--older-than',
  '--newer-than',
  '--version-id',
  '--vid',
  '--rewind',
  '--encrypt-key',
  '--enc-kms',
  '--enc-s3',
  '--enc-c',
  '--exclude',
  '--exclude-bucket',
  '--exclude-storageclass',
  '--storage-class',
  '--attr',
  '--region',
  '--limit-upload',
  '--limit-download',
  '--summary-interval',
  '--monitoring-address',
  '--retry',
];

export const mcRemove = rule({
  id: 'minio/remove',
  effect: 'destroy',
  severity: 'high',
  programs: ['mc'],
  summary: 'deletes MinIO or S3 buckets and objects with mc',
  consequence:
    'mc rm deletes the objects it names (with --recursive, everything under the prefix); mc rb deletes the bucket; mc mirror --remove deletes what the destination holds that the source lacks. Without versioning nothing is kept.',
  alternatives: ['run it with --dry-run and show the list to a human', 'mc ls --recursive first, or mc mirror without --remove'],
  match(inv) {
    const p = parseOptions(inv.argv.slice(1), { value: MC_VALUES });
    if (p.has('--dry-run', '--fake', '--help', '-h')) return null;
    const [verb, ...paths] = p.positionals.map((a) => a.text);
    if (verb === 'rm') {
      const all = p.has('--recursive', '-r') && p.has('--force');
      return {
        severity: all ? 'critical' : 'high',
        target: paths.join(' '),
        summary: all ? `mc rm --recursive --force deletes everything under ${paths.join(' ')}` : `mc rm deletes ${paths.join(' ')}`,
      };
    }
    if (verb === 'rb') return { severity: 'critical', target: paths.join(' '), summary: `mc rb deletes the bucket ${paths.join(' ')}${p.has('--force') ? ' and every object in it' : ''}` };
    if (verb === 'mirror' && p.has('--remove')) return { target: paths[1], summary: `mc mirror --remove deletes what ${paths[1] ?? 'the destination'} holds that ${paths[0] ?? 'the source'} lacks` };
    // The deeper commands remove users, policies, lifecycle rules, replication targets and events.
    const deeper = paths.slice(0, 3).findIndex((w) => w === 'rm' || w === 'remove' || w === 'delete');
    if (verb && deeper >= 0) return { target: paths.slice(deeper + 1).join(' '), summary: `mc ${[verb, ...paths.slice(0, deeper + 1)].join(' ')} ${paths.slice(deeper + 1).join(' ')}`.trim() };
    return null;
  },
});

export const pack = [mcRemove];

/** What its commands act on (src/rules/targets.ts): each ALIAS/bucket path names its deployment by the alias. */
export const targets: TargetSpec = {
  of(_inv, parsed) {
    const out: Target[] = [];
    for (const arg of parsed.positionals.slice(1)) {
      const alias = /^([A-Za-z0-9_.-]+)\/[^/]/.exec(arg.text)?.[1];
      if (alias && arg.static && alias !== '.' && alias !== '..') out.push({ type: 'name', kind: 'name', value: alias, source: 'the mc alias' });
    }
    return out;
  },
};
