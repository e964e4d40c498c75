// Evidence for the rules in ./heroku.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'heroku/destructive': {
    catches: ['heroku pg:reset DATABASE_URL --app acme-prod --confirm acme-prod', 'heroku apps:destroy --app acme-prod --confirm acme-prod', 'heroku addons:destroy heroku-postgresql'],
    passes: ['heroku pg:backups:capture --app acme-prod', 'heroku logs --tail', 'heroku apps:info'],
  },
  'heroku/change': {
    catches: ['heroku pg:backups:capture --app acme-prod', 'heroku config:set X=1 -a acme', 'heroku ps:scale web=0 -a acme', 'heroku releases:rollback v12 -a acme'],
    passes: ['heroku logs --tail -a acme', 'heroku apps:info -a acme', 'heroku pg:info', 'heroku run bash -a acme'],
  },
};
