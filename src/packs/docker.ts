// Docker and Podman: volumes (where container data lives), system-wide prunes and resets.
// Containers themselves are disposable: `docker rm -f api-dev` is routine.

import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

const GLOBAL = { value: ['-H', '--host', '--context', '-c', '--config', '--log-level', '-l'] };

export const volumes = rule({
  id: 'docker/volumes',
  effect: 'destroy',
  severity: 'high',
  programs: ['docker', 'podman', 'nerdctl', 'docker-compose', 'podman-compose'],
  summary: 'deletes container volumes or resets the container engine',
  consequence: 'Volumes hold the data of databases and services run in containers; removing them deletes that data.',
  alternatives: ['docker volume ls and docker system df -v to show a human what would go', 'back up the volume first (docker run --rm -v vol:/v -v $PWD:/b alpine tar czf /b/vol.tgz /v)'],
  match(inv) {
    const global = parseOptions(inv.argv.slice(1), { ...GLOBAL, stopAtPositional: true });
    let args = inv.argv.slice(1 + global.rest);
    let compose = inv.program.endsWith('compose');
    if (args[0]?.text === 'compose') {
      compose = true;
      args = args.slice(1);
    }
    // For compose -f names a file; for docker itself -f means --force.
    const p = parseOptions(args, { value: compose ? ['-f', '--file', '-p', '--project-name', '--profile', '-t', '--timeout', '--rmi', '--env-file'] : ['--filter', '--format', '-t', '--time'] });
    const words = p.positionals.map((a) => a.text);
    if (compose) return words[0] === 'down' && p.has('-v', '--volumes') ? { target: p.value('-f', '--file') ?? 'the compose project', summary: "compose down -v deletes the project's volumes" } : null;
    const [a, b] = words;
    if (a === 'volume' && (b === 'rm' || b === 'remove')) return { target: words.slice(2).join(' ') };
    if (a === 'volume' && b === 'prune')
      return p.has('-a', '--all')
        ? { summary: 'docker volume prune --all deletes every unused volume, named ones included' }
        : { severity: 'medium', summary: 'docker volume prune deletes unused anonymous volumes' };
    if (a === 'system' && b === 'prune' && p.has('--volumes')) return { summary: 'docker system prune --volumes deletes unused volumes' };
    if (a === 'system' && b === 'reset') return { severity: 'critical', summary: `${inv.program} system reset deletes every container, image and volume` };
    if ((a === 'rm' || (a === 'container' && b === 'rm')) && p.has('-v', '--volumes')) return { summary: "docker rm -v also deletes the container's anonymous volumes" };
    const names = a === 'rm' ? p.positionals.slice(1) : [];
    if (names.some((n) => !n.static))
      return { severity: 'medium', summary: 'docker rm of containers listed at run time (typically all of them)', consequence: 'Every listed container and its writable layer is deleted.' };
    return null;
  },
});

export const pack = [volumes];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = {
  options: { '--context': names.name, '--host': names.host, '-f': names.file, '--file': names.file, '--profile': names.name, '-c': names.config, '--config': names.config },
};
