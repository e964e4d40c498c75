// Fly.io: destroying apps, volumes and machines, and unsetting secrets.

import { subcommandRule } from '../rules/subcommands.js';
import { type TargetSpec, names } from '../rules/targets.js';

export const destroy = subcommandRule({
  id: 'fly/destroy',
  effect: 'destroy',
  severity: 'critical',
  programs: ['fly', 'flyctl'],
  paths: [
    'apps destroy',
    'apps delete',
    'destroy',
    'volumes destroy',
    'volumes delete',
    'volume destroy',
    'volume delete',
    'machine destroy',
    'machines destroy',
    'postgres destroy',
    'pg destroy',
    'mpg destroy',
    // Secrets can't be read back: an unset one is gone, and the app redeploys without it.
    'secrets unset',
  ],
  valueOptions: ['-a', '--app', '-c', '--config', '-r', '--region'],
  summary: 'destroys a Fly.io app, volume or machine',
  consequence: 'Volumes are deleted with their data; a destroyed app takes its machines and volumes with it.',
  alternatives: ['fly volumes snapshots create <vol> first', 'fly status to show a human what it is'],
});

export const pack = [destroy];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { options: { '--app': names.app, '-a': names.app } };
