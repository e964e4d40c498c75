// Fly.io: destroying apps, volumes and machines, and unsetting secrets; deploys and secrets set, production writes when the app's name says so.

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

export const deploy = subcommandRule({
  id: 'fly/deploy',
  effect: 'write',
  severity: 'medium',
  programs: ['fly', 'flyctl'],
  paths: ['deploy', 'secrets set', 'secrets import', 'scale count', 'scale vm', 'scale memory', 'machine update', 'machines update', 'releases rollback', 'apps restart', 'config save'],
  valueOptions: ['-a', '--app', '-c', '--config', '-r', '--region', '-i', '--image', '--strategy', '--dockerfile', '-e', '--env', '--build-arg'],
  unless: ['--build-only'],
  summary: 'deploys or reconfigures a Fly.io app',
  consequence: 'The app runs the new release, secrets or size; for a production app that is the live service.',
  alternatives: ['fly deploy --build-only first', 'fly status to show a human which app this is'],
});

export const pack = [destroy, deploy];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { options: { '--app': names.app, '-a': names.app } };
