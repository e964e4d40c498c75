// Evidence for the rules in ./serverless.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'serverless/remove': {
    catches: ['npx serverless remove --stage prod --region eu-west-1', 'sls remove -s dev'],
    passes: ['serverless deploy --stage dev', 'sls info', 'serverless remove --help'],
  },
};
