// Evidence for the rules in ./cloudformation.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'cloudformation/delete-stack': {
    catches: ['aws cloudformation delete-stack --stack-name prod-db', 'aws --region eu-west-1 cloudformation delete-stack --stack-name app'],
    passes: ['aws cloudformation describe-stacks', 'aws cloudformation deploy --template-file t.yml --stack-name app', 'aws cloudformation delete-stack help'],
  },
  'aws-sam/delete': {
    catches: ['sam delete --no-prompts', 'sam delete --stack-name prod-api'],
    passes: ['sam build', 'sam deploy --guided', 'sam delete --help'],
  },
};
