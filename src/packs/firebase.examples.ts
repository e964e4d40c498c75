// Evidence for the rules in ./firebase.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'firebase/delete': {
    catches: [
      'firebase functions:secrets:destroy STRIPE_KEY',
      'firebase functions:secrets:prune --force',
      'firebase firestore:delete --all-collections --force',
      'firebase database:remove / --force',
      'firebase functions:delete api',
    ],
    passes: ['firebase functions:secrets:access STRIPE_KEY', 'firebase functions:secrets:prune --dry-run', 'firebase deploy --only hosting', 'firebase firestore:indexes', 'firebase projects:list'],
  },
};
