// Evidence for the rules in ./pulumi.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'pulumi/destroy': {
    catches: ['pulumi destroy --yes', 'pulumi destroy -s acme/prod -y', 'pulumi stack rm acme/dev --yes', 'pulumi state delete urn:pulumi:prod::app::aws:rds/instance:Instance::db'],
    passes: ['pulumi preview --diff --stack acme/dev', 'pulumi stack ls', 'pulumi destroy --preview-only', 'pulumi up --help'],
  },
  'pulumi/replace': {
    catches: [
      'pulumi up --replace urn:pulumi:prod::app::aws:rds/instance:Instance::db',
      'pulumi up --yes --target-replace urn:pulumi:prod::app::aws:s3/bucket:Bucket::data',
      'pulumi update -s acme/prod --replace=urn:x',
    ],
    passes: ['pulumi preview --replace urn:pulumi:prod::app::aws:rds/instance:Instance::db', 'pulumi up --yes', 'pulumi up --help'],
  },
};
