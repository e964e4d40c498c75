// Code whose effect can't be known before it runs: a command name built at run time, a shell fed by
// `curl`, `eval` of a computed string, a script airlock cannot read. Unknown is held, never allowed.

import { rule } from '../rules/rule.js';

export const dynamicCommand = rule({
  id: 'shell/dynamic-command',
  effect: 'unknown',
  severity: 'high',
  summary: 'the command name is computed at run time',
  consequence: 'Which program runs depends on values airlock cannot see, so it could be anything.',
  alternatives: ['write the command out literally'],
  match(inv) {
    const first = inv.argv[0];
    return !!first && !first.static ? { target: first.text, summary: `the command name \`${first.text}\` is computed at run time` } : null;
  },
});

export const opaque = rule({
  id: 'shell/opaque-code',
  effect: 'unknown',
  severity: 'high',
  summary: 'runs code that cannot be seen before it runs',
  consequence: 'The code could do anything, including deleting data; airlock cannot read it, so it is held.',
  alternatives: ['download or decode it to a file first, and show the file to a human', 'run the commands it contains directly'],
  match(inv) {
    return inv.opaque ? { summary: inv.opaque } : null;
  },
});

/** bash's own network files: `/dev/tcp/host/port` and `/dev/udp/host/port`. */
const NETWORK_FILE = /^\/dev\/(tcp|udp)\/[^/]+\/[^/]+$/;

export const networkRedirect = rule({
  id: 'shell/network-redirect',
  effect: 'unknown',
  severity: 'high',
  summary: "sends data to a network service through bash's /dev/tcp",
  consequence: 'bash connects to the host and port and writes to it: whatever listens there (a database, a remote shell) acts on it, and airlock cannot see what that does.',
  alternatives: ["use the service's own client (redis-cli, psql, curl), so the request can be read and approved"],
  match(inv) {
    // Writing, or opening for reading and writing (`exec 3<>/dev/tcp/…`); reading alone only receives.
    const sent = inv.redirects.find((r) => r.op !== '<' && r.op !== '<<<' && NETWORK_FILE.test(r.target.text));
    return sent ? { target: sent.target.text, summary: `writes to ${sent.target.text}, a network connection bash opens` } : null;
  },
});

export const pack = [dynamicCommand, opaque, networkRedirect];
