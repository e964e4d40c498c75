// DigitalOcean: doctl deletes (its short aliases `rm` and `d` included).

import { subcommandWords } from '../rules/subcommands.js';
import { rule } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';

export const doctl = rule({
  id: 'digitalocean/delete',
  effect: 'destroy',
  severity: 'critical',
  programs: ['doctl'],
  summary: 'deletes DigitalOcean resources',
  consequence: 'Droplets, databases, volumes and their data are deleted.',
  alternatives: ['doctl … get to show a human what it is', 'take a snapshot first'],
  match(inv) {
    const { words, has } = subcommandWords(inv, ['--context', '-t', '--access-token', '-o', '--output', '--format']);
    if (has('--help', '-h')) return null;
    // Droplets taken out of a load balancer stop getting traffic at once.
    if (words.includes('load-balancer') && words.includes('remove-droplets')) return { severity: 'medium', target: words[words.indexOf('remove-droplets') + 1], summary: `doctl ${words.join(' ')}` };
    const verb = words.findIndex((w) => w === 'delete' || w === 'rm' || w === 'd' || w === 'del');
    return verb >= 1 ? { target: words.slice(verb + 1).join(' '), summary: `doctl ${words.join(' ')}` } : null;
  },
});

export const pack = [doctl];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = { options: { '--context': names.name } };
