// Evidence for the rules in ./rails.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'rails/database-task': {
    catches: [
      'bin/rails db:schema:load RAILS_ENV=production DISABLE_DATABASE_ENVIRONMENT_CHECK=1',
      'bin/rails db:seed:replant',
      'bin/rails db:truncate_all',
      'rake db:drop',
      'bin/rails db:reset',
      "kamal app exec 'bin/rails db:rollback STEP=10'",
      'DISABLE_DATABASE_ENVIRONMENT_CHECK=1 RAILS_ENV=test bin/rails db:drop',
    ],
    passes: ['bin/rails db:migrate', 'RAILS_ENV=test bin/rails db:reset', 'bin/rails db:migrate:status', 'bin/rails routes', 'bin/rails db:drop --help'],
  },
  'rails/runner-mass-delete': {
    catches: ["bin/rails runner -e production 'User.delete_all'", "rails runner 'Order.destroy_all'", "rails r 'Account.where(x: 1).or(Account.all).delete_all'"],
    passes: ["bin/rails runner 'puts User.count'", "rails runner 'User.where(id: 5).first.destroy'"],
  },
  'rails/runner': {
    catches: [
      "RAILS_ENV=production bin/rails runner 'User.update_all(plan: 2)'",
      "bin/rails runner -e production 'Order.find(1).refund!'",
      "rails r 'puts 1'",
      "echo 'User.first.touch' | RAILS_ENV=production bin/rails c",
    ],
    passes: ['bin/rails runner --help', 'bin/rails console', 'bin/rails routes', 'bin/rails test'],
  },
  'rails/migrate': {
    catches: ['bin/rails db:migrate', 'heroku run rails db:migrate --app acme-prod', 'rake db:seed'],
    passes: ['bin/rails db:migrate:status', 'bin/rails routes', 'bin/rails test'],
  },
};
