// Heroku: resetting databases and destroying apps and add-ons.

import { subcommandRule } from '../rules/subcommands.js';

export const destructive = subcommandRule({
  id: 'heroku/destructive',
  effect: 'destroy',
  severity: 'critical',
  programs: ["heroku"],
  paths: ["pg:reset", "apps:destroy", "apps:delete", "destroy", "pg:killall", "pg:backups:delete", "pg:backups:destroy", "addons:destroy", "addons:remove", "redis:reset"],
  valueOptions: ["--app", "-a", "--confirm", "-r", "--remote"],
  summary: "deletes a Heroku app, database contents or add-on",
  consequence: "The app or add-on is deleted, or the Postgres database is emptied; Heroku keeps no copy unless a backup was captured.",
  alternatives: ["heroku pg:backups:capture first", "heroku apps:info to show a human what it is"],
  catches: ["heroku pg:reset DATABASE_URL --app acme-prod --confirm acme-prod", "heroku apps:destroy --app acme-prod --confirm acme-prod", "heroku addons:destroy heroku-postgresql"],
  passes: ["heroku pg:backups:capture --app acme-prod", "heroku logs --tail", "heroku apps:info"],
});

export const pack = [destructive];
