// What a Terraform plan (the JSON of `terraform show -json PLAN`) would do, in the terms a human
// deciding needs: how many resources it creates, updates, deletes and replaces, and which of the
// deleted or replaced ones hold data or its backups, with what protects them. Pure: the plan comes in
// as parsed JSON, and anything malformed in it is skipped, never trusted to mean "nothing".

import type { TerraformPlanFacts } from '../core/finding.js';
import { statefulKind } from './stateful-resources.js';

/** The plan in counts (a replace is a delete too) and the stateful resources it removes. */
export type PlanSummary = TerraformPlanFacts;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A nested block: Terraform's JSON gives `versioning = [{ enabled = true }]` for a block. */
const block = (v: unknown): Json | undefined => (Array.isArray(v) && isObject(v[0]) ? v[0] : isObject(v) ? v : undefined);

/** Plan actions as Terraform writes them: ["delete","create"] or ["create","delete"] is a replace. */
function actionOf(actions: unknown): 'create' | 'update' | 'delete' | 'replace' | null {
  if (!Array.isArray(actions)) return null;
  if (actions.includes('delete') && actions.includes('create')) return 'replace';
  if (actions.includes('delete')) return 'delete';
  if (actions.includes('create')) return 'create';
  if (actions.includes('update')) return 'update';
  return null;
}

/** What the resource's attributes before the change say about how it is protected. */
export function protectionsOf(type: string, before: Json): string[] {
  const notes: string[] = [];
  const flag = (value: unknown, on: string, off: string) => {
    if (value === true) notes.push(on);
    else if (value === false) notes.push(off);
  };
  flag(before.deletion_protection, 'deletion protection on: the cloud refuses the delete', 'deletion protection off');
  flag(before.deletion_protection_enabled, 'deletion protection on: the cloud refuses the delete', 'deletion protection off');
  flag(before.skip_final_snapshot, 'no final snapshot is taken', `a final snapshot is taken${typeof before.final_snapshot_identifier === 'string' ? ` (${before.final_snapshot_identifier})` : ''}`);
  if (typeof before.backup_retention_period === 'number') {
    if (before.backup_retention_period === 0) notes.push('no automated backups');
    else if (before.delete_automated_backups !== false) notes.push(`its ${before.backup_retention_period} days of automated backups are deleted with it`);
    else notes.push(`its automated backups are kept (${before.backup_retention_period} days)`);
  }
  if (before.force_destroy === true) notes.push('force_destroy: deleted even with everything still in it');
  const versioning = block(before.versioning);
  if (versioning && typeof versioning.enabled === 'boolean') notes.push(versioning.enabled ? 'versioning on (versions go with the bucket)' : 'versioning off');
  const pitr = block(before.point_in_time_recovery);
  if (pitr && typeof pitr.enabled === 'boolean') notes.push(pitr.enabled ? 'point-in-time recovery on' : 'point-in-time recovery off');
  // Cloud SQL keeps its own switch and backup settings inside `settings`.
  const settings = block(before.settings);
  if (settings) {
    flag(settings.deletion_protection_enabled, 'Cloud SQL deletion protection on', 'Cloud SQL deletion protection off');
    const backups = block(settings.backup_configuration);
    if (backups && typeof backups.enabled === 'boolean') notes.push(backups.enabled ? 'automated backups on (deleted with the instance)' : 'automated backups off');
  }
  if (typeof before.deletion_window_in_days === 'number') notes.push(`the key can be restored for ${before.deletion_window_in_days} days`);
  flag(before.purge_protection_enabled, 'purge protection on', 'purge protection off: it can be purged at once');
  if (type === 'google_bigquery_dataset' && before.delete_contents_on_destroy === true) notes.push('delete_contents_on_destroy: its tables go with it');
  return notes;
}

/** The plan in counts and stateful resources; `extraStateful` are the policy's own types. */
export function summarisePlan(plan: unknown, extraStateful: readonly string[] = []): PlanSummary {
  const summary: PlanSummary = { creates: 0, updates: 0, deletes: 0, replaces: 0, removed: [], stateful: [], backupsWithData: [] };
  const changes = isObject(plan) && Array.isArray(plan.resource_changes) ? plan.resource_changes : [];
  for (const rc of changes) {
    if (!isObject(rc) || rc.mode === 'data' || !isObject(rc.change)) continue;
    const action = actionOf(rc.change.actions);
    if (action === null) continue;
    if (action === 'create') summary.creates++;
    else if (action === 'update') summary.updates++;
    else {
      if (action === 'delete') summary.deletes++;
      else summary.replaces++;
      const address = String(rc.address ?? '(unnamed)');
      const type = String(rc.type ?? '');
      summary.removed.push(address);
      const kind = statefulKind(type, extraStateful);
      if (kind) summary.stateful.push({ address, type, action, kind, protections: protectionsOf(type, isObject(rc.change.before) ? rc.change.before : {}) });
    }
  }
  // The seed's lesson: snapshots deleted together with the database they are the only way back to.
  if (summary.stateful.some((s) => s.kind === 'data')) summary.backupsWithData = summary.stateful.filter((s) => s.kind === 'backup').map((s) => s.address);
  return summary;
}

/** Whether the plan deletes or replaces anything that holds data or its way back. */
export const removesStateful = (s: PlanSummary) => s.stateful.length > 0;

/** The plan in one line: counts, then the stateful resources and what protects them. */
export function describePlan(s: PlanSummary, max = 10): string {
  const counts = `the plan creates ${s.creates}, updates ${s.updates}, deletes ${s.deletes} and replaces ${s.replaces}`;
  const parts = [counts];
  if (s.removed.length) parts.push(`deleted or replaced: ${s.removed.slice(0, max).join(', ')}${s.removed.length > max ? ` and ${s.removed.length - max} more` : ''}`);
  for (const r of s.stateful.slice(0, max))
    parts.push(
      `${r.action === 'replace' ? 'replaces' : 'deletes'} ${r.address} (${[r.kind === 'data' ? 'holds data' : r.kind === 'backup' ? 'a backup' : r.kind === 'key' ? 'an encryption key' : 'a DNS zone', ...r.protections].join(', ')})`,
    );
  if (s.backupsWithData.length) parts.push(`BACKUPS DESTROYED WITH THE DATA THEY PROTECT: ${s.backupsWithData.join(', ')}`);
  return parts.join('; ');
}
