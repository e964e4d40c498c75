// Evidence for the rules in ./cloudflare.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'cloudflare/wrangler': {
    catches: [
      'wrangler secret delete STRIPE_KEY --env production',
      'wrangler versions secret delete STRIPE_KEY',
      'npx wrangler r2 bucket delete acme-prod-assets',
      'wrangler d1 delete acme-db',
      'wrangler kv namespace delete --namespace-id 0f2a',
      "wrangler d1 execute acme-db --remote --command 'DELETE FROM users'",
      'wrangler delete --name api',
    ],
    passes: [
      'wrangler secret list',
      'wrangler secret put STRIPE_KEY',
      'npx wrangler kv key list --namespace-id 0f2ac74b498b48028cb68387c421e279',
      "wrangler d1 execute acme-db --local --command 'DELETE FROM users'",
      "wrangler d1 execute acme-db --remote --command 'SELECT 1'",
      'wrangler deploy',
    ],
  },
};
