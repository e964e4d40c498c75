// Turso: destroying databases and groups.

import { subcommandRule } from '../rules/subcommands.js';

export const destroy = subcommandRule({
  id: 'turso/destroy',
  effect: 'destroy',
  severity: 'critical',
  programs: ['turso'],
  paths: ['db destroy', 'db delete', 'group destroy', 'group delete', 'org destroy'],
  valueOptions: ['--group', '--org'],
  summary: 'destroys a Turso database or group',
  consequence: 'The database and every row in it are deleted.',
  alternatives: ['turso db shell <db> .dump > backup.sql first'],
  catches: ['turso db destroy acme-prod --yes', 'turso group destroy default'],
  passes: ['turso db list', 'turso db show acme', 'turso db create acme-dev'],
});

export const pack = [destroy];
