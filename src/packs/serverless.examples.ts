// Evidence for the rules in ./serverless.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'serverless/remove': {
    catches: ['npx serverless remove --stage prod --region eu-west-1', 'sls remove -s dev'],
    passes: ['serverless deploy --stage dev', 'sls info', 'serverless remove --help'],
  },
  'serverless/deploy': {
    catches: ['serverless deploy --stage prod', 'sls deploy -s production --region eu-west-1', 'npx serverless deploy function -f api --stage prod', 'sls deploy --package .serverless --stage prod'],
    passes: ['serverless package --stage prod', 'sls info --stage prod', 'serverless deploy --help', 'serverless deploy --noDeploy'],
  },
};
