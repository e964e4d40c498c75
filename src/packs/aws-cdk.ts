// AWS CDK: `cdk destroy` deletes the CloudFormation stacks it deployed.

import { rule } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

export const destroy = rule({
  id: 'aws-cdk/destroy',
  effect: 'destroy',
  severity: 'critical',
  programs: ['cdk'],
  summary: 'deletes the CDK stacks and their resources',
  consequence: 'Every resource without a retain policy is deleted, databases and buckets included.',
  alternatives: ['cdk diff to show the human what the stack holds', 'set RemovalPolicy.RETAIN on stateful resources'],
  match(inv) {
    const words = inv.argv.slice(1).map((a) => a.text);
    if (words.includes('--help') || words.includes('-h')) return null;
    return words.find((w) => !w.startsWith('-')) === 'destroy';
  },
});

export const pack = [destroy];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['aws'], options: { '--profile': names.profile } };
