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
  'django/write': {
    catches: [
      'python manage.py migrate --settings=app.settings.production',
      "python manage.py shell --settings=app.settings.production -c 'User.objects.filter(id=1).update(plan=2)'",
      'DJANGO_SETTINGS_MODULE=app.settings.production python manage.py loaddata plans.json',
      'python manage.py collectstatic --noinput',
      'django-admin migrate --settings=app.settings.prod',
    ],
    passes: [
      'python manage.py showmigrations --settings=app.settings.production',
      'python manage.py migrate --plan --settings=app.settings.production',
      'python manage.py check --deploy',
      'python manage.py shell',
      'python manage.py migrate --help',
    ],
  },
};
