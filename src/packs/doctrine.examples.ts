// Evidence for the rules in ./doctrine.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'doctrine/destructive': {
    catches: [
      'php bin/console doctrine:database:drop --force',
      'bin/console doctrine:schema:drop --force --full-database',
      'docker compose exec php bin/console doctrine:fixtures:load --no-interaction',
      'php bin/console doctrine:schema:update --force',
    ],
    passes: [
      'php bin/console doctrine:migrations:status',
      'php bin/console doctrine:schema:update --dump-sql',
      'bin/console doctrine:fixtures:load --append',
      'php bin/console doctrine:database:drop',
    ],
  },
};
