// Evidence for the rules in ./django.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'django/destructive-command': {
    catches: [
      'python manage.py flush --noinput',
      'python manage.py reset_db --noinput --router=default',
      'python3 manage.py migrate orders zero',
      "python manage.py shell -c 'from app.models import User; User.objects.all().delete()'",
      'django-admin flush --settings=prod',
    ],
    passes: [
      'python manage.py showmigrations',
      'python manage.py migrate',
      'python manage.py migrate orders 0004',
      "python manage.py shell -c 'print(User.objects.count())'",
      'python manage.py flush --help',
    ],
  },
};
