// s3cmd: deleting objects and buckets, and syncs with --delete-removed or --delete-after-fetch.

import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

export const s3cmdDelete = rule({
  id: 's3cmd/delete',
  effect: 'destroy',
  severity: 'high',
  programs: ['s3cmd'],
  summary: 'deletes S3 objects or buckets with s3cmd',
  consequence:
    'del and rm delete what they name (with --recursive, everything under the prefix); sync --delete-removed deletes destination objects the source lacks; without versioning nothing is kept.',
  alternatives: ['run it with --dry-run and show the list to a human', 'enable versioning on the bucket first'],
  match(inv) {
    const p = parseOptions(inv.argv.slice(1), {
      value: [
        '-c',
        '--config',
        '--exclude',
        '--include',
        '--rexclude',
        '--rinclude',
        '--exclude-from',
        '--include-from',
        '--max-delete',
        '--host',
        '--host-bucket',
        '--region',
        '--bucket-location',
        '--access_key',
        '--secret_key',
      ],
    });
    if (p.has('-n', '--dry-run', '--help', '-h')) return null;
    const [verb, ...paths] = p.positionals.map((a) => a.text);
    const target = paths.join(' ');
    if (verb === 'del' || verb === 'rm') return { severity: p.has('-r', '--recursive') ? 'critical' : 'high', target, summary: `s3cmd ${verb} deletes ${target}` };
    if (verb === 'rb')
      return p.has('-r', '--recursive', '-f', '--force')
        ? { target, summary: `s3cmd rb deletes ${target} and what it holds` }
        : { effect: 'write', severity: 'low', target, summary: `s3cmd rb ${target}` };
    if (verb === 'sync' && p.has('--delete-removed'))
      return { target: paths[paths.length - 1], summary: `s3cmd sync --delete-removed deletes what ${paths[paths.length - 1] ?? 'the destination'} holds that the source lacks` };
    if ((verb === 'sync' || verb === 'get') && p.has('--delete-after-fetch'))
      return { target: paths[0], summary: `s3cmd ${verb} --delete-after-fetch deletes ${paths[0] ?? 'the objects'} once fetched` };
    return null;
  },
});

export const pack = [s3cmdDelete];

/** What its commands act on (src/rules/targets.ts): an S3-compatible endpoint named by --host, and the config file that picks one. */
export const targets: TargetSpec = { options: { '--host': names.url, '-c': names.config, '--config': names.config } };
