// Project tasks whose definition can't be read (no package.json, Makefile or justfile here): judged by
// name. `db:reset`, `nuke` and `teardown` are held; `test`, `build`, `lint` and `dev` are not.

import { soundsDestructive } from '../analyze/project-scripts.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec } from '../rules/targets.js';

export const destructiveName = rule({
  id: 'scripts/destructive-name',
  effect: 'unknown',
  severity: 'high',
  summary: 'runs a project task airlock cannot read, whose name says it destroys data',
  consequence: 'Tasks named like this usually drop, reset or delete data; without its definition airlock cannot tell what this one does.',
  alternatives: ['show the task definition (package.json, Makefile, justfile) to a human first', 'run the commands it contains directly, so they can be checked'],
  match(inv) {
    const task = inv.unresolvedTask;
    if (!task || !soundsDestructive(task.name)) return null;
    return { target: task.name, summary: `${task.tool} task \`${task.name}\` could not be read, and its name says it destroys data` };
  },
});

export const pack = [destructiveName];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { acts: ['database'] };
