// Evidence for the rules in ./s3cmd.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  's3cmd/delete': {
    catches: [
      's3cmd del s3://acme-uploads/avatars/42.png',
      's3cmd rm --recursive --force s3://acme-tmp/exports/',
      's3cmd rb --recursive s3://acme-old',
      's3cmd sync --delete-removed ./site/ s3://acme-site/',
      's3cmd sync --delete-after-fetch s3://acme-inbox/ ./inbox/',
    ],
    passes: [
      's3cmd ls s3://acme-uploads',
      's3cmd put report.pdf s3://acme-docs/report.pdf',
      's3cmd sync ./site/ s3://acme-site/',
      's3cmd sync --dry-run --delete-removed ./site/ s3://acme-site/',
      's3cmd rb s3://acme-empty',
    ],
  },
};
