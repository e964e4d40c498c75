// Evidence for the rules in ./capistrano.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'capistrano/deploy': {
    catches: ['cap production deploy', 'bundle exec cap staging deploy:rollback', 'cap production deploy BRANCH=hotfix', 'cap production deploy:migrate'],
    passes: ['cap -T', 'cap production deploy:check', 'cap production doctor', 'cap production deploy --dry-run', 'cap install'],
  },
};
