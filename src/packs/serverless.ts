// Serverless Framework: `serverless remove` tears down the deployed service.

import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

export const remove = rule({
  id: 'serverless/remove',
  effect: 'destroy',
  severity: 'critical',
  programs: ['serverless', 'sls'],
  summary: 'removes the deployed service and its CloudFormation stack',
  consequence: 'Functions, tables and buckets of that stage are deleted.',
  alternatives: ['serverless info --stage <stage> to show the human what is deployed'],
  match(inv) {
    const parsed = parseOptions(inv.argv.slice(1), { value: ['--stage', '-s', '--region', '-r', '--aws-profile', '--config', '-c'] });
    if (parsed.has('--help', '-h')) return null;
    return parsed.positionals[0]?.text === 'remove' ? { target: `stage ${parsed.value('--stage', '-s') ?? '(default)'}` } : null;
  },
});

export const pack = [remove];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = {
  acts: ['aws'],
  options: { '--stage': names.stage, '-s': names.stage, '--region': names.region, '--profile': names.profile, '-c': names.config, '--config': names.config },
};
