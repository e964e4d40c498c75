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
      'wrangler kv key delete --binding SESSIONS user:42',
      'npx wrangler kv:key delete --namespace-id 0f2a "config"',
      'wrangler kv key delete --namespace-id 0f2a flags --remote',
      'wrangler kv bulk delete --binding CACHE keys.json',
      'wrangler kv:bulk delete --namespace-id 0f2a keys.json',
      'wrangler r2 object delete acme-assets/logo.png',
      'wrangler r2 object delete acme-assets/reports/2024.csv --remote',
      'wrangler secret delete STRIPE_KEY',
      'wrangler queues delete jobs',
      'wrangler vectorize delete docs-index',
      'wrangler pages project delete marketing-site',
    ],
    passes: [
      'wrangler secret list',
      'wrangler secret put STRIPE_KEY',
      'npx wrangler kv key list --namespace-id 0f2ac74b498b48028cb68387c421e279',
      "wrangler d1 execute acme-db --local --command 'DELETE FROM users'",
      "wrangler d1 execute acme-db --remote --command 'SELECT 1'",
      'wrangler deploy',
      'wrangler kv key get --binding SESSIONS user:42',
      'wrangler kv key delete --binding SESSIONS user:42 --local',
      'wrangler kv key put --binding FLAGS beta true',
      'wrangler r2 object get acme-assets/logo.png --file logo.png',
      'wrangler r2 object delete acme-assets/logo.png --local',
      'wrangler kv bulk delete --help',
      'wrangler secret list',
      'wrangler queues list',
    ],
  },
  'cloudflare/flarectl-delete': {
    catches: [
      'flarectl dns delete --zone example.com --id 372e67954025e0ba6aaa6d586b9e0b59',
      'flarectl d d --zone example.com --id 372e6795',
      'flarectl zone delete --zone old-example.com',
      'flarectl firewall access-rules delete --zone example.com --id 92f17202ed8bd63d69a66b86a49a8f6b',
    ],
    passes: [
      'flarectl dns list --zone example.com',
      'flarectl dns create --zone example.com --name www --type CNAME --content example.com',
      'flarectl zone purge --zone example.com --everything',
      'flarectl dns delete --help',
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
