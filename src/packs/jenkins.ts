// Jenkins through its CLI (`java -jar jenkins-cli.jar -s URL delete-job x`): deleting jobs, builds,
// nodes, views and credentials, and Groovy run on the controller. The REST spelling
// (`POST …/job/x/doDelete`) is the http-api pack's.

import type { Invocation } from '../core/invocation.js';
import { parseOptions, type ParsedOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names, variableTargets } from '../rules/targets.js';

/** The CLI's own options (single-dash words, `-auth user:token`) that take a value. */
const CLI_VALUES = ['-s', '-auth', '-bearer', '-i', '-p', '-user', '-logger'];

/** The words after `java … -jar jenkins-cli.jar` (or after a `jenkins-cli` wrapper), parsed; null for any other program. */
function jenkinsCli(inv: Invocation): ParsedOptions | null {
  let start = 1;
  if (inv.program === 'java') {
    const jar = inv.argv.findIndex((a) => a.text === '-jar');
    if (jar < 0 || !/(^|\/)jenkins-cli[^/]*\.jar$/.test(inv.argv[jar + 1]?.text ?? '')) return null;
    start = jar + 2;
  }
  return parseOptions(inv.argv.slice(start), { value: CLI_VALUES, singleDashWords: true });
}

/** CLI commands that only look. */
const READS = /^(list-|get-|who-am-i$|help$|version$|session-id$|console$|wait-node-|keep-build$|list$|import-credentials-as-xml$)/;

export const jenkinsDelete = rule({
  id: 'jenkins/delete',
  effect: 'destroy',
  severity: 'high',
  programs: ['java', 'jenkins-cli'],
  summary: 'deletes Jenkins jobs, builds, nodes, views or credentials',
  consequence: "A deleted job takes its configuration and every build's history, logs and artifacts; deleted credentials break every job that uses them.",
  alternatives: ['jenkins-cli get-job <job> to save its configuration first', 'disable-job instead of delete-job'],
  match(inv) {
    const p = jenkinsCli(inv);
    if (!p) return null;
    const [command, ...rest] = p.positionals.map((a) => a.text);
    if (!command || p.has('-help', '--help') || READS.test(command)) return null;
    const what = `jenkins-cli ${[command, ...rest.slice(0, 2)].join(' ')}`;
    if (/^delete-/.test(command)) return { severity: command === 'delete-job' || command === 'delete-credentials' ? 'critical' : 'high', target: rest[0], summary: what };
    // A Groovy script on the controller can do anything Jenkins can.
    if (command === 'groovy' || command === 'groovysh')
      return {
        effect: 'unknown',
        severity: 'high',
        summary: `${what}: runs Groovy on the Jenkins controller`,
        consequence: 'The script runs with the controller’s full rights: it can delete any job, build or credential.',
      };
    return {
      effect: 'write',
      severity: /restart|shutdown/.test(command) ? 'high' : 'medium',
      target: rest[0],
      summary: what,
      consequence: 'Jobs, nodes or the controller change state; builds may start, stop or wait.',
    };
  },
});

export const pack = [jenkinsDelete];

/** What its commands act on (src/rules/targets.ts): the controller's URL, given with -s or in JENKINS_URL. */
export const targets: TargetSpec = {
  options: { '-s': names.url },
  singleDashWords: true,
  of: (inv) => variableTargets(inv, { JENKINS_URL: names.url }),
};
