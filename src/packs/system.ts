// System administration: shutting remote hosts down, stopping database services, stopping the web servers
// and load balancers of remote hosts, draining HAProxy servers through its Runtime API, removing cron jobs.

import type { Invocation } from '../core/invocation.js';
import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';
import type { TargetSpec } from '../rules/targets.js';

const DATABASE_SERVICES =
  /^(postgres(ql)?(@.*)?|mysql(d)?|mariadb|mongod(b)?|redis(-server)?|valkey|elasticsearch|opensearch|cassandra|clickhouse-server|etcd|kafka|rabbitmq-server|docker|containerd|kubelet)(\.service)?$/;

/** systemctl's options that take a value, so `systemctl -H web1 stop nginx` is read as stop. */
const SYSTEMCTL_VALUES = [
  '-H',
  '--host',
  '-M',
  '--machine',
  '-p',
  '--property',
  '-t',
  '--type',
  '-s',
  '--signal',
  '--state',
  '-n',
  '--lines',
  '-o',
  '--output',
  '--root',
  '--kill-whom',
  '--what',
  '--job-mode',
  '--when',
];

/** The verb and units of a `systemctl VERB UNIT…` or `service UNIT VERB`, and the host `systemctl -H` runs it on. */
function serviceCommand(inv: Invocation): { verb: string | undefined; units: string[]; host: string | undefined } {
  const p = parseOptions(inv.argv.slice(1), { value: inv.program === 'systemctl' ? SYSTEMCTL_VALUES : [] });
  const words = p.positionals.map((a) => a.text);
  if (inv.program === 'service') return { verb: words[1], units: words.slice(0, 1), host: undefined };
  // -H user@host runs it there over ssh.
  return { verb: words[0], units: words.slice(1), host: p.value('-H', '--host')?.replace(/^[^@]*@/, '') };
}

/** The host a command runs on, behind `ssh host` or by `systemctl -H host`, and its arguments; null on this machine or for --help. */
function onRemoteHost(inv: Invocation): { host: string; args: string[] } | null {
  const host = inv.via.find((v) => v.startsWith('ssh '))?.slice(4) ?? (inv.program === 'systemctl' ? serviceCommand(inv).host : undefined);
  const args = inv.argv.slice(1).map((a) => a.text);
  return host === undefined || args.includes('--help') ? null : { host, args };
}

export const shutdown = rule({
  id: 'system/remote-shutdown',
  effect: 'destroy',
  severity: 'high',
  programs: ['shutdown', 'reboot', 'poweroff', 'halt', 'init', 'systemctl'],
  summary: 'shuts down or reboots a remote host',
  consequence: 'Everything on the host stops; unsaved work and in-flight requests are lost, and it may not come back by itself.',
  alternatives: ['ask the human to schedule it'],
  match(inv) {
    const remote = onRemoteHost(inv);
    // shutdown -c cancels a pending shutdown.
    if (!remote || remote.args.includes('-c')) return null;
    const { host, args } = remote;
    if (inv.program === 'systemctl') return ['poweroff', 'reboot', 'halt', 'kexec'].includes(serviceCommand(inv).verb ?? '') ? { target: host } : null;
    if (inv.program === 'init') return args[0] === '0' || args[0] === '6' ? { target: host } : null;
    return { target: host };
  },
});

export const stopDatabase = rule({
  id: 'system/stop-database',
  effect: 'destroy',
  severity: 'medium',
  programs: ['systemctl', 'service'],
  summary: 'stops or disables a database service',
  consequence: 'Everything that depends on it fails until it is started again; disabled or masked, it stays down after a reboot.',
  alternatives: ['ask the human; restart instead if the goal is to reload configuration'],
  match(inv) {
    const { verb, units } = serviceCommand(inv);
    if (!verb || !['stop', 'disable', 'mask', 'kill'].includes(verb)) return null;
    const db = units.filter((u) => DATABASE_SERVICES.test(u));
    return db.length ? { target: db.join(' ') } : null;
  },
});

const WEB_SERVICES = /^(nginx|openresty|haproxy|apache2|httpd|caddy|traefik|envoy|varnish|lighttpd|keepalived|kong)(\.service)?$/;

