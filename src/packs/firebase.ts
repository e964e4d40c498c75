// Firebase: deleting Firestore, Realtime Database data, functions and their secrets.

import { subcommandRule } from '../rules/subcommands.js';
import { type TargetSpec, names } from '../rules/targets.js';

export const deletes = subcommandRule({
  id: 'firebase/delete',
  effect: 'destroy',
  severity: 'critical',
  programs: ['firebase'],
  paths: ['firestore:delete', 'database:remove', 'hosting:disable', 'functions:delete', 'projects:delete', 'storage:delete', 'auth:delete', 'functions:secrets:destroy', 'functions:secrets:prune'],
  valueOptions: ['--project', '-P', '--token'],
  unless: ['--dry-run'],
  summary: 'deletes Firebase data or services',
  consequence: 'Firestore documents, Realtime Database data or deployed functions are deleted; there is no undo.',
  alternatives: ['export first (gcloud firestore export)', 'show a human the path'],
});

export const pack = [deletes];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { options: { '--project': names.project, '-P': names.project } };
