// Evidence for the rules in ./fly.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'fly/destroy': {
    catches: ['fly secrets unset STRIPE_KEY -a acme-prod', 'fly volumes destroy vol_8yx2k4m0q --yes', 'flyctl apps destroy acme-prod -y', 'fly machine destroy 1234 --force'],
    passes: ['fly secrets list -a acme-prod', 'fly secrets set STRIPE_KEY=x -a acme-prod', 'fly status', 'fly volumes list', 'fly deploy'],
  },
  'fly/deploy': {
    catches: ['fly deploy -a myapp-production', 'flyctl deploy --app acme-prod --strategy rolling', 'fly secrets set STRIPE_KEY=x -a acme-prod', 'fly scale count 0 -a acme-prod'],
    passes: ['fly status -a myapp-production', 'fly deploy --build-only', 'fly logs -a acme-prod', 'fly secrets list -a acme-prod', 'fly deploy --help'],
  },
};
