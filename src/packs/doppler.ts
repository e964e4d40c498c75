// Doppler: deleting secrets, configs, environments or whole projects from the hosted secret store.
// Which config a command acts on is named by -c/--config (by convention dev, stg, prd) or DOPPLER_CONFIG.

import type { Target } from '../core/target.js';
import { subcommandRule } from '../rules/subcommands.js';
import { type TargetSpec, names } from '../rules/targets.js';

const VALUE_OPTIONS = ['-p', '--project', '-c', '--config', '--token', '--api-host', '--scope', '--configuration', '-e', '--environment'];

export const remove = subcommandRule({
  id: 'doppler/delete',
  effect: 'destroy',
  severity: 'critical',
  programs: ['doppler'],
  paths: ['secrets delete', 'configs delete', 'environments delete', 'projects delete'],
  valueOptions: VALUE_OPTIONS,
  summary: 'deletes Doppler secrets, configs, environments or projects',
  consequence: 'Every application that reads these secrets (doppler run, integrations synced from them) loses them; a deleted project takes all its configs.',
  alternatives: ['doppler secrets download --no-file to keep a copy, and show a human what would go', 'delete it in the dashboard, where the change is logged and can be reviewed'],
});

export const change = subcommandRule({
  id: 'doppler/change',
  effect: 'write',
  severity: 'medium',
  programs: ['doppler'],
  paths: ['secrets set', 'secrets upload', 'configs create', 'configs clone', 'configs lock', 'configs unlock', 'configs update', 'environments rename', 'projects update', 'configs tokens revoke'],
  valueOptions: VALUE_OPTIONS,
  summary: 'changes Doppler secrets or configs',
  consequence: 'Applications pick up the new values on their next start or sync; the config log keeps the earlier ones for a rollback.',
  alternatives: ['doppler secrets get NAME first and show a human the change'],
});

export const pack = [remove, change];

/** What its commands act on (src/rules/targets.ts): the project and config, by flag or by variable. */
export const targets: TargetSpec = {
  options: { '-p': names.app, '--project': names.app, '-c': names.environment, '--config': names.environment, '--api-host': names.url },
  of(inv) {
    const out: Target[] = [];
    const config = inv.env.DOPPLER_CONFIG;
    if (config?.static) out.push({ type: 'app', environment: config.text, source: 'DOPPLER_CONFIG=… on the command' });
    const project = inv.env.DOPPLER_PROJECT;
    if (project?.static) out.push({ type: 'app', name: project.text, source: 'DOPPLER_PROJECT=… on the command' });
    return out;
  },
};
