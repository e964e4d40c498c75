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
});

export const pack = [destroy];
