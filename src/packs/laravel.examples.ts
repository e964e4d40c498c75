// Evidence for the rules in ./laravel.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'laravel/artisan': {
    catches: [
      'php artisan migrate:fresh --force',
      'php artisan db:wipe --force',
      'php artisan migrate:refresh --seed --force',
      'php artisan migrate:rollback --step=1 --force',
      'php artisan tinker --execute=\'DB::table("users")->truncate()\'',
      './vendor/bin/sail artisan migrate:fresh',
    ],
    passes: ['php artisan migrate:status', 'php artisan migrate --force', 'php artisan route:list', "php artisan tinker --execute='User::count()'", 'php artisan migrate:fresh --help'],
  },
  'laravel/write': {
    catches: [
      'APP_ENV=production php artisan migrate --force',
      'php artisan migrate --env=production --force',
      'php artisan db:seed --class=PlansSeeder --force',
      'php artisan tinker --execute=\'User::query()->update(["plan" => 2])\'',
    ],
    passes: ['php artisan migrate:status --env=production', 'php artisan migrate --pretend --env=production', 'php artisan tinker', 'php artisan route:list', 'php artisan migrate --help'],
  },
};
