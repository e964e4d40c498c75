// Evidence for the rules in ./alembic.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'alembic/downgrade': {
    catches: ['alembic downgrade base', 'alembic downgrade -1', 'alembic -c prod.ini downgrade 3f2a'],
    passes: ['alembic upgrade head', 'alembic revision --autogenerate -m "add orders index"', 'alembic downgrade base --sql', 'alembic history'],
  },
};
