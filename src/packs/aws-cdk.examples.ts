// Evidence for the rules in ./aws-cdk.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'aws-cdk/destroy': {
    catches: ['npx cdk destroy --force', 'cdk destroy MyStack', 'cdk destroy --all'],
    passes: ['npx cdk synth', 'cdk diff', 'cdk deploy --help', 'cdk ls'],
  },
};
