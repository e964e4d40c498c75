// Heroku: resetting databases and destroying apps and add-ons.

import { rule } from '../rules/rule.js';
import { subcommandRule, subcommandWords } from '../rules/subcommands.js';
import { type TargetSpec, names } from '../rules/targets.js';

export const destructive = subcommandRule({
  id: 'heroku/destructive',
  effect: 'destroy',
  severity: 'critical',
  programs: ['heroku'],
  paths: ['pg:reset', 'apps:destroy', 'apps:delete', 'destroy', 'pg:killall', 'pg:backups:delete', 'pg:backups:destroy', 'addons:destroy', 'addons:remove', 'redis:reset'],
  valueOptions: ['--app', '-a', '--confirm', '-r', '--remote'],
  summary: 'deletes a Heroku app, database contents or add-on',
  consequence: 'The app or add-on is deleted, or the Postgres database is emptied; Heroku keeps no copy unless a backup was captured.',
  alternatives: ['heroku pg:backups:capture first', 'heroku apps:info to show a human what it is'],
});

/** Heroku commands that only look. */
const READS =
  /(^|:)(info|list|ls|logs|status|whoami|open|help|version|diff|wait|outliers|locks|ps|credentials|url|psql)$|^(apps|addons|domains|releases|config|pg|ps|access|buildpacks|features|labs|pipelines|regions|spaces|stack|teams|webhooks|certs|drains|login|logout|auth:token|local|run|console)$/;

export const change = rule({
  id: 'heroku/change',
  effect: 'write',
  severity: 'medium',
  programs: ['heroku'],
  summary: 'changes a Heroku app',
  consequence: 'The running app, its configuration or its data services change.',
  alternatives: ['heroku apps:info and heroku releases to show a human the current state'],
  match(inv) {
    const { words } = subcommandWords(inv, ['--app', '-a', '--remote', '-r', '--confirm']);
    const sub = words[0];
    return sub && !READS.test(sub) ? { summary: `heroku ${sub}` } : null;
  },
});

export const pack = [destructive, change];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { options: { '--app': names.app, '-a': names.app } };
