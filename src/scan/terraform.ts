// Terraform configurations read for what would make a destroy unrecoverable: stateful resources (the
// preflight's list: databases, volumes, buckets, snapshots, vaults, keys, zones) without
// `prevent_destroy`, databases without deletion protection or with their final snapshot skipped or no
// backup retention, and backups managed by the same state as the data they protect (the incident's
// lesson: the snapshots went with the database). Pure: .tf texts in, findings out. The blocks are found
// by a small reader of HCL's resource blocks, not a full HCL parser: it reads literal settings only.

import { statefulKind } from '../preflight/stateful-resources.js';
import type { ScanFinding } from './findings.js';

export interface TfResource {
  type: string;
  name: string;
  file: string;
  body: string;
}

/** The resource blocks of a .tf text, each with its body (comments taken out, strings kept). */
export function resourcesIn(file: string, text: string): TfResource[] {
  const code = text.replace(/("(?:[^"\\\n]|\\.)*")|#[^\n]*|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (all, str: string | undefined) => str ?? ' '.repeat(all.length));
  const out: TfResource[] = [];
  for (const m of code.matchAll(/\bresource\s+"([\w-]+)"\s+"([\w-]+)"\s*\{/g)) {
    let depth = 1;
    let i = m.index! + m[0].length;
    for (; i < code.length && depth > 0; i++) {
      const c = code[i];
      if (c === '"') {
        const end = /^"(?:[^"\\\n]|\\.)*"/.exec(code.slice(i));
        if (end) i += end[0].length - 1;
      } else if (c === '{') depth++;
      else if (c === '}') depth--;
    }
    out.push({ type: m[1]!, name: m[2]!, file, body: code.slice(m.index! + m[0].length, i - 1) });
  }
  return out;
}

/** A literal setting in a block's body (`key = value` at any depth), or undefined. */
const setting = (body: string, key: string) => new RegExp(`(?:^|\\n)\\s*${key}\\s*=\\s*("?)([^"\\n]*)\\1`).exec(body)?.[2]?.trim();

/** Database types that have a deletion protection switch, and what it is called. */
const PROTECTION: Record<string, string> = {
  aws_db_instance: 'deletion_protection',
  aws_rds_cluster: 'deletion_protection',
  aws_docdb_cluster: 'deletion_protection',
  aws_neptune_cluster: 'deletion_protection',
  aws_dynamodb_table: 'deletion_protection_enabled',
  google_sql_database_instance: 'deletion_protection',
  google_spanner_database: 'deletion_protection',
  google_bigtable_instance: 'deletion_protection',
  azurerm_postgresql_flexible_server: 'prevent_destroy',
};
const SNAPSHOTTED = new Set(['aws_db_instance', 'aws_rds_cluster', 'aws_docdb_cluster', 'aws_neptune_cluster', 'aws_redshift_cluster']);

export function terraformFindings(resources: readonly TfResource[], extraStateful: readonly string[] = []): ScanFinding[] {
  const out: ScanFinding[] = [];
  const at = (r: TfResource) => `${r.file} (${r.type}.${r.name})`;
  for (const r of resources) {
    const kind = statefulKind(r.type, extraStateful);
    if (!kind) continue;
    if (setting(r.body, 'prevent_destroy') !== 'true')
      out.push({
        id: 'terraform/no-prevent-destroy',
        severity: 'warning',
        message: `${r.type}.${r.name} holds ${kind === 'backup' ? 'a backup' : kind === 'key' ? 'a key data depends on' : kind === 'zone' ? 'a DNS zone' : 'data'}, and nothing stops a destroy or a replace from deleting it`,
        where: at(r),
        fix: 'add lifecycle { prevent_destroy = true }',
      });
    const flag = PROTECTION[r.type];
    if (flag && flag !== 'prevent_destroy' && setting(r.body, flag) !== 'true')
      out.push({
        id: 'terraform/no-deletion-protection',
        severity: 'error',
        message: `${r.type}.${r.name} has no ${flag}: the provider deletes it when asked`,
        where: at(r),
        fix: `set ${flag} = true`,
      });
    if (SNAPSHOTTED.has(r.type) && setting(r.body, 'skip_final_snapshot') === 'true')
      out.push({
        id: 'terraform/final-snapshot-skipped',
        severity: 'error',
        message: `${r.type}.${r.name} skips its final snapshot: a destroy leaves no copy`,
        where: at(r),
        fix: 'set skip_final_snapshot = false and a final_snapshot_identifier',
      });
    const retention = setting(r.body, 'backup_retention_period');
    if (SNAPSHOTTED.has(r.type) && retention === '0')
      out.push({
        id: 'terraform/no-backup-retention',
        severity: 'warning',
        message: `${r.type}.${r.name} keeps no automated backups (backup_retention_period = 0)`,
        where: at(r),
        fix: 'set backup_retention_period to a number of days',
      });
  }
  // Backups in the same configuration (and so the same state) as the data they protect.
  const data = resources.filter((r) => statefulKind(r.type, extraStateful) === 'data');
  for (const b of resources.filter((r) => statefulKind(r.type, extraStateful) === 'backup'))
    if (data.length)
      out.push({
        id: 'terraform/backup-with-its-data',
        severity: 'warning',
        message: `${b.type}.${b.name} is managed by the same state as ${data
          .slice(0, 3)
          .map((d) => `${d.type}.${d.name}`)
          .join(', ')}: one destroy deletes the data and its backup together`,
        where: at(b),
        fix: 'manage backups from another state (another account or project), or give them prevent_destroy',
      });
  return out;
}
