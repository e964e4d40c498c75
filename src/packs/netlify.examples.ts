// Evidence for the rules in ./netlify.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'netlify/delete': {
    catches: ['netlify sites:delete 1234-abcd --force', 'netlify sites delete 1234'],
    passes: ['netlify deploy --prod', 'netlify sites:list', 'netlify status'],
  },
  'netlify/deploy': {
    catches: ['netlify deploy --prod', 'netlify deploy --prod --dir dist', 'ntl deploy -p', 'netlify deploy --dir dist', 'netlify env:set API_URL https://api.acme.com --context production'],
    passes: ['netlify status', 'netlify sites:list', 'netlify deploy --help', 'netlify env:list', 'netlify dev'],
  },
};
