// CloudFormation and SAM: deleting stacks deletes what they created.

import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

const AWS_GLOBAL = { value: ['--profile', '--region', '--output', '--endpoint-url', '--query', '--color', '--ca-bundle', '--cli-read-timeout', '--cli-connect-timeout', '--stack-name'] };

export const deleteStack = rule({
  id: 'cloudformation/delete-stack',
  effect: 'destroy',
  severity: 'critical',
  programs: ['aws'],
  summary: 'deletes a CloudFormation stack and every resource it created',
  consequence: 'Databases, buckets and volumes in the stack are deleted unless they carry a Retain policy.',
  alternatives: ['aws cloudformation describe-stack-resources to show the human what would go', 'enable termination protection on stacks that hold data'],
  match(inv) {
    const words = parseOptions(inv.argv.slice(1), AWS_GLOBAL).positionals.map((a) => a.text);
    if (words[0] !== 'cloudformation' || words[1] !== 'delete-stack' || words.includes('help')) return null;
    return { target: parseOptions(inv.argv.slice(1), AWS_GLOBAL).value('--stack-name') ?? 'a stack' };
  },
});

export const samDelete = rule({
  id: 'aws-sam/delete',
  effect: 'destroy',
  severity: 'critical',
  programs: ['sam'],
  summary: 'deletes the SAM application stack',
  consequence: 'The stack and its resources, tables and buckets included, are deleted.',
  alternatives: ['sam list resources to show the human what would go'],
  match(inv) {
    const words = inv.argv.slice(1).map((a) => a.text);
    return words[0] === 'delete' && !words.includes('--help') && !words.includes('-h');
  },
});

export const pack = [deleteStack, samDelete];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['aws'], options: { '--profile': names.profile, '--region': names.region } };