export const stopWebServer = rule({
  id: 'system/stop-web-server',
  effect: 'destroy',
  severity: 'medium',
  programs: ['systemctl', 'service', 'nginx', 'openresty', 'apachectl', 'apache2ctl', 'httpd', 'caddy', 'haproxy'],
  summary: "stops a remote host's web server, proxy or load balancer",
  consequence: 'Every site and API behind it stops answering until someone starts it again; disabled or masked, it stays down after a reboot.',
  alternatives: ['reload instead (systemctl reload nginx, nginx -s reload) if the goal is new configuration', 'ask the human, who can take the host out of rotation first'],
  match(inv) {
    // On the developer's own machine a stopped nginx is their own business; on a host behind ssh it is the service.
    const remote = onRemoteHost(inv);
    if (!remote || remote.args.includes('-h')) return null;
    const { host, args } = remote;
    if (inv.program === 'systemctl' || inv.program === 'service') {
      const { verb, units } = serviceCommand(inv);
      if (!verb || !['stop', 'disable', 'mask', 'kill'].includes(verb)) return null;
      const web = units.filter((u) => WEB_SERVICES.test(u));
      return web.length ? { target: host, summary: `${inv.program} ${verb} ${web.join(' ')} on ${host}` } : null;
    }
    const signal = args[args.indexOf('-s') + 1];
    if ((inv.program === 'nginx' || inv.program === 'openresty') && args.includes('-s') && (signal === 'stop' || signal === 'quit'))
      return { target: host, summary: `${inv.program} -s ${signal} on ${host}` };
    if (
      ['apachectl', 'apache2ctl', 'httpd'].includes(inv.program) &&
      (args.includes('stop') || args.includes('graceful-stop') || args.join(' ').includes('-k stop') || args.join(' ').includes('-k graceful-stop'))
    )
      return { target: host, summary: `${inv.program} stops Apache on ${host}` };
    if (inv.program === 'caddy' && args[0] === 'stop') return { target: host, summary: `caddy stop on ${host}` };
    return null;
  },
});

/** HAProxy Runtime API commands that take servers out of rotation, cut their connections, or clear tables and maps. */
const HAPROXY_RUNTIME =
  /^\s*(disable\s+(server|frontend|backend)|shutdown\s+(sessions|session|frontend)|set\s+server\s+\S+\s+state\s+(maint|drain)|set\s+weight\s+\S+\s+0%?\s*$|del\s+(server|map|acl)|clear\s+(table|map|acl))\b.*$/im;

export const haproxyRuntime = rule({
  id: 'system/haproxy-runtime',
  effect: 'destroy',
  severity: 'medium',
  programs: ['socat', 'nc', 'ncat', 'netcat'],
  summary: "takes HAProxy's servers out of rotation or clears its tables through the Runtime API",
  consequence: 'The load balancer stops sending traffic to the server (or drops its sessions, or forgets stick-table and map entries) at once; the last healthy backend out means the service is down.',
  alternatives: ['show servers state first, and ask the human before draining anything', 'drain one server at a time and check it with show stat'],
  match(inv) {
    const s = inv.stdin;
    const text = s.kind === 'text' ? s.text : s.kind === 'pipe' ? (s.pieces ?? []).map((x) => x.text ?? '').join('\n') : '';
    const command = HAPROXY_RUNTIME.exec(text);
    if (!command) return null;
    const socket = inv.argv.slice(1).find((a) => /sock|:\d+$|^(unix|tcp4?|tcp6)-connect:/i.test(a.text))?.text ?? '';
    return { target: onRemoteHost(inv)?.host ?? socket, summary: `HAProxy Runtime API: ${command[0].trim()}` };
  },
});

export const crontabRemove = rule({
  id: 'system/crontab-remove',
  effect: 'destroy',
  severity: 'medium',
  programs: ['crontab'],
  summary: 'removes every cron job of the user',
  consequence: 'The whole crontab is deleted; cron keeps no copy, so the jobs are gone unless someone saved them.',
  alternatives: ['crontab -l > crontab.bak first, then edit out only the job that must go', 'ask the human'],
  match(inv) {
    const p = parseOptions(inv.argv.slice(1), { value: ['-u', '-n', '-x'] });
    return p.has('-r') ? { target: p.value('-u') ? `crontab of ${p.value('-u')}` : 'crontab' } : null;
  },
});

export const pack = [shutdown, stopDatabase, stopWebServer, haproxyRuntime, crontabRemove];

/** What its commands act on (src/rules/targets.ts): the host `systemctl -H` runs on (a host behind ssh is the wrapper's argument). */
export const targets: TargetSpec = {
  of(inv) {
    const host = inv.program === 'systemctl' ? serviceCommand(inv).host : undefined;
    return host ? [{ type: 'name', kind: 'name', value: host, source: 'systemctl -H' }] : [];
  },
};
