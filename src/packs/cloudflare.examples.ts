// Evidence for the rules in ./cloudflare.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'cloudflare/wrangler': {
    catches: [
      'npx wrangler r2 bucket delete acme-prod-assets',
      'wrangler d1 delete acme-db',
      'wrangler kv namespace delete --namespace-id 0f2a',
      "wrangler d1 execute acme-db --remote --command 'DELETE FROM users'",
      'wrangler delete --name api',
    ],
    passes: [
      'npx wrangler kv key list --namespace-id 0f2ac74b498b48028cb68387c421e279',
      "wrangler d1 execute acme-db --local --command 'DELETE FROM users'",
      "wrangler d1 execute acme-db --remote --command 'SELECT 1'",
      'wrangler deploy',
    ],
  },
  'cloudflare/deploy': {
    catches: [
      'wrangler deploy --env production',
      'npx wrangler deploy -e prod',
      'wrangler versions deploy',
      'wrangler secret put API_KEY --env production',
      'wrangler pages deploy dist --project-name acme-prod',
    ],
    passes: ['wrangler dev', 'wrangler deploy --dry-run --env production', 'wrangler whoami', 'wrangler tail --env production', 'wrangler deploy --help'],
  },
};
