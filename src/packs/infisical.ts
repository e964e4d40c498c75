// Infisical: deleting secrets or whole folders of them from a project's environment. The environment
// is named by --env (dev, staging, prod), the project by --projectId.

import { subcommandRule } from '../rules/subcommands.js';
import { type TargetSpec, names } from '../rules/targets.js';

const VALUE_OPTIONS = ['--env', '--path', '--projectId', '--token', '--domain', '--type', '--name', '--output', '--tags'];

export const remove = subcommandRule({
  id: 'infisical/delete',
  effect: 'destroy',
  severity: 'critical',
  programs: ['infisical'],
  paths: ['secrets delete', 'secrets folders delete'],
  valueOptions: VALUE_OPTIONS,
  summary: 'deletes Infisical secrets or folders of secrets',
  consequence: 'Applications that read these secrets (infisical run, agents, integrations) lose them; a folder goes with every secret in it.',
  alternatives: ['infisical export --env=<env> to keep a copy, and show a human what would go'],
});

export const change = subcommandRule({
  id: 'infisical/change',
  effect: 'write',
  severity: 'medium',
  programs: ['infisical'],
  paths: ['secrets set', 'secrets folders create'],
  valueOptions: VALUE_OPTIONS,
  summary: 'sets Infisical secrets',
  consequence: 'Applications get the new values on their next fetch; the secret keeps its earlier versions.',
  alternatives: ['infisical secrets get NAME --env=<env> first and show a human the change'],
});

export const pack = [remove, change];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { options: { '--env': names.environment, '--projectId': names.app, '--domain': names.url } };
