// Serverless Framework: `serverless remove` tears down the deployed service; deploys are production
// writes on a production stage.

import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { subcommandRule } from '../rules/subcommands.js';
import { type TargetSpec, names } from '../rules/targets.js';

const SERVERLESS_VALUES = ['--stage', '-s', '--region', '-r', '--aws-profile', '--config', '-c', '-f', '--function', '-d', '--data', '--path', '-p', '--package'];

export const remove = rule({
  id: 'serverless/remove',
  effect: 'destroy',
  severity: 'critical',
  programs: ['serverless', 'sls'],
  summary: 'removes the deployed service and its CloudFormation stack',
  consequence: 'Functions, tables and buckets of that stage are deleted.',
  alternatives: ['serverless info --stage <stage> to show the human what is deployed'],
  match(inv) {
    const parsed = parseOptions(inv.argv.slice(1), { value: SERVERLESS_VALUES });
    if (parsed.has('--help', '-h')) return null;
    return parsed.positionals[0]?.text === 'remove' ? { target: `stage ${parsed.value('--stage', '-s') ?? '(default)'}` } : null;
  },
});

export const deploy = subcommandRule({
  id: 'serverless/deploy',
  effect: 'write',
  severity: 'medium',
  programs: ['serverless', 'sls'],
  paths: ['deploy', 'rollback', 'invoke'],
  valueOptions: SERVERLESS_VALUES,
  unless: ['--noDeploy'],
  summary: 'deploys the service (or runs a function) on a stage',
  consequence: 'The stage runs the new code and configuration; on a production stage that is the live service.',
  alternatives: ['serverless package first, and serverless info --stage <stage> to show a human where it goes'],
});

export const pack = [remove, deploy];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = {
  acts: ['aws'],
  options: { '--stage': names.stage, '-s': names.stage, '--region': names.region, '--profile': names.profile, '-c': names.config, '--config': names.config },
};
