// Evidence for the rules in ./vercel.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'vercel/remove': {
    catches: ['vercel remove acme-web --yes', 'vercel project rm acme', 'vc rm https://acme.vercel.app'],
    passes: ['vercel ls acme-web', 'vercel deploy', 'vercel env ls'],
  },
  'vercel/deploy': {
    catches: ['vercel --prod', 'vercel deploy --prod', 'vercel', 'vercel ./site --prod --yes', 'vc deploy --target production', 'vercel promote https://acme-abc123.vercel.app', 'vercel rollback'],
    passes: ['vercel ls', 'vercel env pull .env.local', 'vercel dev', 'vercel build --prod', 'vercel --prod --help', 'vercel --version', 'vercel whoami', 'vercel logs acme.vercel.app'],
  },
};
