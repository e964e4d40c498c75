// Capistrano: `cap <stage> <task>` runs the task on the stage's servers. A deploy or rollback to the
// production stage is a production write (the stage's name is the evidence).

import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import type { TargetSpec } from '../rules/targets.js';

/** Tasks that only look or set up this machine. */
const LOOK_ONLY = /^(doctor|install|deploy:check|deploy:log_revision:check|.*:status|.*:list|.*:print.*|.*:show.*)$/;

export const deploy = rule({
  id: 'capistrano/deploy',
  effect: 'write',
  severity: 'medium',
  programs: ['cap', 'capistrano'],
  summary: "runs Capistrano tasks on a stage's servers",
  consequence: 'The stage gets the new release (or the previous one, on rollback); for production that is the live site, migrations included.',
  alternatives: ['cap <stage> deploy:check first, and show a human which servers it reaches'],
  match(inv) {
    const p = parseOptions(inv.argv.slice(1), { value: ['-f', '--rakefile', '-s', '--set', '-r', '--roles', '-z', '--hosts', '-p', '--print'] });
    if (p.has('-T', '--tasks', '-h', '--help', '-V', '--version', '-n', '--dry-run', '-P', '--prereqs', '-D', '--describe')) return null;
    const [stage, ...tasks] = p.positionals.map((a) => a.text).filter((w) => !/^[A-Z_]+=/.test(w));
    if (!stage || !tasks.length || tasks.every((t) => LOOK_ONLY.test(t))) return null;
    return { target: stage, summary: `cap ${stage} ${tasks.join(' ')}` };
  },
});

export const pack = [deploy];

/** What its commands act on (src/rules/targets.ts): the stage is the first argument, read as every argument is. */
export const targets: TargetSpec = {};
